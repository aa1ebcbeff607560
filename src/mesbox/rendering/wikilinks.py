"""Render `[[id]]` and `[[id|text]]` in a body as ordinary links to the entry's page."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from mesbox.catalogue.catalogue import Catalogue
from mesbox.reading.bodies import WIKI_LINK


def render_wikilinks(body: str, catalogue: Catalogue, link: Callable[[str], str]) -> str:
    """Replace each wiki link by an HTML link (text escaped); an unresolved one stays visible as plain text."""

    def replace(match: re.Match[str]) -> str:
        target, _, text = match.group(1).partition("|")
        entry = catalogue.resolve(target.strip())
        label = text.strip() or (entry.title if entry else target.strip())
        if entry is None:
            return f'<span class="mesbox-broken-link">{escape(label)}</span>'
        return f'<a href="{escape(link(entry.url))}">{escape(label)}</a>'

    return WIKI_LINK.sub(replace, body)
