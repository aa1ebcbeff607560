"""The allowlist sanitiser: keeps what Markdown and its extensions make, removes what could run code,
and agrees with the checker (what `scan_body` does not report, the sanitiser does not remove)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_render import extensions, render

from mesbox.contract.characters import replace_refused
from mesbox.contract.sanitize import _CLEANER, escape_text, escape_values, sanitize_html
from mesbox.publishing.audit import Allowed, audit_text
from mesbox.publishing.csp import ThemeScripts
from mesbox.reading.bodies import scan_body


class _Events(HTMLParser):
    """A page as its start tags with their attributes, its text and its comments, entities decoded: two
    serialisations of one document compare equal (end tags are left out: a sanitiser closes what was left
    open and drops end tags that close nothing, and so do browsers)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[object, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", str(self.events[-1][1]) + data)
        else:
            self.events.append(("data", data))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data))


def events(html: str) -> list[tuple[object, ...]]:
    parser = _Events()
    parser.feed(html)
    parser.close()
    return parser.events


def kept(html: str) -> tuple[list[str], str]:
    """What a reader gets of a fragment, whatever its serialisation: the kinds of elements with their attributes
    (in any order, each once: an HTML parser moves misnested blocks, adds paragraphs around them and reopens
    formatting elements left open) and its text. `markdown="1"` is md_in_html's own mark, meaningless in a page."""
    found = events(html)
    elements = sorted(
        {
            repr((event[1], [pair for pair in event[2] if pair[0] != "markdown"]))  # type: ignore[attr-defined]
            for event in found
            if event[0] == "start" and event[1] != "p"
        }
    )
    text = "".join(str(event[1]) for event in found if event[0] == "data")
    return elements, " ".join(text.split())


EVERY_EXTENSION = """\
# Titre { #ancre .classe }

Un paragraphe avec une note[^1], du ~~barré~~, H~2~O, une <abbr title="x">abr</abbr> et MES.
Un [lien](https://exemple.org "titre"), un [relatif](../fiches/a/), un [courriel](mailto:a@exemple.org),
une ![image](/images/a.png){ width=40 }, un [ancre](#ancre) et un [[lien-wiki]] resté texte.

!!! note "Remarque"
    Texte de l'encadré.

??? info "Détails"
    Caché puis montré.

| Colonne | Droite |
|:--------|-------:|
| a       | 1      |

Terme
:   Définition.

```python
def f(x):
    return x < 1
```

<div markdown="1" class="encadre">
*Texte* dans un bloc HTML.
</div>

<details open><summary>Plus</summary>Texte</details>

*[MES]: Mouvement pour l'Économie Solidaire

[^1]: La note.
"""


def test_the_extensions_are_those_of_mkdocs_yml() -> None:
    """The tests render bodies as the site does: the allowlist below is checked against these extensions."""
    names, configs = extensions()
    assert {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tilde",
    } <= set(names)
    assert configs["tables"] == {"use_align_attribute": True}  # alignment as an attribute the allowlist keeps


def test_everything_markdown_makes_is_kept() -> None:
    """Footnotes, admonitions, details, toc permalinks, tables and their alignment, code highlighting
    classes, definition lists, abbreviations, strike-through and subscripts, attribute lists' ids and classes."""
    html = render(EVERY_EXTENSION)
    assert 'class="headerlink"' in html and 'class="footnote-ref"' in html and 'align="right"' in html and 'class="highlight"' in html
    assert events(sanitize_html(html)) == events(html)


def test_scripts_handlers_and_other_schemes_are_removed() -> None:
    cleaned = sanitize_html(
        '<p onclick="a()">x<script>alert(1)</script><style>p{}</style></p>'
        '<a href="javascript:alert(1)">j</a><a href=" java\tscript:x">t</a><img src="data:image/png;base64,AA">'
        '<a href="tel:1">tel</a><iframe src="https://exemple.org"></iframe><span style="color:red">s</span>'
        '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg><form><input></form>'
    )
    assert events(cleaned) == events("<p>x</p><a>j</a><a>t</a><img><a>tel</a><span>s</span>")


def test_comments_and_relative_links_stay() -> None:
    """mesbox's block placeholders are comments; relative links are the site's own."""
    html = '<!--mesbox:blocks:0,1-->\n<p><a href="../a/">a</a> <a href="#b">b</a></p>\n<!--mesbox:block:2-->'
    assert sanitize_html(html) == html


def test_front_matter_values_are_escaped_at_any_depth_and_mesbox_keys_dropped() -> None:
    """Themes write `title`, `description`… into HTML as they are: every string is escaped; a page may not
    set mesbox's own keys (JSON-LD, licence link)."""
    values = {
        "title": "</title><script>alert(1)</script>",
        "hide": ["toc"],
        "x": {"y": ['"&']},
        "n": 3,
        "mesbox_jsonld": "</script><script>alert(1)</script>",
    }
    assert escape_values(values) == {
        "title": "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "hide": ["toc"],
        "x": {"y": ["&quot;&amp;"]},
        "n": 3,
    }
    assert escape_text("L'économie") == "L'économie"  # apostrophes stay as written: themes quote attributes with "


