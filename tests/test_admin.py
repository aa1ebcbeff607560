"""The web editor at /admin/ in Chromium, with Sveltia CMS's test backend (the browser's private storage):
no third-party request, the vocabularies in every form, and an entry saved through the form passes the check."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitebuild import CHROMIUM, REPO, build, make_repo, served

from mesbox.checking.checker import check
from mesbox.contract.registry import TAXONOMIES
from mesbox.contract.schemas import FicheMeta

pytestmark = pytest.mark.browser

# Every file Sveltia CMS's test backend stored, by path, read from the browser's private storage.
READ_STORAGE = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else out[prefix + name] = await (await handle.getFile()).text();
    }
  }
  try { await walk(await navigator.storage.getDirectory(), ''); } catch (error) { return {}; }  // still being written
  return out;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not (REPO / "node_modules" / "@sveltia" / "cms").is_dir():
        pytest.fail("Sveltia CMS absent : lancez « npm ci » à la racine du dépôt")
    root = make_repo(tmp_path_factory.mktemp("admin") / "repo")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    done = build(root)
    assert done.returncode == 0, done.stderr
    with served(root / "site") as address:
        yield address, root


@pytest.fixture()
def admin(site: tuple[str, Path]) -> Iterator[Any]:
    """The editor's page, its configuration switched to the test backend, signed in."""
    from playwright.sync_api import sync_playwright

    base, root = site
    config = yaml.safe_load((root / "site" / "admin" / "config.yml").read_text(encoding="utf-8"))
    config["backend"] = {"name": "test-repo"}
    config.pop("publish_mode")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page: Any = browser.new_context(locale="fr-FR").new_page()  # Any: the test notes its requests on it
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.route(
            lambda url: "/admin/config.yml" in url,
            lambda route: route.fulfill(status=200, content_type="application/yaml", body=yaml.safe_dump(config, allow_unicode=True)),
        )
        page.goto(base + "admin/")
        page.get_by_role("button", name="Travailler avec un dépôt de test").click()
        page.wait_for_load_state("networkidle")
        yield page
        browser.close()


def open_form(page: Any, base: str, collection: str) -> None:
    page.goto(f"{base}admin/#/collections/{collection}/new")
    page.locator("section.field[data-key-path=title] input").wait_for()


def test_admin_loads_in_french_without_a_third_party_request(admin: Any, site: tuple[str, Path]) -> None:
    base = site[0]
    admin.get_by_text("Fiches projet").first.wait_for()  # the collections' French names, once signed in
    open_form(admin, base, "fiches-projets")
    admin.wait_for_load_state("networkidle")
    outside = [url for url in admin.requests if not url.startswith(base) and not url.startswith("data:") and not url.startswith("blob:")]
    assert outside == []
    assert any(url.endswith("/admin/vendor/fonts/material-symbols-outlined-latin-wght-normal.woff2") for url in admin.requests)


def scroll_to(page: Any, key: str) -> Any:
    """The form renders its fields as they scroll into view: scroll until the field is there."""
    section = page.locator(f"section.field[data-key-path={key}]")
    for _ in range(20):
        if section.count():
            break
        page.mouse.move(300, 400)
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(200)
    return section


@pytest.mark.parametrize(
    "collection", ["fiches-thematiques", "fiches-methodes", "fiches-outils", "fiches-projets", "monographies", "recits", "grilles"]
)
def test_each_form_offers_the_vocabularies_with_their_labels(admin: Any, site: tuple[str, Path], collection: str) -> None:
    """Every vocabulary field of the form lists every term of its file, by its French label."""
    base, root = site
    config = yaml.safe_load((root / "site" / "admin" / "config.yml").read_text(encoding="utf-8"))
    fields = next(c for c in config["collections"] if c["name"] == collection)["fields"]
    keys = {t.key: t for t in TAXONOMIES.values()}
    vocabularies = [f["name"] for f in fields if f["name"] in keys]
    assert "themes" in vocabularies
    open_form(admin, base, collection)
    for name in vocabularies:
        terms = yaml.safe_load((root / keys[name].file).read_text(encoding="utf-8"))
        section = scroll_to(admin, name)
        for term in terms:
            assert section.get_by_role("checkbox", name=term["label"], exact=True).count() == 1, (name, term["label"])


def test_an_entry_saved_through_the_form_passes_the_check(admin: Any, site: tuple[str, Path], tmp_path: Path) -> None:
    base, root = site
    open_form(admin, base, "fiches-projets")
    admin.locator("section.field[data-key-path=title] input").fill("La recyclerie solidaire du Pays de Morlaix")
    admin.locator("section.field[data-key-path=description] textarea").first.fill(
        "Une recyclerie portée par le territoire, de la collecte à la revente."
    )
    admin.locator("section.field[data-key-path=authors] input").first.fill("Marie Le Gall")
    admin.locator("section.field[data-key-path=date] input").first.fill("2026-11-30")
    admin.locator("section.field[data-key-path=themes]").get_by_role("checkbox", name="Emploi").check()
    scroll_to(admin, "body").locator("[contenteditable=true]").first.click()
    admin.keyboard.type("Née d'un collectif d'habitants, la recyclerie collecte et répare des objets.")
    admin.get_by_role("button", name="Enregistrer").click()
    stored: dict[str, str] = {}
    for _ in range(50):
        stored = admin.evaluate(READ_STORAGE)
        if any(path.endswith(".md") for path in stored):
            break
        admin.wait_for_timeout(200)
    saved = {path.split("/", 1)[1]: text for path, text in stored.items() if path.endswith(".md")}
    assert list(saved) == ["fiches/projets/la-recyclerie-solidaire-du-pays-de-morlaix.md"]
    repo = tmp_path / "repo"
    shutil.copytree(root, repo, ignore=shutil.ignore_patterns("site", "node_modules"))
    (repo / "fiches" / "projets").mkdir(parents=True, exist_ok=True)
    (repo / "fiches" / "projets" / "la-recyclerie-solidaire-du-pays-de-morlaix.md").write_text(
        saved["fiches/projets/la-recyclerie-solidaire-du-pays-de-morlaix.md"], encoding="utf-8"
    )
    result = check(repo)
    assert result.issues == [], [str(i) for i in result.issues]
    meta = result.catalogue.entries["la-recyclerie-solidaire-du-pays-de-morlaix"].meta
    assert isinstance(meta, FicheMeta)
    assert (meta.kind, meta.authors, [*meta.themes]) == ("projet", ["Marie Le Gall"], ["emploi"])
