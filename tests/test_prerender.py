"""MkDocs' Markdown conversion done in the second process: same pages, same warnings, only when safe."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from sitebuild import build, make_repo

from mesbox.mkdocs_plugin.plugin import MesboxPlugin
from mesbox.mkdocs_plugin.prerender import safe_to_prerender


def test_warnings_of_pages_converted_ahead_reach_the_strict_build_once(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    folders = ("fiches", "monographies", "grids", "content/recits")
    broken = [p for folder in folders for p in sorted((root / folder).rglob("*.md")) if "draft: true" not in p.read_text(encoding="utf-8")]
    assert len(broken) >= 4  # so that pages converted ahead (two in five) and pages converted here both break
    for path in broken:
        path.write_text(path.read_text(encoding="utf-8") + "\nVoir [une page absente](page-absente.md).\n", encoding="utf-8")
    done = build(root, strict=True)
    assert done.returncode != 0
    converted = re.search(r"écrites d'avance par un second processus \((\d+) converties en HTML là-bas\)", done.stderr)
    assert converted and int(converted.group(1)) == int(len(broken) * 0.4 + 1e-9)  # two entries in five
    warned = [line for line in done.stderr.splitlines() if "page-absente.md" in line]
    assert sorted(warned) == sorted(set(warned)) and len(warned) == len(broken)


class Other:
    def on_page_markdown(self, markdown: str, **kwargs: object) -> str:
        return markdown


def test_not_safe_when_another_plugin_changes_markdown() -> None:
    ours = MesboxPlugin()
    config = SimpleNamespace(plugins=SimpleNamespace(events={"page_markdown": [ours.on_page_markdown], "page_read_source": [ours.on_page_read_source]}))
    assert safe_to_prerender(config)  # type: ignore[arg-type]
    config.plugins.events["page_markdown"].append(Other().on_page_markdown)
    assert not safe_to_prerender(config)  # type: ignore[arg-type]
