"""Every territory of taxonomies/territories.yml against the official COG dataset (npm @etalab/decoupage-administratif).

Codes, names and parents are checked against the dataset installed by `npm ci`, not typed
from memory; points are checked for plausibility (within 60 km of their parent's point).
The tests that need the dataset are skipped, with the reason, when `node_modules` is absent
(CI runs `npm ci` first, see .ci/run); the others always run.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
ABBREVIATIONS = {"cu": "communaute urbaine", "ca": "communaute d agglomeration", "cc": "communaute de communes"}


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    if words and words[0] in ABBREVIATIONS:
        words = ABBREVIATIONS[words[0]].split() + words[1:]
    return " ".join(words)


@cache
def dataset(name: str) -> list[dict[str, Any]]:
    if not DATA.is_dir():
        pytest.skip(f"jeu de données COG absent ({DATA.relative_to(ROOT)}) : lancez « npm ci » à la racine du dépôt")
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@cache
def by_code(name: str) -> dict[str, dict[str, Any]]:
    rows = dataset(name)
    if name == "communes":
        rows = [r for r in rows if r.get("type") == "commune-actuelle"]
    return {row["code"]: row for row in rows}


def territories() -> dict[str, dict[str, Any]]:
    terms = yaml.safe_load((ROOT / "taxonomies" / "territories.yml").read_text(encoding="utf-8"))
    return {term["id"]: term for term in terms}


TERRITORIES = territories()
REFERENCE = {"commune": "communes", "departement": "departements", "region": "regions", "intercommunalite": "epci"}


def ancestor(term: dict[str, Any], kind: str) -> dict[str, Any] | None:
    current = term
    while current.get("parent"):
        current = TERRITORIES[current["parent"]]
        if current["kind"] == kind:
            return current
    return None


def distance_km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


CODED = [t for t in TERRITORIES.values() if t["kind"] in REFERENCE]


@pytest.mark.parametrize("term", CODED, ids=[t["id"] for t in CODED])
def test_code_and_name_match_the_reference(term: dict[str, Any]) -> None:
    row = by_code(REFERENCE[term["kind"]]).get(term["insee"])
    assert row is not None, f"{term['id']} : code {term['insee']} absent du COG ({term['kind']})"
    assert normalise(term["label"]) == normalise(row["nom"]), (term["label"], row["nom"])


@pytest.mark.parametrize("term", [t for t in CODED if t["kind"] == "commune"], ids=lambda t: t["id"])
def test_commune_sits_in_its_departement_and_intercommunalite(term: dict[str, Any]) -> None:
    row = by_code("communes")[term["insee"]]
    departement = ancestor(term, "departement")
    assert departement is not None and departement["insee"] == row["departement"], (
        f"{term['id']} : département {row['departement']} dans le COG"
    )
    region = ancestor(term, "region")
    assert region is not None and region["insee"] == row["region"], f"{term['id']} : région {row['region']} dans le COG"
    epci = ancestor(term, "intercommunalite")
    if epci is not None:
        members = {m["code"] for m in by_code("epci")[epci["insee"]]["membres"]}
        assert term["insee"] in members, f"{term['id']} n'est pas membre de {epci['id']}"


@pytest.mark.parametrize("term", [t for t in CODED if t["kind"] == "intercommunalite"], ids=lambda t: t["id"])
def test_intercommunalite_has_members_in_its_departement(term: dict[str, Any]) -> None:
    departement = ancestor(term, "departement")
    assert departement is not None
    communes = by_code("communes")
    member_departements = {communes[m["code"]]["departement"] for m in by_code("epci")[term["insee"]]["membres"] if m["code"] in communes}
    assert departement["insee"] in member_departements


@pytest.mark.parametrize("term", [t for t in CODED if t["kind"] == "departement"], ids=lambda t: t["id"])
def test_departement_sits_in_its_region(term: dict[str, Any]) -> None:
    region = ancestor(term, "region")
    assert region is not None and region["insee"] == by_code("departements")[term["insee"]]["region"]


PARENT_KINDS = {
    "quartier": {"commune"},
    "commune": {"intercommunalite", "departement"},
    "intercommunalite": {"departement"},
    "pays": {"departement"},
    "departement": {"region"},
    "region": set(),
}


@pytest.mark.parametrize("term", list(TERRITORIES.values()), ids=list(TERRITORIES))
def test_parent_has_the_expected_kind(term: dict[str, Any]) -> None:
    expected = PARENT_KINDS[term["kind"]]
    if not expected:
        assert "parent" not in term, f"{term['id']} : une région n'a pas de parent"
        return
    assert term.get("parent") in TERRITORIES, f"{term['id']} : parent absent ou inconnu"
    assert TERRITORIES[term["parent"]]["kind"] in expected, (
        f"{term['id']} : parent {term['parent']} de type {TERRITORIES[term['parent']]['kind']}"
    )


WITH_POINTS = [t for t in TERRITORIES.values() if "lat" in t and t.get("parent") and "lat" in TERRITORIES[t["parent"]]]


@pytest.mark.parametrize("term", WITH_POINTS, ids=[t["id"] for t in WITH_POINTS])
def test_point_within_60_km_of_its_parent(term: dict[str, Any]) -> None:
    parent = TERRITORIES[term["parent"]]
    assert distance_km(term, parent) <= 60, f"{term['id']} est à {distance_km(term, parent):.0f} km de {parent['id']}"


def test_every_coordinate_notes_its_source() -> None:
    lines = (ROOT / "taxonomies" / "territories.yml").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if re.match(r"\s*lat:", line):
            assert "#" in line, f"coordonnée sans source : {line.strip()}"


def test_normalise_expands_abbreviations() -> None:
    assert normalise("CU Caen la Mer") == normalise("Communauté urbaine Caen la Mer")
    assert normalise("CA de Lens - Liévin") == normalise("Communauté d'agglomération de Lens-Liévin")
    assert normalise("Côte-d'Or") == "cote d or"
