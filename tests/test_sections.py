"""Pages outside the nav get the top section of their folder, so the theme marks their tab active."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section, get_navigation

from mesbox.mkdocs_plugin.sections import adopt

NAV = """site_name: Test
docs_dir: docs
nav:
  - Accueil: index.md
  - Fiches: [fiches/index.md]
  - Plat: plat/index.md
  - À propos: [a-propos.md]
"""


def _navigation(tmp_path: Path) -> tuple[Navigation, Files]:
    (tmp_path / "mkdocs.yml").write_text(NAV, encoding="utf-8")
    docs = tmp_path / "docs"
    for path in ("index.md", "fiches/index.md", "fiches/une.md", "plat/index.md", "plat/autre.md", "a-propos.md", "ailleurs/x.md"):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text("# T\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files([])
    for path in ("index.md", "fiches/index.md", "plat/index.md", "a-propos.md"):
        files.append(File(path, str(docs), config.site_dir, True))
    for path in ("fiches/une.md", "plat/autre.md", "ailleurs/x.md"):
        files.append(File(path, str(docs), config.site_dir, True, inclusion=InclusionLevel.NOT_IN_NAV))
    return get_navigation(files, config), files


def test_page_outside_the_nav_joins_the_section_of_its_folder(tmp_path: Path) -> None:
    nav, files = _navigation(tmp_path)
    assert adopt(nav, files) == 1
    page = files.get_file_from_path("fiches/une.md").page  # type: ignore[union-attr]
    assert page is not None and isinstance(page.parent, Section) and page.parent.title == "Fiches"
    page.active = True  # what MkDocs does while it renders the page
    assert page.parent.active
    page.active = False
    assert not page.parent.active


def test_pages_without_a_section_are_left_alone(tmp_path: Path) -> None:
    """A folder led by a plain page (no section), or by nothing in the nav, gives no parent; nav pages keep theirs."""
    nav, files = _navigation(tmp_path)
    adopt(nav, files)
    assert files.get_file_from_path("plat/autre.md").page.parent is None  # type: ignore[union-attr]
    assert files.get_file_from_path("ailleurs/x.md").page.parent is None  # type: ignore[union-attr]
    assert files.get_file_from_path("a-propos.md").page.parent.title == "À propos"  # type: ignore[union-attr]
