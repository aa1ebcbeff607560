"""The check cache gives a full check's answer, whatever changed between two runs: edits, renames,
deletions, drafts, vocabularies, grids, duplicates; and it re-reads only what it must."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DRAFT, ENTRY, FICHE, GRID, METHOD, MONO, STORY, THEMES, replace, write

from mesbox.checking import checkcache
from mesbox.checking.checker import check
from mesbox.contract.issues import Issue
from mesbox.reading.loader import Loaded


@pytest.fixture()
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The entry files the cache had to load, run after run."""
    loaded: list[str] = []
    real = checkcache.load_entries

    def counting(files: list[tuple[str, str, object]], keep_entries: bool = True) -> Loaded:
        loaded.extend(rel for _, rel, _ in files)
        return real(files, keep_entries)  # type: ignore[arg-type]

    monkeypatch.setattr(checkcache, "load_entries", counting)
    return loaded


def same_as_full(root: Path) -> list[Issue]:
    """Two cached runs (the first may load, the second is warm) and a full check all agree."""
    full = check(root, catalogue=False).issues
    assert check(root, catalogue=False, cache=True).issues == full
    assert check(root, catalogue=False, cache=True).issues == full
    return full


def codes(issues: list[Issue]) -> set[tuple[str, str]]:
    return {(issue.code, issue.path) for issue in issues}


def test_warm_run_reads_nothing_again(valid_repo: Path, loads: list[str]) -> None:
    assert same_as_full(valid_repo) == []
    first = len(loads)
    assert first == 7  # every entry (the draft and the path too), once
    check(valid_repo, catalogue=False, cache=True)
    assert len(loads) == first


def test_edit_is_seen_and_only_the_edited_file_is_read(valid_repo: Path, loads: list[str]) -> None:
    same_as_full(valid_repo)
    loads.clear()
    replace(valid_repo, FICHE, "themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]")
    assert codes(same_as_full(valid_repo)) == {("E104", FICHE)}
    assert loads == [FICHE, FICHE]  # loaded, then rechecked while it has an error
    replace(valid_repo, FICHE, "cooperaton", "cooperation")
    assert same_as_full(valid_repo) == []


def _recreate(root: Path) -> None:
    (root / MONO).unlink()
    write(root, "monographies/visite-colombelles.md", ENTRY)


SCENARIOS: dict[str, Callable[[Path], object]] = {  # what a change returns is not used
    "rename-a-target": lambda root: (root / FICHE).rename(root / "fiches" / "initiative-renommee.md"),
    "delete-a-target": lambda root: (root / GRID).unlink(),
    "target-becomes-draft": lambda root: replace(root, FICHE, "kind: thematique", "kind: thematique\ndraft: true"),
    "target-moves-collection": lambda root: (root / GRID).rename(root / "fiches" / "grille-commune.md"),
    "grid-dimension-removed": lambda root: replace(root, GRID, "  - id: cooperation", "  - id: cooperations"),
    "term-removed": lambda root: replace(root, THEMES, "- id: emploi\n  label: Emploi\n", ""),
    "term-added-back-later": lambda root: replace(root, THEMES, "- id: emploi", "- id: emplois"),
    "duplicate-id-in-another-folder": lambda root: write(root, "monographies/initiative-solidaire.md", ENTRY.replace("kind: outil\n", "")),
    "duplicate-number": lambda root: write(root, "fiches/autre.md", ENTRY.replace("kind: outil", 'kind: outil\nnumber: "2.1"')),
    "new-link-to-nothing": lambda root: replace(
        root, STORY, "Voir [[visite-colombelles]].", "Voir [[visite-colombelles]] et [[inconnue]]."
    ),
    "broken-front-matter": lambda root: replace(root, METHOD, "title:", "title: [ouvert\ntitre:"),
    "unreadable-bytes": lambda root: (root / DRAFT).write_bytes(b"---\ntitle: \xff\n---\n"),
    "target-deleted-then-recreated": lambda root: _recreate(root),
}


