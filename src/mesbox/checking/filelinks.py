"""Cross-file rules on body links: every page or file a body links to must be on the site, and be
named relative to the page, never from the site's root, which breaks under a sub-path (E105)."""

from __future__ import annotations

import posixpath
import urllib.parse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from mesbox.contract.issues import Issue
from mesbox.contract.registry import ANALYSED
from mesbox.reading.bodylinks import FileLink, resolve
from mesbox.reading.documents import COLLECTIONS, TAXONOMIES
from mesbox.reading.publication import site_path

if TYPE_CHECKING:
    from mesbox.reading.loader import Loaded


def site_files(loaded: Loaded) -> tuple[set[str], set[str]]:
    """Every path of the site a relative link may name (pages, generated pages, assets), and those of drafts."""
    published: set[str] = {f"{collection.id}/index.md" for collection in COLLECTIONS.values()}
    drafts: set[str] = set()
    for candidate in loaded.candidates:
        path = site_path(candidate.path)
        (drafts if candidate.draft else published).add(path)
        if candidate.collection.id in ANALYSED and not candidate.draft:
            published.add(f"{candidate.collection.id}/{candidate.id}/analyse.md")
    for taxonomy_id, terms in loaded.terms.items():
        segment = TAXONOMIES[taxonomy_id].url_segment
        published.add(f"{segment}/index.md")
        published.update(f"{segment}/{term.term.id}.md" for term in terms)
    published.update(site_path(page.path) for page in loaded.pages)
    published.update(asset.src_uri for asset in loaded.assets)
    return published, drafts


def entry_paths(loaded: Loaded) -> dict[str, str]:
    """The id of each entry by its site path, so that a link to its page can be offered as `[[id]]`."""
    return {site_path(candidate.path): candidate.id for candidate in loaded.candidates}


def _url_sources(url: str) -> list[str]:
    """The site paths a root-absolute URL may be the page or file of, most likely first."""
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        return [path + "index.md", path.rstrip("/") + ".md"]
    if path.endswith(".html"):
        return [path[: -len(".html")] + ".md"]
    return [path, path + ".md", path + "/index.md"]


def _absolute_message(page: str, written: str, known: Callable[[str], bool], entries: Mapping[str, str]) -> str:
    """What to write instead of a link from the site's root: the relative link to the same file, or `[[id]]`."""
    url, hash_mark, fragment = written.partition("#")
    url = urllib.parse.unquote(url.split("?", 1)[0])
    anchor = hash_mark + fragment
    start = f"lien absolu « {written[:80]} » : il casse quand le site est publié sous un sous-chemin (https://exemple.org/mes/) — "
    for source in _url_sources(url):
        if known(source):
            relative = posixpath.relpath(source, posixpath.dirname(page) or ".") + anchor
            if source in entries and not anchor:
                return start + f"écrivez [[{entries[source]}]] ou le lien relatif « {relative} »"
            return start + f"écrivez le lien relatif au fichier « {relative} »"
    return start + "écrivez un lien relatif au fichier visé (par exemple « ../themes/emploi.md ») ou [[identifiant]] pour une entrée"


def check_file_links(path: str, links: list[FileLink], published: set[str], drafts: set[str], generated: Callable[[], set[str]],
                     entries: Mapping[str, str]) -> list[Issue]:
    """E105 for each link of the file at `path` written from the site's root, or relative to a page or
    file the site will not have (`generated`: every page mesbox writes, asked for only when a link is
    not found elsewhere; `entries`: entry ids by site path, offered as `[[id]]`)."""
    page = site_path(path)
    found: list[Issue] = []

    def known(target: str) -> bool:
        return target.startswith("donnees/") or target == "flux.xml" or target in published or target in drafts or target in generated()

    for link in links:
        if link.target.startswith("/"):
            found.append(Issue(path, link.line, link.col, "E105", _absolute_message(page, link.target, known, entries)))
            continue
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
