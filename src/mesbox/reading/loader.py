"""Load every content file once: taxonomies first, then the entries of the four collections."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from mesbox.contract.characters import replace_refused
from mesbox.contract.ids import is_valid_id, slugify
from mesbox.contract.issues import Issue
from mesbox.contract.schemas import EntryMeta, PageMeta, Term
from mesbox.reading.bodies import WikiLink, scan_body
from mesbox.reading.bodylinks import FileLink, scan_links
from mesbox.reading.complexity import check_structure
from mesbox.reading.documents import COLLECTIONS, TAXONOMIES, Candidate, Collection, Entry, Taxonomy, TermEntry
from mesbox.reading.files import collection_files, editorial_files
from mesbox.reading.placeholders import find_in_body, find_in_yaml
from mesbox.reading.publication import Asset, content_files, reserved_id
from mesbox.reading.source import SourceError, read_text, split_front_matter
from mesbox.reading.textfields import check_body_text, check_text_fields, may_hold_refused
from mesbox.reading.validation import validate
from mesbox.reading.workers import map_slices
from mesbox.reading.yamldata import YamlData, parse_yaml


@dataclass
class PageLinks:
    """An editorial page of `content/`: not an entry, but its `[[id]]` links must resolve too."""

    path: str
    links: list[WikiLink]
    id: str = ""
    draft: bool = False
    files: list[FileLink] = field(default_factory=list)


@dataclass
class Loaded:
    """Everything read from disk, before references are resolved."""

    entries: list[Entry] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    terms: dict[str, list[TermEntry]] = field(default_factory=dict)
    term_data: dict[str, YamlData] = field(default_factory=dict)
    pages: list[PageLinks] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    # Entries whose cross-file rules are known to find nothing (see `checkcache`): not checked again.
    settled: set[str] = field(default_factory=set)
    assets: list[Asset] = field(default_factory=list)

    @property
    def files(self) -> int:
        """How many files were checked (a missing vocabulary file counts: it is reported)."""
        return len(self.paths)

    def extend(self, other: Loaded) -> None:
        """Add what another pass over later files found (entries keep file order)."""
        self.entries.extend(other.entries)
        self.candidates.extend(other.candidates)
        self.pages.extend(other.pages)
        self.issues.extend(other.issues)
        self.paths.extend(other.paths)


def load_taxonomy(root: Path, taxonomy: Taxonomy, loaded: Loaded) -> None:
    """Read one vocabulary file; every problem is reported as E301 except bad or duplicate ids."""
    rel = taxonomy.file
    model = taxonomy.model
    terms: list[TermEntry] = []
    loaded.terms[taxonomy.id] = terms
    file = root / rel
    if file.is_symlink():
        return  # never read: it may point outside the repository (reported by `publication`)
    if not file.is_file():
        loaded.issues.append(
            Issue(rel, 1, 1, "E301", f"fichier de vocabulaire manquant : créez {rel} (une liste de termes « - id: …, label: … »)")
        )
        return
    try:
        text = read_text(file, rel)
    except SourceError as error:
        loaded.issues.append(error.issue)
        return
    data, issues = parse_yaml(text, rel, 1, code="E301")
    loaded.issues.extend(Issue(i.path, i.line, i.col, "E301", i.message) for i in issues)
    loaded.issues.extend(find_in_yaml(text, 1, rel))
    loaded.term_data[taxonomy.id] = data
    if issues:
        return
    refused = may_hold_refused(text)
    if refused:
        loaded.issues.extend(check_text_fields(data, rel, code="E301"))
    if data.value is None:
        return
    if not isinstance(data.value, list):
        loaded.issues.append(Issue(rel, 1, 1, "E301", "le fichier doit être une liste de termes, chacun commençant par « - id: »"))
        return
    seen: dict[str, int] = {}
    for index, item in enumerate(data.value):
        line, col = data.where((index,))
        if not isinstance(item, dict):
            loaded.issues.append(Issue(rel, line, col, "E301", "chaque terme doit être un ensemble de champs « id: », « label: »…"))
            continue
        term, term_issues = validate(model, data, item, rel, prefix=(index,), code="E301", text=text)
        loaded.issues.extend(term_issues)
        if not isinstance(term, Term):
            continue
        if term.id in seen:
            id_line, id_col = data.where((index, "id"))
            loaded.issues.append(
                Issue(
                    rel,
                    id_line,
                    id_col,
                    "E107",
                    f"terme « {term.id} » en double (déjà défini ligne {seen[term.id]}) : gardez-en un seul ou changez l'identifiant",
                )
            )
            continue
        seen[term.id] = line
        if reserved_id(term.id, ""):
            id_line, id_col = data.where((index, "id"))
            loaded.issues.append(
                Issue(
                    rel,
                    id_line,
                    id_col,
                    "E109",
                    f"identifiant « {term.id} » réservé : la page /{taxonomy.url}{term.id}/ "
                    f"prendrait la place de la liste des {taxonomy.plural.lower()} — choisissez-en un autre",
                )
            )
            continue
        if refused:  # reported above (E301); what reaches the pages holds U+FFFD in their place
            term = term.model_copy(
                update={"label": replace_refused(term.label), "description": term.description and replace_refused(term.description)}
            )
        terms.append(TermEntry(taxonomy, term, line, index))


def load_entry(path: str, rel: str, collection: Collection, loaded: Loaded, keep_entries: bool = True) -> None:
    """Read, split, parse and validate one entry file; a valid one becomes an entry (unless only
    the issues are wanted), any mapping a candidate."""
    issues = loaded.issues
    try:
        source = split_front_matter(read_text(path, rel), rel)
    except SourceError as error:
        issues.append(error.issue)
        return
    issues.extend(find_in_yaml(source.front_matter, 2, rel))
    issues.extend(find_in_body(source.body, source.body_line, rel))
    data, yaml_issues = parse_yaml(source.front_matter, rel, 2)
    links, body_issues = scan_body(source.body, rel, source.body_line)
    body_issues.extend(check_body_text(source.body, rel, source.body_line))
    structure_issues = check_structure(source.body, rel, source.body_line)
    body_issues.extend(structure_issues)
    file_links, link_issues = scan_links(source.body, rel, source.body_line) if not structure_issues else ([], [])
    body_issues.extend(link_issues)
    issues.extend(yaml_issues)
    issues.extend(body_issues)
    text_issues = check_text_fields(data, rel) if not yaml_issues and may_hold_refused(source.front_matter) else []
    issues.extend(text_issues)
    name = os.path.basename(path)
    entry_id = name[:-3]
    id_ok = is_valid_id(entry_id)
    if not id_ok:
        issues.append(
            Issue(
                rel,
                1,
                1,
                "E106",
                f"nom de fichier « {name} » invalide : renommez-le « {slugify(entry_id) or 'mon-entree'}.md » "
                "(minuscules sans accents, chiffres, tirets)",
            )
        )
    elif reserved_id(entry_id, collection.id):
        id_ok = False
        issues.append(
            Issue(
                rel,
                1,
                1,
                "E109",
                f"identifiant « {entry_id} » réservé : "
                "sa page prendrait la place d'une page écrite par mesbox (liste ou analyse croisée) — renommez le fichier",
            )
        )
    if data.value is None and not yaml_issues:
        data.value = {}
    if not yaml_issues and not isinstance(data.value, dict):
        issues.append(Issue(rel, 2, 1, "E002", "l'en-tête doit être un ensemble de champs « clé: valeur », un par ligne"))
    if yaml_issues or not isinstance(data.value, dict):
        # Unreadable front-matter: the file still claims its id, so duplicates and links to it are judged.
        if id_ok:
            loaded.candidates.append(Candidate(entry_id, collection, rel, YamlData(value={}), links, False, file_links))
        return
    meta, meta_issues = validate(collection.model, data, data.value, rel, text=source.front_matter, first_line=2)
    issues.extend(meta_issues)
    if not id_ok:
        return
    draft = meta.draft if isinstance(meta, EntryMeta) else data.value.get("draft") is True
    loaded.candidates.append(Candidate(entry_id, collection, rel, data, links, draft, file_links))
    # A body the engine would recurse on or take super-linear time to convert never becomes a page, nor
    # front-matter holding a control, bidi or non-character (it would reach <title>, JSON-LD and the exports).
    if keep_entries and isinstance(meta, EntryMeta) and not structure_issues and not text_issues:
        loaded.entries.append(Entry(entry_id, collection, rel, meta, source.body, source.body_line, links, data))


def load_page(path: Path, rel: str, loaded: Loaded) -> None:
    """An editorial page: its body is scanned like an entry's (links, unsafe HTML), and its
    front-matter, optional, holds only the keys the theme needs, checked like an entry's."""
    try:
        text = read_text(path, rel)
    except SourceError as error:
        loaded.issues.append(error.issue)
        return
    body, first_line = text, 1
    if text.startswith("---\n") or text.rstrip() == "---":
        try:
            source = split_front_matter(text, rel)
        except SourceError as error:
            loaded.issues.append(error.issue)
            return
        body, first_line = source.body, source.body_line
        loaded.issues.extend(_page_front_matter(source.front_matter, rel))
    links, issues = scan_body(body, rel, first_line)
    loaded.issues.extend(issues)
    loaded.issues.extend(check_body_text(body, rel, first_line))
    structure_issues = check_structure(body, rel, first_line)
    loaded.issues.extend(structure_issues)
    file_links, link_issues = scan_links(body, rel, first_line) if not structure_issues else ([], [])
    loaded.issues.extend(link_issues)
    loaded.pages.append(PageLinks(rel, links, files=file_links))