@pytest.mark.parametrize("change", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_every_kind_of_change_gives_the_full_answer(valid_repo: Path, change: Callable[[Path], None]) -> None:
    same_as_full(valid_repo)
    change(valid_repo)
    assert same_as_full(valid_repo) != []  # each change breaks something: the answer is not trivially empty


def test_changes_undone_give_the_full_answer_again(valid_repo: Path) -> None:
    same_as_full(valid_repo)
    original = (valid_repo / GRID).read_text(encoding="utf-8")
    (valid_repo / GRID).unlink()
    assert ("E105", MONO) in codes(same_as_full(valid_repo))
    write(valid_repo, GRID, original)
    assert same_as_full(valid_repo) == []


def test_same_size_same_time_edit_is_still_seen(valid_repo: Path) -> None:
    """An edit that keeps the size and the modification time (restored) is caught by the change time or the hash."""
    old = 1_600_000_000
    for path in valid_repo.rglob("*.md"):
        os.utime(path, (old, old))
    same_as_full(valid_repo)
    replace(valid_repo, FICHE, "cooperation]", "cooperatiom]")
    os.utime(valid_repo / FICHE, (old, old))
    assert ("E104", FICHE) in codes(same_as_full(valid_repo))


def test_vocabulary_change_drops_the_cache(valid_repo: Path, loads: list[str]) -> None:
    same_as_full(valid_repo)
    loads.clear()
    replace(valid_repo, THEMES, "label: Emploi", "label: Emploi et travail")
    assert same_as_full(valid_repo) == []
    assert len(loads) == 7  # every entry again


def test_another_mesbox_version_drops_the_cache(valid_repo: Path, loads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    same_as_full(valid_repo)
    loads.clear()
    monkeypatch.setattr(checkcache, "__version__", "99.0.0")
    check(valid_repo, catalogue=False, cache=True)
    assert len(loads) == 7  # every entry again


def test_damaged_cache_file_is_ignored(valid_repo: Path) -> None:
    same_as_full(valid_repo)
    checkcache.cache_file(valid_repo).write_bytes(b"\x80\x05 pas un cache")
    break_theme = "themes: [economie-solidaire, cooperation]"
    replace(valid_repo, FICHE, break_theme, "themes: [economie-solidair]")
    assert ("E104", FICHE) in codes(same_as_full(valid_repo))


def test_cache_lives_outside_the_repository(valid_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESBOX_CACHE_DIR", str(tmp_path / "cache"))
    before = sorted(p.relative_to(valid_repo) for p in valid_repo.rglob("*"))
    check(valid_repo, catalogue=False, cache=True)
    assert sorted(p.relative_to(valid_repo) for p in valid_repo.rglob("*")) == before
    assert checkcache.cache_file(valid_repo).parent == tmp_path / "cache"
    assert checkcache.cache_file(valid_repo).is_file()


def test_without_cache_nothing_is_written(valid_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESBOX_CACHE_DIR", str(tmp_path / "cache"))
    check(valid_repo, catalogue=False)
    assert not (tmp_path / "cache").exists()


def test_cli_uses_the_cache_unless_told_not_to(valid_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mesbox.cli.main import main

    monkeypatch.setenv("MESBOX_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["check", str(valid_repo), "--no-cache"]) == 0
    assert not (tmp_path / "cache").exists()
    assert main(["check", str(valid_repo)]) == 0
    assert checkcache.cache_file(valid_repo).is_file()


def test_number_holder_changes_with_a_date_in_an_unread_file(valid_repo: Path) -> None:
    """Who keeps a fiche number depends on the dates of both fiches: each is judged from what the cache kept."""
    write(valid_repo, "fiches/autre.md", ENTRY.replace("kind: outil", 'kind: outil\nnumber: "2.1"').replace("2026-01-01", "2026-02-01"))
    assert codes(same_as_full(valid_repo)) == {("E107", "fiches/autre.md")}
    replace(valid_repo, FICHE, "date: 2026-01-15", "date: 2026-03-01")
    assert codes(same_as_full(valid_repo)) == {("E107", FICHE)}


def test_a_lasting_error_does_not_rewrite_the_cache(valid_repo: Path) -> None:
    """An entry with a cross-file error is re-checked on every run; with nothing changed, the cache file is not rewritten."""
    replace(valid_repo, FICHE, "themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]")
    same_as_full(valid_repo)
    written = checkcache.cache_file(valid_repo).stat().st_mtime_ns
    assert ("E104", FICHE) in codes(check(valid_repo, catalogue=False, cache=True).issues)
    assert checkcache.cache_file(valid_repo).stat().st_mtime_ns == written


def test_files_hashed_because_recent_are_trusted_once_old_enough(valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file modified just before a check is hashed again next time; once that is long past, the cache is
    written again and the file is trusted on its size and times alone."""
    same_as_full(valid_repo)
    hashed: list[str] = []
    real = checkcache._digest

    def counting(path: Any) -> Any:
        hashed.append(str(path))
        return real(path)

    monkeypatch.setattr(checkcache, "_digest", counting)
    check(valid_repo, catalogue=False, cache=True)
    assert hashed  # just written: hashed again
    later = time.time_ns() + 10 * checkcache.RACY_NS
    monkeypatch.setattr(checkcache.time, "time_ns", lambda: later)
    check(valid_repo, catalogue=False, cache=True)  # long after: hashed once more, and the cache written again
    hashed.clear()
    check(valid_repo, catalogue=False, cache=True)
    assert hashed == []


def test_future_dates_are_judged_on_the_day_of_each_run(valid_repo: Path) -> None:
    """A date after the day of the check is refused; the next days, the same unread file passes."""
    import datetime

    replace(valid_repo, FICHE, "date: 2026-01-15", "date: 2031-06-01")
    for today, refused in ((datetime.date(2031, 5, 31), True), (datetime.date(2031, 6, 2), False)):
        full = check(valid_repo, catalogue=False, today=today).issues
        for _ in range(2):
            assert check(valid_repo, catalogue=False, cache=True, today=today).issues == full
        assert (FICHE in {i.path for i in full}) is refused
