"""Hostile bodies against the whole chain: each one the check reports (E201, file, line), and the site built
anyway (not strict) passes the audit and runs no script in Chromium; the policy makes an injected handler inert."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitebuild import CHROMIUM, build, make_repo, served

from mesbox.checking.checker import check
from mesbox.reading.textfields import first_refused

pytestmark = pytest.mark.browser

# One case per class of the issue's "Links", "attr_list" and "Raw HTML" lists: (name, body).
HOSTILE: list[tuple[str, str]] = [
    ("refdef", "[clic][r]\n\n[r]: javascript:alert('refdef')\n"),
    ("refdef-title", "[clic][r2]\n\n[r2]: javascript:alert('titre') \"Titre\"\n"),
    ("refdef-next-line", "[clic][r3]\n\n[r3]:\n    javascript:alert('ligne')\n"),
    ("refdef-quote", "> [clic][r4]\n>\n> [r4]: javascript:alert('citation')\n"),
    ("refdef-list", "- [clic][r5]\n\n    [r5]: javascript:alert('liste')\n"),
    ("refdef-admonition", "!!! note\n    [clic][r6]\n\n    [r6]: javascript:alert('encadre')\n"),
    ("angle-link", "[clic](< javascript:alert('chevrons')>)\n"),
    ("image-ref", "![image][r7]\n\n[r7]: javascript:alert('image')\n"),
    ("attr-onclick", "[clic](https://exemple.org){ onclick=alert('attr') }\n"),
    ("attr-href", "[clic](https://exemple.org){: href=javascript:alert('attr-href') }\n"),
    ("attr-html", "## Titre { data-toc-label='<img src=x onerror=alert(\"toc\")>' }\n"),
    ("space-after-lt", "< script>alert('espace')</script>\n"),
    ("newline-after-lt", "<\nscript>alert('ligne')</script>\n"),
    ("comment", "<!-- x --!><img src=x onerror=alert('commentaire')>\n"),
    ("cdata", "<![CDATA[ x ]]><img src=x onerror=alert('cdata')>\n"),
    ("pi", "<?x ?><img src=x onerror=alert('pi')>\n"),
    ("noscript", "<noscript><p title=\"</noscript><img src=x onerror=alert('noscript')>\"></noscript>\n"),
    ("xmp", "<xmp><img src=x onerror=alert('xmp')></xmp>\n"),
    ("textarea", "<textarea></textarea><img src=x onerror=alert('textarea')>\n"),
    ("svg-animate", '<svg><a><animate attributeName="href" values="javascript:alert(\'animate\')"/><text y="20">clic</text></a></svg>\n'),
    ("svg-set", '<svg><a><set attributeName="href" to="javascript:alert(\'set\')"/><text y="20">clic</text></a></svg>\n'),
    ("style", "<style>body{display:none}</style>\n"),
    ("script", "<script>alert('script')</script>\n"),
    ("handler", "<p onmouseover=alert('survol')>survolez-moi</p>\n"),
    # Not script, but what hides or breaks text: controls, bidi overrides, non-characters (E102, then U+FFFD on the page).
    ("controls", "Nul \x00, C1 \x85, échappement \x1b[2J, \u202eà l'envers\u202c, \ufdd0 et `code \u2066`.\n\n## Titre \x07\n"),
]
EXPECTED_TEXT = {"space-after-lt", "newline-after-lt"}  # text for Markdown and browsers: nothing to report, nothing runs
EXPECTED_CODE = {"controls": "E102"}


def _fiche(name: str, body: str) -> str:
    return (
        f"---\ntitle: Cas {name}\ndescription: Une fiche de test hostile.\ndate: 2026-01-15\nkind: thematique\n"
        f"themes: [economie-solidaire]\nauthors: [Équipe]\n---\n\nAvant.\n\n{body}\nAprès.\n"
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = make_repo(tmp_path_factory.mktemp("hostile") / "repo")
    for name, body in HOSTILE:
        (root / "fiches" / f"hostile-{name}.md").write_text(_fiche(name, body), encoding="utf-8")
    done = build(root, strict=False)
    assert done.returncode == 0, done.stderr  # the audit found nothing: it fails any build
    with served(root / "site") as address:
        yield root, address


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : .ci/run l'installe avec apt-get")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield browser
        browser.close()


def _watched_page(chromium: object) -> tuple[object, object, list[str], list[str]]:
    """A page that records every dialog (an `alert` that ran) and every policy violation."""
    context = chromium.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: object) -> None:
        dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", dismiss)
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    violations: list[str] = []
    return context, page, dialogs, violations


def test_each_hostile_body_is_reported_by_the_check(hostile_site: tuple[Path, str]) -> None:
    root, _ = hostile_site
    issues = check(root).issues
    for name, body in HOSTILE:
        rel = f"fiches/hostile-{name}.md"
        mine = [i for i in issues if i.path == rel]
        if name in EXPECTED_TEXT:
            assert mine == [], (name, mine)
            continue
        expected = EXPECTED_CODE.get(name, "E201")
        # `<img src=x …>` also names a file the site does not have (E105), as a browser would read it.
        assert expected in [i.code for i in mine] and all(i.code in (expected, "E105") for i in mine), (name, mine)
        first_body_line = 11  # "Avant." is line 10 of the file, the case starts at line 12
        assert all(first_body_line < i.line <= first_body_line + body.count("\n") + 1 for i in mine), (name, mine)


def test_no_refused_character_is_published(hostile_site: tuple[Path, str]) -> None:
    """The page of the body full of controls shows U+FFFD in their place, in its text, its title and its table of contents."""
    root, _ = hostile_site
    html = (root / "site" / "fiches" / "hostile-controls" / "index.html").read_text(encoding="utf-8")
    assert first_refused(html) is None
    assert html.count("\ufffd") >= 7


def test_no_script_runs_on_any_hostile_page(hostile_site: tuple[Path, str], chromium: object) -> None:
    """Load each page, hover every element of the article, click every link in it: no dialog ever opens."""
    _, base = hostile_site
    context, page, dialogs, _ = _watched_page(chromium)
    shown = [""]  # the page under test

    def stay(route: object) -> None:
        """A link's page is answered "204 No Content": the browser stays where it is, so every link of the
        article is clicked on the page under test, never on one a late navigation has brought (a
        `javascript:` link makes no request: it would run all the same)."""
        request = route.request  # type: ignore[attr-defined]
        if request.is_navigation_request() and request.url.split("#")[0] != shown[0]:
            route.fulfill(status=204)  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    page.route("**/*", stay)  # type: ignore[attr-defined]
    for name, _body in HOSTILE:
        url = shown[0] = f"{base}fiches/hostile-{name}/"
        page.goto(url)  # type: ignore[attr-defined]
        for element in page.locator("article *").all()[:200]:  # type: ignore[attr-defined]
            if element.is_visible():
                element.hover(timeout=5000, force=True)  # a loaded CI machine can take a second to scroll
        links = page.locator("article a")  # type: ignore[attr-defined]
        for index in range(links.count()):
            if links.nth(index).is_visible():
                links.nth(index).click(timeout=5000, force=True, no_wait_after=True)
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        assert page.url.split("#")[0] == url, name  # type: ignore[attr-defined]
        assert page.locator("body").is_visible(), name  # type: ignore[attr-defined]  # no <style> hid the page
    context.close()  # type: ignore[attr-defined]
    assert dialogs == []


def test_the_site_shows_no_policy_violation_and_an_injected_handler_is_inert(hostile_site: tuple[Path, str], chromium: object) -> None:
    """The theme's and mesbox's scripts run under the policy (palette, the Explorer's search and its WebAssembly);
    a handler and a script written into a built page by hand are refused by the browser, not run."""
    root, base = hostile_site
    context, page, dialogs, _ = _watched_page(chromium)
    for path in ("", "fiches/initiative-solidaire/", "territoires/", "a-propos/"):
        page.goto(base + path)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        assert page.evaluate("window.__violations") == [], path  # type: ignore[attr-defined]
    page.goto(base + "explorer/?q=initiative")  # type: ignore[attr-defined]
    page.locator(".mesbox-explorer__results li").first.wait_for(timeout=20000)  # type: ignore[attr-defined]
    assert page.evaluate("window.__violations") == []  # type: ignore[attr-defined]

    target = root / "site" / "fiches" / "initiative-solidaire" / "index.html"
    html = target.read_text(encoding="utf-8")
    injected = '<p id="piege" onclick="alert(\'clic\')">piège</p><script>alert("script")</script><img src="x" onerror="alert(\'image\')">'
    target.write_text(html.replace("<article", injected + "<article", 1), encoding="utf-8")
    page.goto(base + "fiches/initiative-solidaire/?modifiee")  # type: ignore[attr-defined]  # not the cached page
    page.locator("#piege").click()  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert dialogs == []
    blocked = page.evaluate("window.__violations")  # type: ignore[attr-defined]
    assert any(v.startswith("script-src") for v in blocked), blocked
    context.close()  # type: ignore[attr-defined]
