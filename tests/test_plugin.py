"""End-to-end: the fixture repository built by MkDocs with the mesbox plugin."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import explorer_entries
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.toc import get_toc
from sitebuild import build, make_repo

from mesbox.contract.registry import COLLECTIONS
from mesbox.mkdocs_plugin.plugin import MesboxPlugin, _sanitize_toc
from mesbox.publishing.searchindex import PAGES_PER_FILE
from mesbox.rendering.pages import PageSource, PlannedPage


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("build") / "repo")
    hostile = root / "fiches" / "hostile.md"
    hostile.write_text(
        "---\ntitle: '<script>alert(1)</script> \"Titre\" & co'\ndescription: Une fiche au titre hostile pour vérifier l'échappement.\n"
        "authors: ['<img src=x onerror=alert(2)>']\ndate: 2026-04-01\nkind: outil\nthemes: [culture]\n---\n"
        "Corps sans danger.\n\n## Cité par\n\nUn titre du corps qui porte le nom d'une section de mesbox.\n",
        encoding="utf-8",
    )
    home = root / "content" / "index.md"  # a section: the home page's search box and news come before it
    home.write_text(home.read_text(encoding="utf-8") + "\n## Une section de l'accueil\n\nTexte.\n", encoding="utf-8")
    story = root / "content" / "recits" / "recit-plateau.md"  # cites the hostile fiche: it gets a "Cité par"
    story.write_text(story.read_text(encoding="utf-8") + "\nVoir aussi [[hostile]].\n", encoding="utf-8")
    done = build(root)
    assert done.returncode == 0, done.stderr
    return root / "site"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_entry_pages_at_contract_urls(site: Path) -> None:
    for url in (
        "parcours/preparer-une-visite",
        "parcours",
        "fiches/initiative-solidaire",
        "fiches/organiser-une-visite",
        "monographies/visite-colombelles",
        "recits/recit-plateau",
        "grilles/grille-commune",
        "grilles/grille-commune/analyse",
    ):
        assert (site / url / "index.html").is_file(), url
    assert not (site / "fiches" / "methodes").exists()


def test_drafts_reach_no_page_index_or_export(site: Path) -> None:
    assert not (site / "fiches" / "brouillon").exists()
    for path in [*html_files(site), site / "donnees" / "catalogue.json", site / "flux.xml"]:
        assert "Une fiche en préparation" not in path.read_text(encoding="utf-8"), path


def test_exports_one_row_per_published_entry(site: Path) -> None:
    data = json.loads((site / "donnees" / "catalogue.json").read_text(encoding="utf-8"))
    entries = data["entries"] if isinstance(data, dict) else data
    ids = sorted(e["id"] for e in entries)
    assert ids == [
        "grille-commune",
        "hostile",
        "initiative-solidaire",
        "organiser-une-visite",
        "preparer-une-visite",
        "recit-plateau",
        "visite-colombelles",
    ]
    rows = list(csv.DictReader(io.StringIO((site / "donnees" / "catalogue.csv").read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == ids
    geo = json.loads((site / "donnees" / "territoires.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["id"] for f in geo["features"]] == ["caen", "colombelles", "plateau"]  # those with coordinates
    for collection in COLLECTIONS:
        assert (site / "donnees" / "schemas" / f"{collection}.schema.json").is_file()
    assert (site / "donnees" / "datapackage.json").is_file()


def test_hostile_front_matter_is_escaped(site: Path) -> None:
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, path
        assert "<img src=x onerror" not in text, path
    page = (site / "fiches" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_entry_page_has_jsonld_licence_and_edit_link(site: Path) -> None:
    page = (site / "fiches" / "organiser-une-visite" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["name"] == "Organiser une visite apprenante" and data["license"].endswith("/by/4.0/deed.fr")
    assert '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/deed.fr">' in page
    assert "/edit/main/fiches/methodes/organiser-une-visite.md" in page


def test_navigation_keeps_entries_out(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary') : home.index('<div class="md-content"')]
    assert "fiches/organiser-une-visite/" not in nav
    assert "themes/emploi/" not in nav
    assert 'href="fiches/"' in home


def _active_tab(page: str) -> list[str]:
    return re.findall(r'<li class="md-tabs__item md-tabs__item--active">\s*<a href="([^"]+)"[^>]*>\s*([^<]+?)\s*</a>', page)


def test_entries_and_term_pages_mark_their_tab_active_and_stay_out_of_the_nav(site: Path) -> None:
    """The page's tab is the section of its folder; the page itself is still in no nav list."""
    for url, tab in [
        ("fiches/organiser-une-visite", ("../", "Fiches")),
        ("themes/emploi", ("../", "Thèmes")),
        ("territoires/colombelles", ("../", "Territoires")),
        ("grilles/grille-commune/analyse", ("../../", "Grilles")),
        ("publics/elus", ("../", "Publics")),
        ("fiches", ("./", "Fiches")),
    ]:
        page = (site / url / "index.html").read_text(encoding="utf-8")
        assert _active_tab(page) == [tab], url
        if url != "fiches":
            nav = page[page.index('<nav class="md-nav md-nav--primary') : page.index('<nav class="md-nav md-nav--secondary')]
            assert f"{url}/" not in nav and "mesbox-breadcrumb" in page


def test_site_is_french_and_makes_no_third_party_request(site: Path) -> None:
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        assert '<html lang="fr"' in text
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text):
            if 'rel="license"' in tag or 'rel="alternate"' in tag or 'rel="canonical"' in tag:
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)', tag), (path, tag)


def test_reader_wording_footer_edit_link_and_404(site: Path) -> None:
    """No English credit; a contact line (the forge's issue form without a `contact` setting);
    the edit link says « Proposer une correction »; a French 404 page with a search and ways in."""
    for path in html_files(site):
        assert "Made with" not in path.read_text(encoding="utf-8"), path
    sheet = (site / "fiches" / "organiser-une-visite" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="mesbox-contact">[^<]*<a href="https://[^"]+/issues/new/choose">Écrire à l’équipe éditoriale', sheet)
    edit = re.search(r'<a href="([^"]+)" class="mesbox-edit" rel="edit">.*?Proposer une correction', sheet, re.DOTALL)
    assert edit and edit.group(1).endswith("/edit/main/fiches/methodes/organiser-une-visite.md")
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page introuvable</h1>" in missing and 'name="q"' in missing and "Not found" not in missing
    assert 'href="/publics/"' in missing and "/issues/new/choose" in missing


def test_home_page_has_search_box_and_latest_entries_before_its_first_section(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    article = home.split('<article class="md-content__inner md-typeset">', 1)[1]
    form = article.index('<form class="mesbox-search-box" role="search"')
    latest = article.index('<h2 id="nouveautes">Nouveautés</h2>')
    assert article.index("Entrer par les") < form < latest < article.index("Une section de l")
    assert 'name="q"' in article and 'href="recits/recit-plateau/"' in article.split("mesbox-latest", 1)[1]
    news = article.split("mesbox-latest", 1)[1]
    assert 'href="fiches/hostile/">&lt;script&gt;alert(1)&lt;/script&gt;' in news and "<script>alert(1)" not in home  # titles escaped


def test_readers_search_index_and_explorer(site: Path) -> None:
    """The search index sits under /recherche/; the Explorer finds it relatively; every header searches there."""
    assert (site / "recherche" / "index.json").is_file() and list((site / "recherche" / "pages").iterdir())
    explorer = (site / "explorer" / "index.html").read_text(encoding="utf-8")
    assert 'data-index="../recherche/"' in explorer and 'data-root="../"' in explorer and "pagefind" not in explorer
    sheet = (site / "fiches" / "organiser-une-visite" / "index.html").read_text(encoding="utf-8")
    assert '<form class="mesbox-header-search" role="search" action="../../explorer/">' in sheet
    assert 'name="search"' not in sheet  # the theme's own search form: it would download its index on every page


def test_feed_lists_published_entries(site: Path) -> None:
    import xml.etree.ElementTree as ET

    feed = ET.fromstring((site / "flux.xml").read_bytes())
    titles = [item.findtext("title") for item in feed.iter("item")]
    assert len(titles) == 7 and "Une fiche en préparation" not in titles


def search_pages(site: Path) -> dict[str, dict]:
    """The readers' search index as written: each page's fragment (URL, title, label, text) with its facets
    from the manifest, by URL."""
    manifest = json.loads((site / "recherche" / "index.json").read_bytes())
    pages = {}
    for number, values in enumerate(manifest["facets"]):
        page = json.loads((site / "recherche" / "pages" / f"{number // PAGES_PER_FILE}.json").read_bytes())[number % PAGES_PER_FILE]
        page["filters"] = {}
        for value in values:
            name, label = manifest["values"][value]
            page["filters"].setdefault(name, []).append(label)
        pages["/" + page["url"]] = page
    return pages


def test_only_the_readers_search_index_is_built(site: Path) -> None:
    """The theme's search index would be built on every build and read by nobody: the header searches mesbox's own index."""
    assert not (site / "search").exists()
    assert "/fiches/organiser-une-visite/" in search_pages(site)


def test_search_index_holds_every_record_and_changes_no_page(site: Path, tmp_path: Path) -> None:
    """Entries go to the index program while their pages render: the index has every record of the catalogue (entries
    with the text of their page), and a site built without the index has the same pages, byte for byte."""
    from mesbox.checking.checker import check
    from mesbox.rendering.searchrecords import search_records

    pages = search_pages(site)
    records = search_records(check(site.parent).catalogue)
    assert sorted(pages) == sorted(f"/{record.url}" for record in records)
    assert "Corps sans danger" in pages["/fiches/hostile/"]["text"]
    root = shutil.copytree(site.parent, tmp_path / "repo", ignore=shutil.ignore_patterns("site"))
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - mesbox:\n", "  - mesbox:\n      search_index: false\n"), encoding="utf-8"
    )
    done = build(root)
    assert done.returncode == 0, done.stderr
    without = _site_files(root / "site")
    assert not [name for name in without if name.startswith("recherche/")]
    assert without == {name: text for name, text in _site_files(site).items() if not name.startswith("recherche/")}


def test_the_explorers_list_agrees_with_the_search_index(site: Path) -> None:
    """Filters without words are answered from explorer/filtres.json: the same pages as the search index, with
    the same title, label and facet values; the page finds it relatively; a hostile title is escaped."""
    written = (site / "explorer" / "filtres.json").read_bytes()
    data = json.loads(written)
    listed = {
        "/" + url: (title, label, {name: sorted(values) for name, values in filters.items()})
        for url, (title, label, _, filters) in explorer_entries(data).items()
    }
    pages = search_pages(site)
    assert sorted(listed) == sorted(pages)
    for url, page in pages.items():
        indexed = {name: sorted(values) for name, values in page["filters"].items() if values}
        assert listed[url] == (page["title"], page["label"], indexed), url
    assert 'data-filters="../explorer/filtres.json"' in (site / "explorer" / "index.html").read_text(encoding="utf-8")
    assert b"<script>" not in written and listed["/fiches/hostile/"][0].startswith("<script>alert(1)")


def with_hooks(root: Path, code: str) -> None:
    """The repository's site with `code` as an MkDocs hook (another plugin, as far as mesbox can tell)."""
    (root / "hooks.py").write_text(code, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n", encoding="utf-8")


def test_a_file_no_known_source_wrote_fails_the_build(tmp_path: Path) -> None:
    """A file another plugin's hook drops in the site folder fails the build with its path, strict or not;
    a file a plugin adds through MkDocs' files (the documented way) is known and audited like any other."""
    root = make_repo(tmp_path / "repo")
    with_hooks(
        root,
        "from pathlib import Path\n"
        "from mkdocs.structure.files import File\n\n"
        "def on_files(files, config):\n"
        "    files.append(File.generated(config, 'annonce.txt', content='Bonjour'))\n"
        "    return files\n\n"
        "def on_post_build(config):\n"
        "    Path(config.site_dir, 'assets', 'inconnu.js').write_text('alert(1)', encoding='utf-8')\n",
    )
    for strict in (True, False):
        done = build(root, strict=strict)
        assert done.returncode != 0
        assert "assets/inconnu.js: fichier écrit dans le site par aucune source connue" in done.stderr
        assert "annonce.txt" not in done.stderr and (root / "site" / "annonce.txt").is_file()


def test_check_error_fails_strict_build_with_the_checker_message(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    path = root / "fiches" / "initiative-solidaire.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]"),
        encoding="utf-8",
    )
    done = build(root)
    assert done.returncode != 0
    assert "fiches/initiative-solidaire.md:9:30: E104 thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?" in done.stderr
    assert not (root / "site" / "fiches" / "initiative-solidaire").exists()


def test_the_programs_started_before_the_check_stop_when_it_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index and audit programs start first, so that they boot while the repository is checked: a
    check that stops a strict build stops them too."""
    from mkdocs.commands.build import build as mkdocs_build

    from mesbox.publishing import auditprogram, searchindex
    from mesbox.publishing.programs import start_program

    started: list[subprocess.Popen[bytes]] = []

    def recorded(module: str) -> subprocess.Popen[bytes]:
        started.append(start_program(module))
        return started[-1]

    monkeypatch.setattr(searchindex, "start_program", recorded)
    monkeypatch.setattr(auditprogram, "start_program", recorded)
    root = make_repo(tmp_path / "repo")
    path = root / "fiches" / "initiative-solidaire.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("themes: [economie-solidaire, cooperation]", "themes: [cooperaton]"), encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort):  # MkDocs' answer to the plugin's error, once every on_build_error has run
        mkdocs_build(config)
    assert len(started) == 2
    assert [process.wait(timeout=10) is not None for process in started] == [True, True]


def test_only_content_is_published_even_by_a_build_that_is_not_strict(tmp_path: Path) -> None:
    """Files of a type outside the allowlist, non-`.md` Markdown pages, files at generated paths and attachments
    no page cites are left out of the site (a strict build fails on them), and so are a draft's attachments;
    allowlisted assets that a page cites are published."""
    root = make_repo(tmp_path / "repo")
    hostile = {
        "content/page.html": "<script>alert(1)</script>",
        "content/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "content/brut.markdown": "# Brut\n\n<script>alert(1)</script>\n",
        "content/themes.md": "# Thèmes remplacés\n",
        "content/donnees/catalogue.csv": "id\nfaux\n",
        "content/recits/annexe.js": "alert(1)",
        "fiches/annexe.html": "<script>alert(1)</script>",
        "fiches/SECRET.MD": "---\ntitle: brut\n---\n",
        "fiches/orpheline.png": "png",  # no page cites it
    }
    # A draft publishes nothing, attachments included; attachments cited by a Markdown or an HTML image are published.
    allowed = {
        "content/plan.pdf": "%PDF-1.4\n",
        "fiches/methodes/photo.png": "png",
        "content/recits/carte.jpg": "jpg",
        "fiches/brouillon-carte.png": "png",
    }
    for rel, text in {**hostile, **allowed}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for rel, image in {
        "fiches/methodes/organiser-une-visite.md": "![photo](photo.png)",
        "content/recits/recit-plateau.md": '<img alt="" src="../carte.jpg">',
        "fiches/brouillon.md": "![carte](brouillon-carte.png)",
    }.items():
        (root / rel).write_text((root / rel).read_text(encoding="utf-8") + "\n" + image + "\n", encoding="utf-8")
    strict = build(root)
    assert strict.returncode != 0
    for rel in hostile:
        assert rel in strict.stderr, rel
    done = build(root, strict=False)
    assert done.returncode == 0, done.stderr
    site = root / "site"
    for gone in (
        "page.html",
        "logo.svg",
        "brut/index.html",
        "brut.markdown",
        "recits/annexe.js",
        "fiches/annexe.html",
        "fiches/SECRET.MD",
        "fiches/SECRET/index.html",
        "fiches/orpheline.png",
        "fiches/brouillon-carte.png",
    ):
        assert not (site / gone).exists(), gone
    assert "Thèmes remplacés" not in (site / "themes" / "index.html").read_text(encoding="utf-8")
    assert b"faux" not in (site / "donnees" / "catalogue.csv").read_bytes()
    for kept in ("plan.pdf", "fiches/methodes/photo.png", "recits/carte.jpg", "assets/mesbox.js"):
        assert (site / kept).is_file(), kept


@pytest.mark.parametrize("strict", [True, False])
def test_a_symbolic_link_in_the_pages_folder_stops_the_build_before_it_is_followed(tmp_path: Path, strict: bool) -> None:
    """A link loop would keep MkDocs walking for ever and a link to a file outside would publish it: the build stops first."""
    root = make_repo(tmp_path / "repo")
    (root / "content" / "boucle").symlink_to(".")
    (root / "content" / "env.txt").symlink_to("/proc/self/environ")
    done = build(root, strict=strict)
    assert done.returncode != 0
    assert "lien symbolique" in done.stderr and "boucle" in done.stderr and "env.txt" in done.stderr
    assert not (root / "site" / "env.txt").exists()


def test_bodies_the_engine_would_choke_on_are_never_converted(tmp_path: Path) -> None:
    """An entry or a page refused for its structure (E202) fails a strict build and is left out of
    any other build, instead of crashing it (RecursionError) or keeping it busy for minutes."""
    root = make_repo(tmp_path / "repo")
    fiche = root / "fiches" / "initiative-solidaire.md"
    fiche.write_text(fiche.read_text(encoding="utf-8") + "\n" + "".join("    " * i + "- x\n" for i in range(400)), encoding="utf-8")
    (root / "content" / "lente.md").write_text("# Lente\n\n" + "[" * 100_000 + "\n", encoding="utf-8")
    strict = build(root)
    assert strict.returncode != 0 and "E202" in strict.stderr
    done = build(root, strict=False)
    assert done.returncode == 0, done.stderr
    assert "RecursionError" not in done.stderr
    assert not (root / "site" / "fiches" / "initiative-solidaire" / "index.html").exists()
    assert not (root / "site" / "lente" / "index.html").exists()
    assert (root / "site" / "fiches" / "organiser-une-visite" / "index.html").exists()


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, minus the engine's own name in the generator tag and the
    compressed sitemap (its gzip header holds the build time)."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name != "sitemap.xml.gz":
            files[path.relative_to(site).as_posix()] = re.sub(rb'<meta name="generator" content="[^"]*">', b"", path.read_bytes())
    return files


def test_properdocs_builds_the_same_site(tmp_path: Path) -> None:
    """ProperDocs and MkDocs give the same site: every page, export and asset, byte for byte."""
    root = make_repo(tmp_path / "repo")
    done = build(root)
    assert done.returncode == 0, done.stderr
    mkdocs_site = _site_files(root / "site")
    shutil.rmtree(root / "site")
    done = build(root, engine="properdocs")
    assert done.returncode == 0, done.stderr
    properdocs_site = _site_files(root / "site")
    assert "fiches/organiser-une-visite/index.html" in properdocs_site and "donnees/catalogue.csv" in properdocs_site
    assert [name for name in mkdocs_site if name.startswith("recherche/mots/")]  # the search index too
    assert sorted(properdocs_site) == sorted(mkdocs_site)
    assert [name for name in mkdocs_site if properdocs_site[name] != mkdocs_site[name]] == []


def test_serve_rebuilds_when_a_taxonomy_or_an_entry_changes(tmp_path: Path) -> None:
    """`mkdocs serve` watches the folders outside docs_dir: term pages and backlinks follow edits."""
    import socket
    import sys
    import urllib.request

    root = make_repo(tmp_path / "repo")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(path: str, text: str, seconds: float = 60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if text in fetch(path):
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert wait_for("themes/emploi/", "Visite apprenante à Colombelles")
        labels = root / "taxonomies" / "themes.yml"
        labels.write_text(labels.read_text(encoding="utf-8").replace("label: Emploi\n", "label: Emploi local\n"), encoding="utf-8")
        assert wait_for("themes/emploi/", "Emploi local")
        story = root / "content" / "recits" / "recit-plateau.md"
        story.write_text(
            story.read_text(encoding="utf-8").replace("café associatif.", "café associatif, voir [[organiser-une-visite]]."),
            encoding="utf-8",
        )
        assert wait_for("fiches/organiser-une-visite/", "Récit du Plateau")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_navigation_aids_are_on_pages_but_not_in_the_search_index(site: Path) -> None:
    page = (site / "fiches" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert 'class="mesbox-cited-by"' in page and "<!--mesbox:block" not in page
    cited = page.split('class="mesbox-cited-by"', 1)[1]
    assert "Récit du Plateau" in cited
    pages = search_pages(site)
    assert "Corps sans danger" in pages["/fiches/hostile/"]["text"] and "Récit du Plateau" not in pages["/fiches/hostile/"]["text"]


def toc_of(page: str) -> str:
    """The page's table of contents, nested lists included (it ends where the content begins)."""
    return page.split('class="md-nav md-nav--secondary"', 1)[1].split('<div class="md-content"', 1)[0]


def test_section_titles_are_in_the_table_of_contents_with_unique_anchors(site: Path) -> None:
    page = (site / "fiches" / "hostile" / "index.html").read_text(encoding="utf-8")
    toc = toc_of(page)
    assert re.findall(r'href="#([^"]+)"', toc) == ["cite-par", "cite-par_1"]  # the body's heading, then mesbox's
    # Written by the `toc` extension itself: its permalink settings, its numbering of repeated ids (then
    # rewritten by the sanitiser: attribute values quoted, the pilcrow as a character).
    assert (
        '<h2 data-search-exclude="" id="cite-par_1">Cité par'
        '<a class="headerlink" href="#cite-par_1" title="Lien vers cette section">¶</a></h2>'
    ) in page
    assert page.index('id="cite-par_1"') < page.index('class="mesbox-cited-by"')
    sheet = (site / "fiches" / "initiative-solidaire" / "index.html").read_text(encoding="utf-8")
    sheet_toc = toc_of(sheet)
    assert re.findall(r'href="#([^"]+)"', sheet_toc)[-3:] == [
        "sources",
        "parcours-qui-passent-par-cette-entree",
        "cite-par",
    ]  # nothing to see also
    monograph = (site / "monographies" / "visite-colombelles" / "index.html").read_text(encoding="utf-8")
    monograph_toc = toc_of(monograph)
    assert re.findall(r'href="#([^"]+)"', monograph_toc)[-4:] == [
        "lecture-selon-la-grille",
        "dimension-cooperation",
        "voir-aussi",
        "cite-par",
    ]


def folding_plugin() -> MesboxPlugin:
    plugin = MesboxPlugin()
    plugin.load_config({})
    return plugin


def test_search_index_is_folded_in_memory_before_the_theme_writes_it() -> None:
    entries = [{"location": "a/", "title": "Économie", "text": "Les coopérations"}]
    config = SimpleNamespace(plugins={"search": SimpleNamespace(search_index=SimpleNamespace(entries=entries))})
    plugin = folding_plugin()
    plugin._fold_in_memory(config=config)  # type: ignore[arg-type]
    assert plugin.folded and entries[0]["text"] == "Les coopérations economie cooperations"


def test_another_search_index_is_folded_in_its_file(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(json.dumps({"config": {}, "docs": [{"location": "a/", "title": "Séminaire", "text": ""}]}), encoding="utf-8")
    config = SimpleNamespace(plugins={"search": SimpleNamespace()}, site_dir=str(tmp_path))
    plugin = folding_plugin()
    plugin._fold_in_memory(config=config)  # type: ignore[arg-type]
    assert not plugin.folded
    plugin._finish(config=config)  # type: ignore[arg-type]
    assert json.loads(index.read_text(encoding="utf-8"))["docs"][0]["text"] == " seminaire"


def test_grid_dimensions_are_sub_sections_of_the_table_of_contents(site: Path) -> None:
    for url in ("monographies/visite-colombelles", "grilles/grille-commune"):
        page = (site / url / "index.html").read_text(encoding="utf-8")
        toc = toc_of(page)
        anchors = re.findall(r'href="#([^"]+)"', toc)
        dimensions = [a for a in anchors if a.startswith("dimension-")]
        assert dimensions, url
        section = anchors.index("lecture-selon-la-grille" if "monographies" in url else "dimensions-et-questions")
        assert anchors[section + 1 : section + 1 + len(dimensions)] == dimensions  # nested right under their section
        for anchor in dimensions:
            assert f'<h3 id="{anchor}">' in page


def test_strict_build_with_anchor_validation_finds_every_generated_anchor(tmp_path: Path) -> None:
    """MkDocs validates links to `#cite-par`, `#dimension-…` (the cross-analysis links to them) against the page."""
    root = make_repo(tmp_path / "repo")
    assert "validation:\n  anchors: warn\n" in (root / "mkdocs.yml").read_text(encoding="utf-8")  # the project's own setting
    editorial = root / "content" / "a-propos.md"
    links = (
        "[Cité par](fiches/methodes/organiser-une-visite.md#cite-par), "
        "[coopération](monographies/visite-colombelles.md#dimension-cooperation)"
    )
    editorial.write_text(editorial.read_text(encoding="utf-8") + f"\n{links}\n", encoding="utf-8")
    done = build(root)
    assert done.returncode == 0, done.stderr
    assert "anchor" not in done.stderr.replace("with_anchor", "")
    editorial.write_text(
        editorial.read_text(encoding="utf-8") + "\n[Nulle part](fiches/methodes/organiser-une-visite.md#nulle-part)\n", encoding="utf-8"
    )
    done = build(root)
    assert done.returncode != 0 and "does not contain an anchor '#nulle-part'" in done.stderr


def test_learning_path_page_shows_its_steps_and_every_step_shows_the_path(site: Path) -> None:
    page = (site / "parcours" / "preparer-une-visite" / "index.html").read_text(encoding="utf-8")
    assert "2 étapes, durée totale : <strong>1 h 30</strong>" in page
    steps = page.split('<ol class="mesbox-steps">', 1)[1].split("</ol>", 1)[0]
    assert steps.index("initiative-solidaire/") < steps.index("organiser-une-visite/")  # in the order written
    assert "20 min" in steps and "1 h 10" in steps and "Préparer les questions de la visite avec la grille" in steps
    toc = toc_of(page)
    assert "etapes-du-parcours" in toc
    for step in ("fiches/organiser-une-visite", "fiches/initiative-solidaire"):
        entry = (site / step / "index.html").read_text(encoding="utf-8")
        assert "Parcours qui passent par cette entrée" in entry and 'href="../../parcours/preparer-une-visite/"' in entry, step
    listing = (site / "parcours" / "index.html").read_text(encoding="utf-8")
    assert "Préparer une visite apprenante" in listing
    assert "/parcours/preparer-une-visite/" in search_pages(site)


def configured(tmp_path: Path, *, site_url: str, strict: bool, publication: bool) -> tuple[MesboxPlugin, MkDocsConfig]:
    """The plugin with its `publication` setting, and MkDocs' own configuration of a minimal site."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: Essai\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_url=site_url, strict=strict)
    plugin = MesboxPlugin()
    plugin.load_config({"publication": publication})
    return plugin, config


@pytest.mark.parametrize(
    ("strict", "publication", "level"),
    [(False, False, "WARNING"), (False, True, "WARNING"), (True, False, "INFO")],
)
def test_a_build_without_address_says_once_it_is_not_publishable(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, strict: bool, publication: bool, level: str
) -> None:
    plugin, config = configured(tmp_path, site_url="", strict=strict, publication=publication)
    with caplog.at_level("INFO", logger="mkdocs.plugins.mesbox"):
        plugin.on_config(config)
    said = [(r.levelname, r.getMessage()) for r in caplog.records if "non publiable" in r.getMessage()]
    assert len(said) == 1 and said[0][0] == level
    assert "sitemap.xml" in said[0][1] and "MESBOX_SITE_URL" in said[0][1]


def test_a_strict_publication_without_address_stops(tmp_path: Path) -> None:
    plugin, config = configured(tmp_path, site_url="", strict=True, publication=True)
    with pytest.raises(PluginError, match="site non publiable"):
        plugin.on_config(config)


def test_a_build_with_an_address_says_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    plugin, config = configured(tmp_path, site_url="https://exemple.org/", strict=True, publication=True)
    with caplog.at_level("INFO", logger="mkdocs.plugins.mesbox"):
        plugin.on_config(config)
    assert not caplog.records


def test_every_page_is_sanitised_and_filled_whichever_batch_it_falls_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are sanitised by batches (`SANITISED_TOGETHER`), the last ones in on_env: with batches of one,
    two or three pages, every page, the one that closes a batch included, comes out sanitised and filled,
    and the site is the same as with a single batch."""
    from sitebuild import build_in_process

    from mesbox.mkdocs_plugin import plugin as plugin_module

    root = make_repo(tmp_path / "repo")
    for number in range(4):  # hostile bodies (E201): a build that is not strict publishes them sanitised
        (root / "fiches" / f"survol-{number}.md").write_text(
            f"---\ntitle: Survol {number}\ndescription: Une fiche au corps hostile pour vérifier l'assainissement.\n"
            "date: 2026-04-01\nkind: outil\nthemes: [culture]\nauthors: [Équipe]\n---\n\n"
            f"<p onmouseover=\"alert({number})\">survolez-moi</p>\n\n<script>alert('s{number}')</script>\n",
            encoding="utf-8",
        )
    sites: dict[int, dict[str, str]] = {}
    for size in (1, 2, 3, 100_000):
        monkeypatch.setattr(plugin_module, "SANITISED_TOGETHER", size)
        site = build_in_process(root, tmp_path / f"site-{size}", command="build")
        pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in html_files(site)}
        assert "fiches/survol-3/index.html" in pages
        for name, html in pages.items():
            assert "onmouseover" not in html and "alert(" not in html and "<!--mesbox:blocks" not in html, (size, name)
        sites[size] = pages
    assert sites[1] == sites[2] == sites[3] == sites[100_000]
    # A slow sanitiser thread: in on_env, the batches it has not started are sanitised on MkDocs' thread instead.
    threads: list[str] = []
    sanitized = plugin_module._sanitized

    def slow(fragments: list[str]) -> tuple[list[str], float]:
        threads.append(threading.current_thread().name)
        if threading.current_thread() is not threading.main_thread():
            time.sleep(0.2)
        return sanitized(fragments)

    monkeypatch.setattr(plugin_module, "SANITISED_TOGETHER", 1)
    monkeypatch.setattr(plugin_module, "_sanitized", slow)
    site = build_in_process(root, tmp_path / "site-slow", command="build")
    assert {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in html_files(site)} == sites[1]
    assert "MainThread" in threads and any(name.startswith("mesbox-sanitizer") for name in threads)


