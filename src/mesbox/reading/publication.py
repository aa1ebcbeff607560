"""Which files of the content folders may reach the site: Markdown pages, and assets of an
allowlisted type. Nothing else is published, no symbolic link is followed, and nothing may
land where the theme or mesbox writes a file of its own.

Content folders are walked with `os.scandir` on an explicit stack, never following a link:
a link loop or a link to a file outside the repository is reported, never read.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from mesbox.contract.issues import Issue
from mesbox.contract.registry import ANALYSED
from mesbox.reading.documents import COLLECTIONS, TAXONOMIES

EDITORIAL_FOLDER = "content"
# Images, PDF and plain data: types a browser shows or downloads without running anything.
# SVG is left out: it is a document that can carry script and load other resources.
ASSET_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf", ".csv", ".json", ".txt"})
# The site's own stylesheet and script, reviewed by the maintainers, sit directly in `content/assets/`.
SITE_FILES_FOLDER = "content/assets"
SITE_FILE_TYPES = frozenset({".css", ".js"})
# Every extension a Markdown engine (MkDocs among them) would render as a page: only `.md` is ours.
MARKDOWN_TYPES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"})
# Ids whose page would take the place of a generated one: `fiches/index.md` is the listing, and a
# grid `grids/<other>/analyse.md` the cross-analysis of grid `<other>`.
RESERVED_IDS: dict[str, frozenset[str]] = {"*": frozenset({"index"}), **{c: frozenset({"analyse"}) for c in ANALYSED}}
# First path segments of the site that mesbox or the theme fill: collections and vocabularies,
# open data, search index, theme assets.
# `publics` and `explorer` are `render.pages.AUDIENCES_URL` and `EXPLORER_URL` (a test ties them:
# every generated page's folder is here).
_GENERATED_PAGES = frozenset({*COLLECTIONS, *(t.url_segment for t in TAXONOMIES.values()), "publics", "explorer"})
# apercu/: the preview's error list; admin/: the web editor and its files; recherche/: the readers' search index.
_GENERATED_FOLDERS = frozenset({*_GENERATED_PAGES, "donnees", "search", "recherche", "apercu", "admin"})
# The theme's script and style folders; `assets/images/` is shared (the web editor stores images there).
_THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/")
_GENERATED_FILES = frozenset({"flux.xml", "sitemap.xml", "sitemap.xml.gz", "404.html", "assets/images/favicon.png"})


# Quotes, angle brackets, backquote, backslash, control and bidi characters in a path would break
# out of an attribute (the edit link, an image's src) or hide what the path says.
_UNSAFE_NAME = re.compile("[\"'<>`\\\\\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Asset:
    """A file published as it is: where it is on disk, in the repository, and on the site."""

    path: str
    rel: str
    src_uri: str


@dataclass
class ContentFiles:
    """The result of one walk: the Markdown files found by extension, the assets to publish, and issues."""

    assets: list[Asset] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _refuse(found: ContentFiles, rel: str, message: str, code: str = "E004") -> None:
    found.issues.append(Issue(rel, 1, 1, code, message))


def walk(root: Path | str, folder: str, skip: frozenset[str] = frozenset(), dots: bool = False) -> list[tuple[os.DirEntry[str], str]]:
    """Every file and link under `folder` (repo-relative), in sorted order, `skip` folders and
    (unless `dots`) dot files left out. Links are listed, never followed."""
    out: list[tuple[os.DirEntry[str], str]] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(os.path.join(root, current)) as listing:
                items = sorted(listing, key=lambda item: item.name)
        except OSError:
            continue
        below = []
        for item in items:
            if item.name.startswith(".") and not dots:
                continue
            rel = f"{current}/{item.name}"
            if item.is_dir(follow_symlinks=False):
                if rel not in skip:
                    below.append(rel)
            else:
                out.append((item, rel))
        stack.extend(reversed(below))
    return out


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def site_path(rel: str) -> str:
    """Where a file of a content folder lands on the site (the collection's id replaces its folder)."""
    for collection in COLLECTIONS.values():
        if rel.startswith(collection.folder + "/"):
            return collection.id + rel[len(collection.folder) :]
    return rel.removeprefix(EDITORIAL_FOLDER + "/")


def _reserved_editorial(rel: str) -> str | None:
    """Why an editorial file would land on a generated path, or None."""
    path = rel.removeprefix(EDITORIAL_FOLDER + "/")
    first, _, rest = path.partition("/")
    if rest and first in _GENERATED_FOLDERS:
        return f"le dossier « {first}/ » du site est écrit par mesbox"
    if not rest and first.endswith(".md") and first[:-3] in _GENERATED_PAGES:
        return f"la page « /{posixpath.splitext(first)[0]}/ » est écrite par mesbox"
    if path in _GENERATED_FILES or path.startswith(_THEME_FOLDERS):
        return f"« {path} » est écrit par le thème ou par mesbox"
    return None


def _check_links(root: Path, found: ContentFiles) -> None:
    """The content folders themselves and the vocabulary files must not be links either."""
    for rel in (*(c.folder for c in COLLECTIONS.values()), EDITORIAL_FOLDER, "taxonomies", *(t.file for t in TAXONOMIES.values())):
        if os.path.islink(os.path.join(root, rel)):
            _refuse(
                found,
                rel,
                "lien symbolique refusé : remplacez-le par le dossier ou le fichier lui-même "
                "(un lien peut publier un fichier hors du dépôt)",
            )


def content_files(root: Path) -> ContentFiles:
    """Walk the collection folders and `content/`: refuse links, non-`.md` Markdown, other types and reserved paths."""
    found = ContentFiles()
    _check_links(root, found)
    inside = frozenset(c.folder for c in COLLECTIONS.values() if c.folder.startswith(EDITORIAL_FOLDER + "/"))
    folders = [(c.folder, frozenset[str](), True) for c in COLLECTIONS.values()] + [(EDITORIAL_FOLDER, inside, False)]
    for folder, skip, is_collection in folders:
        if os.path.islink(os.path.join(root, folder)) or not os.path.isdir(os.path.join(root, folder)):
            continue
        for item, rel in walk(root, folder, skip):
            _judge(item, rel, is_collection, found)
    found.issues.sort()
    return found


def _judge(item: os.DirEntry[str], rel: str, is_collection: bool, found: ContentFiles) -> None:
    """One file: a Markdown page (judged by the loader), an asset to publish, or an error."""
    if item.is_symlink():
        _refuse(
            found,
            rel,
            "lien symbolique refusé : mettez le fichier lui-même dans le dépôt "
            "(un lien peut publier un fichier hors du dépôt, ou tourner en boucle)",
        )
        return
    if not item.is_file(follow_symlinks=False):
        _refuse(found, rel, "ce n'est pas un fichier ordinaire : retirez-le")
        return
    suffix = _suffix(item.name)
    unsafe = _UNSAFE_NAME.search(rel)
    if unsafe and not (is_collection and item.name.endswith(".md")):  # an entry's name is judged as an id (E106)
        shown = unsafe.group() if unsafe.group().isprintable() else f"U+{ord(unsafe.group()):04X}"
        _refuse(
            found,
            rel,
            f"caractère « {shown} » refusé dans le chemin : il casserait les adresses et les liens du site — "
            "renommez avec des lettres, chiffres, tirets, points et soulignés",
            "E106",
        )
        return
    if not is_collection:
        reserved = _reserved_editorial(rel)
        if reserved:
            _refuse(
                found, rel, f"chemin réservé : {reserved} ; ce fichier le remplacerait ou serait perdu — choisissez un autre nom", "E109"
            )
            return
    if item.name.endswith(".md"):
        return
    if suffix in MARKDOWN_TYPES:
        stem = item.name[: -len(suffix)]
        _refuse(found, rel, f"extension « {item.name[len(stem) :]} » refusée : seule « .md » est lue, renommez le fichier « {stem}.md »")
    elif suffix in ASSET_TYPES or (suffix in SITE_FILE_TYPES and posixpath.dirname(rel) == SITE_FILES_FOLDER):
        found.assets.append(Asset(item.path, rel, site_path(rel)))
    else:
        allowed = ", ".join(sorted(t.lstrip(".") for t in ASSET_TYPES))
        _refuse(
            found,
            rel,
            f"type de fichier « {suffix or item.name} » non publié : seuls les pages .md et les fichiers {allowed} "
            "peuvent être joints (une image SVG se convertit en PNG)",
        )


def links_under(folder: Path | str) -> list[str]:
    """Every symbolic link under `folder` (not followed), relative to it: MkDocs walks its docs folder
    following links, so one of them could publish a file from outside or loop for ever."""
    return [rel.removeprefix("./") for item, rel in walk(folder, ".", dots=True) if item.is_symlink()]


def published_editorial(src_uri: str) -> bool:
    """Whether a file MkDocs found in `content/` (path relative to it) may be published as it is or as a page."""
    rel = f"{EDITORIAL_FOLDER}/{src_uri}"
    if _reserved_editorial(rel) is not None or _UNSAFE_NAME.search(rel):  # a quote would break out of the edit link
        return False
    return (
        src_uri.endswith(".md")
        or _suffix(src_uri) in ASSET_TYPES
        or (_suffix(src_uri) in SITE_FILE_TYPES and posixpath.dirname(rel) == SITE_FILES_FOLDER)
    )


def reserved_id(entry_id: str, collection_id: str) -> bool:
    """An entry id whose page would take the place of a generated page (E109)."""
    return entry_id in RESERVED_IDS["*"] or entry_id in RESERVED_IDS.get(collection_id, frozenset())
