"""The checked catalogue: published entries, terms and every index the site and the exports need.

Built once per run with dictionaries; nothing here scans all entries inside a loop over entries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from mesbox.catalogue.frenchsort import sort_key
from mesbox.contract.registry import AUDIENCE_KEY, SEE_ALSO_TAXONOMIES, Reference, reference_ids
from mesbox.contract.schemas import MonographMeta
from mesbox.reading.documents import COLLECTIONS, TAXONOMIES, Entry, TermEntry
from mesbox.reading.documents.collections import AUDIENCES

SEE_ALSO_LIMIT = 6
# Per shared term, how many co-tagged entries "Voir aussi" considers: keeps the
# cost linear in the number of entries when a few terms are very common.
SEE_ALSO_POOL = 60


def entry_order(entry: Entry) -> tuple[object, ...]:
    """A numbered collection's entries (fiches) in number order then title; everything else by
    title, French order."""
    number_field = entry.collection.number_field
    number = getattr(entry.meta, number_field, None) if number_field else None
    if number is not None:
        return (0, tuple(int(p) for p in number.split(".")), sort_key(entry.title))
    return (1, (), sort_key(entry.title))


def term_order(term: TermEntry) -> tuple[str, str, str]:
    return sort_key(term.label)


@dataclass
class Indexes:
    """The catalogue's lookup tables, all built in one pass over the published entries."""

    rank: dict[str, int]
    by_collection: dict[str, list[Entry]]
    by_term: dict[str, dict[str, list[Entry]]]
    cited_by: dict[str, list[Entry]] = field(default_factory=dict)
    monographs_by_grid: dict[str, list[Entry]] = field(default_factory=dict)
    # Per audience id (fiches' `audiences`), the entries written for it.
    by_audience: dict[str, list[Entry]] = field(default_factory=dict)
    # Per entry, the published entries naming it in a field the registry declares with a
    # back-link heading (a path's steps), by that reference.
    held_by: dict[str, dict[Reference, list[Entry]]] = field(default_factory=dict)
    # Per taxonomy and term, the listing positions (`rank`) of its first SEE_ALSO_POOL entries: "Voir aussi"
    # candidates, counted and sorted as plain integers.
    see_also_pool: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # Published entries in listing order: the entry at each position.
    listed: list[Entry] = field(default_factory=list)
    # Per (hierarchical taxonomy, term), its entries and its descendants', filled as pages ask
    # (a territory's page, its parent's list of children, the overview and the search records).
    with_descendants: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)


