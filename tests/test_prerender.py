"""MkDocs' Markdown conversion done in the second process: same pages, same warnings, only when safe."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sitebuild import build_here, make_repo

from mesbox.checker import check
from mesbox.mkdocs_plugin.plugin import MesboxPlugin
from mesbox.mkdocs_plugin.prerender import safe_to_prerender
from mesbox.render import stream


def test_warnings_of_pages_converted_ahead_reach_the_strict_build_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "LEAD", -(10**6))  # a small site: the second process converts every entry page, however far ahead
    root = make_repo(tmp_path / "repo")
    broken = [root / entry.path for entry in check(root).catalogue.entries.values()]
    assert len(broken) >= 4
    for path in broken:
        path.write_text(path.read_text(encoding="utf-8") + "\nVoir [une page absente](page-absente.md).\n", encoding="utf-8")
    ok, logged = build_here(root, strict=True)
    assert not ok
    converted = [int(n) for line in logged for n in re.findall(r"écrites d'avance par un second processus \((\d+) converties en HTML là-bas\)", line)]
    assert converted == [len(broken)]
    warned = [line for line in logged if "page-absente.md" in line]
    assert sorted(warned) == sorted(set(warned)) and len(warned) == len(broken)
    assert all(line.startswith("WARNING") for line in warned)


class Other:
    def on_page_markdown(self, markdown: str, **kwargs: object) -> str:
        return markdown


def test_not_safe_when_another_plugin_changes_markdown() -> None:
    ours = MesboxPlugin()
    config = SimpleNamespace(plugins=SimpleNamespace(events={"page_markdown": [ours.on_page_markdown], "page_read_source": [ours.on_page_read_source]}))
    assert safe_to_prerender(config)  # type: ignore[arg-type]
    config.plugins.events["page_markdown"].append(Other().on_page_markdown)
    assert not safe_to_prerender(config)  # type: ignore[arg-type]
