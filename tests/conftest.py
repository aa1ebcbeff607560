"""Shared fixtures: a small valid repository (the site fixture) that each test may break in one place."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from mesbox.checker import check

sys.path.insert(0, str(Path(__file__).parent))

FIXTURE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/site: 4 vocabularies, a grid, a monograph, fiches, a story, a draft."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def replace(root: Path, rel: str, old: str, new: str) -> None:
    """Change one piece of a fixture file; fails loudly if the piece is not there."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(root: Path) -> list[tuple[str, str, int]]:
    """(code, file, line) of every issue of a check."""
    return [(i.code, i.path, i.line) for i in check(root).issues]


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