@dataclass
class Catalogue:
    """What the site publishes: drafts are kept apart and appear in no index."""

    entries: dict[str, Entry] = field(default_factory=dict)
    drafts: dict[str, Entry] = field(default_factory=dict)
    terms: dict[str, dict[str, TermEntry]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: list[Entry], terms: dict[str, list[TermEntry]]) -> Catalogue:
        """Index valid entries (first of each id wins) and terms; unresolved references are ignored here."""
        catalogue = cls()
        catalogue.terms = {t: {term.id: term for term in sorted(terms.get(t, []), key=term_order)} for t in TAXONOMIES}
        for entry in entries:
            if entry.id in catalogue.entries or entry.id in catalogue.drafts:
                continue
            (catalogue.drafts if entry.draft else catalogue.entries)[entry.id] = entry
        catalogue._link_children()
        return catalogue

    def _link_children(self) -> None:
        """In a hierarchical vocabulary, each term knows the terms whose `parent` it is."""
        for taxonomy in TAXONOMIES.values():
            if not taxonomy.hierarchical:
                continue
            terms = self.terms[taxonomy.id]
            for term in terms.values():
                term.children.clear()
            for term in terms.values():
                parent = getattr(term.term, "parent", None)
                if parent in terms and parent != term.id:
                    terms[parent].children.append(term)

    @cached_property
    def _indexes(self) -> Indexes:
        """Built on first use: `mesbox check` never needs them, the site and the exports do."""
        published = sorted(self.entries.values(), key=entry_order)
        indexes = Indexes(
            rank={entry.id: position for position, entry in enumerate(published)},
            by_collection={c: [] for c in COLLECTIONS},
            by_term={t: {term_id: [] for term_id in self.terms[t]} for t in TAXONOMIES},
            by_audience={a: [] for a in AUDIENCES},
            listed=published,
        )
        cited: dict[str, dict[str, Entry]] = {}
        for entry in published:
            indexes.by_collection[entry.collection.id].append(entry)
            for taxonomy in TAXONOMIES.values():
                index = indexes.by_term[taxonomy.id]
                for ref in getattr(entry.meta, taxonomy.key):
                    if ref in index:
                        index[ref].append(entry)
            for target in self.references(entry):
                cited.setdefault(target.id, {})[entry.id] = entry
            meta = entry.meta
            for audience in getattr(meta, AUDIENCE_KEY, ()):
                indexes.by_audience[audience].append(entry)
            for reference in entry.collection.references:
                if reference.backlinks:
                    for target_id in dict.fromkeys(reference_ids(meta, reference)):
                        if target_id in self.entries and target_id != entry.id:
                            indexes.held_by.setdefault(target_id, {}).setdefault(reference, []).append(entry)
            if isinstance(meta, MonographMeta) and meta.grid in self.entries:
                indexes.monographs_by_grid.setdefault(meta.grid, []).append(entry)
        indexes.cited_by = {target: list(sources.values()) for target, sources in cited.items()}
        indexes.see_also_pool = {
            taxonomy: {term_id: [indexes.rank[e.id] for e in found[:SEE_ALSO_POOL]] for term_id, found in index.items()}
            for taxonomy, index in indexes.by_term.items()
        }
        return indexes

    @property
    def listed(self) -> list[Entry]:
        """Published entries in listing order (fiches by number, then French title order)."""
        return self._indexes.listed

    @property
    def rank(self) -> dict[str, int]:
        """Position of each published entry in listing order."""
        return self._indexes.rank

    @property
    def by_collection(self) -> dict[str, list[Entry]]:
        return self._indexes.by_collection

    @property
    def by_term(self) -> dict[str, dict[str, list[Entry]]]:
        """Published entries carrying each term (the term itself only; see `entries_for_term`)."""
        return self._indexes.by_term

    @property
    def cited_by(self) -> dict[str, list[Entry]]:
        """Published entries that point to each entry through `related` or `[[id]]`."""
        return self._indexes.cited_by

    @property
    def by_audience(self) -> dict[str, list[Entry]]:
        """Published entries written for each audience, every audience listed (empty or not)."""
        return self._indexes.by_audience

    def backlinks(self, entry: Entry) -> list[tuple[str, list[Entry]]]:
        """The entries naming this one in a declared field, under that field's back-link heading
        (« Parcours qui passent par cette entrée »), in listing order."""
        held = self._indexes.held_by.get(entry.id, {})
        return [(reference.backlinks, holders) for reference, holders in held.items()]

    @property
    def monographs_by_grid(self) -> dict[str, list[Entry]]:
        return self._indexes.monographs_by_grid

    def references(self, entry: Entry) -> list[Entry]:
        """Published entries this one points to through `related` and `[[id]]`, in order, once each."""
        seen: dict[str, Entry] = {}
        for ref in [*entry.meta.related, *(link.target for link in entry.links)]:
            target = self.entries.get(ref)
            if target is not None and target.id != entry.id:
                seen.setdefault(ref, target)
        return list(seen.values())

    def resolve(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def see_also(self, entry: Entry) -> list[Entry]:
        """`related` first, then the entries sharing the most themes, methods and territories (at most 6);
        never one that "Cité par" or a back-link section (a path's steps) already lists on the same page."""
        citing = {source.id for source in self.cited_by.get(entry.id, ())}
        citing.update(holder.id for holders in self._indexes.held_by.get(entry.id, {}).values() for holder in holders)
        chosen: dict[str, Entry] = {}
        for ref in entry.meta.related:
            target = self.entries.get(ref)
            if target is not None and target.id != entry.id and ref not in citing:
                chosen.setdefault(ref, target)
        scores: Counter[int] = Counter()  # by listing position
        indexes = self._indexes
        for taxonomy in SEE_ALSO_TAXONOMIES:
            pool = indexes.see_also_pool[taxonomy.id]
            for ref in getattr(entry.meta, taxonomy.key):
                scores.update(pool.get(ref, ()))  # counted in C: this runs for every entry page
        for excluded in (entry.id, *chosen, *citing):
            scores.pop(indexes.rank.get(excluded, -1), None)  # a draft (preview) has no position
        wanted = SEE_ALSO_LIMIT - len(chosen)
        if wanted > 0:
            # Most shared terms first, ties in listing order: two stable sorts in C, the first one of plain
            # integers (a Python key over the two hundred candidates of every entry page cost more than the counting).
            candidates = sorted(scores)
            candidates.sort(key=scores.__getitem__, reverse=True)
            for position in candidates[:wanted]:
                other = indexes.listed[position]
                chosen[other.id] = other
        return list(chosen.values())[:SEE_ALSO_LIMIT]

    def in_order(self, entries: list[Entry]) -> list[Entry]:
        """Published entries in listing order (fiches by number, then French title order)."""
        return sorted(entries, key=lambda entry: self.rank[entry.id])

    def entries_for_term(self, taxonomy: str, term_id: str) -> list[Entry]:
        """Entries carrying the term; in a hierarchical vocabulary (territories), also those of its
        descendants, once each."""
        if not TAXONOMIES[taxonomy].hierarchical:
            return self.by_term[taxonomy].get(term_id, [])
        known = self._indexes.with_descendants
        if (taxonomy, term_id) not in known:
            known[taxonomy, term_id] = self._with_descendants(taxonomy, term_id)
        return known[taxonomy, term_id]

    def _with_descendants(self, taxonomy: str, term_id: str) -> list[Entry]:
        if term_id not in self.terms[taxonomy]:
            return []
        found: dict[str, Entry] = {}
        stack = [self.terms[taxonomy][term_id]]
        visited: set[str] = set()
        while stack:
            term = stack.pop()
            if term.id in visited:
                continue
            visited.add(term.id)
            for entry in self.by_term[taxonomy].get(term.id, []):
                found.setdefault(entry.id, entry)
            stack.extend(term.children)
        return self.in_order(list(found.values()))

    def grouped(self, collection_id: str) -> list[tuple[str, list[Entry]]]:
        """A grouped collection's entries under each heading its grouping declares, in that order
        (headings without entries left out); a collection without grouping has no groups."""
        grouping = COLLECTIONS[collection_id].grouping
        if grouping is None:
            return []
        found: dict[object, list[Entry]] = {}
        for entry in self.by_collection.get(collection_id, []):
            found.setdefault(getattr(entry.meta, grouping.field, None), []).append(entry)
        return [(heading, found[value]) for value, heading in grouping.headings.items() if found.get(value)]
