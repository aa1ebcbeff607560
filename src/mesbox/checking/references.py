"""Cross-entry rules, checked once everything is loaded: ids, terms, references, links, grids, numbers."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from functools import partial

from mesbox.contract.ids import did_you_mean
from mesbox.contract.issues import Issue
from mesbox.contract.registry import COLLECTIONS, PLACES, TAXONOMIES, Reference
from mesbox.contract.schemas import ActorTerm, TerritoryTerm
from mesbox.reading.documents import Candidate, TermEntry
from mesbox.reading.loader import Loaded, PageLinks
from mesbox.reading.placeholders import PLACEHOLDER_ID

# Front-matter keys the rules read from entries other than the one they check (a grid's dimensions,
# every numbered entry's number and date), or judge again on every run (`date` and `updated` against the
# day of the check): the check cache keeps only these for an entry it does not re-read.
SHARED_KEYS = tuple(sorted({c.number_field for c in COLLECTIONS.values() if c.number_field} | {"date", "updated", "dimensions"}))


def referenced_ids(entry: Candidate) -> frozenset[str]:
    """Every id `check_entry_references` looks up for this entry (`related`, `[[id]]`, declared fields):
    the check cache re-checks the entry when one of them changes."""
    ids = {*entry.refs("related"), *(link.target for link in entry.links)}
    for reference in entry.collection.references:
        if reference.item_key is None:
            ids.add(entry.ref(reference.field) or "")
            continue
        items = entry.data.value.get(reference.field) if isinstance(entry.data.value, dict) else None
        for item in items if isinstance(items, list) else []:
            ref = item.get(reference.item_key) if isinstance(item, dict) else None
            if isinstance(ref, str):
                ids.add(ref.strip())
    return frozenset(i for i in ids if i)


def unique_entries(loaded: Loaded) -> tuple[dict[str, Candidate], list[Issue]]:
    """Files by id; a second file with the same id is an error (ids are unique across collections)."""
    by_id: dict[str, Candidate] = {}
    issues: list[Issue] = []
    for entry in loaded.candidates:
        first = by_id.get(entry.id)
        if first is not None:
            issues.append(
                Issue(entry.path, 1, 1, "E107", f"identifiant « {entry.id} » déjà pris par {first.path} : renommez l'un des deux fichiers")
            )
            continue
        by_id[entry.id] = entry
    return by_id, issues


def broken_terms(loaded: Loaded) -> dict[str, set[str]]:
    """Ids written in a vocabulary file whose term has errors (E301): an entry naming one is told to
    fix the term, not to add it again."""
    broken: dict[str, set[str]] = {}
    for taxonomy, data in loaded.term_data.items():
        if isinstance(data.value, list):
            written = {item["id"] for item in data.value if isinstance(item, dict) and isinstance(item.get("id"), str)}
            broken[taxonomy] = written - {term.id for term in loaded.terms.get(taxonomy, [])}
    return broken


def check_terms(entry: Candidate, terms: dict[str, dict[str, TermEntry]], broken: dict[str, set[str]] | None = None) -> list[Issue]:
    """Every value of a vocabulary's front-matter key names a term of that vocabulary (E104)."""
    issues: list[Issue] = []
    for taxonomy in TAXONOMIES.values():
        key, known = taxonomy.key, terms.get(taxonomy.id, {})
        for index, ref in enumerate(entry.refs(key)):
            if ref and ref not in known and ref != PLACEHOLDER_ID:  # the placeholder is reported as E101
                line, col = entry.data.where((key, index))
                if broken and ref in broken.get(taxonomy.id, ()):
                    message = f"{taxonomy.unknown} « {ref} » : ce terme de {taxonomy.file} a des erreurs, corrigez-les d'abord"
                    issues.append(Issue(entry.path, line, col, "E104", message))
                    continue
                hint = did_you_mean(ref, known)
                issues.append(Issue(entry.path, line, col, "E104", f"{taxonomy.unknown} « {ref} »{hint or ' : ' + taxonomy.how_to_add}"))
    return issues


