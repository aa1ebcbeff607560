"""The web editor's configuration: generated from the models and vocabularies, so it cannot disagree with the check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from mesbox.checking.checker import check
from mesbox.contract.registry import FICHE_KIND_FOLDERS, FICHE_KINDS
from mesbox.publishing.cms import FIELDS, cms_config, config_yaml, github_repo
from mesbox.publishing.exports import collection_schema
from mesbox.reading.documents import COLLECTIONS

SCHEMA = Path(__file__).resolve().parent.parent / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"


@pytest.fixture()
def config(valid_repo: Path) -> dict[str, Any]:
    return cms_config(check(valid_repo).catalogue, "mouvement-economie-solidaire/mesbox")


def names(fields: list[dict[str, Any]]) -> set[str]:
    found = set()
    for field in fields:
        found.add(field["name"])
        found |= names(field.get("fields", []))
    return found


def by_name(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in collection["fields"]}


def test_every_model_field_has_its_form_field_and_a_french_label(config: dict[str, Any]) -> None:
    """A field added to a model appears in the editor (and needs a French label) without touching the editor."""
    forms = {c["name"]: c for c in config["collections"]}
    for collection in COLLECTIONS.values():
        schema = collection_schema(collection.id, "")
        expected = set(schema["properties"]) | {p for d in schema.get("$defs", {}).values() for p in d.get("properties", {})}
        form = forms["fiches-projets" if collection.id == "fiches" else collection.id]
        assert expected | {"body"} == names(form["fields"]), collection.id
        titled = set(FIELDS) | {column.name for column in collection.csv_columns}
        assert expected <= titled, expected - titled


def test_vocabularies_are_lists_of_their_terms_with_french_labels(config: dict[str, Any]) -> None:
    fields = by_name(next(c for c in config["collections"] if c["name"] == "monographies"))
    assert fields["themes"]["widget"] == "select" and fields["themes"]["multiple"] is True
    assert {o["value"]: o["label"] for o in fields["themes"]["options"]} == {
        "cooperation": "Coopération",
        "culture": "Culture",
        "economie-solidaire": "Économie solidaire",
        "emploi": "Emploi",
    }
    assert {o["value"] for o in fields["territories"]["options"]} >= {"normandie", "calvados", "colombelles", "caen", "plateau"}
    assert {"label": "Colombelles", "value": "colombelles"} in fields["territories"]["options"]
    assert fields["themes"]["required"] and fields["territories"]["required"] and not fields["methods"]["required"]


def test_each_fiche_kind_has_its_folder_and_its_kind_fixed(config: dict[str, Any]) -> None:
    for kind, folder in FICHE_KIND_FOLDERS.items():
        form = next(c for c in config["collections"] if c["name"] == f"fiches-{folder}")
        assert form["folder"] == f"fiches/{folder}" and form["description"] == FICHE_KINDS[kind]
        assert by_name(form)["kind"] == {"name": "kind", "label": "Type de fiche", "widget": "hidden", "default": kind}


def test_allowed_values_and_rules_come_from_the_model(config: dict[str, Any]) -> None:
    fiche = by_name(next(c for c in config["collections"] if c["name"] == "fiches-outils"))
    assert [o["value"] for o in fiche["audiences"]["options"]][:2] == ["accompagnateurs", "elus"] and fiche["audiences"]["multiple"]
    assert (
        fiche["licence"]["options"] == ["CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "etalab-2.0"]
        and fiche["licence"]["default"] == "CC-BY-SA-4.0"
    )
    number = collection_schema("fiches", "")["properties"]["number"]["anyOf"][0]
    assert fiche["number"]["pattern"][0] == number["pattern"]
    assert fiche["date"]["widget"] == "datetime" and fiche["date"]["time_format"] is False
    source = {f["name"]: f for f in fiche["sources"]["fields"]}
    assert source["url"]["pattern"][0].startswith("^https://") and source["year"]["min"] == 1900
    story = by_name(next(c for c in config["collections"] if c["name"] == "recits"))
    assert [o["value"] for o in story["format"]["options"]] == ["texte", "video", "audio", "portrait", "reportage"]
    assert story["format"]["options"][0]["label"] == "Récit écrit"


def test_contributors_without_write_access_propose_through_pull_requests(config: dict[str, Any]) -> None:
    assert config["backend"] == {
        "name": "github",
        "repo": "mouvement-economie-solidaire/mesbox",
        "branch": "main",
        "open_authoring": True,
        "auth_scope": "public_repo",
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert all(c["media_folder"] == "" and c["public_folder"] == "" for c in config["collections"])  # images beside the entry


def test_the_oauth_relay_goes_in_the_backend_when_set(valid_repo: Path) -> None:
    config = cms_config(check(valid_repo).catalogue, "a/b", auth_url="https://auth.exemple.org")
    assert config["backend"]["base_url"] == "https://auth.exemple.org"
    if SCHEMA.is_file():
        import jsonschema  # type: ignore[import-untyped]

        jsonschema.validate(json.loads(json.dumps(config)), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_yaml_has_no_anchors_and_reads_back(config: dict[str, Any]) -> None:
    text = config_yaml(config)
    assert "&id" not in text and "*id" not in text
    assert yaml.safe_load(text) == config


def test_config_is_valid_for_sveltia_cms(config: dict[str, Any]) -> None:
    """Checked against the JSON Schema that Sveltia CMS ships (npm package, installed by `npm ci`)."""
    if not SCHEMA.is_file():
        pytest.skip("Sveltia CMS absent (node_modules) : lancez « npm ci »")
    import jsonschema  # type: ignore[import-untyped]

    jsonschema.validate(json.loads(json.dumps(config)), json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("url", "repo"),
    [
        ("https://github.com/mouvement-economie-solidaire/mesbox", "mouvement-economie-solidaire/mesbox"),
        ("https://github.com/a/b.git", "a/b"),
        ("https://github.com/a/b/", "a/b"),
        ("https://gitlab.com/a/b", ""),
        ("", ""),
    ],
)
def test_github_repository_from_repo_url(url: str, repo: str) -> None:
    assert github_repo(url) == repo
