"""The editor's script served by the site: every CDN address turned into a file the site publishes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mesbox.publishing.cmsassets import THIRD_PARTY, EditorUnavailable, editor_files

MODULES = Path(__file__).resolve().parent.parent / "node_modules"
SCRIPT = MODULES / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"


def installed() -> None:
    if not SCRIPT.is_file():
        pytest.skip("Sveltia CMS absent (node_modules) : lancez « npm ci »")


def test_no_third_party_address_is_left_and_every_file_asked_for_is_published() -> None:
    installed()
    files = editor_files(SCRIPT)
    script = files.texts["sveltia-cms.js"]
    assert THIRD_PARTY.search(script) is None and "unpkg.com" not in script and "cdn.jsdelivr.net" not in script
    for local in (
        "vendor/fonts/source-sans-3-latin-wght-normal.woff2",
        "vendor/fonts/material-symbols-outlined-latin-wght-normal.woff2",
        "vendor/fonts/noto-mono-latin-400-normal.woff2",
    ):
        assert local in script and files.copies[local].is_file()
    assert "vendor/@sveltia/cms@0.221.1/locales/fr.json" in files.copies
    assert all(path.is_file() for path in files.copies.values())


def test_a_missing_package_or_an_unknown_address_stops_the_editor_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(EditorUnavailable, match="npm ci"):
        editor_files(tmp_path / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js")
    installed()
    copy = tmp_path / "node_modules"
    shutil.copytree(MODULES / "@sveltia" / "cms", copy / "@sveltia" / "cms", ignore=shutil.ignore_patterns("*.map", "*.mjs", "chunks"))
    for font in ("@fontsource-variable", "@fontsource"):
        shutil.copytree(MODULES / font, copy / font)
    script = copy / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
    assert editor_files(script).texts  # the copy works as the original
    script.write_text(script.read_text(encoding="utf-8") + "\nfetch(`https://unpkg.com/autre`);\n", encoding="utf-8")
    with pytest.raises(EditorUnavailable, match="appelle encore https://unpkg.com"):
        editor_files(script)
