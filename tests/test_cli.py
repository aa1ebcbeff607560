"""The `mesbox` command: exit codes 0/1/2, formats, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import replace

from mesbox.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mesbox", *args], capture_output=True, text=True, timeout=120)


def test_check_ok_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(repo)]) == 0
    assert "Aucune erreur : 15 fichiers vérifiés." in capsys.readouterr().out


def test_check_errors_exit_1_in_every_format(repo: Path) -> None:
    replace(repo, "fiches/initiative-solidaire.md", "themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]")
    text = run("check", str(repo))
    assert text.returncode == 1
    assert "fiches/initiative-solidaire.md:8:30: E104 thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?" in text.stdout
    github = run("check", str(repo), "--format", "github")
    assert github.returncode == 1 and github.stdout.startswith("::error file=fiches/initiative-solidaire.md,line=8,col=30,title=E104::")
    as_json = run("check", str(repo), "--format", "json")
    assert as_json.returncode == 1 and json.loads(as_json.stdout)["counts"] == {"E104": 1}
    for done in (text, github, as_json):
        assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("args", [["check", "--format", "xml"], ["nouvelle"], [], ["new", "blog", "Titre"]])
def test_misuse_exits_2(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_missing_root_exits_2(tmp_path: Path) -> None:
    done = run("check", str(tmp_path / "absent"))
    assert done.returncode == 2 and "n'est pas un dossier" in done.stderr


def test_new_writes_then_refuses(repo: Path) -> None:
    first = run("new", "fiches", "Une nouvelle fiche", "--root", str(repo))
    assert first.returncode == 0 and "fiches/une-nouvelle-fiche.md" in first.stdout
    again = run("new", "fiches", "Une nouvelle fiche", "--root", str(repo))
    assert again.returncode == 2 and "déjà pris" in again.stderr


def test_export_writes_data(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "donnees"
    assert main(["export", "--root", str(repo), "--out", str(out)]) == 0
    assert json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["entries"]
    replace(repo, "fiches/initiative-solidaire.md", "kind: thematique", "kind: autre")
    assert main(["export", "--root", str(repo), "--out", str(out)]) == 1
    ids = [e["id"] for e in json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["entries"]]
    assert "initiative-solidaire" not in ids and "seminaire" in ids


def test_broken_pipe_is_quiet(repo: Path) -> None:
    done = subprocess.run(f"{sys.executable} -m mesbox check {repo} --format json | head -c 1", shell=True, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr
