"""The preview (`mkdocs serve`): check errors on the affected pages and on one list, error pages
instead of 404s, drafts shown and marked; none of it in a published build.

Serving is simulated the way MkDocs starts it: `on_startup(command="serve")`, then a build.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import build_in_process, make_repo

from mesbox.contract.issues import Issue
from mesbox.rendering.preview import ERRORS_URL, banner, editorial_url, entry_address, errors_page

UNKNOWN_THEME = ("themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]")
BROKEN_YAML = "---\ntitle: Une recyclerie : une initiative\ndescription: Une fiche dont l'en-tête ne se lit pas.\n---\nCorps.\n"


@pytest.fixture(scope="module")
def broken_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("preview") / "repo")
    fiche = root / "fiches" / "initiative-solidaire.md"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace(*UNKNOWN_THEME), encoding="utf-8")
    (root / "fiches" / "recyclerie.md").write_text(BROKEN_YAML, encoding="utf-8")
    about = root / "content" / "a-propos.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nVoir [[seminair]].\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def served(broken_repo: Path) -> Path:
    return build_in_process(broken_repo, broken_repo / "site", command="serve")


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_a_page_with_errors_opens_with_them(served: Path) -> None:
    html = page(served, "fiches/initiative-solidaire")
    assert 'role="alert"' in html and "mesbox-preview-errors" in html
    assert "fiches/initiative-solidaire.md:9:" in html and "thème inconnu « cooperaton »" in html
    assert html.index("mesbox-preview-errors") < html.index("<h1")
    assert 'href="../../apercu/erreurs/"' in html


def test_an_editorial_page_with_errors_opens_with_them(served: Path) -> None:
    html = page(served, "a-propos")
    assert "content/a-propos.md:5:" in html and "lien « seminair »" in html


def test_a_file_that_cannot_be_read_gets_an_error_page_at_its_address(served: Path) -> None:
    html = page(served, "fiches/recyclerie")
    assert "Page non construite : fiches/recyclerie.md" in html
    assert "fiches/recyclerie.md:2:" in html and "E002" in html
    assert html.count("mesbox-preview-errors") == 1


def test_the_error_list_names_every_file_and_links_its_page(served: Path) -> None:
    html = page(served, ERRORS_URL.rstrip("/"))
    assert "Erreurs de la vérification" in html
    for path, url in (
        ("fiches/initiative-solidaire.md", "../../fiches/initiative-solidaire/"),
        ("fiches/recyclerie.md", "../../fiches/recyclerie/"),
        ("content/a-propos.md", "../../a-propos/"),
    ):
        assert f'<a href="{url}">{path}</a>' in html


def test_a_draft_is_previewed_and_marked(served: Path) -> None:
    html = page(served, "fiches/brouillon")
    assert "Une fiche en préparation" in html and "mesbox-preview-draft" in html and "draft: true" in html
    assert "brouillon/" not in page(served, "fiches")  # previewed, but listed nowhere


def test_valid_pages_carry_no_notice(served: Path) -> None:
    html = page(served, "fiches/organiser-une-visite")
    assert "mesbox-preview" not in html


def test_a_build_publishes_none_of_it(broken_repo: Path, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    for rel in ("fiches/initiative-solidaire.md", "fiches/recyclerie.md", "content/a-propos.md"):
        (root / rel).write_text((broken_repo / rel).read_text(encoding="utf-8"), encoding="utf-8")
    site = build_in_process(root, root / "site", command="build")
    assert not (site / "fiches" / "brouillon").exists() and not (site / "apercu").exists() and not (site / "fiches" / "recyclerie").exists()
    assert not any("mesbox-preview" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_the_banner_escapes_what_it_quotes() -> None:
    issue = Issue("fiches/x.md", 3, 1, "E201", "balise <script> refusée")
    html = banner([issue], "fiches/x/")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert 'href="../../apercu/erreurs/"' in html


def test_addresses_of_entry_and_editorial_files() -> None:
    assert entry_address("fiches/methodes/une-fiche.md") == ("fiches/methodes/une-fiche.md", "fiches/une-fiche/")
    assert entry_address("content/recits/un-recit.md") == ("recits/un-recit.md", "recits/un-recit/")
    assert entry_address("fiches/Mauvais Nom.md") is None and entry_address("taxonomies/themes.yml") is None
    assert (editorial_url("content/index.md"), editorial_url("content/a-propos.md"), editorial_url("taxonomies/themes.yml")) == (
        "",
        "a-propos/",
        None,
    )


def test_no_error_says_so() -> None:
    assert "Aucune erreur : 12 fichiers vérifiés." in errors_page([], 12, {}).content
