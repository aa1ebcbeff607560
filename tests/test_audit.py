"""The output audit: every HTML, SVG and XML file of a built site, read by a parser, for anything that runs code."""

from __future__ import annotations

from pathlib import Path

import material  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mesbox.publishing.audit import Allowed, Known, _Auditor, _plainly_clean, audit_site, audit_text, every_file, site_files, unknown_files
from mesbox.publishing.csp import ThemeScripts, with_policy

THEME = ThemeScripts.from_templates([Path(material.__file__).parent / "templates"])
ALLOWED = Allowed(THEME, frozenset({"assets/javascripts/", "assets/mesbox.js"}))
SCOPE = (
    '__md_scope=new URL("../..",location),'
    "__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),"
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)


def page(body: str = "<p>Texte</p>") -> str:
    """A page as Material writes one two folders deep, with `body` in its article."""
    return with_policy(
        '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f'<script>{SCOPE}</script>\n<script type="application/ld+json">{{"@type": "x"}}</script>\n</head>\n<body>\n'
        f"<article>\n{body}\n</article>\n"
        '<script id="__config" type="application/json">{"base": "../.."}</script>\n'
        '<script src="../../assets/javascripts/bundle.min.js"></script>\n<script src="../../assets/mesbox.js"></script>\n'
        "</body>\n</html>\n",
        THEME,
    )


def test_a_page_of_the_theme_and_mesbox_passes() -> None:
    assert audit_text(page(), "fiches/a/index.html", ALLOWED) == []
    assert _plainly_clean(page().encode(), "fiches/a/index.html", ALLOWED)  # and without the parser


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("<script>alert(1)</script>", "<script> en ligne"),
        ('<script src="https://cdn.exemple.org/x.js"></script>', "ni du thème"),
        ('<script src="../../content/x.js"></script>', "ni du thème"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "javascript:"),
        ('<a href=" java\tscript:alert(1)">x</a>', "java"),
        ('<a href="data:text/html,x">x</a>', "data:"),
        ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "values"),
        ('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', "« to »"),
        ('<iframe src="https://exemple.org"></iframe>', "<iframe>"),
        ('<object data="x"></object>', "<object>"),
        ('<embed src="x">', "<embed>"),
        ('<base href="https://exemple.org/">', "<base>"),
        ('<meta http-equiv="refresh" content="0;url=https://exemple.org">', "refresh"),
        ("<style>body{display:none}</style>", "<style>"),
    ],
)
def test_each_finding_names_the_file_and_line(body: str, says: str) -> None:
    findings = audit_text(page(body), "fiches/a/index.html", ALLOWED)
    assert findings, body
    assert all(f.path == "fiches/a/index.html" and f.line == 11 for f in findings), findings
    assert any(says in f.message for f in findings), findings


def test_inert_look_alikes_pass() -> None:
    """Prose that names what the audit looks for, escaped markup, `on` words and a valueless attribute run nothing."""
    body = (
        "<p>On peut écrire javascript: ou data: dans un texte, et &lt;script&gt; aussi.</p>\n"
        '<p><code>&lt;a onclick="x"&gt;</code> <a href="https://exemple.org/?a=1&amp;b=2">lien</a></p>\n<input disabled onfocus>\n'
    )
    assert audit_text(page(body), "fiches/a/index.html", ALLOWED) == []


def test_every_file_is_listed_once_in_the_order_of_the_audited_files(tmp_path: Path) -> None:
    for rel in ("b.html", "a/z.json", "a/b/c.html", "a/b/a.txt", "a.css", "ab/x.html", "a/a.svg", "recherche/f/x.dat"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / "lien").symlink_to(tmp_path / "a", target_is_directory=True)  # listed as a file, never entered
    listed = [rel for rel, _ in every_file(tmp_path)]
    assert listed == ["a.css", "b.html", "lien", "a/a.svg", "a/z.json", "a/b/a.txt", "a/b/c.html", "ab/x.html", "recherche/f/x.dat"]
    assert [rel for rel in listed if rel.endswith((".html", ".svg", ".json"))] == [rel for rel, _ in site_files(tmp_path)]
    known = Known(frozenset({"a.css", "b.html", "a/a.svg", "a/z.json", "a/b/c.html", "ab/x.html"}), ("recherche/",))
    assert [f.path for f in unknown_files(tmp_path, known)] == ["lien", "a/b/a.txt"]


