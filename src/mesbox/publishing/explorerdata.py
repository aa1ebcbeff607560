"""The Explorer's own list of what it can show, for views with filters and no words.

A reader who only ticks filters needs none of the word index, nor a fragment per card: this file
gives each search record's address, title, label, description and facet values, and the Explorer
filters and counts it in the page. The records are the ones the search index holds (`searchrecords`),
so both give the same entries under the same values; hubs come first, then the entries in listing
order (fiches by number, then French title order).

Layout, compact because a phone downloads it whole:
`{"values": [[facet, value], ...], "entries": [[url, title, label, description, [value, ...]], ...]}`:
each facet value once, numbered by its place in `values`; an entry lists the numbers of its values.
URLs are relative to the site's root. Escaped as the JSON inside pages (`<`, `>`, `&` as `\\u…`): inert
whatever reads it.
"""

from __future__ import annotations

from typing import Any

from mesbox.rendering.jsonld import script_json
from mesbox.rendering.searchrecords import FACETS
from mesbox.rendering.searchtext import SearchRecord


def explorer_data(records: list[SearchRecord]) -> dict[str, Any]:
    """The file's content (`records` from `searchrecords.search_records`, in the order the Explorer shows them:
    hubs, then entries in listing order): facet values numbered once each, and every record with the
    numbers of its values."""
    numbers: dict[tuple[str, str], int] = {}
    rows = []
    for record in records:
        values = [numbers.setdefault((name, value), len(numbers)) for name in FACETS for value in record.filters.get(name, ())]
        rows.append([record.url, record.title, record.label, record.content, values])
    return {"values": [list(pair) for pair in numbers], "entries": rows}


def explorer_json(records: list[SearchRecord]) -> bytes:
    """The file as the site serves it (UTF-8)."""
    return script_json(explorer_data(records)).encode("utf-8")
