"""Scan a Markdown body once: `[[id]]` links to resolve later, and HTML or URLs that could run code."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .issues import Issue

# One pass finds every spot worth a look: wiki links, HTML tags, Markdown link
# targets, reference definitions and autolinks. Everything else is plain text.
_SPOTS = re.compile(
    r"(?P<wiki>\[\[(?P<target>[^\]\n]*?)\]\])"
    r"|(?P<tag><\s*/?\s*[a-zA-Z][^>]*>?)"
    r"|\]\(\s*<?(?P<link>[^)\s>]*)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<refdef>\S*?)>?[ \t]*$",
    re.MULTILINE,
)
_FORBIDDEN_TAGS = re.compile(r"<\s*(script|iframe|object|embed|form|frame|frameset|applet|base|meta|link)\b", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
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

    def place(offset: int) -> tuple[int, int]:
        line_start = body.rfind("\n", 0, offset) + 1
        return first_line + body.count("\n", 0, offset), offset - line_start + 1

    def refuse(offset: int, message: str) -> None:
        line, col = place(offset)
        issues.append(Issue(rel, line, col, "E201", message))

    for spot in _SPOTS.finditer(body):
        if spot.group("wiki") is not None:
            target, _, text = spot.group("target").partition("|")
            line, col = place(spot.start())
            links.append(WikiLink(target.strip(), text.strip() or None, line, col))
        elif spot.group("tag") is not None:
            _check_tag(spot.group("tag"), spot.start(), refuse)
        else:
            url = spot.group("link") if spot.group("link") is not None else spot.group("refdef")
            if url and _scheme_refused(url):
                refuse(spot.start(), f"lien « {url[:40]} » refusé : les adresses javascript:, vbscript: et data: ne sont pas permises, utilisez https://")
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
    for attribute in _ATTRIBUTE.finditer(tag, name_end.end() if name_end else 1):
        key = attribute.group(1).lower()
        value = (attribute.group(2) or "").strip("\"'")
        if key.startswith("on"):
            refuse(offset, f"attribut « {key} » refusé : les gestionnaires d'événements (onclick…) exécutent du code")
        elif key in _URL_ATTRIBUTES and value and _scheme_refused(value, allow_data_image=element == "img" and key == "src"):
            refuse(offset, f"adresse « {value[:40]} » refusée dans « {key} » : seules les adresses https:// (et data:image/ dans <img>) sont permises")
        elif key == "style" and re.search(r"expression\s*\(|javascript:", html.unescape(value), re.IGNORECASE):
            refuse(offset, "style refusé : il contient du code (expression ou javascript:)")
