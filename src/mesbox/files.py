"""Where content files are found on disk."""

from __future__ import annotations

import os
from pathlib import Path

from .structure import COLLECTIONS, Collection

EDITORIAL_FOLDER = "content"


def collection_files(root: Path, collection: Collection) -> list[tuple[str, str]]:
    """Markdown files of a collection, sub-folders included, as (path on disk, repo-relative path).

    Plain strings: on 10 000 files, building and relativising `Path` objects took 5 % of a check.
    """
    base = os.path.join(root, collection.folder)
    found: list[tuple[str, str]] = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = collection.folder + folder[len(base) :].replace(os.sep, "/")
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                found.append((os.path.join(folder, name), f"{rel_folder}/{name}"))
    return found


def editorial_files(root: Path) -> list[tuple[Path, str]]:
    """Markdown pages of `content/` that are not entries (the stories folder belongs to a collection)."""
    inside = [c.folder for c in COLLECTIONS.values() if c.folder.startswith(EDITORIAL_FOLDER + "/")]
    found: list[tuple[Path, str]] = []
    for folder, dirs, files in os.walk(root / EDITORIAL_FOLDER):
        rel_folder = Path(folder).relative_to(root).as_posix()
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and f"{rel_folder}/{d}" not in inside)
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                path = Path(folder, name)
                found.append((path, path.relative_to(root).as_posix()))
    return found
