"""Cross-entry rules, checked once everything is loaded: ids, terms, references, links, grids, numbers."""

from __future__ import annotations

from collections.abc import Callable

from .ids import did_you_mean
from .issues import Issue
from .loader import Loaded, PageLinks
from .models import ActorTerm, TerritoryTerm
from .structure import Candidate, TermEntry

TERM_KEYS: dict[str, tuple[str, str]] = {
    "themes": ("themes", "thème inconnu"),
    "methods": ("methods", "méthode inconnue"),
    "territories": ("territories", "territoire inconnu"),
    "actors": ("actors", "acteur inconnu"),
}


def unique_entries(loaded: Loaded) -> tuple[dict[str, Candidate], list[Issue]]:
    """Files by id; a second file with the same id is an error (ids are unique across collections)."""
    by_id: dict[str, Candidate] = {}
    issues: list[Issue] = []
    for entry in loaded.candidates:
        first = by_id.get(entry.id)
        if first is not None:
            issues.append(Issue(entry.path, 1, 1, "E107", f"identifiant « {entry.id} » déjà pris par {first.path} : renommez l'un des deux fichiers"))
            continue
        by_id[entry.id] = entry
    return by_id, issues


def check_terms(entry: Candidate, terms: dict[str, dict[str, TermEntry]]) -> list[Issue]:
    """Every themes/methods/territories/actors value names a term of its vocabulary (E104)."""
    issues: list[Issue] = []
    for taxonomy, (key, noun) in TERM_KEYS.items():
        known = terms.get(taxonomy, {})
        for index, ref in enumerate(entry.refs(key)):
            if ref and ref not in known:
                line, col = entry.data.where((key, index))
                hint = did_you_mean(ref, known)
                issues.append(Issue(entry.path, line, col, "E104", f"{noun} « {ref} »{hint or f' : choisissez un terme de taxonomies/{taxonomy}.yml ou ajoutez-le'}"))
    return issues


def _reference(
    entry: Candidate | PageLinks, ref: str, by_id: dict[str, Candidate], what: str, place: Callable[[], tuple[int, int]], collection: str | None = None
) -> Issue | None:
    """The E105 issue for one reference, or None when it resolves to a publishable entry.

    `place` is called only for an error: positions of valid files are never computed.
    """
    target = by_id.get(ref)
    if ref != entry.id and target is not None and (collection is None or target.collection.id == collection) and not (target.draft and not entry.draft):
        return None
    line, col = place()
    if ref == entry.id:
        return Issue(entry.path, line, col, "E105", f"{what} « {ref} » renvoie à l'entrée elle-même : retirez-le")
    if target is None or (collection is not None and target.collection.id != collection):
        pool = [i for i, e in by_id.items() if collection is None or e.collection.id == collection]
        hint = did_you_mean(ref, pool)
        kind = "grille" if collection == "grilles" else "entrée"
        return Issue(entry.path, line, col, "E105", f"{what} « {ref} » : {kind} inconnue{hint or ' — vérifiez l’identifiant (le nom du fichier sans .md)'}")
    return Issue(entry.path, line, col, "E105", f"{what} « {ref} » vise un brouillon (draft: true) : retirez le lien ou publiez d'abord {target.path}")


