"""Shared fixtures.

`valid_repo` copies tests/fixtures/repo: the one valid repository of the tests, small but using
every part of the contract (four vocabularies files and the audiences, a grid, a thematic and a
method fiche, a monograph answering the grid, a story, a learning path, a draft, the editorial
pages). Read it as the documentation of a valid repository: the check tests break it in one place
and expect exactly the errors of that break; the site, export and feed tests build it.
The constants below name its files.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from mesbox.catalogue.catalogue import Catalogue
from mesbox.checking.checker import check

sys.path.insert(0, str(Path(__file__).parent))

FIXTURE = Path(__file__).parent / "fixtures" / "repo"

THEMES = "taxonomies/themes.yml"
METHODS = "taxonomies/methods.yml"
TERRITORIES = "taxonomies/territories.yml"
ACTORS = "taxonomies/actors.yml"
GRID = "grids/grille-commune.md"
FICHE = "fiches/initiative-solidaire.md"
METHOD = "fiches/methodes/organiser-une-visite.md"
MONO = "monographies/visite-colombelles.md"
STORY = "content/recits/recit-plateau.md"
PATH = "parcours/preparer-une-visite.md"
DRAFT = "fiches/brouillon.md"
HOME = "content/index.md"

# Every file of the fixture repository, by path, with its text.
VALID_FILES: dict[str, str] = {
    path.relative_to(FIXTURE).as_posix(): path.read_text(encoding="utf-8") for path in sorted(FIXTURE.rglob("*")) if path.is_file()
}
assert {THEMES, METHODS, TERRITORIES, ACTORS, GRID, FICHE, METHOD, MONO, STORY, PATH, DRAFT, HOME} <= VALID_FILES.keys()

# A minimal valid fiche, for tests that add entries.
ENTRY = """---
title: Une fiche de test
description: Une description suffisamment longue pour le contrat.
authors: [Équipe de test]
date: 2026-01-01
kind: outil
themes: [emploi]
---
Corps.
"""


def write(root: Path, rel: str, text: str | bytes) -> Path:
    """Write one file of a repository (text as UTF-8, bytes as they are), creating its folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def replace(root: Path, rel: str, old: str, new: str) -> None:
    """Change one piece of a file; fails loudly if the piece is not there, so a broken test cannot pass silently."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    """1-based line of the first line of a file holding `needle` (the place an error must point to)."""
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} absent de {rel}")


def catalogue_of(root: Path) -> Catalogue:
    """The catalogue of a repository that must pass the check without a single issue."""
    result = check(root)
    assert result.issues == [], [str(i) for i in result.issues]
    return result.catalogue


def explorer_entries(data: dict[str, Any]) -> dict[str, tuple[str, str, str, dict[str, list[str]]]]:
    """The Explorer's list (`explorer/filtres.json`) read back: each entry by URL, with its title, label,
    description and facets as {facet: [values]}."""
    entries = {}
    for url, title, label, text, numbers in data["entries"]:
        filters: dict[str, list[str]] = {}
        for number in numbers:
            name, value = data["values"][number]
            filters.setdefault(name, []).append(value)
        entries[url] = (title, label, text, filters)
    return entries


def found(root: Path) -> list[tuple[str, str, int]]:
    """(code, file, line) of every issue of a check."""
    return [(i.code, i.path, i.line) for i in check(root).issues]


@pytest.fixture(autouse=True)
def _check_cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mesbox check` keeps a cache in the user's cache folder: the tests keep theirs in a temporary one."""
    monkeypatch.setenv("MESBOX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "mesbox-cache"))


def write_valid_repo(root: Path) -> Path:
    """A copy of the fixture repository at `root` (which may exist, empty); its files are new, as if
    just written (the check cache judges files by their times)."""
    shutil.copytree(FIXTURE, root, copy_function=shutil.copyfile, dirs_exist_ok=True)
    return root


@pytest.fixture()
def valid_repo(tmp_path: Path) -> Path:
    """A copy of the valid fixture repository, for a test to break in one place or to build."""
    return write_valid_repo(tmp_path / "depot")
