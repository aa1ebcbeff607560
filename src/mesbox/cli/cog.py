"""The official geographic code shipped with mesbox: find a place by name and give its chain of parents.

`assets/cog.json.gz` is a compact extract of @etalab/decoupage-administratif (INSEE's Code
officiel géographique and the DGCL's EPCI, Licence Ouverte 2.0), written by
`scripts/cog_extract.py`. It holds no coordinates: the dataset has none.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

KINDS: tuple[str, ...] = ("commune", "intercommunalite", "departement", "region")
KIND_NAMES = {"commune": "commune", "intercommunalite": "intercommunalité", "departement": "département", "region": "région"}

# EPCI names start with their legal form; the label spells it out unless the name already says it.
_EPCI_FORMS = {
    "CC": "Communauté de communes",
    "CA": "Communauté d'agglomération",
    "CU": "Communauté urbaine",
    "METRO": "",
    "MET69": "",
}
_SAYS_ITS_FORM = re.compile(r"\b(communaut[ée]|agglom[ée]ration|agglo|m[ée]tropole)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """One place of the code: its kind, official code (INSEE, or SIREN for an EPCI), name and département."""

    kind: str
    code: str
    name: str
    departement: str

    @property
    def label(self) -> str:
        """The French name a page shows: « Communauté d'agglomération du Pays de Morlaix », not « CA du Pays de Morlaix »."""
        if self.kind != "intercommunalite":
            return self.name
        form, _, rest = self.name.partition(" ")
        if form in _EPCI_FORMS and rest:
            return rest if not _EPCI_FORMS[form] or _SAYS_ITS_FORM.search(rest) else f"{_EPCI_FORMS[form]} {rest}"
        return self.name


@dataclass(frozen=True)
class Code:
    """The extract, with the indexes a lookup needs."""

    source: str
    vintage: str
    places: dict[tuple[str, str], Place]
    parent: dict[tuple[str, str], tuple[str, str]]
    by_name: dict[str, list[Place]]

    def chain(self, place: Place) -> list[Place]:
        """The place and its ancestors, nearest first: commune → intercommunalité → département → région."""
        found = [place]
        key = (place.kind, place.code)
        while key in self.parent:
            key = self.parent[key]
            found.append(self.places[key])
        return found

    def departement_name(self, place: Place) -> str:
        found = self.places.get(("departement", place.departement))
        return found.name if found else place.departement


def fold(text: str) -> str:
    """Case, accents, hyphens and apostrophes do not matter: « saint denis » finds Saint-Denis."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


@cache
def load() -> Code:
    raw: dict[str, Any] = json.loads(gzip.decompress(resources.files("mesbox").joinpath("assets/cog.json.gz").read_bytes()))
    places: dict[tuple[str, str], Place] = {}
    parent: dict[tuple[str, str], tuple[str, str]] = {}
    for code, name in raw["regions"].items():
        places[("region", code)] = Place("region", code, name, "")
    for code, (name, region) in raw["departements"].items():
        places[("departement", code)] = Place("departement", code, name, code)
        parent[("departement", code)] = ("region", region)
    members: dict[str, Counter[str]] = {}
    for code, _name, departement, epci in raw["communes"]:
        if epci:
            members.setdefault(epci, Counter())[departement] += 1
    straddling = {epci for epci, departements in members.items() if len(departements) > 1}
    for code, name, departement, epci in raw["communes"]:
        places[("commune", code)] = Place("commune", code, name, departement)
        # An EPCI across two départements is left out of its communes' chain: a term has one parent,
        # and the commune's own département must stay an ancestor of the commune.
        within = epci and epci not in straddling
        parent[("commune", code)] = ("intercommunalite", epci) if within else ("departement", departement)
    for code, (name, _form) in raw["epci"].items():
        departements = members.get(code, Counter())
        departement = next(iter(departements)) if len(departements) == 1 else ""
        places[("intercommunalite", code)] = Place("intercommunalite", code, name, departement)
        if departement:
            parent[("intercommunalite", code)] = ("departement", departement)
        else:
            regions = {parent[("departement", d)] for d in departements}
            if len(regions) == 1:
                parent[("intercommunalite", code)] = regions.pop()
    by_name: dict[str, list[Place]] = {}
    for place in places.values():
        short = place.name.partition(" ")[2] if place.kind == "intercommunalite" and place.name.split(" ", 1)[0] in _EPCI_FORMS else ""
        for name in {fold(place.name), fold(place.label), fold(short)} - {""}:
            by_name.setdefault(name, []).append(place)
    return Code(raw["source"], raw["vintage"], places, parent, by_name)


def find(code: Code, query: str, kind: str | None = None, departement: str | None = None) -> list[Place]:
    """Every place the query can mean: an INSEE or SIREN code, or a name written any way."""
    query = query.strip()
    if re.fullmatch(r"\d{9}", query):
        found = [p for k in KINDS if (p := code.places.get((k, query)))]
    elif re.fullmatch(r"(\d{5}|2[AB]\d{3})", query, re.IGNORECASE):
        found = [p for p in [code.places.get(("commune", query.upper()))] if p]
    else:
        found = list(code.by_name.get(fold(query), []))
    if kind:
        found = [p for p in found if p.kind == kind]
    if departement:
        found = [p for p in found if p.departement == departement.upper().zfill(2)]
    return sorted(set(found), key=lambda p: (KINDS.index(p.kind), p.departement, p.code))


def near(code: Code, query: str, limit: int = 5) -> list[Place]:
    """Places whose name is close to a query that matched nothing, for a « vouliez-vous dire »."""
    names = difflib.get_close_matches(fold(query), list(code.by_name), n=limit, cutoff=0.8)
    return [place for name in names for place in code.by_name[name]][:limit]
