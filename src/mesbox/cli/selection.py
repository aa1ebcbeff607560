"""Which repository `mesbox check` works on, and which of its files the contributor asked about.

References are always resolved against the whole repository; the paths given on the command line
only choose whose issues are reported. So a pre-commit hook can pass the changed files, and a
contributor can run the command from any subfolder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from mesbox.checking.checker import CheckResult

# A folder holding one of these is a repository root: the vocabularies, or the site's configuration.
ROOT_MARKERS = ("taxonomies", "mkdocs.yml")


class SelectionError(Exception):
    """The paths cannot be checked (absent, or in no repository, or in two): a misuse, exit status 2."""


def find_root(start: Path) -> Path | None:
    """The nearest folder, from `start` (or the folder of a file) upwards, that holds `taxonomies/` or `mkdocs.yml`."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "taxonomies").is_dir() or (candidate / "mkdocs.yml").is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Selection:
    """A repository root and the repository-relative files and folders whose issues are wanted."""

    root: Path
    files: frozenset[str] = frozenset()
    folders: tuple[str, ...] = ("",)  # "" is the whole repository; others end with "/"

    def covers(self, rel: str) -> bool:
        return rel in self.files or any(rel.startswith(folder) for folder in self.folders)

    def restrict(self, result: CheckResult) -> CheckResult:
        """Only the selected files' issues and count; the catalogue stays the whole repository's."""
        if "" in self.folders:
            return result
        paths = [path for path in result.paths if self.covers(path)]
        return replace(result, issues=[i for i in result.issues if self.covers(i.path)], paths=paths)

    def unchecked(self, result: CheckResult) -> list[str]:
        """Files given by name that mesbox does not check (not an entry, a vocabulary or a page),
        and folders given that hold none it checks."""
        empty = [folder for folder in self.folders if folder and not any(path.startswith(folder) for path in result.paths)]
        return sorted(self.files - set(result.paths)) + empty


def select(paths: Sequence[Path], cwd: Path | None = None) -> Selection:
    """The selection for the command-line paths; none means the whole repository around `cwd`."""
    here = (cwd or Path.cwd()).resolve()
    if not paths:
        return Selection(find_root(here) or here)
    roots: dict[Path, Path] = {}
    for path in paths:
        absolute = here / path
        if not absolute.exists():
            raise SelectionError(f"« {path} » n'existe pas : vérifiez le chemin")
        root = find_root(absolute)
        if root is None:
            if not absolute.is_dir():
                raise SelectionError(
                    f"« {path} » n'est dans aucun dépôt mesbox (aucun dossier parent ne contient taxonomies/ ni mkdocs.yml)"
                )
            root = absolute.resolve()  # a bare folder: checked as a repository, missing vocabularies reported
        roots[path] = root
    root = next(iter(roots.values()))
    for path, other in roots.items():
        if other != root:
            raise SelectionError(f"« {paths[0]} » et « {path} » sont dans deux dépôts différents : vérifiez-les séparément")
    files: set[str] = set()
    folders: list[str] = []
    for path in paths:
        absolute = here / path
        # A file's folder is resolved, not the file: a symbolic link is judged where it sits.
        target = absolute.resolve() if absolute.is_dir() else absolute.parent.resolve() / absolute.name
        rel = Path(os.path.relpath(target, root)).as_posix()
        if absolute.is_dir():
            folders.append("" if rel == "." else rel + "/")
        else:
            files.add(rel)
    return Selection(root, frozenset(files), tuple(folders))