def test_every_page_and_template_is_audited_as_written_the_last_one_included(tmp_path: Path) -> None:
    """The audit program reads each file as MkDocs wrote it, after every plugin: a script that another
    plugin's hook adds to the first page, to the last one and to the 404 page (after mesbox's hooks)
    fails the build with each path; a clean page in between is not named."""
    root = make_repo(tmp_path / "repo")
    with_hooks(
        root,
        "from mkdocs.plugins import event_priority\n\n"
        "@event_priority(-1000)\n"
        "def on_post_page(output, page, config):\n"
        "    if page.file.dest_uri in ('index.html', 'fiches/initiative-solidaire/index.html', config['mesbox_last']):\n"
        "        return output.replace('</body>', '<script>alert(1)</script></body>')\n"
        "    return output\n\n"
        "@event_priority(-1000)\n"
        "def on_post_template(output, template_name, config):\n"
        "    return output.replace('</body>', '<p onclick=\"alert(2)\">x</p></body>') if template_name == '404.html' else output\n\n"
        "def on_files(files, config):\n"
        "    config['mesbox_last'] = [f for f in files.documentation_pages()][-1].dest_uri\n"
        "    return files\n",
    )
    done = build(root, strict=False)
    assert done.returncode != 0, done.stderr
    found = {line.strip().split(":", 1)[0] for line in done.stderr.splitlines() if line.startswith("  ") and ".html:" in line}
    assert {"index.html", "fiches/initiative-solidaire/index.html", "404.html"} < found, done.stderr
    assert len(found) == 4, found  # the three above and the last page, nothing else


