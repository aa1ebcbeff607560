"""The pydantic models carry the contract's field rules (§3, §5); each error type maps to a contract code."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mesbox.contract.schemas import ActorTerm, FicheMeta, GridMeta, MonographMeta, StoryMeta, Term, TerritoryTerm

COMMON: dict[str, Any] = {
    "title": "Une fiche",
    "description": "Une description de vingt caractères au moins.",
    "authors": ["Communauté apprenante du MES"],
    "date": datetime.date(2026, 1, 15),
    "themes": ["emploi"],
}
FICHE = {**COMMON, "kind": "thematique"}
MONO = {**COMMON, "initiative": "Le pôle de coopération", "territories": ["colombelles"], "actors": ["ardes"]}
STORY = {**COMMON, "format": "texte", "territories": ["plateau"]}
GRID = {**COMMON, "dimensions": [{"id": "gouvernance", "title": "Gouvernance", "questions": ["Qui décide ?"]}]}


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """(type, loc) of every validation error; empty when the data is valid."""
    try:
        model.model_validate(data)
    except ValidationError as failure:
        return [(e["type"], tuple(e["loc"])) for e in failure.errors()]
    return []


def test_valid_fiche_gets_the_contract_defaults() -> None:
    """licence defaults to CC-BY-SA-4.0, draft to false, optional lists to empty."""
    meta = FicheMeta.model_validate(FICHE)
    assert meta.licence == "CC-BY-SA-4.0"
    assert meta.draft is False
    assert meta.methods == meta.related == meta.sources == meta.audiences == []
    assert meta.number is None


@pytest.mark.parametrize(("model", "data"), [(FicheMeta, FICHE), (MonographMeta, MONO), (StoryMeta, STORY), (GridMeta, GRID)])
def test_each_collection_accepts_its_minimal_entry(model: type[BaseModel], data: dict[str, Any]) -> None:
    """The minimal entries above are exactly what the contract requires."""
    assert errors(model, data) == []


@pytest.mark.parametrize(("model", "data"), [(FicheMeta, FICHE), (MonographMeta, MONO), (StoryMeta, STORY), (GridMeta, GRID)])
def test_unknown_key_is_refused_everywhere(model: type[BaseModel], data: dict[str, Any]) -> None:
    """A typo such as `themse:` must never silently drop data."""
    assert errors(model, {**data, "themse": ["emploi"]}) == [("extra_forbidden", ("themse",))]


def test_strings_are_trimmed_and_blank_counts_as_missing() -> None:
    """`title: "  x  "` is measured after trimming; an empty or blank value is a missing field."""
    assert FicheMeta.model_validate({**FICHE, "title": "  Une fiche  "}).title == "Une fiche"
    assert errors(FicheMeta, {**FICHE, "title": "   "}) == [("missing", ("title",))]
    assert errors(FicheMeta, {**FICHE, "title": None}) == [("missing", ("title",))]
    assert errors(FicheMeta, {**FICHE, "title": " ab "}) == [("string_too_short", ("title",))]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"title": "x" * 151}, ("string_too_long", ("title",))),
        ({"description": "trop court"}, ("string_too_short", ("description",))),
        ({"description": "x" * 301}, ("string_too_long", ("description",))),
        ({"authors": []}, ("too_short", ("authors",))),
        ({"authors": ["X"]}, ("string_too_short", ("authors", 0))),
        ({"authors": "Moi"}, ("list_type", ("authors",))),
        ({"themes": []}, ("too_short", ("themes",))),
        ({"themes": ["emploi", "emploi"]}, ("E102", ("themes",))),
        ({"date": "2026-02-30"}, ("E102", ("date",))),
        ({"kind": "fiche"}, ("literal_error", ("kind",))),
        ({"number": "2.x"}, ("E102", ("number",))),
        ({"number": "２.７"}, ("E102", ("number",))),
        ({"number": "1.2.3.4.5.6"}, ("E102", ("number",))),
        ({"number": "12345"}, ("E102", ("number",))),
        ({"authors": ["Alice; Bob"]}, ("E102", ("authors", 0))),
        ({"number": 2.7}, ("string_type", ("number",))),
        ({"audiences": ["elus", "public"]}, ("literal_error", ("audiences", 1))),
        ({"sources": [{"title": "Un rapport", "year": 1850}]}, ("greater_than_equal", ("sources", 0, "year"))),
        ({"sources": [{"title": "Un rapport", "year": 2101}]}, ("less_than_equal", ("sources", 0, "year"))),
        ({"sources": [{"title": "Un rapport", "url": "ftp://exemple.org"}]}, ("E102", ("sources", 0, "url"))),
        ({"sources": [{"title": "Un rapport", "autre": 1}]}, ("extra_forbidden", ("sources", 0, "autre"))),
        ({"draft": "peut-être"}, ("bool_parsing", ("draft",))),
        ({"updated": datetime.date(2025, 1, 1)}, ("E102", ())),
    ],
)
def test_fiche_field_rules(change: dict[str, Any], expected: tuple[str, tuple[Any, ...]]) -> None:
    """One broken field gives exactly one error, of the expected type, at the field."""
    assert errors(FicheMeta, {**FICHE, **change}) == [expected]


@pytest.mark.parametrize(
    ("written", "kept"),
    [(2017, "2017"), (datetime.date(2017, 11, 29), "2017-11-29"), ("2021-04/2022-03", "2021-04/2022-03"), (None, None)],
)
def test_period_is_kept_as_iso_text_whatever_yaml_made_of_it(written: Any, kept: str | None) -> None:
    """YAML reads `2017` as a number and `2017-11-29` as a date; the model keeps the ISO text."""
    assert FicheMeta.model_validate({**FICHE, "period": written}).period == kept


@pytest.mark.parametrize("written", ["29/11/2017", "2022/2021", "2021-13", True, 17.5])
def test_a_period_that_is_no_date_or_ends_first_is_e102(written: Any) -> None:
    assert errors(FicheMeta, {**FICHE, "period": written})[0][1] == ("period",)
    assert errors(FicheMeta, {**FICHE, "period": "2022/2021"}) == [("E102", ("period",))]


def test_sources_accept_https_and_refuse_http() -> None:
    """`url` is https:// as the guide says (decision of issue 13); http:// gets the https:// form to write."""
    assert errors(FicheMeta, {**FICHE, "sources": [{"title": "Un rapport", "url": "https://exemple.org/a", "year": 2022}]}) == []
    with pytest.raises(ValidationError) as caught:
        FicheMeta.model_validate({**FICHE, "sources": [{"title": "Un rapport", "url": "http://exemple.org/a"}]})
    error = caught.value.errors()[0]
    assert error["type"] == "E102" and "écrivez « https://exemple.org/a »" in error["msg"]


