"""Scan a Markdown body once: `[[id]]` links to resolve later, and what the sanitiser would remove (E201).

The published page is safe whatever the body says: the sanitiser (`sanitize.py`) rebuilds the
HTML that Markdown makes of it from an allowlist. This scan tells contributors, at the right
line, what that allowlist would take away, so that nothing disappears without a word. It reads
the source as HTML is read, with the same allowlist, in one pass whose time grows with the
length of the body and nothing else (no Markdown conversion: Python-Markdown itself takes
minutes on some bodies of a few kilobytes). Markdown and HTML read raw HTML differently, so
tags are looked for twice: as a browser tokenises them (quoted values may hold `>`, a comment
or a `<script>` hides what follows) and as Markdown finds inline HTML (a `<` to the next `>`);
what either reading sees is reported once. Code — fenced blocks and `inline code` — is text
for Markdown, written as it is: it is not read as HTML (if it ever ended up raw, the sanitiser
would still remove what it must).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from mesbox.contract.issues import Issue
from mesbox.contract.sanitize import DROPPED_WITH_CONTENT, TAGS, URL_ATTRIBUTES, allowed_attribute, allowed_attribute_somewhere, allowed_url

# No `[` inside a wiki link: a scan from each `[[` stops at the next bracket (linear on `[[[[…`).
WIKI_LINK = re.compile(r"\[\[([^\[\]\n]*)\]\]")
# Markdown's inline HTML: a tag name, then anything but `<` and `>` up to the closing `>`.
_INLINE_TAG = re.compile(r"<([a-zA-Z][^<>\s/]*+)([^<>]*+)>")  # possessive: a tag left open fails at once
# Attributes inside an inline tag or an attribute list (quotes only after `=`, as browsers read them).
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=][^\s<>/=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
# Attribute lists (`attr_list`): `{ onclick=… }` after a link, an image or a heading becomes an attribute.
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
# URLs of inline links and images, `[texte](url)`, with or without angle brackets.
_LINK = re.compile(r"\]\(\s*<?([^)>\n]*)")
# Reference definitions `[ref]: url`, the URL possibly on the next line, in a quote or a list item.
_REFDEF = re.compile(r"\[([^\[\]\n]*)\]:[ \t]*\n?[ \t>]*<?([^\s>]*)")
# Elements whose content is text up to their end tag, for browsers.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})
# Fences of fenced code blocks (superfences: indented too, inside lists and admonitions) and backtick runs.
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})([^\n]*)", re.MULTILINE)
_BACKTICKS = re.compile(r"`+")
# Where a code span cannot run past: a blank line, or a line opening raw HTML (Python-Markdown lifts
# raw HTML blocks and comments out of the text before it looks for code spans).
_SPAN_BREAK = re.compile(r"\n[ \t]*(?:\n|<[a-zA-Z!?/])")
# Lines indented by four spaces or a tab (an indented code block, the inside of an admonition, a list
# item's later paragraph): a code span neither enters nor leaves them (Python-Markdown ends the block
# there and writes an indented code block's backticks as they are). A span that a paragraph's lazy
# continuation line would carry on is cut too: what it holds is then read as HTML, a stricter reading.
_INDENTED_LINES = re.compile(r"^(?: {4}|\t)[^\n]*+(?:\n(?: {4}|\t)[^\n]*+)*+", re.MULTILINE)
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_UNQUOTED = re.compile(r"[^\s>]*")
_NAME = re.compile(r"[^\s/>]*")
_SPACES = re.compile(r"\s*")
_COMMENT_END = re.compile(r"--!?>")
# Where a browser may start something other than text: a tag, an end tag, a comment, a bogus comment.
_TAG_OPEN = re.compile(r"<[a-zA-Z!?/]")
_ALLOWED_TAGS_HINT = "texte, titres, listes, liens, images, tableaux, <details>, <abbr>, <span>, <div>…"


@dataclass(frozen=True)
class WikiLink:
    """An `[[id]]` or `[[id|text]]` link, with the file line and column of its first bracket."""

    target: str
    text: str | None
    line: int
    col: int


Report = Callable[[int, str], None]
# Past this many spots in one body, the rest is counted in one last message, not listed.
MAX_REPORTED = 100


def scan_body(body: str, rel: str, first_line: int) -> tuple[list[WikiLink], list[Issue]]:
    """Every wiki link of a body, and everything the sanitiser would remove from it, with the file line of each."""
    links: list[WikiLink] = []
    spots: dict[tuple[int, str], None] = {}  # each (offset, message) once
    code = _Code(body)
    found_in_view = [0]
    cut = False

    def report(offset: int, message: str) -> None:
        if not code.end_of(offset):
            spots[(offset, message)] = None
            found_in_view[0] += 1
            if found_in_view[0] > MAX_REPORTED:
                raise _Enough

    # Each reading stops after MAX_REPORTED spots of its own: the first MAX_REPORTED of the body are among them.
    for wanted, view in (("<", _html_views), ("{", _attribute_lists), ("](", _inline_links), ("]:", _definitions)):
        if wanted in body:
            found_in_view[0] = 0
            try:
                view(body, report, code)
            except _Enough:
                cut = True

    # Places are asked for in body order: lines are counted from the last one, once over the body.
    cursor = [0, first_line, 0]  # offset, its line, the offset where that line starts

    def place(offset: int) -> tuple[int, int]:
        start, line, line_start = cursor
        if offset < start:
            start, line, line_start = 0, first_line, 0
        newlines = body.count("\n", start, offset)
        if newlines:
            line += newlines
            line_start = body.rfind("\n", start, offset) + 1
        cursor[:] = [offset, line, line_start]
        return line, offset - line_start + 1

    if "[[" in body:
        for match in WIKI_LINK.finditer(body):
            target, _, text = match.group(1).partition("|")
            line, col = place(match.start())
            links.append(WikiLink(target.strip(), text.strip() or None, line, col))
    issues = []
    ordered = sorted(spots, key=lambda spot: spot[0])
    for offset, message in ordered[:MAX_REPORTED]:
        line, col = place(offset)
        issues.append(Issue(rel, line, col, "E201", message))
    if cut or len(ordered) > MAX_REPORTED:
        line, col = place(ordered[min(MAX_REPORTED, len(ordered) - 1)][0])
        issues.append(
            Issue(
                rel,
                line,
                col,
                "E201",
                f"plus de {MAX_REPORTED} éléments retirés à la publication dans ce texte, d'autres suivent : "
                "corrigez ceux-ci, puis relancez la vérification",
            )
        )
    return links, issues


class _Enough(Exception):
    """A reading of the body has found enough to report."""


def _html_views(body: str, report: Report, code: _Code) -> None:
    _browser_tags(body, report, code)
    for match in _INLINE_TAG.finditer(body):
        _check_tag(match.group(1).lower(), match.group(2), match.start(), match.start(2), report)


def _attribute_lists(body: str, report: Report, code: _Code) -> None:
    for match in _ATTR_LIST.finditer(body):
        _check_attributes("", match.group(1), match.start(1), report, attribute_list=True)


def _inline_links(body: str, report: Report, code: _Code) -> None:
    for match in _LINK.finditer(body):
        _check_url(match.group(1), "", match.start(1), report)


def _definitions(body: str, report: Report, code: _Code) -> None:
    for match in _REFDEF.finditer(body):
        label = match.group(1)
        if not label.startswith("^") and not (match.start() > 0 and body[match.start() - 1] == "*"):  # footnotes, abbreviations
            _check_url(match.group(2), "", match.start(2), report)


def _check_tag(name: str, attributes: str, offset: int, attributes_offset: int, report: Report) -> None:
    if name not in TAGS:
        what = "avec son contenu " if name in DROPPED_WITH_CONTENT else ""
        hint = (
            " ; une vidéo se publie dans un récit, par son champ « media » ; ailleurs, mettez un lien vers elle"
            if name in ("iframe", "video", "embed", "object")
            else ""
        )
        report(offset, f"balise <{name[:40]}> retirée à la publication : supprimez-la {what}(balises gardées : {_ALLOWED_TAGS_HINT}){hint}")
        return
    _check_attributes(name, attributes, attributes_offset, report)


def _check_attributes(tag: str, text: str, offset: int, report: Report, attribute_list: bool = False) -> None:
    """Attributes not kept on `tag` (or, in an attribute list, on any element), and URLs with a scheme not kept."""
    for attribute in _ATTRIBUTE.finditer(text):
        name, raw = attribute.group(1).lower(), attribute.group(2)
        if attribute_list and (raw is None or name[0] in "#."):
            continue  # `#id`, `.classe` and bare words are not attributes that could run anything
        where = offset + attribute.start()
        value = raw[1:-1] if raw and raw[0] in "\"'" and len(raw) > 1 else raw or ""
        if name.startswith("on"):
            report(
                where,
                f"attribut « {name[:40]} » retiré à la publication : "
                "les gestionnaires d'événements (onclick…) exécutent du code, supprimez-le",
            )
        elif name == "markdown":
            continue  # md_in_html reads it and leaves it out of the page
        elif not (allowed_attribute_somewhere(name) if attribute_list else allowed_attribute(tag, name)):
            where_kept = "" if attribute_list else f" de <{tag}>"
            report(
                where,
                f"attribut « {name[:40]} »{where_kept} retiré à la publication : supprimez-le (pas de style ni de script dans le texte)",
            )
        elif name in URL_ATTRIBUTES:
            _check_url(value, name, where, report)


def _check_url(url: str, attribute: str, offset: int, report: Report) -> None:
    if url and not allowed_url(html.unescape(url)):
        place = f" dans « {attribute} »" if attribute else ""
        shown = _UNPRINTABLE.sub("?", url.strip()[:40])
        report(
            offset,
            f"adresse « {shown} » retirée à la publication{place} : "
            "seules les adresses https://, http://, mailto: et relatives sont gardées (pas de javascript:, data:…)",
        )


class _Next:
    """`text.find(char, start)` for a start that only grows: each character of `text` is looked at once."""

    def __init__(self, text: str, char: str) -> None:
        self.text, self.char, self.found = text, char, -2

    def __call__(self, start: int) -> int:
        if self.found == -1 or self.found >= start:
            return self.found
        self.found = self.text.find(self.char, start)
        return self.found


class _Code:
    """Where the body's code is (fenced blocks, code spans), found in one pass the first time it is asked:
    Markdown writes code as text."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def _find(self) -> list[int]:
        regions: list[tuple[int, int]] = []
        if "```" in self.body or "~~~" in self.body:
            regions.extend(_fenced(self.body))
        if "`" in self.body:
            regions.extend(_code_spans(self.body))
        regions.sort()
        self.ends = [end for _, end in regions]
        return [start for start, _ in regions]

    def end_of(self, offset: int) -> int:
        """The end of the code region holding `offset`, or 0 when `offset` is not in code."""
        if self.starts is None:
            self.starts = self._find()
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.ends[index] if index >= 0 and offset < self.ends[index] else 0


