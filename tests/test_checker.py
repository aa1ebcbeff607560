"""`check(root)`: every rule in one run, issues sorted, the catalogue of what is valid, nothing left behind."""

from __future__ import annotations

import gc
from pathlib import Path

from conftest import ENTRY, FICHE, MONO, STORY, THEMES, VALID_FILES, replace, write

from mesbox.checking.checker import CheckResult, check
from mesbox.contract.issues import CODES, Issue


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


def test_check_is_repeatable_and_does_not_change_files(valid_repo: Path) -> None:
    """Two runs give the same issues; checking writes nothing into the repository."""
    replace(valid_repo, MONO, "related: [initiative-solidaire]", "related: [nulle-part]")
    before = sorted(p.relative_to(valid_repo).as_posix() for p in valid_repo.rglob("*"))
    first, second = check(valid_repo).issues, check(valid_repo).issues
    assert first == second and len(first) == 1
    assert sorted(p.relative_to(valid_repo).as_posix() for p in valid_repo.rglob("*")) == before


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
        ("E301", "taxonomies/actors.yml"), ("E301", "taxonomies/methods.yml"),
        ("E301", "taxonomies/territories.yml"), ("E301", "taxonomies/themes.yml"),
    ]
    assert result.files == 4


def test_invalid_entry_stays_out_of_the_catalogue(valid_repo: Path) -> None:
    """A published entry with errors gets no page: the catalogue holds only valid entries."""
    write(valid_repo, "fiches/casse.md", ENTRY.replace("kind: outil", "kind: autre"))
    result = check(valid_repo)
    assert [i.path for i in result.issues] == ["fiches/casse.md"]
    assert "casse" not in result.catalogue.entries


def test_issue_ordering_is_by_file_then_line() -> None:
    """The dataclass order is the report order."""
    issues = [Issue("b.md", 1, 1, "E101", "x"), Issue("a.md", 10, 1, "E101", "x"), Issue("a.md", 2, 5, "E102", "x"), Issue("a.md", 2, 1, "E103", "x")]
    assert [(i.path, i.line, i.col) for i in sorted(issues)] == [("a.md", 2, 1), ("a.md", 2, 5), ("a.md", 10, 1), ("b.md", 1, 1)]
