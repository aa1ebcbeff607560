"""The `mesbox` command (docs/contrat.md §8): exit 0 nothing wrong, 1 content errors, 2 misuse; every format; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FICHE, VALID_FILES, replace

from mesbox.cli.main import main

MESBOX = Path(sys.executable).with_name("mesbox")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a contributor or CI runs it."""
    command = [str(MESBOX)] if MESBOX.exists() else [sys.executable, "-m", "mesbox"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=60, cwd=cwd, check=False)


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mesbox", *args], capture_output=True, text=True, timeout=60, check=False)


def no_traceback(done: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in done.stdout + done.stderr


def break_one_theme(root: Path) -> None:
    replace(root, FICHE, "themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]")


EXPECTED = f"{FICHE}:9:30: E104 thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?"


def test_check_ok_exits_0(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(valid_repo)]) == 0
    assert capsys.readouterr().out.strip() == f"Aucune erreur : {len(VALID_FILES)} fichiers vérifiés."


def test_check_errors_exit_1(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_one_theme(valid_repo)
    assert main(["check", str(valid_repo)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == EXPECTED
    assert "1 erreur dans 1 fichier" in out


def test_check_defaults_to_the_current_folder(valid_repo: Path) -> None:
    """`mesbox check` with no ROOT checks `.`."""
    assert run("check", cwd=valid_repo).returncode == 0
    break_one_theme(valid_repo)
    done = run("check", cwd=valid_repo)
    assert done.returncode == 1 and EXPECTED in done.stdout


def test_json_format_parses_and_matches_the_issues(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_one_theme(valid_repo)
    assert main(["check", str(valid_repo), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["files"] == len(VALID_FILES)
    assert data["counts"] == {"E104": 1}
    assert [(e["file"], e["line"], e["col"], e["code"]) for e in data["errors"]] == [(FICHE, 9, 30, "E104")]


def test_json_format_of_a_valid_repository(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(valid_repo), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "files": len(VALID_FILES), "counts": {}, "errors": []}


def test_github_format(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_one_theme(valid_repo)
    assert main(["check", str(valid_repo), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith(f"::error file={FICHE},line=9,col=30,title=E104::E104 thème inconnu")


def test_github_format_writes_the_job_summary(
    valid_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With GITHUB_STEP_SUMMARY set, every error is appended there too; the annotations stay."""
    step_summary = tmp_path / "resume.md"
    step_summary.write_text("étape précédente\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    break_one_theme(valid_repo)
    assert main(["check", str(valid_repo), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=")
    written = step_summary.read_text(encoding="utf-8")
    assert written.startswith("étape précédente\n## Vérification du contenu")
    assert f"| {FICHE} | 9 | 30 | E104 | thème inconnu « cooperaton »" in written
    assert main(["check", str(valid_repo), "--format", "text"]) == 1
    assert step_summary.read_text(encoding="utf-8") == written  # only the github format writes it


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_subprocess_exit_codes_in_every_format(valid_repo: Path, fmt: str) -> None:
    """The real executable: 0 on the valid fixture, 1 once broken, parseable JSON, no traceback."""
    ok = run("check", str(valid_repo), "--format", fmt)
    assert ok.returncode == 0 and no_traceback(ok)
    break_one_theme(valid_repo)
    bad = run("check", str(valid_repo), "--format", fmt)
    assert bad.returncode == 1 and no_traceback(bad)
    if fmt == "json":
        assert json.loads(bad.stdout)["counts"] == {"E104": 1}
    else:
        assert "E104" in bad.stdout


def test_python_dash_m_is_the_same_command(valid_repo: Path) -> None:
    break_one_theme(valid_repo)
    done = run_module("check", str(valid_repo))
    assert done.returncode == 1 and EXPECTED in done.stdout and no_traceback(done)


@pytest.mark.parametrize(
    "args",
    [["check", "--format", "xml"], ["nouvelle"], ["new", "blog", "Titre"], ["new", "fiches"], ["check", "--inconnue"], ["export", "--out"]],
)
def test_misuse_exits_2_in_process(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """argparse misuse: exit status 2, a French usage message on stderr, nothing on stdout."""
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert "mesbox : erreur :" in captured.err and captured.out == ""


def test_no_command_prints_help_and_returns_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "check" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["check", "--format", "xml"], ["nouvelle"], [], ["new", "blog", "Titre"]])
def test_misuse_exits_2_in_a_subprocess(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2 and no_traceback(done)


def test_absent_path_or_file_outside_a_repository_exits_2(tmp_path: Path) -> None:
    """A path that is not there, or a file in no repository, is a usage error, not "content errors"."""
    lone = tmp_path / "fichier.md"
    lone.write_text("x", encoding="utf-8")
    for path, message in ((tmp_path / "absent", "n'existe pas"), (lone, "aucun dépôt mesbox")):
        done = run("check", str(path))
        assert done.returncode == 2, path
        assert message in done.stderr and no_traceback(done)
    assert main(["check", str(tmp_path / "absent")]) == 2
    with pytest.raises(SystemExit) as exited:
        main(["new", "fiches", "Titre", "--root", str(tmp_path / "absent")])
    assert exited.value.code == 2


def test_check_from_a_subfolder_finds_the_repository(valid_repo: Path) -> None:
    """Run in fiches/ with no path: the whole repository is checked, vocabularies found."""
    break_one_theme(valid_repo)
    done = run("check", cwd=valid_repo / "fiches" / "methodes")
    assert done.returncode == 1 and EXPECTED in done.stdout and "E301" not in done.stdout
    assert f"sur {len(VALID_FILES)}" in done.stdout


def test_check_given_files_reports_only_theirs(valid_repo: Path) -> None:
    break_one_theme(valid_repo)
    others = run("check", "initiative-solidaire.md", "methodes", cwd=valid_repo / "fiches")
    assert others.returncode == 1 and others.stdout.splitlines()[0] == EXPECTED
    clean = run("check", "methodes", "../taxonomies/themes.yml", "../LICENSE", cwd=valid_repo / "fiches")
    assert clean.returncode == 2 and "n'existe pas" in clean.stderr
    (valid_repo / "notes.txt").write_text("x", encoding="utf-8")
    clean = run("check", "methodes", "../taxonomies/themes.yml", "../notes.txt", cwd=valid_repo / "fiches")
    assert clean.returncode == 0 and clean.stdout.strip() == "Aucune erreur : 2 fichiers vérifiés."
    assert "« notes.txt » ignoré" in clean.stderr


def test_new_from_a_subfolder_writes_in_the_repository(valid_repo: Path) -> None:
    """`mesbox new` run inside fiches/ finds the repository, as `mesbox check` does: no fiches/fiches/."""
    done = run("new", "fiches", "Une fiche écrite depuis un sous-dossier", "--kind", "outil", cwd=valid_repo / "fiches")
    assert done.returncode == 0, done.stderr
    created = [p for p in valid_repo.rglob("une-fiche-ecrite-depuis-un-sous-dossier.md")]
    assert len(created) == 1 and created[0].relative_to(valid_repo).parts[0] == "fiches"
    assert not (valid_repo / "fiches" / "fiches").exists()


def test_new_writes_then_refuses(valid_repo: Path) -> None:
    first = run("new", "fiche", "Une nouvelle fiche", "--kind", "projet", "--root", str(valid_repo))
    assert first.returncode == 0 and "fiches/projets/une-nouvelle-fiche.md" in first.stdout
    assert (valid_repo / "fiches" / "projets" / "une-nouvelle-fiche.md").is_file()
    assert run("check", str(valid_repo)).returncode == 1  # placeholders left
    again = run("new", "fiches", "Une nouvelle fiche", "--kind", "outil", "--root", str(valid_repo))
    assert again.returncode == 2 and "déjà pris" in again.stderr and no_traceback(again)


def test_new_with_a_bad_title_exits_2(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "fiches", "ab", "--kind", "outil", "--root", str(valid_repo)]) == 2
    assert "3 à 150 caractères" in capsys.readouterr().err


def test_export_exit_codes(valid_repo: Path, tmp_path: Path) -> None:
    """`export` writes the data and, like `check`, exits 1 when the content has errors."""
    out = tmp_path / "donnees"
    assert main(["export", "--root", str(valid_repo), "--out", str(out)]) == 0
    assert json.loads((out / "catalogue.json").read_text(encoding="utf-8"))
    break_one_theme(valid_repo)
    assert main(["export", "--root", str(valid_repo), "--out", str(out)]) == 1


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("mesbox ")


def test_broken_pipe_is_quiet(valid_repo: Path) -> None:
    """`mesbox check --format json | head -c 1`: the reader leaving early is not an error of ours."""
    command = f"{sys.executable} -m mesbox check {valid_repo} --format json | head -c 1"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60, env={**os.environ}, check=False)
    assert done.stdout == "{"
    assert "Traceback" not in done.stderr


def test_jobs_option_gives_the_same_answer(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_one_theme(valid_repo)
    outputs = []
    for jobs in ("1", "0", "2"):
        assert main(["check", "--jobs", jobs, str(valid_repo)]) == 1
        outputs.append(capsys.readouterr().out)
    assert EXPECTED in outputs[0] and outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("value", ["x", "-1", "1.5"])
def test_jobs_must_be_a_whole_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--jobs", value])
    assert exited.value.code == 2
    assert "nombre entier" in capsys.readouterr().err