def _term_of(ref: str, terms: dict[str, dict[str, TermEntry]]) -> TermEntry | None:
    """The vocabulary term a mistaken `[[id]]` names, if any (themes first)."""
    for taxonomy in TAXONOMIES:
        term = terms.get(taxonomy, {}).get(ref)
        if term is not None:
            return term
    return None


def _page_depth(entry: Candidate | PageLinks) -> int:
    """How many folders deep the page's URL is: `/fiches/<id>/` is 2, `/a-propos/` 1, the home page 0."""
    if isinstance(entry, Candidate):
        return entry.collection.url.count("/") + 1
    inside = entry.path.removeprefix("content/").removesuffix(".md")
    parts = [p for p in inside.split("/") if p]
    if parts and parts[-1] == "index":
        parts.pop()
    return len(parts)


def _term_link_hint(entry: Candidate | PageLinks, term: TermEntry) -> str:
    taxonomy = term.taxonomy
    key = taxonomy.key
    noun = taxonomy.singular.lower()
    link = "../" * _page_depth(entry) + f"{taxonomy.url_segment}/{term.id}/"
    if isinstance(entry, Candidate):
        return (
            f"« {term.id} » est un {noun} (taxonomies/{taxonomy.id}.yml), pas une entrée : ajoutez-le à « {key}: » dans l'en-tête "
            f"(la page affichera le lien vers le {noun}), ou liez sa page par [{term.term.label}]({link})"
        )
    return f"« {term.id} » est un {noun} (taxonomies/{taxonomy.id}.yml), pas une entrée : liez sa page par [{term.term.label}]({link})"


def _reference(
    entry: Candidate | PageLinks,
    ref: str,
    by_id: dict[str, Candidate],
    what: str,
    place: Callable[[], tuple[int, int]],
    collection: str | None = None,
    terms: dict[str, dict[str, TermEntry]] | None = None,
) -> Issue | None:
    """The E105 issue for one reference, or None when it resolves to a publishable entry.

    `place` is called only for an error: positions of valid files are never computed.
    """
    target = by_id.get(ref)
    if (
        ref != entry.id
        and target is not None
        and (collection is None or target.collection.id == collection)
        and not (target.draft and not entry.draft)
    ):
        return None
    line, col = place()
    if ref == entry.id:
        return Issue(entry.path, line, col, "E105", f"{what} « {ref} » renvoie à l'entrée elle-même : retirez-le")
    if target is None or (collection is not None and target.collection.id != collection):
        term = _term_of(ref, terms) if terms and collection is None else None
        if term is not None:
            return Issue(entry.path, line, col, "E105", f"{what} « {ref} » : {_term_link_hint(entry, term)}")
        pool = [i for i, e in by_id.items() if collection is None or e.collection.id == collection]
        hint = did_you_mean(ref, pool)
        kind = COLLECTIONS[collection].singular.split()[0].lower() if collection is not None else "entrée"
        advice = hint or " : vérifiez l'identifiant (le nom du fichier, sans « .md »)"
        return Issue(entry.path, line, col, "E105", f"{what} « {ref} » : {kind} inconnue{advice}")
    return Issue(
        entry.path,
        line,
        col,
        "E105",
        f"{what} « {ref} » vise un brouillon (draft: true) : retirez le lien ou publiez d'abord {target.path}",
    )


def _at(line: int, col: int) -> tuple[int, int]:
    """A place already known (a link's), for `_reference`'s lazy `place`."""
    return line, col


def check_entry_references(
    entry: Candidate, by_id: dict[str, Candidate], terms: dict[str, dict[str, TermEntry]] | None = None
) -> list[Issue]:
    """`related`, `[[id]]` and the fields the registry declares (`grid` and its `dimensions`,
    `adapted_from`, a path's steps…) resolve (E105); `terms` lets a
    reference to a theme or territory say how to link to it instead of "entrée inconnue"."""
    found: list[Issue | None] = []
    for index, ref in enumerate(entry.refs("related")):
        if ref:
            found.append(_reference(entry, ref, by_id, "référence", partial(entry.data.where, ("related", index)), terms=terms))
    for link in entry.links:
        found.append(_reference(entry, link.target, by_id, "lien", partial(_at, link.line, link.col), terms=terms))
    for reference in entry.collection.references:
        found.extend(_declared_references(entry, reference, by_id))
    return [issue for issue in found if issue is not None]