def test_svg_and_xml_files_are_audited(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "carte.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8"
    )
    (tmp_path / "flux.xml").write_text("<rss><channel><link>https://exemple.org/</link></channel></rss>", encoding="utf-8")
    (tmp_path / "fiches" / "a").mkdir(parents=True)
    (tmp_path / "fiches" / "a" / "index.html").write_text(page(), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("<script>alert(1)</script>", encoding="utf-8")  # served as text: not a page
    assert [(f.path, f.line) for f in audit_site(tmp_path, ALLOWED)] == [("images/carte.svg", 1)]


def test_files_audited_already_are_read_again_only_if_their_size_changed(tmp_path: Path) -> None:
    hostile = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for name in ("same.svg", "rewritten.svg", "new.svg"):
        (tmp_path / name).write_text(hostile, encoding="utf-8")
    audited = {"same.svg": len(hostile), "rewritten.svg": len(hostile) - 1}  # sizes when the program read them
    assert sorted(f.path for f in audit_site(tmp_path, ALLOWED, audited=audited)) == ["new.svg", "rewritten.svg"]


def test_script_sources_are_resolved_against_the_file() -> None:
    auditor = _Auditor("fiches/a/index.html", ALLOWED)
    assert auditor.allowed_src("../../assets/javascripts/bundle.min.js")
    assert auditor.allowed_src("/assets/mesbox.js")
    assert not auditor.allowed_src("../../../assets/javascripts/x.js/../../../evil.js")
    assert not auditor.allowed_src("//exemple.org/assets/mesbox.js")
    under = _Auditor("404.html", Allowed(THEME, frozenset({"assets/javascripts/"}), "/mesbox/"))  # a site at exemple.org/mesbox/
    assert under.allowed_src("/mesbox/assets/javascripts/bundle.min.js")
    assert not under.allowed_src("/assets/javascripts/bundle.min.js") and not under.allowed_src("/autre/assets/javascripts/x.js")


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",  # an inline script
        "<SCRIPT>alert(1)</SCRIPT>",
        '<script src="https://cdn.exemple.org/x.js"></script>',  # a foreign script
        '<script type="application/json" href="https://exemple.org/x.js"></script>',  # `href`: a source to the parser
        '<p onclick="alert(1)">x</p>',  # handlers, after each kind of separator
        '<p x="1"ONCLICK="alert(1)">x</p>',
        '<p/onclick="alert(1)">x</p>',
        '<p\nonclick\n=\n"alert(1)">x</p>',
        '<p x="1"\xa0onclick="alert(1)">x</p>',  # a space to Python's parser, not to browsers
        '<p x="1"\u2003onclick="alert(1)">x</p>',
        '<a href="javascript:alert(1)">x</a>',  # code URLs, however spelt
        '<a href="JavaScript:alert(1)">x</a>',
        '<a href="java\tscr\nipt :alert(1)">x</a>',
        '<a href="javascript&colon;alert(1)">x</a>',
        '<a href="&#x6A;avascript:alert(1)">x</a>',
        '<a href="java\u017fcript:alert(1)">x</a>',  # ſ is an s to a case-insensitive Unicode match
        '<a href="vbscript:x">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
        '<iframe src="x"></iframe>',  # what embeds or redirects
        '<IFRAME src="x"></IFRAME>',
        "<frame>",
        "<fencedframe>",
        '<object data="x"></object>',
        '<embed src="x">',
        "<applet>",
        "<portal>",
        '<base href="https://exemple.org/">',
        '<meta http-equiv="refresh" content="0;url=https://exemple.org">',
        '<meta http-equiv="&nbsp;Refresh" content="0">',
        "<style>body{display:none}</style>",  # a style
        "<p>\x00</p>",  # refused characters: the parser's reading reports them
        "<p>\x85</p>",
        "<p>\u202e</p>",
        "<p>\ufdd0</p>",
        "<p>\U0001fffe</p>",
    ],
)
def test_the_quick_reading_leaves_each_kind_of_finding_to_the_parser(body: str) -> None:
    """Each kind of finding, in each spelling the parser reads, makes the quick reading give up."""
    assert not _plainly_clean(page(body).encode(), "fiches/a/index.html", ALLOWED), body


