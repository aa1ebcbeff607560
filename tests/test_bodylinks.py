"""Links of a body: images from other hosts refused, relative links kept with their place, code ignored."""

from __future__ import annotations

import pytest

from mesbox.reading.bodylinks import page_url, resolve, resolve_raw, scan_links


def scan(body: str) -> tuple[list[tuple[str, int, int]], list[tuple[int, int, str]]]:
    links, issues = scan_links(body, "fiches/x.md", 10)
    return [(link.target, link.line, link.col) for link in links], [(i.line, i.col, i.code) for i in issues]


def test_relative_links_and_images_are_kept_with_their_place() -> None:
    links, issues = scan("Voir [une page](../monographies/m.md#partie) et ![carte](carte.png).\n\n[réf]: docs/plan.pdf\n")
    assert issues == []
    assert links == [("../monographies/m.md#partie", 10, 17), ("carte.png", 10, 58), ("docs/plan.pdf", 12, 8)]


@pytest.mark.parametrize(
    "body",
    [
        "[site](https://exemple.org) [courriel](mailto:a@exemple.org) [ancre](#partie) [autre](//exemple.org/p) [q](?x=1)",
        "`[a](absent.md)` et ``[b](absent.md)``",
        "```\n[a](absent.md)\n```\n",
        "~~~ python\n[a](absent.md)\n~~~\n",
        "\\[pas un lien\\](absent.md)",
    ],
)
def test_what_is_not_a_relative_link_or_a_remote_image(body: str) -> None:
    assert scan(body) == ([], [])


@pytest.mark.parametrize(
    "body",
    [
        "`x ![](https://tracker.exemple/p.gif) ``y``",  # no code span for the engine: the image is shown
        "```\n![x](https://tracker.exemple/p.gif)\n```\n",
        "```{ mal formé\n![x](https://tracker.exemple/p.gif)\n```\n",
    ],
)
def test_images_from_other_hosts_are_looked_for_in_code_too(body: str) -> None:
    """Whether the engine sees code where the scan would is not certain: a pixel is refused wherever it is written."""
    assert [code for _, _, code in scan(body)[1]] == ["E201"]


def test_an_odd_fence_does_not_hide_a_link() -> None:
    """A fence the engine may not accept is no code for the check either."""
    assert scan("```{ mal formé\n[a](absent.md)\n```\n")[0] == [("absent.md", 11, 5)]


@pytest.mark.parametrize(
    "body",
    [
        "![](https://tracker.exemple/p.gif)",
        "![x](<https://tracker.exemple/p.gif>)",
        "![x](//tracker.exemple/p.gif)",
        "![x][p]\n\n[p]: http://tracker.exemple/p.gif",
        "![p]\n\n[P]:\n  https://tracker.exemple/p.gif",
        '<img src="https://tracker.exemple/p.gif">',
        "<IMG SRC=https://tracker.exemple/p.gif>",
        '<video poster="https://tracker.exemple/p.jpg"></video>',
        '<svg><image href="https://tracker.exemple/p.gif"/></svg>',
    ],
)
def test_images_from_other_hosts_are_refused(body: str) -> None:
    _, issues = scan(body)
    assert [code for _, _, code in issues] == ["E201"]


def test_links_from_the_site_root_are_kept_but_not_resolved() -> None:
    links, _ = scan("[séminaire](/fiches/seminaire/) et\n\n[réf]: /themes/emploi/\n")
    assert links == [("/fiches/seminaire/", 10, 13), ("/themes/emploi/", 12, 8)]
    assert resolve("fiches/x.md", "/fiches/carte.png") is None


def test_an_image_inside_a_link_is_told_apart_from_the_link() -> None:
    links, issues = scan("[![vignette](vignette.png)](https://exemple.org/grand.png)")
    assert issues == [] and links == [("vignette.png", 10, 14)]
    links, issues = scan("[![v](https://t.exemple/p.gif)](page.md)")
    assert len(issues) == 1 and links == [("page.md", 10, 33)]


def test_resolve_is_relative_to_the_page_and_ignores_folders() -> None:
    assert resolve("fiches/methodes/x.md", "../../monographies/m.md#a") == "monographies/m.md"
    assert resolve("fiches/x.md", "carte%201.png?v=2") == "fiches/carte 1.png"
    assert resolve("fiches/x.md", "../themes/") is None
    assert resolve("fiches/x.md", "../themes/emploi") is None
    assert resolve("fiches/x.md", "../../../etc/passwd.txt") == ""


def test_raw_html_links_and_images_are_kept_as_raw_outside_code() -> None:
    """`href` of `<a>` and `src` of `<img>`, quoted or not, entities decoded; code spans, fences,
    other schemes and other attributes left out."""
    links, issues = scan_links(
        'Voir <img alt="c" src="carte.png"> et <A data-href="x" HREF=\'../y/?a=1&amp;b\'>y</A>.\n'
        '`<a href="code.md">` <a href="https://exemple.org">s</a> <a href="#ancre">a</a>\n```\n<img src="f.png">\n```\n',
        "fiches/x.md",
        10,
    )
    assert issues == []
    assert [(link.target, link.line, link.col, link.raw) for link in links] == [("carte.png", 10, 24, True), ("../y/?a=1&b", 10, 62, True)]
    links, _ = scan_links("## Titre { data-toc-label='<img src=x onerror=alert(1)>' }\n", "fiches/x.md", 10)
    assert links == []  # an attribute list's value is an attribute, not an image


def test_raw_links_are_read_from_the_page_address() -> None:
    """The engine rewrites Markdown links, not HTML ones: the browser reads these from `/fiches/x/`."""
    assert [page_url(p) for p in ("fiches/x.md", "fiches/index.md", "index.md", "recits/r.md")] == ["fiches/x/", "fiches/", "", "recits/r/"]
    assert resolve_raw("fiches/x.md", "carte.png") == "fiches/x/carte.png"
    assert resolve_raw("fiches/x.md", "../carte.png#a") == "fiches/carte.png"
    assert resolve_raw("fiches/x.md", "../../monographies/") == "monographies/"
    assert resolve_raw("fiches/x.md", "../../") == ""
    assert resolve_raw("fiches/x.md", "../../../etc/passwd") == ".."
