"""Cross-file rule on relative links: every page or file a body links to must be on the site (E105)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .bodylinks import FileLink, resolve
from .issues import Issue
from .publication import site_path
from .structure import COLLECTIONS, TAXONOMIES

if TYPE_CHECKING:
    from .loader import Loaded


def site_files(loaded: Loaded) -> tuple[set[str], set[str]]:
    """Every path of the site a relative link may name (pages, generated pages, assets), and those of drafts."""
    published: set[str] = {f"{collection.id}/index.md" for collection in COLLECTIONS.values()}
    drafts: set[str] = set()
    for candidate in loaded.candidates:
        path = site_path(candidate.path)
        (drafts if candidate.draft else published).add(path)
        if candidate.collection.id == "grilles" and not candidate.draft:
            published.add(f"grilles/{candidate.id}/analyse.md")
    for taxonomy_id, terms in loaded.terms.items():
        segment = TAXONOMIES[taxonomy_id].url_segment
        published.add(f"{segment}/index.md")
        published.update(f"{segment}/{term.term.id}.md" for term in terms)
    published.update(site_path(page.path) for page in loaded.pages)
    published.update(asset.src_uri for asset in loaded.assets)
    return published, drafts


def check_file_links(path: str, links: list[FileLink], published: set[str], drafts: set[str], generated: Callable[[], set[str]]) -> list[Issue]:
    """E105 for each relative link of the file at `path` to a page or file the site will not have
    (`generated`: every page mesbox writes, asked for only when a link is not found elsewhere)."""
    page = site_path(path)
    found: list[Issue] = []
    for link in links:
        target = resolve(page, link.target)
        if target is None or target.startswith("donnees/") or target == "flux.xml" or target in published:
            continue  # open data and the feed are written with every build
        if target not in drafts and target in generated():
            continue
        if target in drafts:
            message = f"lien « {link.target} » vers un brouillon : il ne sera pas publié — retirez le lien ou publiez la page"
        else:
            message = f"lien « {link.target[:80]} » vers une page ou un fichier absent ({target or 'hors du site'}) : corrigez le chemin, relatif à ce fichier"
        found.append(Issue(path, link.line, link.col, "E105", message))
    return found


def draft_only(loaded: Loaded) -> set[str]:
    """Site paths of the assets that only drafts link to: a draft publishes nothing, attachments included."""
    by_drafts: set[str] = set()
    by_published: set[str] = set()
    sources = [(c.path, c.files, c.draft) for c in loaded.candidates] + [(p.path, p.files, False) for p in loaded.pages]
    for path, links, draft in sources:
        page = site_path(path)
        targets = {target for link in links if (target := resolve(page, link.target))}
        (by_drafts if draft else by_published).update(targets)
    return by_drafts - by_published
