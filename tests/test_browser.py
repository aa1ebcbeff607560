"""The built site in Debian's Chromium, driven by Playwright: what a reader does, offline."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from sitebuild import build, make_repo

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_repo(tmp_path_factory.mktemp("browser") / "repo")
    done = build(root)
    assert done.returncode == 0, done.stderr
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : .ci/run l'installe avec apt-get")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))  # type: ignore[attr-defined]
    yield page
    hosts = {urlparse(url).hostname for url in page.requests if not url.startswith(("data:", "blob:"))}  # type: ignore[attr-defined]
    assert hosts <= {"127.0.0.1"}, f"requêtes hors de localhost : {hosts}"
    assert page.console_errors == [], page.console_errors  # type: ignore[attr-defined]
    context.close()


def test_home_theme_entry_backlink(page: object, base_url: str) -> None:
    p = page
    p.goto(base_url)  # type: ignore[attr-defined]
    p.locator("article").get_by_role("link", name="thèmes").first.click()  # type: ignore[attr-defined]
    p.wait_for_url("**/themes/")  # type: ignore[attr-defined]
    p.locator("article").get_by_role("link", name="Emploi", exact=True).click()  # type: ignore[attr-defined]
    p.wait_for_url("**/themes/emploi/")  # type: ignore[attr-defined]
    p.locator("article").get_by_role("link", name="Visite à Colombelles").first.click()  # type: ignore[attr-defined]
    p.wait_for_url("**/monographies/visite-colombelles/")  # type: ignore[attr-defined]
    assert p.locator("h1").inner_text() == "Visite à Colombelles"  # type: ignore[attr-defined]
    cited_by = p.locator(".mesbox-cited-by")  # type: ignore[attr-defined]
    cited_by.get_by_role("link", name="Récit de Colombelles").click()
    p.wait_for_url("**/recits/recit-colombelles/")  # type: ignore[attr-defined]


def test_unaccented_search_finds_accented_title(page: object, base_url: str) -> None:
    p = page
    p.goto(base_url)  # type: ignore[attr-defined]
    p.locator("label.md-search__icon, .md-search__input").first.click()  # type: ignore[attr-defined]
    p.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    p.locator("input.md-search__input").press_sequentially("seminaire", delay=30)  # type: ignore[attr-defined]
    result = p.locator(".md-search-result__item", has_text="Le séminaire réflexif").first  # type: ignore[attr-defined]
    result.wait_for(timeout=10000)
    assert result.is_visible()


def test_search_results_show_titles_as_written(page: object, base_url: str) -> None:
    """Titles are HTML-escaped in the index (themes insert them as HTML): readers see the apostrophes, not entities."""
    p = page
    p.goto(base_url)  # type: ignore[attr-defined]
    p.locator("label.md-search__icon, .md-search__input").first.click()  # type: ignore[attr-defined]
    p.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    p.locator("input.md-search__input").press_sequentially("initiative", delay=30)  # type: ignore[attr-defined]
    result = p.locator(".md-search-result__item", has_text="Qu’est-ce").or_(p.locator(".md-search-result__item", has_text="Qu'est-ce")).first  # type: ignore[attr-defined]
    result.wait_for(timeout=10000)
    assert "&#39;" not in result.inner_text() and "&amp;" not in result.inner_text()


def test_territory_map_marks_are_named_focusable_links(page: object, base_url: str) -> None:
    p = page
    p.goto(base_url + "territoires/")  # type: ignore[attr-defined]
    mark = p.locator("svg a[aria-label^='Calvados']")  # type: ignore[attr-defined]
    assert mark.count() == 1
    mark.focus()
    mark.press("Enter")
    p.wait_for_url("**/territoires/calvados/")  # type: ignore[attr-defined]
    assert "Visite à Colombelles" in p.locator("article").inner_text()  # type: ignore[attr-defined]


def test_no_serious_accessibility_violation(page: object, base_url: str) -> None:
    """Whole pages (header, tabs, search dialog, footer), in the light and the dark palette."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)  # type: ignore[attr-defined]
        for path in ("", "fiches/initiative-solidaire/", "territoires/", "grilles/grille-test/analyse/"):
            page.goto(base_url + path)  # type: ignore[attr-defined]
            results = axe.run(page)
            serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], (scheme, path, [(v["id"], v["help"]) for v in serious])
    assert page.locator(".md-search").get_attribute("aria-label")  # type: ignore[attr-defined]
