"""`mesbox new territoire "Morlaix"`: a territory and its missing parents, from the official geographic code.

The terms are appended to taxonomies/territories.yml, whose existing text is never rewritten.
A parent already in the file (same kind and code) is reused under its own id. The code gives
no coordinates: a commune or an intercommunalité gets `lat`/`lon` placeholders that the check
refuses (E101) until they are filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from mesbox.cli.cog import KIND_NAMES, Code, Place, find, near
from mesbox.cli.scaffold import ScaffoldError
from mesbox.contract.ids import slugify
from mesbox.reading.placeholders import PLACEHOLDER

TERRITORIES = "taxonomies/territories.yml"
_NEEDS_POINT = ("commune", "intercommunalite")


@dataclass
class Added:
    """What the command did: the id to use in pages, the terms written, and those that need a point."""

    id: str
    written: list[tuple[str, Place]] = field(default_factory=list)
    need_point: list[str] = field(default_factory=list)


def describe(code: Code, place: Place) -> str:
    """« Saint-Denis (commune, Seine-Saint-Denis, 93066) »: enough to tell homonyms apart."""
    where = f", {code.departement_name(place)}" if place.departement and place.kind != "region" else ""
    return f"{place.label} ({KIND_NAMES[place.kind]}{where}, {place.code})"


def choose(code: Code, query: str, kind: str | None = None, departement: str | None = None) -> Place:
    """The one place the query names, or a ScaffoldError that lists the candidates."""
    found = find(code, query, kind, departement)
    if len(found) == 1:
        return found[0]
    if not found:
        close = near(code, query)
        hint = " — vouliez-vous dire " + " ou ".join(f"« {describe(code, p)} »" for p in close) + " ?" if close else ""
        raise ScaffoldError(
            f"« {query} » absent du Code officiel géographique {code.vintage}{hint} (donnez le nom officiel ou le code INSEE de la commune)"
        )
    listed = "\n".join(f"  - {describe(code, p)}" for p in found[:30])
    more = f"\n  … et {len(found) - 30} autres" if len(found) > 30 else ""
    raise ScaffoldError(
        f"« {query} » désigne plusieurs territoires ; "
        f"précisez le département (--departement {found[-1].departement or found[0].departement}), "
        f"le type (--kind {found[0].kind}) "
        f"ou donnez le code INSEE :\n{listed}{more}"
    )


def existing_terms(text: str, rel: str) -> list[dict[str, object]]:
    """The terms of a vocabulary file's text, or a ScaffoldError sending to `mesbox check` when it does not read."""
    try:
        terms = yaml.safe_load(text) if text.strip() else []
    except yaml.YAMLError:
        raise ScaffoldError(f"{rel} contient une erreur de syntaxe : lancez « mesbox check » et corrigez-la d'abord") from None
    if terms is None:
        return []
    if not isinstance(terms, list):
        raise ScaffoldError(f"{rel} doit être une liste de termes : lancez « mesbox check » et corrigez-le d'abord")
    return [t for t in terms if isinstance(t, dict)]


def _new_id(place: Place, taken: set[str]) -> str:
    base = slugify(place.label) or place.code.lower()
    for candidate in (base, f"{base}-{place.departement.lower()}", f"{base}-{place.code.lower()}"):
        if candidate and candidate not in taken:
            return candidate
    raise ScaffoldError(f"aucun identifiant libre pour « {place.label} » dans {TERRITORIES}")  # pragma: no cover - three distinct forms


def _term_text(term_id: str, place: Place, parent: str | None) -> str:
    lines = [f"- id: {term_id}", f"  label: {yaml_text(place.label)}", f"  kind: {place.kind}", f'  insee: "{place.code}"']
    if parent:
        lines.append(f"  parent: {parent}")
    if place.kind in _NEEDS_POINT:
        centre = "siège" if place.kind == "intercommunalite" else "centre"
        lines.append(
            f"  lat: {PLACEHOLDER}  # {centre} de {place.label} : latitude en degrés décimaux, avec un point ; "
            "indiquez la source en commentaire"
        )
        lines.append(f"  lon: {PLACEHOLDER}  # longitude en degrés décimaux, négative à l'ouest de Greenwich")
    return "\n".join(lines) + "\n"


def yaml_text(text: str) -> str:
    """A label as YAML text: quoted when a character could make it something else."""
    plain = text and not any(c in text for c in ":#'\"[]{},&*!|>%@`") and not text[0] in "-?" and not text[0].isdigit()
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_territory(root: Path, code: Code, place: Place, query: str) -> Added:
    """Append `place` and its missing parents to taxonomies/territories.yml; return what was written."""
    path = root / TERRITORIES
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    terms = existing_terms(text, TERRITORIES)
    by_code = {(str(t.get("kind")), str(t.get("insee"))): str(t.get("id")) for t in terms if t.get("insee") is not None}
    taken = {str(t.get("id")) for t in terms}
    itself = by_code.get((place.kind, place.code))
    if itself is not None:
        return Added(id=itself)
    chain = list(reversed(code.chain(place)))  # région first: parents are written before their children
    added = Added(id="")
    blocks: list[str] = []
    parent: str | None = None
    for item in chain:
        known = by_code.get((item.kind, item.code))
        if known is not None:
            parent = known
            continue
        term_id = _new_id(item, taken)
        taken.add(term_id)
        blocks.append(_term_text(term_id, item, parent))
        added.written.append((term_id, item))
        if item.kind in _NEEDS_POINT:
            added.need_point.append(term_id)
        parent = term_id
    added.id = parent or ""
    if not blocks:
        return added
    package = code.source.split(" (npm)", 1)[0]
    head = (
        f'\n# Ajouté par « mesbox new territoire "{query}" » d\'après le Code officiel géographique {code.vintage} (INSEE) '
        f"et les EPCI de la DGCL, via {package} ; Licence Ouverte 2.0.\n"
    )
    separator = "" if not text or text.endswith("\n") else "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(separator + head + "".join(blocks))
    return added
