"""Scan a Markdown body once: `[[id]]` links to resolve later, and HTML or URLs that could run code."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .issues import Issue

# Each kind of spot has a regex with a literal first character, run only when
# that character is in the body: most bodies are plain prose and cost one `in` test each.
# No `[` inside a wiki link: a scan from each `[[` stops at the next bracket (linear on `[[[[…`).
WIKI_LINK = re.compile(r"\[\[([^\[\]\n]*)\]\]")
# As browsers read tags: a quote opens a quoted value only right after `=`.
_TAG = re.compile(r"""<\s*/?\s*[a-zA-Z](?:=\s*"[^"]*"|=\s*'[^']*'|[^>])*>?""")
# Attribute lists (`attr_list` is on): `{ onclick=… }` after a link or a heading becomes an attribute.
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFDEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S*?)>?[ \t]*$", re.MULTILINE)
_FORBIDDEN_TAGS = re.compile(r"<\s*(script|iframe|object|embed|form|frame|frameset|applet|base|meta|link)\b", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "cite", "longdesc", "lowsrc", "dynsrc"}
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class WikiLink:
    """An `[[id]]` or `[[id|text]]` link, with the file line and column of its first bracket."""

    target: str
    text: str | None
    line: int
    col: int


def _scheme_refused(url: str, allow_data_image: bool = False) -> bool:
    cleaned = _CONTROL.sub("", html.unescape(url))
    if not _BAD_SCHEME.match(cleaned):
        return False
    return not (allow_data_image and cleaned.lower().startswith("data:image/"))


def scan_body(body: str, rel: str, first_line: int) -> tuple[list[WikiLink], list[Issue]]:
    """Every wiki link and every unsafe construct of a body, with the file line of each."""
    links: list[WikiLink] = []
    issues: list[Issue] = []

    # Lines are counted from the last place asked for, so many links cost one pass, not one each.
    cursor = [0, first_line]

    def place(offset: int) -> tuple[int, int]:
        start, line = cursor
        if offset < start:
            start, line = 0, first_line
        line += body.count("\n", start, offset)
        cursor[:] = [offset, line]
        return line, offset - (body.rfind("\n", 0, offset) + 1) + 1

    def refuse(offset: int, message: str) -> None:
        line, col = place(offset)
        issues.append(Issue(rel, line, col, "E201", message))

    if "[[" in body:
        for match in WIKI_LINK.finditer(body):
            target, _, text = match.group(1).partition("|")
            line, col = place(match.start())
            links.append(WikiLink(target.strip(), text.strip() or None, line, col))
    if "<" in body:
        for match in _TAG.finditer(body):
            _check_tag(match.group(0), match.start(), refuse)
    if "{" in body:
        for match in _ATTR_LIST.finditer(body):
            _check_attributes(match.group(1), "", match.start(), refuse)
    if ":" in body:
        spots = [*(_LINK.finditer(body) if "](" in body else ()), *(_REFDEF.finditer(body) if "]:" in body else ())]
        for match in spots:
            url = match.group(1)
            if url and _scheme_refused(url):
                refuse(match.start(), f"lien « {url[:40]} » refusé : les adresses javascript:, vbscript: et data: ne sont pas permises, utilisez https://")
    return links, issues


def _check_tag(tag: str, offset: int, refuse: Callable[[int, str], None]) -> None:
    """Refuse tags that embed or run code, event-handler attributes and dangerous URLs in attributes."""
    if tag.lstrip("< ").startswith("/"):
        return
    forbidden = _FORBIDDEN_TAGS.match(tag)
    if forbidden:
        name = forbidden.group(1).lower()
        refuse(offset, f"balise <{name}> refusée : le contenu ne peut pas exécuter de code ni intégrer une autre page (une vidéo se donne par le champ « media »)")
        return
    name_end = re.match(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*", tag)
    element = tag[: name_end.end()].lstrip("</ ").lower() if name_end else ""
    _check_attributes(tag[name_end.end() if name_end else 1 :], element, offset, refuse)


def _check_attributes(text: str, element: str, offset: int, refuse: Callable[[int, str], None]) -> None:
    """Event handlers, and URL attributes whose scheme could run code (entities decoded first)."""
    for attribute in _ATTRIBUTE.finditer(text):
        key = attribute.group(1).lower()
        value = (attribute.group(2) or "").strip("\"'")
        if key.startswith("on") and len(key) > 2 and attribute.group(2) is not None:
            refuse(offset, f"attribut « {key} » refusé : les gestionnaires d'événements (onclick…) exécutent du code")
        elif key in _URL_ATTRIBUTES and value and _scheme_refused(value, allow_data_image=element == "img" and key == "src"):
            refuse(offset, f"adresse « {value[:40]} » refusée dans « {key} » : seules les adresses https:// (et data:image/ dans <img>) sont permises")
        elif key == "style" and re.search(r"expression\s*\(|javascript:", html.unescape(value), re.IGNORECASE):
            refuse(offset, "style refusé : il contient du code (expression ou javascript:)")
