"""The one allowlist of what content may put in a page, and the sanitiser that applies it.

Content is Markdown written by anyone who opens a pull request; what a reader's browser runs
must not depend on it. After Markdown (with the extensions of mkdocs.yml) has turned a body
into HTML, that HTML is parsed and rebuilt by `nh3` (the Rust `ammonia` sanitiser) keeping only
the elements, attributes and URL schemes below: what Markdown and its extensions produce,
plus the few tags contributors write by hand. The checker (`bodies.py`) reads the same
declaration to tell contributors, at the right line, what the sanitiser would remove.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import nh3

from mesbox.contract.characters import replace_refused

# Elements, by where they come from (mkdocs.yml's `markdown_extensions`).
_MARKDOWN = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "a", "img", "ul", "ol", "li", "hr", "br"}
_EXTENSIONS = {
    "abbr",  # abbr
    "div",  # admonition, footnotes, code highlighting
    "dl",
    "dt",
    "dd",  # def_list
    "sup",  # footnotes
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "colgroup",
    "col",  # tables
    "details",
    "summary",  # pymdownx.details
    "span",  # code highlighting (Pygments classes)
    "del",
    "sub",  # pymdownx.tilde
}
# Inline and grouping tags contributors write by hand in `md_in_html` blocks and paragraphs.
_HANDWRITTEN = {"b", "i", "u", "s", "ins", "mark", "small", "kbd", "samp", "var", "q", "cite", "dfn", "time", "figure", "figcaption", "wbr"}
TAGS: frozenset[str] = frozenset(_MARKDOWN | _EXTENSIONS | _HANDWRITTEN)
# The same tags by where they come from, as the contract lists them.
TAG_SOURCES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "Markdown": frozenset(_MARKDOWN),
        "extensions de mkdocs.yml": frozenset(_EXTENSIONS),
        "écrites à la main": frozenset(_HANDWRITTEN),
    }
)

# Attributes allowed on every tag, then per tag. No `style`, no event handler, no `data-*` but
# `data-search-exclude` (Material leaves the element out of its search index: mesbox's own headings use it).
GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({"class", "id", "title", "lang", "data-search-exclude"})
ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "a": frozenset({"href", "name", "download"}),
        "img": frozenset({"src", "alt", "width", "height", "loading"}),
        "abbr": frozenset(),
        "ol": frozenset({"start", "type", "reversed"}),
        "li": frozenset({"value"}),
        "th": frozenset({"align", "colspan", "rowspan", "scope"}),
        "td": frozenset({"align", "colspan", "rowspan"}),
        "col": frozenset({"span"}),
        "colgroup": frozenset({"span"}),
        "details": frozenset({"open"}),
        "q": frozenset({"cite"}),
        "time": frozenset({"datetime"}),
    }
)
# Attributes holding a URL: checked against the schemes below (relative URLs are allowed).
URL_ATTRIBUTES: frozenset[str] = frozenset({"href", "src", "cite"})
URL_SCHEMES: frozenset[str] = frozenset({"https", "http", "mailto"})
# Removed with everything inside them, not only their tags: their text is code or markup, never prose.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "noscript", "template", "xmp", "iframe", "noembed", "noframes", "object", "textarea", "title", "svg", "math"}
)


def allowed_attribute(tag: str, name: str) -> bool:
    """Whether `name` may stay on `tag` (both lower-case)."""
    return name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ())


def allowed_attribute_somewhere(name: str) -> bool:
    """Whether `name` may stay on at least one element (attribute lists do not say which element they land on)."""
    return name in GLOBAL_ATTRIBUTES or any(name in names for names in ATTRIBUTES.values())


def allowed_url(value: str) -> bool:
    """Relative URLs and the schemes of `URL_SCHEMES`, read as browsers (and nh3) read a URL: controls
    and spaces around it ignored, tabs and newlines inside it removed, then a scheme is a letter
    followed by letters, digits, `+`, `-` or `.` up to a colon."""
    cleaned = _TAB_NEWLINE.sub("", value.strip("".join(map(chr, range(0x21)))))
    scheme = _SCHEME.match(cleaned)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


_TAB_NEWLINE = re.compile(r"[\t\n\r]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def _cleaner() -> nh3.Cleaner:
    per_tag = {tag: set(GLOBAL_ATTRIBUTES) | set(ATTRIBUTES.get(tag, ())) for tag in TAGS}
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=per_tag,
        url_schemes=set(URL_SCHEMES),
        strip_comments=False,  # mesbox's block placeholders are comments; a comment runs nothing
        link_rel=None,  # links stay as written: no rel added to the site's own links
    )


_CLEANER = _cleaner()
# What the parser reads as more than text (a tag, a reference) or writes back otherwise (`>` and the
# no-break space as references, carriage returns as line feeds, NUL and a leading byte order mark dropped).
_NOT_PLAIN_TEXT = re.compile("[<>&\r\x00\xa0\ufeff]")


def sanitize_html(fragment: str) -> str:
    """`fragment` parsed as the inside of a `<body>` and written back with only what the allowlist keeps,
    control characters, non-characters and bidi overrides replaced by U+FFFD (the check refuses them, E102).
    Plain text (most titles of a table of contents) comes out of the sanitiser as it went in: it skips it."""
    if _NOT_PLAIN_TEXT.search(fragment) is None:
        return replace_refused(fragment)
    return replace_refused(_CLEANER.clean(fragment))


def escape_text(value: str) -> str:
    """Text made safe to write as it is into HTML text or a double-quoted attribute (what themes do with
    front-matter), refused characters replaced by U+FFFD."""
    return replace_refused(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def escape_values(values: Mapping[str, object]) -> dict[str, object]:
    """Front-matter of an editorial page with every string escaped, at any depth. Keys starting with
    `mesbox_` are mesbox's own (JSON-LD, licence link of entry pages): dropped, a page cannot set them."""
    return {key: _escape_any(value) for key, value in values.items() if not key.startswith("mesbox_")}


def _escape_any(value: object) -> object:
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, Mapping):
        return {key: _escape_any(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escape_any(item) for item in value]
    return value
