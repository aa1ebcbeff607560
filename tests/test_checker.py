"""`check`: every issue sorted, the catalogue of what is valid, and no state left behind."""

import gc
from pathlib import Path

from conftest import replace

from mesbox.checker import check


def test_valid_repository(repo: Path) -> None:
    result = check(repo)
    assert result.ok and result.issues == [] and result.files == 15
    assert len(result.catalogue.entries) == 5


def test_counts_by_code_and_valid_entries_still_published(repo: Path) -> None:
    replace(repo, "fiches/initiative-solidaire.md", "kind: thematique", "kind: autre")
    result = check(repo)
    assert not result.ok and result.counts() == {"E102": 1}
    assert "initiative-solidaire" not in result.catalogue.entries and "seminaire" in result.catalogue.entries


def test_collector_state_is_restored(repo: Path) -> None:
    assert gc.isenabled()
    check(repo)
    assert gc.isenabled()
    gc.disable()
    try:
        check(repo)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_repository_content_passes() -> None:
    """The toolbox's own content checks clean (what CI gates every pull request on)."""
    root = Path(__file__).resolve().parent.parent
    result = check(root)
    assert result.issues == []
    assert len(result.catalogue.by_collection["monographies"]) == 5