def _declared_references(entry: Candidate, reference: Reference, by_id: dict[str, Candidate]) -> list[Issue | None]:
    """A field the registry declares as naming entries: one id, or a list of mappings each naming one."""
    found: list[Issue | None] = []
    if reference.item_key is None:
        ref = entry.ref(reference.field)
        if ref and ref != PLACEHOLDER_ID:
            found.append(_reference(entry, ref, by_id, reference.what, lambda: entry.data.where((reference.field,)), reference.target))
            if found[-1] is None and reference.keys_field is not None:
                found.extend(_dimension_keys(entry, reference, ref, by_id))
        return found
    items = entry.data.value.get(reference.field) if isinstance(entry.data.value, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        ref = item.get(reference.item_key) if isinstance(item, dict) else None
        if isinstance(ref, str) and ref.strip() and ref.strip() != PLACEHOLDER_ID:  # the placeholder is reported as E101
            place = partial(entry.data.where, (reference.field, index, reference.item_key))
            found.append(_reference(entry, ref.strip(), by_id, reference.what, place, reference.target))
    return found


def _dimension_keys(entry: Candidate, reference: Reference, grid_id: str, by_id: dict[str, Candidate]) -> list[Issue | None]:
    """The keys of `reference.keys_field` (a monograph's `dimensions`) are dimensions of the grid it names."""
    assert reference.keys_field is not None
    dimensions = entry.data.value.get(reference.keys_field)
    if not isinstance(dimensions, dict):
        return []
    dimension_ids = [d.get("id") for d in by_id[grid_id].data.value.get("dimensions") or [] if isinstance(d, dict)]
    found: list[Issue | None] = []
    for key in dimensions:
        if key not in dimension_ids:
            line, col = entry.data.where((reference.keys_field, key), key=True)
            hint = did_you_mean(key, [d for d in dimension_ids if isinstance(d, str)])
            message = f"dimension « {key} » absente de la grille « {grid_id} »{hint or ' : choisissez une dimension de cette grille'}"
            found.append(Issue(entry.path, line, col, "E105", message))
    return found


def check_page_links(page: PageLinks, by_id: dict[str, Candidate], terms: dict[str, dict[str, TermEntry]] | None = None) -> list[Issue]:
    """`[[id]]` links of editorial pages resolve to published entries (E105)."""
    found = [_reference(page, link.target, by_id, "lien", partial(_at, link.line, link.col), terms=terms) for link in page.links]
    return [issue for issue in found if issue is not None]


def _published_on(entry: Candidate) -> datetime.date:
    """The entry's `date`, for ordering claims on a number; an unreadable one counts as the latest."""
    value = entry.data.value.get("date") if isinstance(entry.data.value, dict) else None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else datetime.date.max
    except ValueError:
        return datetime.date.max


def check_numbers(candidates: list[Candidate]) -> list[Issue]:
    """Fiche numbers are unique (E107), reported on the newcomer: the fiche with the earlier `date`
    keeps the number (same date: the first path in alphabetical order), so in a pull request the
    error sits in the file the contributor added, whatever git says about history."""
    issues: list[Issue] = []
    claims: dict[str, list[Candidate]] = {}
    for entry in candidates:
        number_field = entry.collection.number_field
        number = entry.ref(number_field) if number_field else None
        if number:
            claims.setdefault(number, []).append(entry)
    for number, entries in claims.items():
        if len(entries) < 2:
            continue
        holder, *others = sorted(entries, key=lambda e: (_published_on(e), e.path))
        for entry in others:
            line, col = entry.data.where((entry.collection.number_field or "number",))
            since = _published_on(holder)
            dated = f" (datée du {since.isoformat()})" if since != datetime.date.max else ""
            issues.append(
                Issue(
                    entry.path,
                    line,
                    col,
                    "E107",
                    f"numéro « {number} » déjà pris par {holder.path}{dated} : choisissez-en un autre, ou retirez la ligne « number: »",
                )
            )
    return issues


def check_taxonomies(loaded: Loaded) -> list[Issue]:
    """Territory parents exist and form no cycle; an actor's region is a territory of kind `region`, and its
    register numbers belong to it alone (E301)."""
    issues: list[Issue] = []
    territories = {t.id: t for t in loaded.terms.get(PLACES.id, [])}
    for term in territories.values():
        parent = getattr(term.term, "parent", None)
        if parent is None:
            continue
        if parent not in territories:  # a territory that is its own parent is reported as a cycle
            issues.append(_unknown_term(loaded, term, "parent", f"parent « {parent} » inconnu", territories, "un territoire de ce fichier"))
    issues.extend(_cycles(loaded, territories))
    regions = {i for i, t in territories.items() if isinstance(t.term, TerritoryTerm) and t.term.kind == "region"}
    for term in (term for terms in loaded.terms.values() for term in terms):
        region = term.term.region if isinstance(term.term, ActorTerm) else None
        if region is not None and region not in regions:
            issues.append(
                _unknown_term(loaded, term, "region", f"région « {region} » inconnue", regions, "un territoire de type « region »")
            )
    issues.extend(_shared_numbers(loaded))
    return issues


def _shared_numbers(loaded: Loaded) -> list[Issue]:
    """A SIREN or RNA number given to two actors: the later term is the duplicate of the earlier one."""
    issues: list[Issue] = []
    owners: dict[tuple[str, str], str] = {}
    for term in (term for terms in loaded.terms.values() for term in terms):
        if not isinstance(term.term, ActorTerm):
            continue
        for key, name in (("siren", "SIREN"), ("rna", "numéro RNA")):
            number = getattr(term.term, key)
            if number is None:
                continue
            first = owners.setdefault((key, number), term.id)
            if first != term.id:
                line, col = _term_place(loaded, term, key)
                issues.append(
                    Issue(
                        term.taxonomy.file,
                        line,
                        col,
                        "E301",
                        f"{name} « {number} » déjà donné à « {first} » : un acteur n'a qu'un terme — utilisez « {first} » "
                        f"et retirez « {term.id} », ou corrigez le numéro",
                    )
                )
    return issues


def _unknown_term(loaded: Loaded, term: TermEntry, key: str, what: str, known: Iterable[str], instead: str) -> Issue:
    """E301 at a term's `key` naming a term that is not there: the closest id, or what to write instead."""
    line, col = _term_place(loaded, term, key)
    value = getattr(term.term, key)
    hint = did_you_mean(value, known)
    return Issue(term.taxonomy.file, line, col, "E301", f"{what} pour « {term.id} »{hint or f' : indiquez {instead}'}")


def _term_place(loaded: Loaded, term: TermEntry, key: str) -> tuple[int, int]:
    return loaded.term_data[term.taxonomy.id].where((term.index, key))


def _cycles(loaded: Loaded, territories: dict[str, TermEntry]) -> list[Issue]:
    """Follow parent links from each territory; a path that comes back is a cycle, reported once."""
    issues: list[Issue] = []
    done: set[str] = set()
    for start in territories:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current in territories and current not in done:
            if current in on_path:
                cycle = path[path.index(current) :] + [current]
                line, col = _term_place(loaded, territories[current], "parent")
                issues.append(
                    Issue(
                        territories[current].taxonomy.file,
                        line,
                        col,
                        "E301",
                        "boucle de parents : " + " → ".join(cycle) + " — un territoire ne peut pas être son propre ancêtre",
                    )
                )
                break
            path.append(current)
            on_path.add(current)
            current = getattr(territories[current].term, "parent", None)
        done.update(path)
    return issues