def _page_front_matter(text: str, rel: str) -> list[Issue]:
    """Plain YAML, allowlisted keys, no refused character: the engine puts these values in `<title>` and meta tags."""
    data, issues = parse_yaml(text, rel, 2)
    if issues:
        return issues
    if data.value is None:
        return []
    if not isinstance(data.value, dict):
        return [Issue(rel, 2, 1, "E002", "l'en-tête doit être un ensemble de champs « clé: valeur », un par ligne")]
    found = check_text_fields(data, rel) if may_hold_refused(text) else []
    found.extend(validate(PageMeta, data, data.value, rel)[1])
    return found


class EntryMemo:
    """What each entry file gave when last loaded, by its bytes. An entry file needs nothing but
    itself, so a process that loads the same repository again (a preview, on every save) reads
    every file but parses and validates only those whose bytes changed."""

    def __init__(self) -> None:
        self.store: dict[tuple[str, str, bool], tuple[bytes, Loaded]] = {}

    def load(self, files: Sequence[tuple[str, str, Collection]], keep_entries: bool) -> Loaded:
        """As `load_entries`; only the files of this pass are remembered."""
        loaded, store = Loaded(), {}
        for path, rel, collection in files:
            loaded.paths.append(rel)
            try:
                with open(path, "rb") as handle:
                    digest = hashlib.blake2b(handle.read(), digest_size=16).digest()
            except OSError:
                load_entry(path, rel, collection, loaded, keep_entries)  # reported there, as any unreadable file
                continue
            key = (rel, collection.id, keep_entries)
            known = self.store.get(key)
            if known is None or known[0] != digest:
                known = (digest, Loaded())
                load_entry(path, rel, collection, known[1], keep_entries)
            store[key] = known
            loaded.issues.extend(known[1].issues)
            loaded.candidates.extend(known[1].candidates)
            loaded.entries.extend(known[1].entries)
        self.store = store
        return loaded


