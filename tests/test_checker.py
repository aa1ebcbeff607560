"""`check(root)`: every rule in one run, issues sorted, the catalogue of what is valid, nothing left behind."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ENTRY, FICHE, MONO, STORY, THEMES, VALID_FILES, replace, write

from mesbox.checking.checker import CheckResult, check
from mesbox.contract.issues import CODES


def test_valid_repository_is_ok(valid_repo: Path) -> None:
    """The fixture is valid: no issue, every file counted, the catalogue built."""
    result = check(valid_repo)
    assert isinstance(result, CheckResult)
    assert result.issues == []
    assert result.ok
    assert result.files == len(VALID_FILES)
    assert len(result.catalogue.entries) == 6 and len(result.catalogue.drafts) == 1
    assert result.counts() == {}


def test_errors_everywhere_are_all_reported_sorted(valid_repo: Path) -> None:
    """Errors in several files: every one reported, sorted by file, then line, then column."""
    replace(valid_repo, FICHE, "kind: thematique", "kind: autre\nthemse: []")
    replace(valid_repo, MONO, "related: [initiative-solidaire]", "related: [nulle-part]")
    replace(valid_repo, STORY, "themes: [emploi]", "themes: [emploi, emploi, inconnu]")
    write(valid_repo, THEMES, VALID_FILES[THEMES] + "- id: inutilise\n  label: X\n")
    write(valid_repo, "fiches/vide.md", "---\n---\n")
    result = check(valid_repo)
    paths = [i.path for i in result.issues]
    assert set(paths) == {FICHE, MONO, STORY, THEMES, "fiches/vide.md"}
    assert result.issues == sorted(result.issues)
    assert [(i.path, i.line, i.col) for i in result.issues] == sorted((i.path, i.line, i.col) for i in result.issues)
    assert result.counts()["E101"] == 6
    assert {i.code for i in result.issues} == {"E101", "E102", "E103", "E104", "E105", "E301"}
    assert not result.ok


def test_issue_shape_and_text(valid_repo: Path) -> None:
    """`file:line:col: CODE message`, the line the contract shows."""
    replace(valid_repo, FICHE, "themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]")
    (issue,) = check(valid_repo).issues
    assert str(issue) == f"{FICHE}:9:30: E104 thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?"
    assert issue.as_dict() == {"file": FICHE, "line": 9, "col": 30, "code": "E104", "message": issue.message}
    assert issue.code in CODES


def test_checking_writes_nothing_into_the_repository(valid_repo: Path) -> None:
    """No file added, removed or changed by a check, its cache included (kept in the user's cache folder)."""
    replace(valid_repo, MONO, "related: [initiative-solidaire]", "related: [nulle-part]")

    def files() -> dict[str, bytes]:
        return {p.relative_to(valid_repo).as_posix(): p.read_bytes() for p in valid_repo.rglob("*") if p.is_file()}

    before = files()
    assert len(check(valid_repo).issues) == len(check(valid_repo, catalogue=False, cache=True).issues) == 1
    assert files() == before


def test_the_same_report_in_every_process(valid_repo: Path) -> None:
    """String hashing changes with PYTHONHASHSEED: two fresh interpreters with two seeds report the same
    errors, suggestions included, in the same order, as this process does."""
    replace(valid_repo, FICHE, "themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton, emploi, emploi]")
    replace(valid_repo, MONO, "related: [initiative-solidaire]", "related: [initiative-solidair, nulle-part]")
    replace(valid_repo, STORY, "territories: [plateau]", "territories: [plateua, colombele]")
    code = "import sys; from mesbox.cli.main import main; sys.exit(main(['check', '--format', 'json', '--no-cache', sys.argv[1]]))"
    reports = [
        subprocess.run(
            [sys.executable, "-c", code, str(valid_repo)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        for seed in ("1", "2")
    ]
    assert [r.returncode for r in reports] == [1, 1] and reports[0].stdout == reports[1].stdout
    errors = json.loads(reports[0].stdout)["errors"]
    assert errors == [issue.as_dict() for issue in check(valid_repo).issues] and len(errors) >= 6
    assert sum("vouliez-vous dire" in error["message"] for error in errors) >= 3


def test_garbage_collector_is_restored(valid_repo: Path) -> None:
    """`check` pauses the cyclic collector for speed and must give it back, even when it fails."""
    assert gc.isenabled()
    check(valid_repo)
    assert gc.isenabled()
    gc.disable()
    try:
        check(valid_repo)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_empty_folder_reports_missing_vocabularies(tmp_path: Path) -> None:
    """A folder without taxonomies is not a valid repository: one E301 per vocabulary file."""
    result = check(tmp_path)
    assert [(i.code, i.path) for i in result.issues] == [
        ("E301", "taxonomies/actors.yml"),
        ("E301", "taxonomies/methods.yml"),
        ("E301", "taxonomies/territories.yml"),
        ("E301", "taxonomies/themes.yml"),
    ]
    assert result.files == 4


def test_invalid_entry_stays_out_of_the_catalogue(valid_repo: Path) -> None:
    """A published entry with errors gets no page: the catalogue holds only valid entries."""
    write(valid_repo, "fiches/casse.md", ENTRY.replace("kind: outil", "kind: autre"))
    result = check(valid_repo)
    assert [i.path for i in result.issues] == ["fiches/casse.md"]
    assert "casse" not in result.catalogue.entries
