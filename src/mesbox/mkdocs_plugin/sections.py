"""Pages outside the nav still belong to a tab: the section whose index page leads their folder.

Entries and term pages stay out of the nav tree (the theme writes the tree into every page:
quadratic cost). Giving such a page a `parent` section, MkDocs' own structure attribute, is
enough for the theme to mark that section's tab active while the page is rendered.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def top_sections(nav: Navigation) -> dict[str, Section]:
    """Top-level sections by the URL of the folder their index page leads (`fiches/` → Fiches)."""
    found: dict[str, Section] = {}
    for item in nav.items:
        if isinstance(item, Section):
            for child in item.children:
                if isinstance(child, Page) and child.url.endswith("/") and child.url.count("/") == 1:
                    found.setdefault(child.url, item)
    return found


def adopt(nav: Navigation, files: Files) -> int:
    """Give each page outside the nav the top section of its folder; returns how many pages were placed."""
    sections = top_sections(nav)
    if not sections:
        return 0
    in_nav = {id(page) for page in nav.pages}
    placed = 0
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.parent is not None or id(page) in in_nav or "/" not in page.url:
            continue
        section = sections.get(page.url.split("/", 1)[0] + "/")
        if section is not None:
            page.parent = section
            placed += 1
    return placed