@pytest.mark.parametrize(
    "body",
    [
        '<p x="1"\xa0onclick="alert(1)">x</p>',
        '<a href="java\u017fcript:alert(1)">x</a>',
        '<script type="application/json" href="https://exemple.org/x.js"></script>',
        '<meta http-equiv="&nbsp;Refresh" content="0">',
    ],
)
def test_spellings_only_the_parser_reads_so_are_findings(body: str) -> None:
    """What the parser finds, the audit reports, even when browsers would not read it so."""
    assert audit_text(page(body), "fiches/a/index.html", ALLOWED)


# Pieces of markup: a part that the quick reading lets through must be one the parser finds nothing in.
PIECES = [
    "<p>",
    "</p>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    " onclick=",
    "on",
    "=",
    '"',
    "'",
    ">",
    "<",
    "x",
    " ",
    "\t",
    "\n",
    "javascript:",
    "java",
    "script",
    ":",
    "data",
    "&#106;",
    "&#x3A;",
    "&colon;",
    "&Tab;",
    "&#39;",
    "<a href=",
    "<iframe>",
    "<base ",
    "refresh",
    "<meta http-equiv=",
    "<!--",
    "-->",
    "<svg>",
    "<animate values=",
    "ONCLICK=",
    "\xa0",
    "\u2003",
    "\u017f",
    "&nbsp;",
    '<script type="application/json" href=',
    "</li>",
    "<li>",
    "</div>",
    "</a>",
    "</span>",
    "<title>",
    "</title>",
    SCOPE,
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_the_quick_reading_never_passes_what_the_parser_would_find(body: str) -> None:
    text = page(body)
    if _plainly_clean(text.encode(), "fiches/a/index.html", ALLOWED):
        auditor = _Auditor("fiches/a/index.html", ALLOWED)
        auditor.feed(text)
        auditor.close()
        assert auditor.findings == []


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x0c", "\x7f", "\x85", "\u202e", "\u2066", "\ufdd0", "\uffff", "\U0010fffe"])
def test_a_refused_character_written_in_any_file_is_a_finding(tmp_path: Path, char: str) -> None:
    """Second layer behind the check (E102) and the sanitiser's U+FFFD: pages, data and feeds hold none."""
    code = f"U+{ord(char):04X}"
    findings = audit_text(page(f"<p>a{char}b</p>"), "fiches/a/index.html", ALLOWED)
    assert [(f.line, code in f.message) for f in findings] == [(11, True)], findings
    (tmp_path / "donnees").mkdir()
    (tmp_path / "donnees" / "catalogue.json").write_text(f'{{\n  "title": "a{char}b"\n}}\n', encoding="utf-8")
    (tmp_path / "donnees" / "catalogue.csv").write_text(f"id,title\r\nx,a{char}b\r\n", encoding="utf-8")
    (tmp_path / "flux.xml").write_text(f"<rss>\n<title>a{char}b</title></rss>", encoding="utf-8")
    found = [(f.path, f.line) for f in audit_site(tmp_path, ALLOWED) if code in f.message]
    assert found == [("flux.xml", 2), ("donnees/catalogue.csv", 2), ("donnees/catalogue.json", 2)]


def test_tabs_and_line_ends_are_no_findings(tmp_path: Path) -> None:
    assert audit_text(page("<p>a\tb\r\nc</p>"), "fiches/a/index.html", ALLOWED) == []
    (tmp_path / "catalogue.json").write_text('{\r\n\t"title": "a"\r\n}\r\n', encoding="utf-8")
    assert audit_site(tmp_path, ALLOWED) == []


def test_a_file_full_of_refused_characters_names_the_first_ones_and_counts_the_others() -> None:
    findings = audit_text(page("<p>" + "\x00" * 30 + "</p>"), "fiches/a/index.html", ALLOWED)
    assert len(findings) == 21 and findings[-1].message.startswith("… et 10 autres")


def test_pieces_remembered_clean_never_hide_a_finding() -> None:
    """The quick reading remembers the pieces it found clean (cut at `</li>`, the first and last ones at the
    frame's end tags too): a page repeating them with a hostile piece, or a script whose path is right in one
    folder and wrong in another, is still reported."""
    nav = "<ul>" + "".join(f'<li><a href="../../p{n}/">Page {n}</a></li>' for n in range(5)) + "</ul>"
    assert audit_text(page(nav), "fiches/a/index.html", ALLOWED) == []
    assert audit_text(page(nav + '<li><a href="javascript:alert(1)">x</a></li>'), "fiches/b/index.html", ALLOWED)
    assert audit_text(page(nav + "<li>on</li><li>click=x</li>"), "fiches/b/index.html", ALLOWED) == []
    assert audit_text(page(nav), "a/index.html", ALLOWED)  # one folder up: the theme's scripts are not there
    header = '<header><div><a href="../../">MES</a></div><div><span>Titre</span></div></header>'
    assert audit_text(page(header + nav), "fiches/a/index.html", ALLOWED) == []
    assert audit_text(page(header.replace("<span>", '<span onclick="x">') + nav), "fiches/b/index.html", ALLOWED)
    assert audit_text(page(header.replace("</header>", "</header><base href=x>") + nav), "fiches/c/index.html", ALLOWED)
    # the last piece (after the last `</li>`), remembered whole: the same one with a handler is read again
    assert audit_text(page(nav + "<p>Fin</p>"), "fiches/d/index.html", ALLOWED) == []
    assert audit_text(page(nav + "<p>Fin</p>"), "fiches/e/index.html", ALLOWED) == []
    assert audit_text(page(nav + '<p onclick="x">Fin</p>'), "fiches/f/index.html", ALLOWED)
    assert audit_text(page(nav + "<p>Fin</p>").replace("</body>", "<script>alert(1)</script></body>"), "fiches/g/index.html", ALLOWED)


def test_pieces_with_a_script_are_remembered_only_where_they_name_the_same_file() -> None:
    """A piece holding a script is remembered for the allowed scripts and the depth of its folder, and only
    when its source climbs to the site's root: the same piece elsewhere names another file, or is not allowed."""
    allowed = Allowed(THEME, frozenset({"assets/javascripts/", "assets/mesbox.js", "fiches/a/local.js"}))
    local = '<ul><li><script src="local.js"></script></li><li><script src="../a/local.js"></script></li></ul>'
    assert audit_text(page(local), "fiches/a/index.html", allowed) == []
    assert [f.message[:30] for f in audit_text(page(local), "fiches/b/index.html", allowed)] == ['<script src="local.js"> : ce s']
    assert audit_text(page(), "fiches/a/index.html", ALLOWED) == []  # bundle and mesbox.js, from the root
    assert audit_text(page(), "fiches/b/index.html", ALLOWED) == []
    assert audit_text(page(), "c/index.html", ALLOWED)  # one level less: ../../ leaves the site
    without_mesbox = Allowed(THEME, frozenset({"assets/javascripts/"}))
    assert [f.message[:40] for f in audit_text(page(), "fiches/d/index.html", without_mesbox)] == [
        '<script src="../../assets/mesbox.js"> : '
    ]
