"""The readers' search index, written by Pagefind from mesbox's own records.

Pagefind (PyPI `pagefind[bin]`, its binary bundled) splits the index in small fragments that a
browser fetches only for the words searched: nothing is loaded before someone searches, and a
one-word query reads a few kilobytes whatever the size of the site. Words are matched without
their accents, both ways; excerpts are cut from the text as written.

Each record becomes a tiny HTML file in a scratch folder (title, label and facets as Pagefind's
data attributes), indexed in one call: the Python API's per-record calls take a tenth of a
second each, far too slow for thousands of entries.
"""

from __future__ import annotations

import asyncio
import tempfile
from html import escape
from pathlib import Path

from mesbox.rendering.searchrecords import SearchRecord

FOLDER = "pagefind"
# A hub's name weighs more than any title or word of an entry: it comes first for its name.
HUB_WEIGHT = 10


def record_html(record: SearchRecord) -> str:
    """A record as the page Pagefind reads: body, title, label and facets; everything escaped."""
    weight = f' data-pagefind-weight="{HUB_WEIGHT}"' if record.hub else ""
    facets = "".join(
        f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>' for name, values in record.filters.items() for value in values
    )
    hub = '<span data-pagefind-meta="hub">1</span>' if record.hub else ""
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{escape(record.title)}</title></head>'
        f'<body><main data-pagefind-body><h1 data-pagefind-meta="title"{weight}>{escape(record.title)}</h1>'
        f'<div data-pagefind-ignore><span data-pagefind-meta="label">{escape(record.label)}</span>{hub}{facets}</div>'
        f"<p>{escape(record.content)}</p></main></body></html>"
    )


async def _write(source: Path, out_dir: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    # The index is written when the block ends (Pagefind writes it then, to `output_path`).
    async with PagefindIndex(config=IndexConfig(force_language="fr", output_path=str(out_dir))) as index:
        added = await index.add_directory(path=str(source))
    return int(added.get("page_count", 0)) if isinstance(added, dict) else 0


def write_index(records: list[SearchRecord], site_dir: Path) -> int:
    """Write the index and Pagefind's scripts under `site_dir/pagefind/`; returns how many pages it holds."""
    with tempfile.TemporaryDirectory(prefix="mesbox-search-") as scratch:
        root = Path(scratch)
        for record in records:
            target = root / record.url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(record_html(record), encoding="utf-8")
        return asyncio.run(_write(root, Path(site_dir) / FOLDER))
