"""Open-data exports: one row per published entry, none for drafts, valid CSV, GeoJSON, schemas and package."""

import csv
import io
import json
from pathlib import Path

from conftest import replace

from mesbox.checker import check
from mesbox.exports import export_files, write_exports

PUBLISHED = ["grille-test", "initiative-solidaire", "recit-colombelles", "seminaire", "visite-colombelles"]


def exports(repo: Path, site_url: str = "") -> dict[str, bytes]:
    return export_files(check(repo).catalogue, site_url)


def test_catalogue_json_rows_and_fields(repo: Path) -> None:
    data = json.loads(exports(repo, "https://exemple.org/")["catalogue.json"])
    entries = data["entries"]
    assert sorted(e["id"] for e in entries) == PUBLISHED
    fiche = next(e for e in entries if e["id"] == "initiative-solidaire")
    assert fiche["url"] == "https://exemple.org/fiches/initiative-solidaire/"
    assert fiche["kind"] == "thematique" and fiche["number"] == "2.1" and fiche["cited_by"] == ["visite-colombelles"]
    assert fiche["licence"] == "CC-BY-SA-4.0" and fiche["date"] == "2026-01-15" and fiche["updated"] is None
    mono = next(e for e in entries if e["id"] == "visite-colombelles")
    assert mono["grid"] == "grille-test" and set(mono["dimensions"]) == {"accompagnement", "cooperation"}


def test_csv_round_trips_hostile_text(repo: Path) -> None:
    replace(repo, "fiches/initiative-solidaire.md", "title: Qu'est-ce qu'une initiative solidaire ?", 'title: "Virgule, \\"guillemets\\" et ; point-virgule"')
    raw = exports(repo)["catalogue.csv"].decode("utf-8")
    assert "\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert sorted(r["id"] for r in rows) == PUBLISHED
    row = next(r for r in rows if r["id"] == "initiative-solidaire")
    assert row["title"] == 'Virgule, "guillemets" et ; point-virgule'
    assert row["themes"] == "economie-solidaire;cooperation" and row["audiences"] == "elus;citoyens"


def test_geojson_counts_descendants(repo: Path) -> None:
    geo = json.loads(exports(repo)["territoires.geojson"])
    [feature] = geo["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.2975, 49.2014]}
    assert feature["properties"] == {"id": "colombelles", "label": "Colombelles", "kind": "commune", "insee": "14167", "url": "/territoires/colombelles/", "entries": 2}


def test_schemas_come_from_the_models(repo: Path) -> None:
    files = exports(repo, "https://exemple.org/")
    schema = json.loads(files["schemas/fiches.schema.json"])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://exemple.org/donnees/schemas/fiches.schema.json"
    assert schema["additionalProperties"] is False
    assert {"title", "description", "authors", "date", "themes", "kind"} <= set(schema["required"])
    assert {"schemas/monographies.schema.json", "schemas/recits.schema.json", "schemas/grilles.schema.json"} <= set(files)


def test_datapackage_describes_the_files(repo: Path) -> None:
    package = json.loads(exports(repo)["datapackage.json"])
    paths = [r["path"] for r in package["resources"]]
    assert paths == ["catalogue.csv", "territoires.geojson"]
    header = exports(repo)["catalogue.csv"].decode("utf-8").splitlines()[0].split(",")
    assert [f["name"] for f in package["resources"][0]["schema"]["fields"]] == header


def test_write_exports(repo: Path, tmp_path: Path) -> None:
    written = write_exports(check(repo).catalogue, tmp_path / "out")
    assert (tmp_path / "out" / "schemas" / "grilles.schema.json") in written
    assert len(written) == 8
