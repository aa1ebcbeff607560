"""Which files are content: collections with their sub-folders, editorial pages without the stories."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import write

from mesbox.reading.documents import COLLECTIONS
from mesbox.reading.files import collection_files, editorial_files


def test_collection_files_walk_sub_folders_in_sorted_order(tmp_path: Path) -> None:
    for rel in ("fiches/b.md", "fiches/a.md", "fiches/methodes/z.md", "fiches/outils/c.md", "fiches/notes.txt"):
        write(tmp_path, rel, "x")
    found = collection_files(tmp_path, COLLECTIONS["fiches"])
    assert [rel for _, rel in found] == ["fiches/a.md", "fiches/b.md", "fiches/methodes/z.md", "fiches/outils/c.md"]
    assert all(os.path.isfile(path) and path.endswith(rel.replace("/", os.sep)) for path, rel in found)


def test_hidden_files_and_folders_are_not_content(tmp_path: Path) -> None:
    for rel in ("grids/.brouillon.md", "grids/.git/x.md", "grids/g.md"):
        write(tmp_path, rel, "x")
    assert [rel for _, rel in collection_files(tmp_path, COLLECTIONS["grilles"])] == ["grids/g.md"]


def test_a_missing_collection_folder_is_simply_empty(tmp_path: Path) -> None:
    assert collection_files(tmp_path, COLLECTIONS["monographies"]) == []


def test_stories_belong_to_their_collection_not_to_the_editorial_pages(tmp_path: Path) -> None:
    for rel in ("content/index.md", "content/guide/contribuer.md", "content/recits/r.md", "content/recits/sous/s.md", "content/.cache.md"):
        write(tmp_path, rel, "x")
    assert [rel for _, rel in editorial_files(tmp_path)] == ["content/index.md", "content/guide/contribuer.md"]
    assert [rel for _, rel in collection_files(tmp_path, COLLECTIONS["recits"])] == ["content/recits/r.md", "content/recits/sous/s.md"]


def test_symbolic_links_are_never_read_as_content(tmp_path: Path) -> None:
    """A link named like an entry may point outside the repository: it is not content (publication reports it)."""
    write(tmp_path, "fiches/a.md", "x")
    (tmp_path / "fiches" / "env.md").symlink_to("/proc/self/environ")
    (tmp_path / "fiches" / "boucle").symlink_to(".")
    write(tmp_path, "content/index.md", "x")
    (tmp_path / "content" / "autre.md").symlink_to(tmp_path / "content" / "index.md")
    assert [rel for _, rel in collection_files(tmp_path, COLLECTIONS["fiches"])] == ["fiches/a.md"]
    assert [rel for _, rel in editorial_files(tmp_path)] == ["content/index.md"]
