"""Render `[[id]]` and `[[id|text]]` in a body as ordinary links to the entry's page.

An entry's body keeps a token in place of each link while Markdown converts it (`link_tokens`): a
token is two private-use characters around a number, plain text that Markdown reads in no time,
where an inline `<a>` tag is raw HTML that Python-Markdown and MkDocs both parse again (measured on
2 000 entries: 0.7 s of a build). `with_links` then writes each link into the rendered HTML, before
the sanitiser reads it: where the token is text, the link; inside a tag, the link's text; inside code,
the link as typed. The check refuses both characters in bodies (E202), so every token is mesbox's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.marks import LINK_CLOSE, LINK_OPEN
from mesbox.reading.bodies import WIKI_LINK

_TOKEN = re.compile(f"{LINK_OPEN}([0-9]+){LINK_CLOSE}")
# A line of `=` or `-` under a line of text makes that text a heading (setext).
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")


@dataclass(frozen=True)
class Link:
    """A rendered wiki link: its HTML, its text (escaped) and the link as it was typed (escaped)."""

    html: str
    text: str
    typed: str


def _link(match: re.Match[str], catalogue: Catalogue, link: Callable[[str], str]) -> Link:
    target, _, text = match.group(1).partition("|")
    entry = catalogue.resolve(target.strip())
    label = escape(text.strip() or (entry.title if entry else target.strip()))
    if entry is None:
        return Link(f'<span class="mesbox-broken-link">{label}</span>', label, escape(match.group()))
    return Link(f'<a href="{escape(link(entry.url))}">{label}</a>', label, escape(match.group()))


def render_wikilinks(body: str, catalogue: Catalogue, link: Callable[[str], str]) -> str:
    """Replace each wiki link by an HTML link (text escaped); an unresolved one stays visible as plain text."""
    return WIKI_LINK.sub(lambda match: _link(match, catalogue, link).html, body)


def link_tokens(body: str, catalogue: Catalogue, link: Callable[[str], str]) -> tuple[str, list[Link]]:
    """The body with a token for each wiki link, and the links. A link in a heading stays HTML: the
    `toc` extension reads a heading's text for its anchor and its entry in the table of contents."""
    links: list[Link] = []

    def replace(match: re.Match[str]) -> str:
        rendered = _link(match, catalogue, link)
        if _in_heading(body, match.start(), match.end()):
            return rendered.html
        links.append(rendered)
        return f"{LINK_OPEN}{len(links) - 1}{LINK_CLOSE}"

    return WIKI_LINK.sub(replace, body), links


def _in_heading(body: str, start: int, end: int) -> bool:
    line_start = body.rfind("\n", 0, start) + 1
    if body[line_start : line_start + 4].lstrip(" ").startswith("#"):
        return True
    line_end = body.find("\n", end)
    if line_end == -1:
        return False
    next_end = body.find("\n", line_end + 1)
    return _UNDERLINE.fullmatch(body, line_end + 1, len(body) if next_end == -1 else next_end) is not None


def with_links(text: str, links: list[Link], markdown: bool = False) -> str:
    """`text` (rendered HTML, or Markdown when `markdown`) with each token replaced by its link."""
    if not links:
        return text
    if markdown:
        return _TOKEN.sub(lambda match: links[int(match.group(1))].html, text)

    def replace(match: re.Match[str]) -> str:
        found, start = links[int(match.group(1))], match.start()
        if text.rfind("<", 0, start) > text.rfind(">", 0, start):  # inside a tag: an attribute's value
            return found.text
        if text.rfind("<code", 0, start) > text.rfind("</code>", 0, start):
            return found.typed
        return found.html

    return _TOKEN.sub(replace, text)
