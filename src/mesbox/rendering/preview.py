"""What a contributor sees while previewing (`mkdocs serve`): the check's errors where she looks.

Each page whose file has errors opens with a banner listing them (file:line:col, code, French
message); a file too broken to become an entry gets an error page at its address instead of a
404; drafts get their page, marked as drafts; and one page lists every current error. None of
this exists in a published build: the adapter asks for these pages only when serving.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from functools import partial

from markupsafe import escape

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.ids import is_valid_id
from mesbox.contract.issues import CODES, Issue
from mesbox.contract.report import summary
from mesbox.reading.documents import COLLECTIONS
from mesbox.rendering.pages import PageSource, PlannedPage, SiteRenderer, entry_src_uri
from mesbox.rendering.urls import relative

ERRORS_URL = "apercu/erreurs/"
ERRORS_SRC = "apercu/erreurs.md"
_DRAFT = (
    "Brouillon (<code>draft: true</code>) : cette page n'existe que dans l'aperçu. Elle ne sera publiée, "
    "ni citée dans les index, tant que la ligne <code>draft: true</code> reste dans son en-tête."
)


def by_path(issues: Iterable[Issue]) -> dict[str, list[Issue]]:
    found: dict[str, list[Issue]] = {}
    for issue in issues:
        found.setdefault(issue.path, []).append(issue)
    return found


def _items(issues: list[Issue]) -> str:
    return "\n".join(
        f"<li><code>{escape(i.path)}:{i.line}:{i.col}</code> "
        f'<strong title="{escape(CODES.get(i.code, ""))}">{escape(i.code)}</strong> {escape(i.message)}</li>'
        for i in issues
    )


def banner(issues: list[Issue], page_url: str) -> str:
    """The alert at the top of a page whose file has errors; it links to the list of all errors."""
    count = f"{len(issues)} erreur" + ("s" if len(issues) > 1 else "")
    return (
        f'<div class="admonition failure mesbox-preview-errors" role="alert">\n'
        f'<p class="admonition-title">{count} dans ce fichier : '
        f"{'corrigez-les' if len(issues) > 1 else 'corrigez-la'} avant de proposer la page "
        f'(<a href="{escape(relative(page_url, ERRORS_URL))}">toutes les erreurs</a>)</p>\n'
        f"<ul>\n{_items(issues)}\n</ul>\n</div>\n"
    )


def draft_banner() -> str:
    return f'<div class="admonition warning mesbox-preview-draft" role="note">\n<p class="admonition-title">{_DRAFT}</p>\n</div>\n'


def search_notice() -> str:
    """Above the Explorer while previewing: its word index is the one written when the preview started (its
    list for filters without words is written by every build)."""
    return (
        '<div class="admonition info mesbox-preview-search" role="note">\n'
        '<p class="admonition-title">Aperçu : la recherche par mots porte sur les entrées telles qu\'elles étaient au lancement de '
        "<code>mkdocs serve</code></p>\n"
        "<p>Vos enregistrements suivants s'affichent dans leurs pages, les listes, les index et les filtres choisis sans mots, "
        "mais pas dans les résultats d'une recherche par mots : arrêtez l'aperçu (Ctrl+C) et relancez-le pour les y retrouver. "
        "Le site publié a toujours une recherche complète et à jour.</p>\n</div>\n"
    )


def _page(src_uri: str, url: str, title: str, html: str, edit_path: str | None = None) -> PageSource:
    """A preview page: its HTML is one raw block, kept out of the search index."""
    front = {"title": str(escape(title)), "search": {"exclude": True}}
    content = (
        "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n\n" + "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
    )
    return PageSource(src_uri, url, content, title, edit_path=edit_path, meta=front)


def entry_address(path: str) -> tuple[str, str] | None:
    """Source path and URL a collection file would have once valid, or None (not an entry file, bad name)."""
    for collection in sorted(COLLECTIONS.values(), key=lambda c: -len(c.folder)):
        if path.startswith(collection.folder + "/") and path.endswith(".md"):
            name = posixpath.basename(path)[:-3]
            if not is_valid_id(name):
                return None
            folder = posixpath.dirname(path[len(collection.folder) + 1 :])
            return posixpath.join(collection.id, folder, f"{name}.md"), f"{collection.id}/{name}/"
    return None


def broken_page(path: str, src_uri: str, url: str, issues: list[Issue]) -> PageSource:
    """The page at a broken entry's address: what is wrong, instead of « page introuvable »."""
    html = (
        f"<h1>Page non construite : {escape(path)}</h1>\n"
        f"<p>Ce fichier n'a pas pu devenir une page : la vérification y a trouvé "
        f"{len(issues)} erreur{'s' if len(issues) > 1 else ''}. Corrigez-le et enregistrez : l'aperçu se met à jour.</p>\n"
        + banner(issues, url)
    )
    return _page(src_uri, url, f"Erreurs dans {path}", html, edit_path=path)


def editorial_url(path: str) -> str | None:
    """URL of an editorial page of `content/` (`content/a-propos.md` → `a-propos/`)."""
    if not path.startswith("content/") or not path.endswith(".md"):
        return None
    inside = path[len("content/") : -3]
    if inside == "index" or inside.endswith("/index"):
        return inside[:-5]
    return inside + "/"


def errors_page(issues: list[Issue], files: int, urls: dict[str, str]) -> PageSource:
    """Every current error, by file, each file linked to its page when it has one."""
    if not issues:
        body = f"<p>Aucune erreur : {files} fichiers vérifiés.</p>\n"
    else:
        parts = [f"<p>{escape(summary(issues, files))}</p>"]
        for path, found in sorted(by_path(issues).items()):
            url = urls.get(path, editorial_url(path))
            name = f'<a href="{escape(relative(ERRORS_URL, url))}">{escape(path)}</a>' if url is not None else escape(path)
            parts.append(f"<h2>{name}</h2>\n<ul>\n{_items(found)}\n</ul>")
        body = "\n".join(parts) + "\n"
    html = (
        "<h1>Erreurs de la vérification</h1>\n"
        "<p>Cette page n'existe que dans l'aperçu (<code>mkdocs serve</code>) ; elle suit chaque enregistrement.</p>\n"
    ) + body
    return _page(ERRORS_SRC, ERRORS_URL, "Erreurs de la vérification", html)


def preview_plan(catalogue: Catalogue, issues: list[Issue], files: int, renderer: SiteRenderer, taken: set[str]) -> list[PlannedPage]:
    """The pages only a preview has: drafts, broken entries at their address, the list of errors.

    `taken` holds the source paths already planned: a broken file whose id another file owns
    (E107) keeps no page of its own."""
    planned: list[PlannedPage] = []
    urls: dict[str, str] = {e.path: e.url for e in catalogue.entries.values()}
    for draft in catalogue.drafts.values():
        planned.append(PlannedPage(entry_src_uri(draft), draft.url, False, partial(renderer.entry_page, draft)))
        urls[draft.path] = draft.url
    known = {e.path for e in catalogue.entries.values()} | {d.path for d in catalogue.drafts.values()}
    seen = set(taken) | {p.src_uri for p in planned}
    for path, found in by_path(issues).items():
        address = entry_address(path)
        if path in known or address is None or address[0] in seen:
            continue
        src_uri, url = address
        seen.add(src_uri)
        urls[path] = url
        planned.append(PlannedPage(src_uri, url, False, partial(broken_page, path, src_uri, url, found)))
    planned.append(PlannedPage(ERRORS_SRC, ERRORS_URL, False, lambda: errors_page(issues, files, urls)))
    return planned