def test_table_of_contents_titles_are_sanitised_once_per_title_and_every_time() -> None:
    """Each page's titles come out sanitised; a title seen on an earlier page is taken from the build's memory."""
    hostile = '<img src=x onerror="alert(1)">Voir'
    done: dict[str, str] = {}
    tocs = [
        get_toc([{"level": 2, "id": "a", "name": hostile, "children": [{"level": 3, "id": "b", "name": "Étapes", "children": []}]}])
        for _ in range(2)
    ]
    for toc in tocs:
        _sanitize_toc(toc, done)
    for toc in tocs:
        (item,) = toc
        assert [item.title, item.children[0].title] == ['<img src="x">Voir', "Étapes"]
    assert done == {hostile: '<img src="x">Voir', "Étapes": "Étapes"}


def planned_plugin(count: int, dirty: bool) -> tuple[MesboxPlugin, list[str]]:
    """The plugin with `count` planned pages whose rendering is recorded, as its on_files leaves them."""
    plugin, rendered = MesboxPlugin(), []

    def renderer(src_uri: str) -> Callable[[], PageSource]:
        def render() -> PageSource:
            rendered.append(src_uri)
            return PageSource(src_uri, src_uri[:-3] + "/", f"# {src_uri}", src_uri)

        return render

    plugin.planned = {f"p{n}.md": PlannedPage(f"p{n}.md", f"p{n}/", False, renderer(f"p{n}.md")) for n in range(count)}
    plugin.dirty = dirty
    return plugin, rendered


def read_source(plugin: MesboxPlugin, src_uri: str) -> str | None:
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))
    return plugin.on_page_read_source(page=page, config=None)  # type: ignore[arg-type]


def test_a_full_build_renders_every_source_in_a_row_at_the_first_request() -> None:
    plugin, rendered = planned_plugin(6, dirty=False)
    assert read_source(plugin, "p2.md") == "# p2.md"
    assert rendered == [f"p{n}.md" for n in range(6)]  # all of them, in the plan's order
    for n in (0, 5, 1, 4, 3):  # then each is handed its own source, in any order, without rendering it again
        assert read_source(plugin, f"p{n}.md") == f"# p{n}.md"
    assert len(rendered) == 6 and plugin.ahead == {}
    assert read_source(plugin, "p2.md") == "# p2.md" and rendered[6:] == ["p2.md"]  # asked twice: rendered again
    assert read_source(plugin, "editorial.md") is None  # not a generated page: MkDocs reads its file


def test_a_dirty_build_renders_only_the_pages_asked_for() -> None:
    plugin, rendered = planned_plugin(10, dirty=True)
    assert read_source(plugin, "p3.md") == "# p3.md" and read_source(plugin, "p7.md") == "# p7.md"
    assert rendered == ["p3.md", "p7.md"]