@pytest.mark.parametrize("licence", ["CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "etalab-2.0"])
def test_open_licences_are_accepted(licence: str) -> None:
    assert FicheMeta.model_validate({**FICHE, "licence": licence}).licence == licence


@pytest.mark.parametrize("licence", ["CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-NC-SA-4.0", "Tous droits réservés", "MIT", "cc-by-sa-4.0"])
def test_other_licences_are_e108(licence: str) -> None:
    """Non-open licences (and anything outside the list) are refused with E108, the commons rule."""
    assert errors(FicheMeta, {**FICHE, "licence": licence}) == [("E108", ("licence",))]


def test_updated_may_equal_date() -> None:
    """`updated ≥ date`: the same day is fine."""
    assert errors(FicheMeta, {**FICHE, "updated": FICHE["date"]}) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"territories": []}, ("too_short", ("territories",))),
        ({"actors": []}, ("too_short", ("actors",))),
        ({"initiative": "ab"}, ("string_too_short", ("initiative",))),
        ({"visit": {"start": "2022-03-02", "end": "2022-03-01"}}, ("E102", ("visit",))),
        ({"visit": {"start": "2022-03-01", "end": "2022-03-02", "participants": 0}}, ("greater_than_equal", ("visit", "participants"))),
        ({"visit": {"start": "2022-03-01", "end": "2022-03-02", "participants": 501}}, ("less_than_equal", ("visit", "participants"))),
        ({"visit": {"start": "2022-03-01"}}, ("missing", ("visit", "end"))),
        ({"dimensions": {"cooperation": "x" * 30}}, ("E101", ())),
        ({"grid": "grille", "dimensions": {"cooperation": "trop court"}}, ("string_too_short", ("dimensions", "cooperation"))),
        ({"grid": "grille", "dimensions": {"cooperation": "x" * 1201}}, ("string_too_long", ("dimensions", "cooperation"))),
    ],
)
def test_monograph_rules(change: dict[str, Any], expected: tuple[str, tuple[Any, ...]]) -> None:
    """Territories and actors required, visit dates ordered and size 1–500, dimensions need a grid."""
    assert errors(MonographMeta, {**MONO, **change}) == [expected]


def test_monograph_visit_on_one_day_with_500_participants() -> None:
    """Boundaries are inclusive: start = end, participants = 500."""
    visit = {"start": "2022-03-01", "end": "2022-03-01", "participants": 500}
    assert errors(MonographMeta, {**MONO, "visit": visit, "grid": "g", "dimensions": {"d": "x" * 20}}) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"format": "video"}, ("E101", ())),
        ({"format": "audio"}, ("E101", ())),
        ({"format": "video", "media": "http://exemple.org/v.mp4"}, ("E102", ("media",))),
        ({"format": "podcast"}, ("literal_error", ("format",))),
        ({"territories": []}, ("too_short", ("territories",))),
        ({"voices": ["Une voix", "Une voix"]}, ("E102", ("voices",))),
    ],
)
def test_story_rules(change: dict[str, Any], expected: tuple[str, tuple[Any, ...]]) -> None:
    """Video and audio stories need an https:// media; territories required."""
    assert errors(StoryMeta, {**STORY, **change}) == [expected]


