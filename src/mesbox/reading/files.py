"""Where content files are found on disk: Markdown (`.md`) files that are not links."""

from __future__ import annotations

from pathlib import Path

from mesbox.reading.documents import COLLECTIONS, Collection
from mesbox.reading.publication import EDITORIAL_FOLDER, walk


def collection_files(root: Path, collection: Collection) -> list[tuple[str, str]]:
    """Markdown files of a collection, sub-folders included, as (path on disk, repo-relative path).

    Plain strings: on 10 000 files, building and relativising `Path` objects took 5 % of a check.
    A symbolic link is never read (it could point outside the repository): the walk of
    `publication` reports it."""
    if (root / collection.folder).is_symlink():
        return []
    return [(item.path, rel) for item, rel in walk(root, collection.folder) if rel.endswith(".md") and item.is_file(follow_symlinks=False)]


def editorial_files(root: Path) -> list[tuple[Path, str]]:
    """Markdown pages of `content/` that are not entries (the stories folder belongs to a collection)."""
    if (root / EDITORIAL_FOLDER).is_symlink():
        return []
    inside = frozenset(c.folder for c in COLLECTIONS.values() if c.folder.startswith(EDITORIAL_FOLDER + "/"))
    return [
        (Path(item.path), rel)
        for item, rel in walk(root, EDITORIAL_FOLDER, inside)
        if rel.endswith(".md") and item.is_file(follow_symlinks=False)
    ]