def load_entries(files: Sequence[tuple[str, str, Collection]], keep_entries: bool = True) -> Loaded:
    """Entry files need nothing but themselves: any slice of them can be loaded by another process."""
    loaded = Loaded()
    for path, rel, collection in files:
        loaded.paths.append(rel)
        load_entry(path, rel, collection, loaded, keep_entries)
    return loaded


def load_taxonomies(root: Path, loaded: Loaded) -> None:
    """The four vocabularies, read before any entry (their terms judge the entries' values)."""
    for taxonomy in TAXONOMIES.values():
        load_taxonomy(root, taxonomy, loaded)
        loaded.paths.append(taxonomy.file)


def entry_files(root: Path) -> list[tuple[str, str, Collection]]:
    """Every entry file, as (path on disk, repository-relative path, collection), in checking order."""
    return [(path, rel, collection) for collection in COLLECTIONS.values() for path, rel in collection_files(root, collection)]


def load(root: Path, jobs: int = 1, keep_entries: bool = True, memo: EntryMemo | None = None) -> Loaded:
    """One pass over the repository's taxonomies and collections.

    `jobs` processes share the entry files (0: one per core). Without `keep_entries`, only what
    the rules need comes back (candidates and issues, no bodies): a quarter of the bytes to
    send between processes. With a `memo`, unchanged entry files are taken from it, in this process."""
    loaded = Loaded()
    published = content_files(root)
    loaded.issues.extend(published.issues)
    loaded.assets = published.assets
    load_taxonomies(root, loaded)
    if memo is not None:
        loaded.extend(memo.load(entry_files(root), keep_entries))
    else:
        for part in map_slices(partial(load_entries, keep_entries=keep_entries), entry_files(root), jobs):
            loaded.extend(part)
    for path, rel in editorial_files(root):
        loaded.paths.append(rel)
        load_page(path, rel, loaded)
    return loaded
