"""Which generated pages an edit touches, for a preview that rebuilds only those.

Each generated page gets a fingerprint of everything it shows: the entries it lists or links to
(in the order it shows them, each by a digest of its file's values) and, for entry pages, the
check's messages about that file. A page whose fingerprint did not change since the last build
renders to the same bytes, as long as what every page shares (vocabularies, settings, theme,
editorial pages) did not change either: `shared_fingerprint` covers the vocabularies, the engine
adapter adds the rest. Listings in the site's menu and the preview's own pages have no
fingerprint: they are rebuilt every time (a handful of pages).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.issues import Issue
from mesbox.contract.registry import ANALYSED, reference_ids
from mesbox.reading.documents import TAXONOMIES, Entry
from mesbox.reading.documents.collections import AUDIENCES
from mesbox.rendering.pages import audience_url, entry_src_uri


def _digest(parts: Iterable[str]) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


def entry_digest(entry: Entry) -> str:
    """What an entry's file says (values and text), where it sits; the same file gives the same digest."""
    return _digest((entry.id, entry.path, repr(entry.meta), entry.body))


def shared_fingerprint(catalogue: Catalogue) -> str:
    """The vocabularies: their labels and places appear on every page that names a term."""
    return _digest(f"{taxonomy}/{term.id}={term.term!r}" for taxonomy, terms in catalogue.terms.items() for term in terms.values())


def _entry_mentions(entry: Entry, catalogue: Catalogue) -> list[str]:
    """The ids an entry page shows besides its own: what it links to (found or not), "Voir aussi",
    "Cité par" and the entries naming it in a declared field."""
    meta = entry.meta
    named = [*meta.related, *(link.target for link in entry.links)]
    for reference in entry.collection.references:
        named += reference_ids(meta, reference)
    shown = [e.id for e in catalogue.see_also(entry)]
    shown += ["cited:"] + [e.id for e in catalogue.in_order(catalogue.cited_by.get(entry.id, []))]
    for heading, holders in catalogue.backlinks(entry):
        shown += [f"held:{heading}"] + [e.id for e in catalogue.in_order(holders)]
    return [*named, "shown:", *shown]


def page_fingerprints(catalogue: Catalogue, issues: Mapping[str, list[Issue]]) -> dict[str, str]:
    """Per generated page (by source path) that may be skipped, the fingerprint of what it shows;
    `issues` are the check's messages by file, shown on the page of that file while previewing."""
    versions = {entry.id: entry_digest(entry) for entry in catalogue.entries.values()}

    def fingerprint(own: str, ids: Iterable[str]) -> str:
        return _digest([own, *(f"{i}:{versions.get(i, '')}" for i in ids)])

    found: dict[str, str] = {}
    for entry in catalogue.entries.values():
        messages = [str(issue) for issue in issues.get(entry.path, [])]
        found[entry_src_uri(entry)] = fingerprint(_digest([versions[entry.id], *messages]), _entry_mentions(entry, catalogue))
    for grid in (entry for analysed in ANALYSED for entry in catalogue.by_collection[analysed]):
        found[f"{grid.collection.id}/{grid.id}/analyse.md"] = fingerprint(
            "analyse", [grid.id, *(e.id for e in catalogue.monographs_by_grid.get(grid.id, []))]
        )
    for taxonomy_id, taxonomy in TAXONOMIES.items():
        for term in catalogue.terms[taxonomy_id].values():
            children = sorted(c.id for c in term.children if catalogue.entries_for_term(taxonomy_id, c.id))
            listed = [e.id for e in catalogue.entries_for_term(taxonomy_id, term.id)]
            found[f"{taxonomy.url_segment}/{term.id}.md"] = fingerprint(f"{taxonomy_id}/{term.id}", [*children, "listed:", *listed])
    for audience in AUDIENCES:
        found[f"{audience_url(audience).rstrip('/')}.md"] = fingerprint(audience, [e.id for e in catalogue.by_audience[audience]])
    return found
