"""A search record and the text a page gives it: all that both the engine's side and the index program
(`publishing.searchindex`) need, so that the program starts without importing the catalogue or the schemas."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

_TAGS = re.compile(r"<[^>]+>")
_PERMALINKS = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')
# A tag's gap before a comma, a full stop or a closing bracket is closed up.
_BEFORE_STOP = (" ,", ","), (" .", "."), (" )", ")")


@dataclass(frozen=True)
class SearchRecord:
    """One searchable page: its site-relative URL, title, label (what it is), text and facets."""

    url: str
    title: str
    label: str
    content: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    hub: bool = False


def plain_text(html: str) -> str:
    """Visible text of an HTML fragment, on one line (tags dropped, entities kept as the engine reads them).

    Runs of white space become one space by `split` and `join`, in C: a regular expression replacing
    each of the page's thousands of single spaces by itself took half the time of indexing an entry."""
    text = " ".join(_TAGS.sub(" ", _PERMALINKS.sub("", html)).split())
    for gap, closed in _BEFORE_STOP:
        text = text.replace(gap, closed)
    return text


def with_text(record: SearchRecord, text: str) -> SearchRecord:
    """The record with its page's text after its description (the title is indexed apart): an engine
    builds the records once, before the pages, and adds each page's text as it is rendered."""
    return replace(record, content=" ".join(part for part in (record.content, text) if part)) if text else record