def test_control_characters_non_characters_and_bidi_overrides_never_reach_the_page() -> None:
    """Second layer behind the check's E102: in a rendered body (code included) and in an escaped value, each
    becomes U+FFFD, the character a browser shows for one it cannot use."""
    html = render("Texte \x85 et \u202eà l'envers\u202c.\n\n```\ncode\x1b[31m\n```\n\n## Titre \ufdd0\n")
    cleaned = sanitize_html(html)
    assert "\x85" in html and "\x1b" in html  # Markdown keeps them
    for char in "\x00\x1b\x85\u202e\u202c\ufdd0":
        assert char not in cleaned
    assert cleaned.count("\ufffd") == 5
    assert escape_text("Titre\x00 \u2066caché\u2069") == "Titre\ufffd \ufffdcaché\ufffd"


# Pieces of hostile Markdown (the issue's classes) and of ordinary Markdown, joined at random.
FRAGMENTS = [
    "Texte ",
    "\n",
    "\n\n",
    "> ",
    "- ",
    "    ",
    "!!! note\n    ",
    "## Titre ",
    "`",
    "```\n",
    "*",
    "_",
    "[x][r]",
    "\n\n[r]: javascript:alert(1)\n",
    "[r]:\n    javascript:alert(1)\n",
    "![i][r]",
    "[x](javascript:alert(1))",
    "[x](< javascript:alert(1)>)",
    "[x](data:text/html,x)",
    "[x](https://exemple.org)",
    "[x](../a/)",
    "{ onclick=alert(1) }",
    "{: href=javascript:alert(1) }",
    "{ #id .classe }",
    "{ data-toc-label='<img src=x onerror=alert(1)>' }",
    "<script>alert(1)</script>",
    "< script>alert(1)</script>",
    "<\nscript>",
    "<img src=x onerror=alert(1)>",
    "<!-- <img src=x onerror=alert(1)> -->",
    "<!-- x --!><img src=x onerror=alert(1)>",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<?x <img src=x onerror=alert(1)> ?>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<textarea>",
    "<style>body{display:none}</style>",
    '<svg><animate attributeName="href" values="javascript:alert(1)"/><a><text>x</text></a></svg>',
    '<a href="&#106;avascript:alert(1)">e</a>',
    "<a title='>' onclick=alert(1)>q</a>",
    '<div markdown="1">\n*t*\n</div>',
    "<details><summary>s</summary>d</details>",
    '<span class="c">s</span>',
    "<em>e</em>",
    "<b>",
    "</b>",
    "<",
    ">",
    '"',
    "'",
    "=",
    "&",
    "&#",
    "[^1]",
    "\n\n[^1]: note\n",
]
hostile_markdown = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join)
ALLOWED = Allowed(ThemeScripts(()), frozenset())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_markdown)
def test_rendered_and_sanitised_hostile_markdown_never_fails_the_audit(body: str) -> None:
    """Whatever a body says, what the sanitiser writes holds no script, handler, code URL or embedding element."""
    page = f"<!doctype html><html><head><title>t</title></head><body><article>{sanitize_html(render(body))}</article></body></html>"
    assert audit_text(page, "page/index.html", ALLOWED) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_markdown)
# Found by Hypothesis: backticks on either side of a comment line are no code span for Python-Markdown.
@example("```\n<!-- x --!><img src=x onerror=alert(1)>```\n")
@example("    ```\n[x](javascript:alert(1))```\n")  # an indented code block is no code span's start
@example("!!! note\n    ```\n[x](javascript:alert(1))```\n")  # nor is the inside of an admonition
def test_what_the_check_does_not_report_the_sanitiser_does_not_remove(body: str) -> None:
    """The checker and the sanitiser share one allowlist: a body the checker accepts is published whole."""
    _, issues = scan_body(body, "f.md", 1)
    if issues:
        return
    html = render(body)
    assert kept(sanitize_html(html)) == kept(html), html


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="ab <>&;#\t\n\r\"'=/é\x00\x0b\x1b\x7f\x85\xa0\u202e\ufdd0\ufeff\U0001fffe", max_size=20))
def test_text_the_sanitiser_skips_is_what_it_would_write(text: str) -> None:
    """The shortcut for plain text changes nothing: what skips nh3 is what nh3 would have written."""
    assert sanitize_html(text) == replace_refused(_CLEANER.clean(text))


@pytest.mark.parametrize("title", ["<img src=x onerror=alert(1)>", "a<script>alert(1)</script>", "&lt;script&gt;", "x\x00<b>y</b>"])
def test_titles_with_markup_still_go_through_the_sanitiser(title: str) -> None:
    assert sanitize_html(title) == replace_refused(_CLEANER.clean(title))
    assert "onerror" not in sanitize_html(title) and "<script" not in sanitize_html(title)


@pytest.mark.parametrize("body", ["< script>alert(1)</script>", "<\nscript>alert(1)</script>"])
def test_a_less_than_followed_by_a_space_is_published_as_text(body: str) -> None:
    """Not a tag for Markdown nor for browsers: the reader sees the characters, nothing runs."""
    assert "&lt;" in sanitize_html(render(body)) and "<script" not in sanitize_html(render(body))