def check_entry_references(entry: Candidate, by_id: dict[str, Candidate]) -> list[Issue]:
    """`related`, `[[id]]`, `grid`, `dimensions` and `adapted_from` resolve (E105)."""
    found: list[Issue | None] = []
    for index, ref in enumerate(entry.refs("related")):
        if ref:
            found.append(_reference(entry, ref, by_id, "référence", lambda index=index: entry.data.where(("related", index))))
    for link in entry.links:
        found.append(_reference(entry, link.target, by_id, "lien", lambda link=link: (link.line, link.col)))
    grid_id = entry.ref("grid") if entry.collection.id == "monographies" else None
    if grid_id:
        problem = _reference(entry, grid_id, by_id, "grille", lambda: entry.data.where(("grid",)), "grilles")
        found.append(problem)
        dimensions = entry.data.value.get("dimensions")
        if problem is None and isinstance(dimensions, dict):
            dimension_ids = [d.get("id") for d in by_id[grid_id].data.value.get("dimensions") or [] if isinstance(d, dict)]
            for key in dimensions:
                if key not in dimension_ids:
                    line, col = entry.data.where(("dimensions", key), key=True)
                    hint = did_you_mean(key, [d for d in dimension_ids if isinstance(d, str)])
                    found.append(Issue(entry.path, line, col, "E105", f"dimension « {key} » absente de la grille « {grid_id} »{hint or ' : choisissez une dimension de cette grille'}"))
    origin = entry.ref("adapted_from") if entry.collection.id == "grilles" else None
    if origin:
        found.append(_reference(entry, origin, by_id, "grille d'origine", lambda: entry.data.where(("adapted_from",)), "grilles"))
    return [issue for issue in found if issue is not None]


def check_page_links(page: PageLinks, by_id: dict[str, Candidate]) -> list[Issue]:
    """`[[id]]` links of editorial pages resolve to published entries (E105)."""
    found = [_reference(page, link.target, by_id, "lien", lambda link=link: (link.line, link.col)) for link in page.links]
    return [issue for issue in found if issue is not None]


def check_numbers(candidates: list[Candidate]) -> list[Issue]:
    """Fiche numbers are unique (E107)."""
    issues: list[Issue] = []
    seen: dict[str, Candidate] = {}
    for entry in candidates:
        number = entry.ref("number") if entry.collection.id == "fiches" else None
        if not number:
            continue
        first = seen.setdefault(number, entry)
        if first is not entry:
            line, col = entry.data.where(("number",))
            issues.append(Issue(entry.path, line, col, "E107", f"numéro « {number} » déjà pris par {first.path} : choisissez-en un autre"))
    return issues


def check_taxonomies(loaded: Loaded) -> list[Issue]:
    """Territory parents exist and form no cycle; an actor's region is a territory of kind `region` (E301)."""
    issues: list[Issue] = []
    territories = {t.id: t for t in loaded.terms.get("territories", [])}
    for term in loaded.terms.get("territories", []):
        parent = getattr(term.term, "parent", None)
        if parent is None:
            continue
        if parent not in territories:  # a territory that is its own parent is reported as a cycle
            line, col = _term_place(loaded, "territories", term, "parent")
            hint = did_you_mean(parent, territories)
            issues.append(Issue(term.taxonomy.file, line, col, "E301", f"parent « {parent} » inconnu pour « {term.id} »{hint or ' : indiquez un territoire de ce fichier'}"))
    issues.extend(_cycles(loaded, territories))
    regions = {i for i, t in territories.items() if isinstance(t.term, TerritoryTerm) and t.term.kind == "region"}
    for term in loaded.terms.get("actors", []):
        region = term.term.region if isinstance(term.term, ActorTerm) else None
        if region is not None and region not in regions:
            line, col = _term_place(loaded, "actors", term, "region")
            hint = did_you_mean(region, regions)
            issues.append(Issue(term.taxonomy.file, line, col, "E301", f"région « {region} » inconnue pour « {term.id} »{hint or ' : indiquez un territoire de type « region »'}"))
    return issues


def _term_place(loaded: Loaded, taxonomy: str, term: TermEntry, key: str) -> tuple[int, int]:
    return loaded.term_data[taxonomy].where((term.index, key))


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
                cycle = path[path.index(current):] + [current]
                line, col = _term_place(loaded, "territories", territories[current], "parent")
                issues.append(Issue(territories[current].taxonomy.file, line, col, "E301", "boucle de parents : " + " → ".join(cycle) + " — un territoire ne peut pas être son propre ancêtre"))
                break
            path.append(current)
            on_path.add(current)
            current = getattr(territories[current].term, "parent", None)
        done.update(path)
    return issues
