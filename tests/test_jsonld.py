"""schema.org JSON-LD of entry pages: the kind, the licence, the people and the places, safe inside <script>."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FICHE, catalogue_of, replace

from mesbox.rendering.jsonld import entry_jsonld, script_json


def test_a_fiche_is_a_learning_resource_with_its_licence_and_labels(valid_repo: Path) -> None:
    catalogue = catalogue_of(valid_repo)
    data = entry_jsonld(catalogue.entries["initiative-solidaire"], catalogue, "https://exemple.org/boite/")
    assert data["@type"] == "LearningResource"
    assert data["learningResourceType"] == "thematique"
    assert data["url"] == data["@id"] == "https://exemple.org/boite/fiches/initiative-solidaire/"
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
    assert data["keywords"] == ["Économie solidaire", "Coopération"]
    assert data["spatialCoverage"] == [{"@type": "Place", "name": "Normandie"}]
    assert data["datePublished"] == "2026-01-15"
    assert data["inLanguage"] == "fr"


def test_a_monograph_is_a_creative_work_and_empty_fields_are_left_out(valid_repo: Path) -> None:
    catalogue = catalogue_of(valid_repo)
    data = entry_jsonld(catalogue.entries["visite-colombelles"], catalogue, "https://exemple.org/")
    assert data["@type"] == "CreativeWork"
    assert "learningResourceType" not in data
    assert "dateModified" not in data  # the monograph has no `updated`
    assert data["spatialCoverage"] == [{"@type": "Place", "name": "Colombelles"}]


def test_updated_becomes_date_modified(valid_repo: Path) -> None:
    catalogue = catalogue_of(valid_repo)
    data = entry_jsonld(catalogue.entries["organiser-une-visite"], catalogue, "https://exemple.org/")
    assert data["dateModified"] == "2026-03-01"
    assert "spatialCoverage" not in data  # no territory: no empty list


def test_period_becomes_temporal_coverage(valid_repo: Path) -> None:
    replace(valid_repo, FICHE, "kind: thematique", "kind: thematique\nperiod: 2021-04/2022-03")
    catalogue = catalogue_of(valid_repo)
    assert (
        entry_jsonld(catalogue.entries["initiative-solidaire"], catalogue, "https://exemple.org/")["temporalCoverage"] == "2021-04/2022-03"
    )
    assert "temporalCoverage" not in entry_jsonld(catalogue.entries["organiser-une-visite"], catalogue, "https://exemple.org/")


def test_teams_are_organisations_and_people_are_persons(valid_repo: Path) -> None:
    replace(valid_repo, FICHE, "authors:\n  - Communauté apprenante du MES", "authors: [Réseau des pôles, Camille Exemple]")
    catalogue = catalogue_of(valid_repo)
    data = entry_jsonld(catalogue.entries["initiative-solidaire"], catalogue, "https://exemple.org/")
    assert data["author"] == [{"@type": "Organization", "name": "Réseau des pôles"}, {"@type": "Person", "name": "Camille Exemple"}]


def test_script_json_cannot_close_its_script_element() -> None:
    hostile = {"name": "</script><script>alert(1)</script> & <!--"}
    text = script_json(hostile)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == hostile