def _fenced(body: str) -> list[tuple[int, int]]:
    """Fenced blocks: from an opening fence to the next fence of the same kind, as long, with nothing after it."""
    regions = []
    opened: tuple[int, str] | None = None
    for fence in _FENCE.finditer(body):
        mark = fence.group(1)
        if opened is None:
            opened = (fence.start(), mark)
        elif mark[0] == opened[1][0] and len(mark) >= len(opened[1]) and not fence.group(2).strip():
            regions.append((opened[0], fence.end()))
            opened = None
    return regions  # an unclosed fence is text for superfences, not code


def _code_spans(body: str) -> list[tuple[int, int]]:
    """A run of n backticks opens a span closed by the next run of exactly n in the same paragraph
    (a line that opens raw HTML ends it, as it ends the paragraph for Python-Markdown)."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(body)]
    blanks = sorted(
        [match.start() for match in _SPAN_BREAK.finditer(body)]
        + [edge for match in _INDENTED_LINES.finditer(body) for edge in (match.start(), match.end())]
    )
    following: dict[int, int] = {}  # run index -> index of the next run of the same length
    after: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        if length in after:
            following[index] = after[length]
        after[length] = index
    regions = []
    index = 0
    while index < len(runs):
        start, _end = runs[index]
        closing = following.get(index)
        if closing is not None and bisect.bisect_left(blanks, start) == bisect.bisect_left(blanks, runs[closing][0]):
            regions.append((start, runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return regions


def _browser_tags(body: str, report: Report, code: _Code) -> None:
    """Start tags as a browser tokenises the body, one pass; each start tag is checked with its attributes."""
    next_gt, next_double, next_single = _Next(body, ">"), _Next(body, '"'), _Next(body, "'")
    found = _TAG_OPEN.search(body)
    position = found.start() if found else -1
    while position != -1:
        in_code = code.end_of(position)
        if in_code:
            found = _TAG_OPEN.search(body, in_code)
            position = found.start() if found else -1
            continue
        after = body[position + 1 : position + 2]
        if body.startswith("<!--", position):
            end = _comment_end(body, position)
        elif after in ("!", "?") or (after == "/" and not body[position + 2 : position + 3].isalpha()):
            end = next_gt(position)  # a bogus comment (`<!…>`, `<?…>`, `</ …>`): up to the next `>`
            end = end + 1 if end != -1 else -1
        elif after.isascii() and (after.isalpha() or after == "/"):
            closing = after == "/"
            start = position + (2 if closing else 1)
            name_end = _skip(_NAME, body, start)
            name = body[start:name_end].lower()
            end = _tag_end(body, name_end, next_gt, next_double, next_single)
            if end == -1:
                return  # the tag runs to the end of the body: browsers drop it and everything after
            if not closing:
                _check_tag(name, body[name_end : end - 1], position, name_end, report)
                if name in _RAW_TEXT:
                    end = _raw_text_end(body, name, end)
        else:
            end = position + 1
        if end == -1:
            return
        found = _TAG_OPEN.search(body, end)
        position = found.start() if found else -1


def _skip(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where `pattern`, which may match nothing, stops matching from `position`."""
    found = pattern.match(text, position)
    return found.end() if found else position


