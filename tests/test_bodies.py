"""`scan_body`: `[[id]]` links with their place, and everything the sanitiser's allowlist would remove (E201, docs/contrat.md §4)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mesbox.reading.bodies import WikiLink, scan_body


def unsafe(body: str) -> list[tuple[int, int]]:
    """(line, col) of every E201 in a body starting at file line 10."""
    _, issues = scan_body(body, "f.md", 10)
    assert {i.code for i in issues} <= {"E201"}
    return [(i.line, i.col) for i in issues]


def messages(body: str) -> list[str]:
    return [i.message for i in scan_body(body, "f.md", 1)[1]]


def test_wiki_links_with_place_and_text() -> None:
    """`[[id]]` and `[[id|texte]]`, trimmed, with the file line and column of the first bracket."""
    body = "Voir [[initiative-solidaire]].\n\nEt [[ grille-commune | la grille ]] puis [[a]][[b]].\n"
    links, issues = scan_body(body, "f.md", 5)
    assert issues == []
    assert links == [
        WikiLink("initiative-solidaire", None, 5, 6),
        WikiLink("grille-commune", "la grille", 7, 4),
        WikiLink("a", None, 7, 42),
        WikiLink("b", None, 7, 47),
    ]


def test_wiki_link_never_spans_lines() -> None:
    """A `[[` left open on one line does not swallow the next line's text."""
    links, _ = scan_body("[[ouvert\nsuite]] et [[ferme]]", "f.md", 1)
    assert [link.target for link in links] == ["ferme"]


def test_plain_prose_and_allowed_html_pass() -> None:
    """Comparisons, allowed tags and attributes, https, mailto and relative links, footnotes, abbreviations, code."""
    body = (
        "Si a < b et b > c, alors <em>rien</em>.\n"
        '<a href="https://exemple.org" title="x">lien</a> [texte](https://exemple.org) ![img](/a.png) [m](mailto:a@exemple.org)\n'
        '<details open><summary>Plus</summary>Texte</details> <abbr title="Mouvement">MES</abbr>\n'
        '<div markdown="1" class="encadre" id="note">*Texte*</div>\n'
        "Un mot comme onclick, javascript ou data: dans le texte n'est pas du code.\n"
        'Une note[^1] et un lien [relatif](../fiches/x.md "titre : avec deux-points").\n\n'
        "[^1]: Note : voir ailleurs.\n\n*[MES]: Mouvement : économie solidaire\n"
        "Le chemin `/donnees/<type>.json` et ``<b onclick=x>`` sont du code.\n\n```html\n<script>x</script>\n```\n"
    )
    assert unsafe(body) == []


@pytest.mark.parametrize(
    ("snippet", "says"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ("<SCRIPT src=https://x.org/a.js></SCRIPT>", "<script>"),
        ('<iframe src="https://exemple.org/video"></iframe>', "champ « media »"),
        ('<object data="x.swf"></object>', "<object>"),
        ('<embed src="x.swf">', "<embed>"),
        ('<form action="https://x.org"><input></form>', "<form>"),
        ('<span onclick="alert(1)">clic</span>', "onclick"),
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("<img/onerror=alert(1) src=x>", "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ("<a href='JaVaScRiPt:alert(1)'>x</a>", "JaVaScRiPt:"),
        ('<a href=" javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "java&#x09;script"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "&#106;avascript"),
        ('<a href="vbscript:msgbox(1)">x</a>', "vbscript:"),
        ('<a href="data:text/html,x">x</a>', "data:"),
        ('<img src="data:image/png;base64,AAAA">', "data:"),
        ('<a href="tel:0102030405">x</a>', "tel:"),
        ('<span style="color: red">x</span>', "« style »"),
        ("<style>body{display:none}</style>", "<style>"),
        ("<noscript><b>x</b></noscript>", "<noscript>"),
        ("<xmp>x</xmp>", "<xmp>"),
        ("<textarea>x</textarea>", "<textarea>"),
        ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "<svg>"),
        ("[clic](javascript:alert(1))", "javascript:"),
        ("[clic]( <javascript:alert(1)> )", "javascript:"),
        ("[clic](< javascript:alert(1)>)", "javascript:"),
        ("[clic](data:text/html,x)", "data:"),
        ("![image](javascript:alert(1))", "javascript:"),
    ],
)
def test_what_the_sanitiser_removes_is_e201_at_its_place(snippet: str, says: str) -> None:
    """Each construct is reported on its own line, at a column inside it, with a message naming what to remove."""
    prefix = "Texte "
    _, issues = scan_body("Avant.\n\n" + prefix + snippet + "\n", "f.md", 10)
    assert issues, snippet
    assert all(i.code == "E201" and i.line == 12 and len(prefix) < i.col <= len(prefix) + len(snippet) for i in issues)
    assert any(says in i.message for i in issues), [i.message for i in issues]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('[x][r]\n\n[r]: javascript:alert(1) "titre"\n', 12),  # with a title
        ("[x][r]\n\n[r]:\n    javascript:alert(1)\n", 13),  # the URL on the next line
        ("> [x][r]\n>\n> [r]: javascript:alert(1)\n", 12),  # in a blockquote
        ("> [r]:\n> javascript:alert(1)\n", 11),  # in a blockquote, on the next line
        ("- [x][r]\n\n    [r]: javascript:alert(1)\n", 12),  # in a list item
        ("!!! note\n    [x][r]\n\n    [r]: javascript:alert(1)\n", 13),  # in an admonition
        ("![x][r]\n\n[r]: javascript:alert(1)\n", 12),  # an image by reference
        ("[x][r]\n\n[r]: <data:text/html,x>\n", 12),
    ],
)
def test_reference_definitions_are_read_wherever_markdown_reads_them(body: str, line: int) -> None:
    assert {place[0] for place in unsafe(body)} == {line}


