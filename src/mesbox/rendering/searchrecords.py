"""What the readers' search indexes, built from the catalogue rather than scraped from pages.

One record per published entry (its text, what it is, and its facets: type, theme, territory with
every territory that contains it, method, actor, audience, year) and one per hub page (a term, an
audience, a collection), whose short text makes it rank first for its own name. Contributor pages
are never records. The plugin's index program (`publishing.searchindex`) turns the records into an index.
"""

from __future__ import annotations

from collections.abc import Mapping

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.period import parse_period
from mesbox.contract.registry import AUDIENCE_KEY
from mesbox.reading.documents import COLLECTIONS, TAXONOMIES, Entry, TermEntry
from mesbox.reading.documents.collections import AUDIENCES
from mesbox.rendering.pages import audience_url, type_label
from mesbox.rendering.searchtext import SearchRecord, with_text

# Facet names as readers see them, in the order the Explorer shows them: a vocabulary's facet is its singular name.
FACETS = ("Type", *(t.singular for t in TAXONOMIES.values()), "Public", "Année")


def _with_ancestors(terms: dict[str, TermEntry], ids: list[str]) -> list[str]:
    """Labels of the entry's terms in a hierarchical vocabulary (territories) and of every term that
    contains them, once each."""
    labels: dict[str, str] = {}
    for start in ids:
        current, seen = terms.get(start), set()
        while current is not None and current.id not in seen:
            seen.add(current.id)
            labels.setdefault(current.id, current.label)
            parent = getattr(current.term, "parent", None)
            current = terms.get(parent) if parent else None
    return list(labels.values())


def _years(entry: Entry) -> list[str]:
    """The years the entry reports (its period), else the year it was published."""
    period = getattr(entry.meta, "period", None)
    if period:
        start, end = parse_period(period)
        last = end.year if end else start.year
        return [str(year) for year in range(start.year, last + 1)]
    return [str(entry.meta.date.year)]


def entry_record(entry: Entry, catalogue: Catalogue, body: str = "") -> SearchRecord:
    meta = entry.meta
    filters: dict[str, list[str]] = {"Type": [type_label(entry)]}
    for taxonomy_id, taxonomy in TAXONOMIES.items():
        ids = [ref for ref in getattr(meta, taxonomy.key, []) if ref in catalogue.terms[taxonomy_id]]
        values = (
            _with_ancestors(catalogue.terms[taxonomy_id], ids)
            if taxonomy.hierarchical
            else [catalogue.terms[taxonomy_id][ref].label for ref in ids]
        )
        if values:
            filters[taxonomy.singular] = values
    audiences = [AUDIENCES[a] for a in getattr(meta, AUDIENCE_KEY, []) if a in AUDIENCES]
    if audiences:
        filters["Public"] = audiences
    filters["Année"] = _years(entry)
    return with_text(SearchRecord(entry.url, meta.title, type_label(entry), meta.description, filters), body)


def _hub(url: str, title: str, label: str, description: str) -> SearchRecord:
    # Short on purpose: the name is most of the text, so the hub ranks first for its name.
    return SearchRecord(url, title, label, description, {"Type": [label]}, hub=True)


def hub_records(catalogue: Catalogue) -> list[SearchRecord]:
    """Term pages with at least one entry, audiences with entries, and the collection listings."""
    records: list[SearchRecord] = []
    for taxonomy_id in TAXONOMIES:
        for term in catalogue.terms[taxonomy_id].values():
            if catalogue.entries_for_term(taxonomy_id, term.id):
                records.append(_hub(term.url, term.label, TAXONOMIES[taxonomy_id].singular, _term_description(term)))
    for audience, label in AUDIENCES.items():
        if catalogue.by_audience.get(audience):
            records.append(_hub(audience_url(audience), label, "Public", "Les entrées écrites pour ce public."))
    for collection in COLLECTIONS.values():
        if catalogue.by_collection.get(collection.id):
            records.append(_hub(collection.url, collection.plural, "Rubrique", f"Toutes les entrées de la rubrique {collection.plural}."))
    return records


def _term_description(term: TermEntry) -> str:
    return term.term.description or ""


def search_records(catalogue: Catalogue, bodies: Mapping[str, str] | None = None) -> list[SearchRecord]:
    """Every record, hubs first, then the entries in listing order; `bodies` gives an entry page's rendered
    text by URL when an engine has it."""
    texts = bodies or {}
    return [*hub_records(catalogue), *(entry_record(e, catalogue, texts.get(e.url, "")) for e in catalogue.listed)]