def _comment_end(body: str, start: int) -> int:
    """Just after the comment opened at `start` (`<!-->` and `<!--->` close at once), or -1."""
    if body.startswith(">", start + 4):
        return start + 5
    if body.startswith("->", start + 4):
        return start + 6
    found = _COMMENT_END.search(body, start + 4)
    return found.end() if found else -1


def _tag_end(body: str, position: int, next_gt: _Next, next_double: _Next, next_single: _Next) -> int:
    """Just after the `>` that ends a tag whose attributes start at `position`, or -1 (quoted values may hold `>`)."""
    size = len(body)
    while position < size:
        char = body[position]
        if char == ">":
            return position + 1
        if char == "=":
            position = _skip(_SPACES, body, position + 1)
            if position < size and body[position] in "\"'":
                closing = (next_double if body[position] == '"' else next_single)(position + 1)
                if closing == -1:
                    return -1
                position = closing + 1
            else:
                position = _skip(_UNQUOTED, body, position)  # an unquoted value ends at a space or `>`
            continue
        gt = next_gt(position)
        if gt == -1:
            return -1
        # Up to the next `=` or `>`: names and unquoted values hold no quote that opens a value.
        equals = body.find("=", position, gt)
        position = gt if equals == -1 else equals
    return -1


def _raw_text_end(body: str, name: str, start: int) -> int:
    """Just after the end tag of a raw-text element (`</script`…), or -1 when it runs to the end of the body."""
    if name == "plaintext":
        return -1
    found = re.compile(rf"</{re.escape(name)}[\s/>]", re.IGNORECASE).search(body, start)
    return found.end() if found else -1