def test_story_video_with_https_media_is_valid() -> None:
    assert errors(StoryMeta, {**STORY, "format": "video", "media": "https://exemple.org/v.mp4"}) == []


def test_grid_themes_are_optional_and_dimensions_checked() -> None:
    """Grids need no theme; dimension ids are ids, unique in the grid (E107), with ≥ 1 question."""
    assert errors(GridMeta, {k: v for k, v in GRID.items() if k != "themes"}) == []
    dimension = GRID["dimensions"][0]
    assert errors(GridMeta, {**GRID, "dimensions": []}) == [("too_short", ("dimensions",))]
    assert errors(GridMeta, {**GRID, "dimensions": [dimension, dimension]}) == [("E107", ())]
    assert errors(GridMeta, {**GRID, "dimensions": [{**dimension, "id": "Gouvernance"}]}) == [("E106", ("dimensions", 0, "id"))]
    assert errors(GridMeta, {**GRID, "dimensions": [{**dimension, "questions": []}]}) == [("too_short", ("dimensions", 0, "questions"))]
    assert errors(GridMeta, {**GRID, "adapted_from": "grille-commune"}) == []


def test_terms_need_an_id_and_a_label() -> None:
    """Every vocabulary term: a valid id, a French label of 2–100 characters, an optional description."""
    assert errors(Term, {"id": "emploi", "label": "Emploi", "description": "Le travail."}) == []
    assert errors(Term, {"id": "Emploi", "label": "Emploi"}) == [("E106", ("id",))]
    assert errors(Term, {"id": "emploi", "label": "E"}) == [("string_too_short", ("label",))]
    assert errors(Term, {"id": "emploi"}) == [("missing", ("label",))]
    assert errors(Term, {"id": "emploi", "label": "Emploi", "kind": "x"}) == [("extra_forbidden", ("kind",))]


def test_actor_terms() -> None:
    """Actors have a required kind, an optional region and an https:// website."""
    assert (
        errors(ActorTerm, {"id": "ardes", "label": "ARDES", "kind": "structure", "region": "normandie", "website": "https://a.org"}) == []
    )
    assert errors(ActorTerm, {"id": "ardes", "label": "ARDES"}) == [("missing", ("kind",))]
    assert errors(ActorTerm, {"id": "ardes", "label": "ARDES", "kind": "association"}) == [("literal_error", ("kind",))]
    assert errors(ActorTerm, {"id": "ardes", "label": "ARDES", "kind": "reseau", "website": "http://a.org"}) == [("E102", ("website",))]


POINT = {"lat": 49.2, "lon": -0.3}


@pytest.mark.parametrize(
    ("kind", "insee", "ok"),
    [
        ("commune", "14167", True),
        ("commune", "2A004", True),
        ("commune", "1416", False),
        ("commune", "2C004", False),
        ("departement", "14", True),
        ("departement", "971", True),
        ("departement", "2B", True),
        ("departement", "1", False),
        ("region", "28", True),
        ("region", "028", False),
        ("intercommunalite", "200065597", True),
        ("intercommunalite", "20006559", False),
        ("quartier", "n'importe quoi", True),
        ("pays", "PETR-1", True),
    ],
)
def test_insee_codes_follow_the_kind(kind: str, insee: str, ok: bool) -> None:
    """COG patterns per kind (§5); a quartier or pays has no pattern."""
    data = {"id": "t", "label": "Lieu", "kind": kind, "insee": insee, **POINT}
    assert (errors(TerritoryTerm, data) == []) is ok


@pytest.mark.parametrize("kind", ["quartier", "commune", "intercommunalite", "pays"])
def test_places_need_a_point(kind: str) -> None:
    """Quartiers, communes, intercommunalités and pays are drawn on the map: lat and lon required (E301)."""
    assert errors(TerritoryTerm, {"id": "t", "label": "Lieu", "kind": kind}) == [("E301", ())]
    assert errors(TerritoryTerm, {"id": "t", "label": "Lieu", "kind": kind, **POINT}) == []


@pytest.mark.parametrize("kind", ["departement", "region"])
def test_large_territories_need_no_point(kind: str) -> None:
    assert errors(TerritoryTerm, {"id": "t", "label": "Lieu", "kind": kind}) == []


@pytest.mark.parametrize(
    ("lat", "lon", "ok"),
    [(49.2, -0.3, True), (-0.3, 49.2, False), (16.2, -61.5, True), (-21.1, 55.5, True), (4.9, -52.3, True), (40.4, -3.7, False)],
)
def test_points_lie_in_france_or_overseas_departements(lat: float, lon: float, ok: bool) -> None:
    """Metropolitan France and the overseas départements; swapped coordinates or Madrid are refused."""
    assert (errors(TerritoryTerm, {"id": "t", "label": "Lieu", "kind": "commune", "lat": lat, "lon": lon}) == []) is ok


def test_lat_without_lon_is_refused() -> None:
    assert errors(TerritoryTerm, {"id": "t", "label": "Lieu", "kind": "region", "lat": 49.2}) == [("E301", ())]
