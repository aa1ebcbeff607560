"""Taxonomy term models (docs/contrat.md §5)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from mesbox.contract.schemas.fields import HttpsUrl, Id, Ref, Strict
from mesbox.contract.schemas.registers import rna_problem, siren_problem

Label = Annotated[str, Field(min_length=2, max_length=100)]


def _siren(value: str) -> str:
    problem = siren_problem(value)
    if problem:
        raise PydanticCustomError("E301", "SIREN « {value} » invalide : {problem}", {"value": value[:40], "problem": problem})
    return value


def _rna(value: str) -> str:
    problem = rna_problem(value)
    if problem:
        raise PydanticCustomError("E301", "numéro RNA « {value} » invalide : {problem}", {"value": value[:40], "problem": problem})
    return value


class Term(Strict):
    """A controlled-vocabulary term: themes and methods have nothing more."""

    id: Id
    label: Label
    description: str | None = None


class ActorTerm(Term):
    """A network, structure, local authority, research body or funder."""

    kind: Literal["reseau", "structure", "collectivite", "recherche", "financeur"]
    region: Ref | None = None
    website: HttpsUrl | None = None
    siren: Annotated[str, AfterValidator(_siren), Field(description="numéro SIREN (9 chiffres) au répertoire Sirene de l'INSEE")] | None = (
        None
    )
    rna: (
        Annotated[
            str,
            AfterValidator(_rna),
            Field(description="numéro d'association au Répertoire national des associations (« W » et 9 caractères)"),
        ]
        | None
    ) = None


TerritoryKind = Literal["quartier", "commune", "intercommunalite", "pays", "departement", "region"]

_INSEE = {
    "commune": re.compile(r"^([0-9]{5}|2[AB][0-9]{3})$", re.ASCII),
    "departement": re.compile(r"^([0-9]{2,3}|2[AB])$", re.ASCII),
    "region": re.compile(r"^[0-9]{2}$", re.ASCII),
    "intercommunalite": re.compile(r"^[0-9]{9}$", re.ASCII),
}
_NEEDS_POINT = ("quartier", "commune", "intercommunalite", "pays")
# Metropolitan France with Corsica, and the five overseas départements.
_AREAS = (
    (41.0, 51.5, -5.8, 10.0),
    (15.8, 16.6, -61.9, -60.9),  # Guadeloupe
    (14.3, 15.0, -61.3, -60.7),  # Martinique
    (2.0, 6.0, -54.7, -51.5),  # Guyane
    (-21.5, -20.8, 55.1, 56.0),  # La Réunion
    (-13.1, -12.5, 44.9, 45.4),  # Mayotte
)


class TerritoryTerm(Term):
    """A place, from a neighbourhood to a region, with its official code and a point."""

    kind: TerritoryKind
    insee: str | None = None
    parent: Ref | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None

    @model_validator(mode="after")
    def _territory_rules(self) -> TerritoryTerm:
        pattern = _INSEE.get(self.kind)
        if self.insee is not None and pattern is not None and not pattern.match(self.insee):
            raise PydanticCustomError(
                "E301",
                "code INSEE « {insee} » invalide pour un territoire de type « {kind} » : vérifiez-le dans le Code officiel géographique",
                {"insee": self.insee, "kind": self.kind, "field": "insee"},
            )
        if (self.lat is None) != (self.lon is None):
            raise PydanticCustomError(
                "E301", "« lat » et « lon » vont ensemble : donnez les deux coordonnées", {"field": "lat" if self.lat is None else "lon"}
            )
        if self.kind in _NEEDS_POINT and self.lat is None:
            raise PydanticCustomError(
                "E301",
                "un territoire de type « {kind} » demande « lat » et « lon » (degrés décimaux WGS84)",
                {"kind": self.kind, "field": "lat"},
            )
        if self.lat is not None and self.lon is not None and not any(a <= self.lat <= b and c <= self.lon <= d for a, b, c, d in _AREAS):
            raise PydanticCustomError(
                "E301",
                (
                    "le point ({lat}, {lon}) n'est ni en France métropolitaine ni dans un département d'outre-mer : "
                    "latitude et longitude inversées ?"
                ),
                {"lat": self.lat, "lon": self.lon, "field": "lat"},
            )
        return self