@pytest.mark.parametrize(
    "snippet",
    [
        '[lien](https://exemple.org){ onclick="alert(1)" }',
        "## Titre { onmouseover=alert(1) }",
        '[lien](https://exemple.org){: href="javascript:alert(1)" }',
        "## Titre { data-toc-label='x' }",
        'Paragraphe.\n{: style="display:none" }',
    ],
)
def test_attribute_lists_cannot_add_handlers_styles_or_script_urls(snippet: str) -> None:
    """mkdocs.yml enables `attr_list`: `{ onclick=… }` after a link or heading becomes a real attribute."""
    assert unsafe("\n" + snippet + "\n") != []


def test_attribute_lists_keep_ids_and_classes() -> None:
    assert unsafe('## Titre { #ancre .important }\n\n[lien](https://exemple.org){ title="Voir" }\n') == []


@pytest.mark.parametrize(
    "body",
    [
        "<!-- a --!><img src=x onerror=alert(1)>",  # a comment closed the way browsers close it
        "<![CDATA[ x ]]><img src=x onerror=alert(1)>",  # CDATA is a bogus comment in HTML: it ends at the first `>`
        "<?php x ?><img src=x onerror=alert(1)>",  # so is a processing instruction
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',  # raw text ends at its end tag
        "<textarea></textarea><img src=x onerror=alert(1)>",
        "<a title='>' onclick=alert(1)>x</a>",  # a `>` inside a quoted value does not end the tag
        "<div title=x' onclick=alert(1)>\nTexte\n</div>",  # a quote inside an unquoted value does not open one
        'Voici <a href="x\n\n<img src=x onerror=alert(1)>',  # Markdown reads the image as HTML, a browser would not
    ],
)
def test_what_a_browser_or_markdown_reads_as_a_handler_is_found(body: str) -> None:
    """Where browsers and Markdown disagree on where a tag is, each reading is checked."""
    assert any("onerror" in m or "onclick" in m for m in messages(body)), messages(body)


@pytest.mark.parametrize(
    "body",
    [
        "    ```\n[x](javascript:alert(1))```\n",  # found by Hypothesis: an indented code block is no code span's start
        "Texte\n\n\t`x\n[x](javascript:alert(1))`\n",
        "!!! note\n    ```\n[x](javascript:alert(1))```\n",  # the inside of an admonition is a block too
    ],
)
def test_a_code_span_never_runs_out_of_indented_lines(body: str) -> None:
    assert unsafe(body), body


def test_a_less_than_followed_by_a_space_or_a_newline_is_text() -> None:
    """`< script>` is no tag for browsers nor for Markdown (written as `&lt; script&gt;`): nothing is removed."""
    assert unsafe("< script>alert(1)</script>\n<\nscript>alert(1)</script>\n") == []


def test_attributes_are_reported_at_their_own_line() -> None:
    """An attribute on a later line of a tag is reported where it is written."""
    assert unsafe('Texte.\n<div\n  class=x\n  onmouseover="x()">\n</div>\n') == [(13, 3)]


def test_every_construct_is_reported_once_in_one_run() -> None:
    """All of them in one run, in body order, each once even when both readings see it."""
    body = "<script>a</script>\n<iframe></iframe>\n[x](javascript:y)\n<b onclick=z>t</b>\n"
    assert unsafe(body) == [(10, 1), (11, 1), (12, 5), (13, 4)]


# Bodies that made the old scan (or Python-Markdown) super-linear, and their neighbours.
PATHOLOGICAL = [
    "<",
    "a",
    "<a ",
    "<a x='",
    '<a"',
    "](",
    "[a]: ",
    " ",
    "\t",
    "&#",
    "[[",
    "`",
    "``",
    "{",
    "{:",
    "<!--",
    "<!",
    "<?",
    "</",
    "=",
    '"',
    "'",
    "\n",
    "> ",
    "[",
    "]",
    "(",
    ":",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHOLOGICAL), st.integers(1, 3000)), min_size=1, max_size=4))
def test_pathological_bodies_are_scanned_and_placed_inside_the_body(runs: list[tuple[str, int]]) -> None:
    """Long runs of what once made the scan backtrack: answered, each place inside the body. (Time per KB is in
    benchmarks/bench_bodies.py, measured on 2 MiB bodies, not here.)"""
    body = "".join(unit * count for unit, count in runs)
    links, issues = scan_body(body, "f.md", 3)
    last = 3 + body.count("\n")
    assert all(3 <= i.line <= last and i.col >= 1 and i.code == "E201" for i in issues)
    assert all(3 <= link.line <= last for link in links)
