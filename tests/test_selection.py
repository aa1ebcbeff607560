"""`mesbox check PATH…`: the repository is found from any path inside it, references are resolved
against the whole repository, and only the given files' issues are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DRAFT, FICHE, GRID, METHOD, MONO, THEMES, replace

from mesbox.checking.checker import check
from mesbox.cli.selection import Selection, SelectionError, find_root, select


def test_root_found_from_a_subfolder_a_file_and_itself(valid_repo: Path) -> None:
    root = valid_repo.resolve()
    assert find_root(valid_repo) == root
    assert find_root(valid_repo / "fiches" / "methodes") == root
    assert find_root(valid_repo / FICHE) == root


def test_mkdocs_yml_also_marks_a_root(tmp_path: Path) -> None:
    (tmp_path / "site" / "fiches").mkdir(parents=True)
    (tmp_path / "site" / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert find_root(tmp_path / "site" / "fiches") == (tmp_path / "site").resolve()


def test_no_root_above_a_bare_folder(tmp_path: Path) -> None:
    assert find_root(tmp_path) is None
    assert select([tmp_path]).root == tmp_path.resolve()  # checked as a repository: missing vocabularies reported


def test_no_path_means_the_whole_repository_around_the_current_folder(valid_repo: Path) -> None:
    selection = select([], cwd=valid_repo / "fiches")
    assert selection == Selection(valid_repo.resolve())


def test_paths_relative_to_the_current_folder(valid_repo: Path) -> None:
    selection = select([Path("initiative-solidaire.md"), Path("methodes"), Path("../taxonomies/themes.yml")], cwd=valid_repo / "fiches")
    assert selection.root == valid_repo.resolve()
    assert selection.files == {FICHE, THEMES}
    assert selection.folders == ("fiches/methodes/",)
    assert selection.covers(METHOD) and selection.covers(FICHE) and not selection.covers(DRAFT)


@pytest.mark.parametrize("make", ["absent", "outside", "two-repositories"])
def test_paths_that_cannot_be_checked(valid_repo: Path, tmp_path: Path, make: str) -> None:
    if make == "absent":
        paths = [valid_repo / "fiches" / "absente.md"]
    elif make == "outside":
        lone = tmp_path / "seul.md"
        lone.write_text("---\n---\n", encoding="utf-8")
        paths = [lone]
    else:
        other = tmp_path / "autre"
        (other / "taxonomies").mkdir(parents=True)
        paths = [valid_repo / FICHE, other / "taxonomies"]
    with pytest.raises(SelectionError):
        select(paths)


def test_only_the_given_files_issues_are_reported(valid_repo: Path) -> None:
    replace(valid_repo, FICHE, "themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]")
    replace(valid_repo, MONO, "title:", "title: x\nsubtitle:")  # an error in another file
    whole = check(valid_repo)
    assert {i.path for i in whole.issues} == {FICHE, MONO}
    mine = select([valid_repo / FICHE]).restrict(whole)
    assert [(i.path, i.code) for i in mine.issues] == [(FICHE, "E104")]
    assert mine.files == 1
    folder = select([valid_repo / "fiches"]).restrict(whole)
    assert {i.path for i in folder.issues} == {FICHE} and folder.files == 3


def test_references_still_resolve_against_the_whole_repository(valid_repo: Path) -> None:
    """The monograph names a grid that is not among the given files: no E105 for it."""
    result = select([valid_repo / MONO]).restrict(check(valid_repo))
    assert result.ok and result.files == 1
    (valid_repo / GRID).unlink()
    broken = select([valid_repo / MONO]).restrict(check(valid_repo))
    assert {i.code for i in broken.issues} == {"E105"} and {i.path for i in broken.issues} == {MONO}


def test_a_vocabulary_file_reports_its_own_issues(valid_repo: Path) -> None:
    replace(valid_repo, THEMES, "- id: cooperation", "- id: Cooperation")
    whole = check(valid_repo)
    assert THEMES in {i.path for i in whole.issues} and FICHE in {i.path for i in whole.issues}  # its users lose the term
    mine = select([valid_repo / THEMES]).restrict(whole)
    assert {i.path for i in mine.issues} == {THEMES}


def test_files_mesbox_does_not_check_are_named(valid_repo: Path) -> None:
    (valid_repo / "LISEZMOI.md").write_text("# x\n", encoding="utf-8")
    (valid_repo / "docs").mkdir()
    selection = select([valid_repo / "LISEZMOI.md", valid_repo / FICHE, valid_repo / "docs", valid_repo / "fiches"])
    assert selection.unchecked(check(valid_repo)) == ["LISEZMOI.md", "docs/"]
