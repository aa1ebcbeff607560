"""Body scan: wiki links with their place, and everything that could run code."""

import pytest

from mesbox.bodies import scan_body


def test_wiki_links_with_lines() -> None:
    links, issues = scan_body("Texte\nVoir [[a-b]] et [[c|le C]].\n", "f.md", 10)
    assert issues == []
    assert [(l.target, l.text, l.line, l.col) for l in links] == [("a-b", None, 11, 6), ("c", "le C", 11, 17)]


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        "<SCRIPT src=x>",
        "< iframe src='x'>",
        "<object data='x'>",
        "<embed src='x'>",
        "<form action='/'>",
        "<a href='#' onmouseover='x()'>a</a>",
        "<a href=\"jav&#x61;script:alert(1)\">a</a>",
        "<a href=' javascript:alert(1)'>a</a>",
        "[a](javascript:alert(1))",
        "[a](<vbscript:x>)",
        "[ref]: data:text/html;base64,xx",
        "<img src=\"data:text/html,<b>x</b>\">",
        "<a href=\"data:image/png;base64,xx\">a</a>",
        "<div style=\"width: expression(alert(1))\">",
        "<meta http-equiv=refresh content='0;url=x'>",
    ],
)
def test_unsafe_constructs_are_refused(snippet: str) -> None:
    _, issues = scan_body(f"Bonjour.\n{snippet}\n", "f.md", 5)
    assert issues and all(i.code == "E201" and i.line == 6 for i in issues)


@pytest.mark.parametrize(
    "snippet",
    [
        '<img alt="schéma" src="data:image/png;base64,iVBORw0KGgo=">',
        "[site](https://exemple.org) et [page](../autre/)",
        "Le JavaScript: un langage.",
        "a < b et c > d",
        "<abbr title='Économie sociale et solidaire'>ESS</abbr>",
        "</div>",
    ],
)
def test_harmless_content_passes(snippet: str) -> None:
    assert scan_body(snippet, "f.md", 1)[1] == []
