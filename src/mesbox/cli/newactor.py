"""`mesbox new acteur "Nom" --kind structure`: an actor term appended to taxonomies/actors.yml.

No official register is shipped (docs/decisions.md): the command writes what the contributor
gives — name, kind, SIREN or RNA number, region — after checking it as `mesbox check` does,
and refuses a name the file already has, or one so close to another that it is probably the
same actor, listing the candidates. The file's existing text is never rewritten.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from mesbox.cli.cog import fold
from mesbox.cli.newterritory import TERRITORIES, existing_terms, yaml_text
from mesbox.cli.scaffold import ScaffoldError
from mesbox.contract.ids import slugify
from mesbox.contract.registry import ACTOR_KINDS
from mesbox.contract.schemas.registers import rna_problem, siren_problem

ACTORS = "taxonomies/actors.yml"
# Folded names at least this similar are taken for the same actor written another way.
_CLOSE = 0.85
_PARENTHESIS = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class Actor:
    """What the contributor gives about the new actor."""

    label: str
    kind: str
    siren: str | None = None
    rna: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class ActorAdded:
    """The id to use in pages, and whether a term was written (False: the register number was already there)."""

    id: str
    written: bool


def _names(label: str) -> set[str]:
    """A label's folded forms: whole, without its parenthesis, and the parenthesis alone (« ARDES (Association …) »)."""
    inside = _PARENTHESIS.findall(label)
    outside = _PARENTHESIS.sub(" ", label)
    return {fold(name) for name in (label, outside, *inside)} - {""}


def _describe(term: dict[str, object]) -> str:
    kind = ACTOR_KINDS.get(str(term.get("kind")), str(term.get("kind"))).lower()
    numbers = ", ".join(f"{key.upper()} {term[key]}" for key in ("siren", "rna") if term.get(key))
    return f"« {term.get('id')} » ({term.get('label')}, {kind}{', ' + numbers if numbers else ''})"


def _validate(actor: Actor, territories: list[dict[str, object]]) -> None:
    if actor.kind not in ACTOR_KINDS:
        kinds = ", ".join(list(ACTOR_KINDS)[:-1]) + " ou " + list(ACTOR_KINDS)[-1]
        given = f"type d'acteur « {actor.kind} » inconnu" if actor.kind else "indiquez le type de l'acteur"
        raise ScaffoldError(f"{given} : ajoutez --kind suivi de {kinds}")
    label = actor.label.strip()
    if not 2 <= len(label) <= 100 or any(ord(c) < 32 or ord(c) == 127 for c in label):
        raise ScaffoldError("le nom tient sur une ligne, de 2 à 100 caractères")
    if not slugify(label):
        raise ScaffoldError("le nom doit contenir au moins une lettre ou un chiffre")
    if actor.siren is not None and (problem := siren_problem(actor.siren)):
        raise ScaffoldError(f"SIREN « {actor.siren} » invalide : {problem}")
    if actor.rna is not None and (problem := rna_problem(actor.rna)):
        raise ScaffoldError(f"numéro RNA « {actor.rna} » invalide : {problem}")
    if actor.region is not None:
        regions = {str(t.get("id")) for t in territories if t.get("kind") == "region"}
        if actor.region not in regions:
            hint = difflib.get_close_matches(actor.region, sorted(regions), n=1)
            fix = (
                f"vouliez-vous dire « {hint[0]} » ?"
                if hint
                else f'ajoutez-la d\'abord par « mesbox new territoire "{actor.region}" --kind region »'
            )
            raise ScaffoldError(f"région « {actor.region} » absente de {TERRITORIES} : {fix}")


def _same(actor: Actor, terms: list[dict[str, object]]) -> dict[str, object] | None:
    """The term with the same register number, if any."""
    for term in terms:
        if (actor.siren and str(term.get("siren")) == actor.siren) or (actor.rna and str(term.get("rna")) == actor.rna):
            return term
    return None


def _clashes(actor: Actor, terms: list[dict[str, object]]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Terms with the same name or id, and terms whose name is close enough to be the same actor."""
    names = _names(actor.label)
    new_id = slugify(actor.label)
    same: list[dict[str, object]] = []
    close: list[dict[str, object]] = []
    for term in terms:
        theirs = _names(str(term.get("label", "")))
        if term.get("id") == new_id or names & theirs:
            same.append(term)
        elif any(difflib.SequenceMatcher(None, a, b).ratio() >= _CLOSE for a in names for b in theirs):
            close.append(term)
    return same, close


def _term_text(term_id: str, actor: Actor) -> str:
    lines = [f"- id: {term_id}", f"  label: {yaml_text(actor.label.strip())}", f"  kind: {actor.kind}"]
    if actor.region:
        lines.append(f"  region: {actor.region}")
    if actor.siren:
        lines.append(f'  siren: "{actor.siren}"')
    if actor.rna:
        lines.append(f'  rna: "{actor.rna}"')
    if not actor.siren and not actor.rna:
        lines.append(
            '  # siren: "…"  (9 chiffres, au répertoire Sirene) ou rna: "W…" (association) : facultatifs, à ajouter si vous les connaissez'
        )
    return "\n".join(lines) + "\n"


def compact(number: str | None) -> str | None:
    """A register number as people copy it (« 123 456 782 »), as the file keeps it (« 123456782 »)."""
    return None if number is None else re.sub(r"[\s.\u00a0\u202f]", "", number)


def add_actor(root: Path, actor: Actor, distinct: bool = False) -> ActorAdded:
    """Append the actor to taxonomies/actors.yml; `distinct`: the contributor says a close name is another actor."""
    path = root / ACTORS
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    terms = existing_terms(text, ACTORS)
    territories_path = root / TERRITORIES
    territories = existing_terms(territories_path.read_text(encoding="utf-8"), TERRITORIES) if territories_path.is_file() else []
    _validate(actor, territories)
    known = _same(actor, terms)
    if known is not None:
        return ActorAdded(id=str(known.get("id")), written=False)
    same, close = _clashes(actor, terms)
    if same:
        listed = "\n".join(f"  - {_describe(t)}" for t in same)
        raise ScaffoldError(
            f"« {actor.label} » est déjà dans {ACTORS} :\n{listed}\n"
            f"Si c'est lui, écrivez son identifiant dans vos pages (actors: [{same[0].get('id')}]) ; "
            "si c'est un autre acteur, donnez un nom qui l'en distingue (sa ville, son sigle complet)"
        )
    if close and not distinct:
        listed = "\n".join(f"  - {_describe(t)}" for t in close)
        raise ScaffoldError(
            f"« {actor.label} » ressemble à des acteurs déjà dans {ACTORS} :\n{listed}\n"
            "Si c'est l'un d'eux, écrivez son identifiant dans vos pages ; "
            "si c'est bien un autre acteur, relancez la commande avec --distinct"
        )
    term_id = slugify(actor.label)
    separator = "" if not text or text.endswith("\n") else "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(separator + _term_text(term_id, actor))
    return ActorAdded(id=term_id, written=True)
