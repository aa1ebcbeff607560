"""`scan_body`: `[[id]]` links with their place, and every HTML or URL that could run code (E201, docs/contrat.md §4)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mesbox.bodies import WikiLink, scan_body


def unsafe(body: str) -> list[tuple[int, int]]:
    """(line, col) of every E201 in a body starting at file line 10."""
    _, issues = scan_body(body, "f.md", 10)
    assert {i.code for i in issues} <= {"E201"}
    return [(i.line, i.col) for i in issues]


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


def test_plain_prose_and_safe_html_pass() -> None:
    """Comparisons, safe tags, https links, images and closing tags are fine."""
    body = (
        "Si a < b et b > c, alors <em>rien</em>.\n"
        '<a href="https://exemple.org" title="x">lien</a> [texte](https://exemple.org) ![img](/a.png)\n'
        '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">\n'
        "<details><summary>Plus</summary>Texte</details>\n"
        "Un mot comme onclick, javascript ou data: dans le texte n'est pas du code.\n"
        '<span style="color: red">rouge</span>\n'
    )
    assert unsafe(body) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        "<SCRIPT src=https://x.org/a.js></SCRIPT>",
        "< script>alert(1)</script>",
        '<iframe src="https://exemple.org/video"></iframe>',
        '<object data="x.swf"></object>',
        '<embed src="x.swf">',
        '<form action="https://x.org"><input></form>',
        "<span onclick=\"alert(1)\">clic</span>",
        "<img src=x onerror=alert(1)>",
        "<img/onerror=alert(1) src=x>",
        "<body onload='x()'>",
        '<a href="javascript:alert(1)">x</a>',
        "<a href='JaVaScRiPt:alert(1)'>x</a>",
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<img src="data:text/html;base64,PHNjcmlwdD4=">',
        '<a href="data:image/png;base64,AAAA">x</a>',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<span style="width: expression(alert(1))">x</span>',
        "[clic](javascript:alert(1))",
        "[clic]( <javascript:alert(1)> )",
        "[clic](data:text/html,x)",
        "[clic]: javascript:alert(1)",
    ],
)
def test_unsafe_constructs_are_e201_at_their_place(snippet: str) -> None:
    """Each construct of the contract's list is refused on its own line, at a column inside the construct."""
    prefix = "" if snippet.startswith("[clic]:") else "Texte "
    places = unsafe("Avant.\n\n" + prefix + snippet + "\n")
    assert len(places) >= 1, snippet
    line, col = places[0]
    assert line == 12
    assert len(prefix) < col <= len(prefix) + len(snippet)


def test_data_image_is_allowed_only_as_an_img_src() -> None:
    """`data:image/` is the one data URL allowed, and only in `<img src>` (docs/contrat.md §4)."""
    assert unsafe('<img src="data:image/svg+xml;base64,PHN2Zz4=">') == []
    assert unsafe('<img src="data:image/png;base64,AAAA" srcset="data:text/html,x">') != []
    assert unsafe('<a href="data:image/png;base64,AAAA">x</a>') != []


def test_multi_line_tag_is_reported_at_its_start() -> None:
    """An attribute on a later line is still the tag's: reported at the `<`."""
    assert unsafe("Texte.\n<div\n  class=x\n  onmouseover=\"x()\">\n</div>\n") == [(11, 1)]


def test_every_unsafe_construct_is_reported() -> None:
    """All of them in one run, not only the first."""
    body = "<script>a</script>\n<iframe></iframe>\n[x](javascript:y)\n<b onclick=z>t</b>\n"
    assert sorted(unsafe(body)) == [(10, 1), (11, 1), (12, 3), (13, 1)]


def test_closing_and_quoted_greater_than_do_not_hide_attributes() -> None:
    """A `>` inside a quoted value does not end the tag."""
    assert unsafe("<a title='>' onclick=alert(1)>x</a>") == [(10, 1)]


def test_stray_quote_in_an_unquoted_value_does_not_hide_later_attributes() -> None:
    """Browsers read `<div title=x' onclick=…>` as title="x'" plus an onclick handler; Markdown passes
    this block HTML through unchanged, so the handler would run on the published page."""
    assert unsafe("<div title=x' onclick=alert(1)>\nTexte\n</div>\n") == [(10, 1)]


@pytest.mark.parametrize(
    "snippet",
    [
        '[lien](https://exemple.org){ onclick="alert(1)" }',
        "## Titre { onmouseover=alert(1) }",
        '[lien](https://exemple.org){: href="javascript:alert(1)" }',
    ],
)
def test_attribute_lists_cannot_add_handlers_or_script_urls(snippet: str) -> None:
    """mkdocs.yml enables `attr_list`: `{ onclick=… }` after a link or heading becomes a real attribute
    (`<a href=… onclick="alert(1)">`), so the contract's "wherever they appear" covers it."""
    assert [line for line, _ in unsafe("\n" + snippet + "\n")] == [11]


def test_wiki_link_scan_is_linear() -> None:
    """A body of 500 000 `[[` (1 MB, under the 2 MiB limit) must be scanned in well under 3 s, not hours."""
    code = "from mesbox.bodies import scan_body; scan_body('[[' * 500_000, 'f.md', 1)"
    try:
        subprocess.run([sys.executable, "-c", code], timeout=3, check=True, capture_output=True)
    except subprocess.TimeoutExpired:
        pytest.fail("scan_body took more than 3 s on 1 MB of « [[ »: the wiki-link pattern backtracks quadratically")


def test_other_hostile_bodies_are_scanned_quickly() -> None:
    """Many unclosed tags, quotes or link openers stay linear."""
    code = (
        "from mesbox.bodies import scan_body\n"
        "for unit in ('<a ', \"<a x=' \", '<a\"', '](', '[a]: ', '<', '&#'):\n"
        "    scan_body(unit * 200_000, 'f.md', 1)\n"
    )
    subprocess.run([sys.executable, "-c", code], timeout=10, check=True, capture_output=True)
