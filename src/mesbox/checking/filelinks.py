"""Cross-file rules on body links: every page or file a body links to must be on the site, and be
named relative to the page, never from the site's root, which breaks under a sub-path (E105)."""

from __future__ import annotations

import difflib
import posixpath
import urllib.parse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from mesbox.contract.issues import Issue
from mesbox.contract.registry import ANALYSED
from mesbox.reading.bodylinks import FileLink, page_url, resolve, resolve_raw
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


_IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


def _relative(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def _nearest(page: str, target: str, published: set[str], entries: Mapping[str, str]) -> str | None:
    """What the link probably meant: the same entry or file in another folder, or the closest path
    (relative, with `[[id]]` for an entry)."""
    name = posixpath.basename(target)
    by_id = {entry_id: path for path, entry_id in entries.items() if path in published}
    if name.endswith(".md") and name[: -len(".md")] in by_id:
        entry_id = name[: -len(".md")]
        return f"« {_relative(page, by_id[entry_id])} » ou [[{entry_id}]]"
    same_name = sorted(path for path in published if posixpath.basename(path) == name)
    if same_name:
        return f"« {_relative(page, same_name[0])} »"
    close = difflib.get_close_matches(target, sorted(p for p in published if p.endswith(".md") == target.endswith(".md")), n=1, cutoff=0.85)
    if close:
        found = close[0]
        return f"« {_relative(page, found)} »" + (f" ou [[{entries[found]}]]" if found in entries else "")
    return None


def _missing_message(path: str, page: str, written: str, target: str, published: set[str], entries: Mapping[str, str]) -> str:
    """E105 for a relative link of the file at `path` (site path `page`) to a page or file the site will
    not have, naming what to write instead."""
    start = f"lien « {written[:80]} » vers une page ou un fichier absent ({target or 'hors du site'})"
    nearest = _nearest(page, target, published, entries) if target else None
    if nearest:
        return f"{start} — vouliez-vous dire {nearest} ? Un lien s'écrit relatif à ce fichier"
    if target.lower().endswith(_IMAGES):
        if "/" not in written.split("#", 1)[0]:
            folder = posixpath.dirname(path)
            return (
                f"{start} : enregistrez l'image dans {folder + '/' if folder else 'le même dossier que la page'}, "
                "à côté de la page, sous ce nom, ou corrigez le nom"
            )
        return f"{start} : corrigez le chemin, relatif à ce fichier (une image se range de préférence à côté de la page)"
    return f"{start} : corrigez le chemin, relatif à ce fichier"


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
    by_id = {entry_id: path for path, entry_id in entries.items()}
    last = url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html").removesuffix(".md")
    if last in by_id and known(by_id[last]):
        return start + f"écrivez [[{last}]] ou le lien relatif « {_relative(page, by_id[last])}{anchor} »"
    return start + "écrivez un lien relatif au fichier visé (par exemple « ../themes/emploi.md ») ou [[identifiant]] pour une entrée"


def check_file_links(
    path: str, links: list[FileLink], published: set[str], drafts: set[str], generated: Callable[[], set[str]], entries: Mapping[str, str]
) -> list[Issue]:
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
        if link.raw:
            message = _raw_message(page, link.target, known, drafts)
            if message:
                found.append(Issue(path, link.line, link.col, "E105", message))
            continue
        target = resolve(page, link.target)
        if target is None or target.startswith("donnees/") or target == "flux.xml" or target in published:
            continue  # open data and the feed are written with every build
        if target not in drafts and target in generated():
            continue
        if target in drafts:
            message = f"lien « {link.target} » vers un brouillon : il ne sera pas publié — retirez le lien ou publiez la page"
        else:
            message = _missing_message(path, page, link.target, target, published, entries)
        found.append(Issue(path, link.line, link.col, "E105", message))
    return found


def _raw_message(page: str, written: str, known: Callable[[str], bool], drafts: set[str]) -> str | None:
    """What is wrong with a relative link written in an HTML tag, read from the page's address as a browser
    reads it (the engine does not rewrite it), or None when it leads to a page or file of the site."""
    url = resolve_raw(page, written)
    sources = [] if url == ".." else _url_sources(url)
    if any(known(source) and source not in drafts for source in sources):
        return None
    if any(source in drafts for source in sources):
        return f"lien « {written[:80]} » vers un brouillon : il ne sera pas publié — retirez le lien ou publiez la page"
    address = page_url(page)
    message = f"lien « {written[:80]} » vers une page ou un fichier absent ({'hors du site' if url == '..' else url}) : "
    as_markdown = resolve(page, written)
    if as_markdown and known(as_markdown):
        target_url = page_url(as_markdown) if as_markdown.endswith(".md") else as_markdown
        fix = posixpath.relpath(target_url or ".", address or ".") + ("/" if target_url.endswith("/") or not target_url else "")
        return (
            message
            + f"dans une balise HTML, un lien se lit depuis l'adresse de la page (/{address}) — écrivez « {fix} », ou le lien en Markdown"
        )
    return message + f"corrigez le chemin, relatif à l'adresse de la page (/{address}) dans une balise HTML"


def _linked_path(page: str, link: FileLink) -> str | None:
    """The site path a link of the page names (from the site's root too: E105 asks to rewrite it, but it cites the file)."""
    if link.target.startswith("/"):
        return urllib.parse.unquote(link.target.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    return resolve_raw(page, link.target) if link.raw else resolve(page, link.target)


def unpublished_assets(loaded: Loaded) -> tuple[set[str], list[Issue]]:
    """Site paths of the attachments beside entries that are not published, and an E004 for each one
    that no page links to. A draft publishes nothing, attachments included: a file only drafts link
    to waits for its page (no issue). A file no page links to is nobody's: not published either,
    and named, so that it is linked or removed. Files of `content/` outside a collection are the
    site's own (mkdocs.yml or the theme may name them): published as they are."""
    by_drafts: set[str] = set()
    by_published: set[str] = set()
    sources = [(c.path, c.files, c.draft) for c in loaded.candidates] + [(p.path, p.files, False) for p in loaded.pages]
    for path, links, draft in sources:
        page = site_path(path)
        (by_drafts if draft else by_published).update(target for link in links if (target := _linked_path(page, link)))
    hidden = by_drafts - by_published
    issues = []
    for asset in loaded.assets:
        if asset.src_uri in by_drafts or asset.src_uri in by_published or not asset.rel.startswith(_COLLECTION_FOLDERS):
            continue
        hidden.add(asset.src_uri)
        name = posixpath.basename(asset.rel)
        issues.append(
            Issue(
                asset.rel,
                1,
                1,
                "E004",
                f"fichier joint qu'aucune page ne cite : il n'est pas publié — liez-le depuis la page "
                f"qui l'utilise (![description]({name}) pour une image, [titre]({name}) pour un document) ou retirez-le",
            )
        )
    return hidden, issues


_COLLECTION_FOLDERS = tuple(collection.folder + "/" for collection in COLLECTIONS.values())
