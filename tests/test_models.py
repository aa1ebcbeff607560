"""The pydantic models carry every per-file rule of the contract."""

from typing import Any

import pytest
from pydantic import ValidationError

from mesbox.models import FicheMeta, GridMeta, MonographMeta, StoryMeta, TerritoryTerm
from mesbox.models.terms import ActorTerm

BASE: dict[str, Any] = {
    "title": "Un titre",
    "description": "Une description de plus de vingt caractères.",
    "authors": ["Équipe"],
    "date": "2026-01-01",
    "themes": ["emploi"],
}


def types(model: type, data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [e["type"] for e in caught.value.errors()]


def test_defaults() -> None:
    fiche = FicheMeta.model_validate(BASE | {"kind": "outil"})
    assert fiche.licence == "CC-BY-SA-4.0" and fiche.draft is False and fiche.related == []


def test_blank_values_count_as_missing() -> None:
    assert "missing" in types(FicheMeta, BASE | {"kind": "outil", "title": "   "})
    assert FicheMeta.model_validate(BASE | {"kind": "outil", "updated": ""}).updated is None


def test_strings_are_trimmed() -> None:
    assert FicheMeta.model_validate(BASE | {"kind": "outil", "title": "  Titre  "}).title == "Titre"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"licence": "CC-BY-NC-4.0"}, "E108"),
        ({"themes": ["a", "a"]}, "E102"),
        ({"updated": "2025-01-01"}, "E102"),
        ({"number": "2.a"}, "string_pattern_mismatch"),
        ({"audiences": ["elus", "maires"]}, "literal_error"),
        ({"sources": [{"title": "Doc", "url": "ftp://x"}]}, "E102"),
        ({"sources": [{"title": "Doc", "year": 1800}]}, "greater_than_equal"),
        ({"themse": ["x"]}, "extra_forbidden"),
    ],
)
def test_fiche_rules(change: dict[str, Any], expected: str) -> None:
    assert expected in types(FicheMeta, BASE | {"kind": "outil"} | change)


def test_monograph_rules() -> None:
    good = BASE | {"initiative": "Une initiative", "territories": ["t"], "actors": ["a"]}
    assert MonographMeta.model_validate(good | {"grid": "g", "dimensions": {"d": "x" * 20}}).dimensions == {"d": "x" * 20}
    assert "E101" in types(MonographMeta, good | {"dimensions": {"d": "x" * 20}})
    assert "string_too_short" in types(MonographMeta, good | {"grid": "g", "dimensions": {"d": "court"}})
    assert "E102" in types(MonographMeta, good | {"visit": {"start": "2022-02-02", "end": "2022-02-01"}})
    assert "less_than_equal" in types(MonographMeta, good | {"visit": {"start": "2022-02-01", "end": "2022-02-02", "participants": 501}})
    assert "too_short" in types(MonographMeta, good | {"actors": []})


def test_story_rules() -> None:
    good = BASE | {"format": "texte", "territories": ["t"]}
    assert StoryMeta.model_validate(good).media is None
    assert "E101" in types(StoryMeta, good | {"format": "audio"})
    assert "E102" in types(StoryMeta, good | {"format": "video", "media": "http://exemple.org/v"})
    assert StoryMeta.model_validate(good | {"format": "video", "media": "https://exemple.org/v"}).media


def test_grid_rules() -> None:
    grid = {k: v for k, v in BASE.items() if k != "themes"} | {"dimensions": [{"id": "d", "title": "Dim", "questions": ["Q ?"]}]}
    assert GridMeta.model_validate(grid).themes == []
    assert "E107" in types(GridMeta, grid | {"dimensions": grid["dimensions"] * 2})
    assert "E106" in types(GridMeta, grid | {"dimensions": [{"id": "Pas Bon", "title": "Dim", "questions": ["Q ?"]}]})


def test_territory_rules() -> None:
    commune = {"id": "c", "label": "Commune", "kind": "commune", "insee": "14167", "lat": 49.2, "lon": -0.3}
    assert TerritoryTerm.model_validate(commune).insee == "14167"
    assert TerritoryTerm.model_validate(commune | {"insee": "2A004"})
    assert "E301" in types(TerritoryTerm, commune | {"insee": "1416"})
    assert "E301" in types(TerritoryTerm, {k: v for k, v in commune.items() if k not in ("lat", "lon")})
    assert "E301" in types(TerritoryTerm, commune | {"lat": -0.3, "lon": 49.2})
    assert TerritoryTerm.model_validate({"id": "q", "label": "Quartier", "kind": "quartier", "lat": 47.29, "lon": 5.0})
    assert TerritoryTerm.model_validate({"id": "r", "label": "Région", "kind": "region", "insee": "28"}).lat is None
    assert TerritoryTerm.model_validate(commune | {"lat": -21.1, "lon": 55.5})  # La Réunion


def test_actor_rules() -> None:
    assert "literal_error" in types(ActorTerm, {"id": "a", "label": "Acteur", "kind": "entreprise"})
    assert "E102" in types(ActorTerm, {"id": "a", "label": "Acteur", "kind": "reseau", "website": "http://x.org"})
