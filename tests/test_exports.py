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
from mesbox.publishing.exports import COMMON_FIELDS, CSV_EXTRA, column_doc, csv_row, export_files, write_exports

SITE = "https://exemple.org/"
# Sorted by collection (fiches, monographies, recits, grilles, parcours), then id.
PUBLISHED = ["initiative-solidaire", "organiser-une-visite", "visite-colombelles", "recit-plateau", "grille-commune", "preparer-une-visite"]
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
    "fiches": ["fiches/initiative-solidaire.md", "fiches/methodes/organiser-une-visite.md", "fiches/brouillon.md"],
    "monographies": ["monographies/visite-colombelles.md"],
    "recits": ["content/recits/recit-plateau.md"],
    "grilles": ["grids/grille-commune.md"],
    "parcours": ["parcours/preparer-une-visite.md"],
}


def exports(valid_repo: Path, site_url: str = "") -> dict[str, bytes]:
    return export_files(check(valid_repo).catalogue, site_url)


def entries_json(files: dict[str, bytes]) -> list[dict[str, Any]]:
    return json.loads(files["catalogue.json"])["entries"]


def csv_rows(files: dict[str, bytes]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files["catalogue.csv"].decode("utf-8"), newline="")))


def front_matters(valid_repo: Path) -> dict[str, dict[str, Any]]:
    """Each entry's front-matter (drafts too) as parsed by the checker, turned into JSON data (dates as ISO strings)."""
    catalogue = check(valid_repo).catalogue
    return {
        entry.path: json.loads(json.dumps(entry.data.value, default=lambda v: v.isoformat() if isinstance(v, datetime.date) else str(v)))
        for entry in [*catalogue.entries.values(), *catalogue.drafts.values()]
    }


def front_matter(valid_repo: Path, rel: str) -> dict[str, Any]:
    return front_matters(valid_repo)[rel]


# --- catalogue.json ---------------------------------------------------------------------------


def test_every_file_is_written(valid_repo: Path) -> None:
    assert set(exports(valid_repo)) == FILES


def test_a_path_keeps_its_steps_in_json_and_their_entries_in_csv(valid_repo: Path) -> None:
    files = exports(valid_repo, SITE)
    path = next(e for e in json.loads(files["catalogue.json"])["entries"] if e["id"] == "preparer-une-visite")
    assert [step["entry"] for step in path["steps"]] == ["initiative-solidaire", "organiser-une-visite"]
    assert path["steps"][1] == {
        "entry": "organiser-une-visite",
        "instruction": "Préparer les questions de la visite avec la grille",
        "duration": 70,
    }
    row = next(r for r in csv.DictReader(io.StringIO(files["catalogue.csv"].decode("utf-8"))) if r["id"] == "preparer-une-visite")
    assert row["steps"] == "initiative-solidaire;organiser-une-visite" and row["audiences"] == "citoyens"


def test_catalogue_json_shape_and_order(valid_repo: Path) -> None:
    data = json.loads(exports(valid_repo, SITE)["catalogue.json"])
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


def test_catalogue_json_values(valid_repo: Path) -> None:
    entries = {e["id"]: e for e in entries_json(exports(valid_repo, SITE))}
    fiche = entries["initiative-solidaire"]
    assert fiche["url"] == "https://exemple.org/fiches/initiative-solidaire/"
    assert fiche["kind"] == "thematique" and fiche["number"] == "2.1" and fiche["audiences"] == ["elus", "citoyens"]
    assert fiche["cited_by"] == ["organiser-une-visite", "visite-colombelles"]  # the path's steps are not citations
    assert fiche["licence"] == "CC-BY-SA-4.0" and fiche["date"] == "2026-01-15" and fiche["updated"] is None
    method = entries["organiser-une-visite"]
    assert method["licence"] == "CC-BY-4.0" and method["updated"] == "2026-03-01"
    assert method["cited_by"] == ["initiative-solidaire"]  # through a [[organiser-une-visite|…]] link in the body
    mono = entries["visite-colombelles"]
    assert mono["grid"] == "grille-commune" and list(mono["dimensions"]) == ["cooperation"]  # one of the grid's two
    assert mono["visit"] == {"start": "2022-03-01", "end": "2022-03-02", "participants": 12} and mono["related"] == ["initiative-solidaire"]
    grid = entries["grille-commune"]
    assert [d["id"] for d in grid["dimensions"]] == ["gouvernance", "cooperation"]
    assert grid["dimensions"][0]["questions"] == ["Qui décide, et comment ?"] and grid["adapted_from"] is None
    assert entries["recit-plateau"]["format"] == "texte" and entries["recit-plateau"]["media"] is None


def test_period_is_exported_as_written_and_checked_by_the_schema(valid_repo: Path) -> None:
    replace(valid_repo, "fiches/methodes/organiser-une-visite.md", "kind: methode", "kind: methode\nperiod: 2017-11-29")
    files = exports(valid_repo)
    assert {e["id"]: e["period"] for e in entries_json(files)} == {
        e: ("2017-11-29" if e == "organiser-une-visite" else None) for e in PUBLISHED
    }
    assert {r["id"]: r["period"] for r in csv_rows(files)}["organiser-une-visite"] == "2017-11-29"
    column = next(f for f in json.loads(files["datapackage.json"])["resources"][0]["schema"]["fields"] if f["name"] == "period")
    assert column["title"] == "Période couverte"
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(files["schemas/fiches.schema.json"]))
    data = front_matter(valid_repo, "fiches/initiative-solidaire.md")
    assert list(validator.iter_errors({**data, "period": "2021-04/2022-03"})) == []
    assert list(validator.iter_errors({**data, "period": "29/11/2017"}))


def test_urls_are_site_relative_without_site_url(valid_repo: Path) -> None:
    files = exports(valid_repo)
    assert entries_json(files)[0]["url"] == "/fiches/initiative-solidaire/"
    assert csv_rows(files)[0]["url"] == "/fiches/initiative-solidaire/"


def test_json_keeps_accents(valid_repo: Path) -> None:
    raw = exports(valid_repo)["catalogue.json"].decode("utf-8")
    assert "Équipe éditoriale" in raw and "\\u00c9" not in raw


def test_drafts_appear_nowhere(valid_repo: Path) -> None:
    # The draft also names a territory and a licence of its own: neither its id, its title nor its licence may leak.
    replace(valid_repo, "fiches/brouillon.md", "draft: true", "licence: CC0-1.0\ndraft: true")
    files = exports(valid_repo, SITE)
    for name in ("catalogue.json", "catalogue.csv", "territoires.geojson"):
        assert b"brouillon" not in files[name] and b"CC0-1.0" not in files[name], name
    for name, content in files.items():
        assert "Une fiche en préparation".encode() not in content, name
    assert len(entries_json(files)) == len(csv_rows(files)) == len(PUBLISHED)
    colombelles = next(f for f in json.loads(files["territoires.geojson"])["features"] if f["properties"]["id"] == "colombelles")
    assert colombelles["properties"]["entries"] == 2  # the monograph and the story (Le Plateau), not the draft
    assert "CC0-1.0" not in [licence["name"] for licence in json.loads(files["datapackage.json"])["licenses"]]


def exports_digest_in_a_new_process(valid_repo: Path, hash_seed: str) -> str:
    """The exports' digest computed by a fresh interpreter: set and dict orders that depend on string
    hashing change with PYTHONHASHSEED, so two processes with two seeds catch them."""
    code = (
        "import hashlib, sys; from pathlib import Path; from mesbox.checking.checker import check; "
        "from mesbox.publishing.exports import export_files; "
        "files = export_files(check(Path(sys.argv[1])).catalogue, sys.argv[2]); "
        "print(hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, "-c", code, str(valid_repo), SITE], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_exports_are_the_same_bytes_in_every_process(valid_repo: Path) -> None:
    here = hashlib.sha256(repr(sorted(exports(valid_repo, SITE).items())).encode()).hexdigest()
    assert exports_digest_in_a_new_process(valid_repo, "1") == exports_digest_in_a_new_process(valid_repo, "2") == here


def test_a_reference_to_a_draft_is_not_exported(valid_repo: Path) -> None:
    """With errors, the export is still written; a published entry pointing at a draft does not leak its id."""
    replace(
        valid_repo, "monographies/visite-colombelles.md", "related: [initiative-solidaire]", "related: [initiative-solidaire, brouillon]"
    )
    assert any(issue.code == "E105" for issue in check(valid_repo).issues)
    files = exports(valid_repo)
    assert b"brouillon" not in files["catalogue.json"] and b"brouillon" not in files["catalogue.csv"]


# --- catalogue.csv ----------------------------------------------------------------------------


def test_csv_rows_and_lists(valid_repo: Path) -> None:
    files = exports(valid_repo)
    raw = files["catalogue.csv"]
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == len(PUBLISHED) + 1 and b"\n" not in raw.replace(b"\r\n", b"")
    rows = csv_rows(files)
    assert [r["id"] for r in rows] == PUBLISHED
    row = rows[0]
    assert row["themes"] == "economie-solidaire;cooperation" and row["audiences"] == "elus;citoyens"
    assert row["authors"] == "Communauté apprenante du MES" and row["updated"] == "" and row["methods"] == ""
    mono = next(r for r in rows if r["id"] == "visite-colombelles")
    assert mono["themes"] == "cooperation;emploi" and mono["grid"] == "grille-commune" and mono["kind"] == ""


def test_csv_round_trips_hostile_text(valid_repo: Path) -> None:
    hostile = 'Virgule, "guillemets" ; point-virgule\net retour à la ligne'
    replace(
        valid_repo,
        "fiches/initiative-solidaire.md",
        "description: Les traits communs des initiatives d'économie solidaire sur un territoire.",
        "description: " + json.dumps(hostile, ensure_ascii=False),
    )
    files = exports(valid_repo)
    assert check(valid_repo).ok
    row = next(r for r in csv_rows(files) if r["id"] == "initiative-solidaire")
    assert row["description"] == hostile
    assert next(e for e in entries_json(files) if e["id"] == "initiative-solidaire")["description"] == hostile
    assert len(csv_rows(files)) == len(PUBLISHED)


def test_spreadsheet_csv_has_the_same_cells_for_a_french_spreadsheet(valid_repo: Path) -> None:
    """BOM, `;` between cells, French column names; otherwise the very cells of catalogue.csv, hostile text included."""
    replace(
        valid_repo,
        "fiches/initiative-solidaire.md",
        "title: Qu'est-ce qu'une initiative solidaire ?",
        'title: "Virgule, ; point-virgule et « guillemets »"',
    )
    files = exports(valid_repo)
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
def test_csv_neutralises_formulas_json_keeps_them(valid_repo: Path, start: str) -> None:
    """A title a spreadsheet would run (`=HYPERLINK(…)`) starts with an apostrophe in the CSV only."""
    title = f'{start}HYPERLINK("https://exemple.org/?"&A1;"clic")'
    replace(valid_repo, "fiches/initiative-solidaire.md", "title: Qu'est-ce qu'une initiative solidaire ?", "title: " + json.dumps(title))
    replace(
        valid_repo,
        "fiches/initiative-solidaire.md",
        "  - Communauté apprenante du MES",
        "  - '@équipe'\n  - Communauté apprenante du MES\n  - '=réseau'",
    )
    assert check(valid_repo).ok
    files = exports(valid_repo)
    row = next(r for r in csv_rows(files) if r["id"] == "initiative-solidaire")
    assert row["title"] == "'" + title
    assert row["authors"] == "'@équipe;Communauté apprenante du MES;'=réseau"  # each item, as `;` may split cells
    assert all(not value.startswith(("=", "+", "-", "@")) for r in csv_rows(files) for value in r.values())
    spreadsheet = list(csv.reader(io.StringIO(files["catalogue-tableur.csv"].decode("utf-8-sig"), newline=""), delimiter=";"))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in spreadsheet for cell in row)
    record = next(e for e in entries_json(files) if e["id"] == "initiative-solidaire")
    assert (record["title"], record["authors"]) == (title, ["@équipe", "Communauté apprenante du MES", "=réseau"])


def test_a_semicolon_inside_a_list_item_never_splits_it_in_the_csv() -> None:
    """Second layer behind the check's E102: an author holding the CSV's list separator stays one author."""
    row = csv_row({"id": "x", "authors": ["Dupont; Martin", "Équipe"]})
    assert row["authors"].split(";") == ["Dupont, Martin", "Équipe"]


def test_csv_flattens_the_visit(valid_repo: Path) -> None:
    """Three cells for the monograph's visit; empty cells (and `null` in JSON) once the visit is taken out."""
    row = next(r for r in csv_rows(exports(valid_repo)) if r["id"] == "visite-colombelles")
    assert (row["visit_start"], row["visit_end"], row["visit_participants"]) == ("2022-03-01", "2022-03-02", "12")
    replace(valid_repo, "monographies/visite-colombelles.md", "visit:\n  start: 2022-03-01\n  end: 2022-03-02\n  participants: 12\n", "")
    files = exports(valid_repo)
    row = next(r for r in csv_rows(files) if r["id"] == "visite-colombelles")
    assert (row["visit_start"], row["visit_end"], row["visit_participants"]) == ("", "", "")
    assert next(e for e in entries_json(files) if e["id"] == "visite-colombelles")["visit"] is None


# --- territoires.geojson ----------------------------------------------------------------------


def test_geojson_point_and_properties(valid_repo: Path) -> None:
    geo = json.loads(exports(valid_repo, SITE)["territoires.geojson"])
    assert geo["type"] == "FeatureCollection"
    # The region and the département have no coordinates: the two communes and the quartier have.
    assert [f["properties"]["id"] for f in geo["features"]] == ["caen", "colombelles", "plateau"]
    feature = geo["features"][1]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.2975, 49.2014]}
    assert feature["properties"] == {
        "id": "colombelles",
        "label": "Colombelles",
        "kind": "commune",
        "insee": "14167",
        "url": "https://exemple.org/territoires/colombelles/",
        "entries": 2,  # the monograph, and the story of Le Plateau, a quartier of Colombelles
    }


def test_geojson_counts_include_descendants_not_drafts(valid_repo: Path) -> None:
    replace(valid_repo, "taxonomies/territories.yml", 'insee: "28"', 'insee: "28"\n  lat: 49.12\n  lon: 0.11')
    replace(valid_repo, "taxonomies/territories.yml", 'insee: "14"', 'insee: "14"\n  lat: 49.09\n  lon: -0.36')
    assert check(valid_repo).ok
    geo = json.loads(exports(valid_repo)["territoires.geojson"])
    counts = {f["properties"]["id"]: f["properties"]["entries"] for f in geo["features"]}
    # normandie: the fiche on the region itself + the monograph on Colombelles (commune of the Calvados) and the
    # story on Le Plateau (quartier of Colombelles); the draft, on Colombelles too, counts nowhere.
    assert counts == {"caen": 0, "calvados": 2, "colombelles": 2, "normandie": 3, "plateau": 1}
    assert [f["properties"]["id"] for f in geo["features"]] == ["caen", "calvados", "colombelles", "normandie", "plateau"]
    assert next(f for f in geo["features"] if f["properties"]["id"] == "calvados")["properties"]["kind"] == "departement"


def test_geojson_keeps_unused_territories(valid_repo: Path) -> None:
    """Caen has coordinates and no entry."""
    geo = json.loads(exports(valid_repo)["territoires.geojson"])
    caen = next(f for f in geo["features"] if f["properties"]["id"] == "caen")
    assert caen["properties"]["entries"] == 0


# --- schemas ----------------------------------------------------------------------------------


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_schema_structure(valid_repo: Path, collection: str) -> None:
    schema = json.loads(exports(valid_repo, SITE)[f"schemas/{collection}.schema.json"])
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


def test_schema_requirements_per_collection(valid_repo: Path) -> None:
    files = exports(valid_repo)
    required = {c: set(json.loads(files[f"schemas/{c}.schema.json"])["required"]) for c in COLLECTIONS}
    assert {"themes", "kind"} <= required["fiches"]
    assert {"themes", "initiative", "territories", "actors"} <= required["monographies"]
    assert {"themes", "format", "territories"} <= required["recits"]
    assert "dimensions" in required["grilles"] and "themes" not in required["grilles"]
    assert json.loads(files["schemas/fiches.schema.json"])["$id"] == "/donnees/schemas/fiches.schema.json"


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_schema_validates_the_front_matter_the_model_accepts(valid_repo: Path, collection: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(exports(valid_repo)[f"schemas/{collection}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    found = front_matters(valid_repo)
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
def test_schema_refuses_what_the_model_refuses(valid_repo: Path, change: str, value: Any) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(exports(valid_repo)["schemas/fiches.schema.json"])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data = {**front_matter(valid_repo, "fiches/initiative-solidaire.md"), change: value}
    assert list(validator.iter_errors(data)), change
    with pytest.raises(ValueError):
        COLLECTIONS["fiches"].model.model_validate(data)


def test_schema_of_grids_checks_dimension_ids(valid_repo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(exports(valid_repo)["schemas/grilles.schema.json"])
    data = front_matter(valid_repo, "grids/grille-commune.md")
    data["dimensions"][0]["id"] = "Gouvernance partagée"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))


# --- datapackage.json -------------------------------------------------------------------------


def test_datapackage_describes_the_files(valid_repo: Path) -> None:
    files = exports(valid_repo, SITE)
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


def test_datapackage_is_valid_frictionless(valid_repo: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "donnees"
    write_exports(check(valid_repo).catalogue, out, SITE)
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


# --- writing and the command line -------------------------------------------------------------


def test_write_exports(valid_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    catalogue = check(valid_repo).catalogue
    written = write_exports(catalogue, out)
    assert {p.relative_to(out).as_posix() for p in written} == FILES
    for path in written:
        assert path.read_bytes() == export_files(catalogue)[path.relative_to(out).as_posix()]
    assert write_exports(catalogue, out) == written  # overwrites in place


def test_cli_export_repo(valid_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "donnees"
    assert main(["export", "--root", str(valid_repo), "--out", str(out), "--site-url", SITE]) == 0
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == FILES
    entries = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["entries"]
    assert [e["id"] for e in entries] == PUBLISHED
    assert entries[0]["url"] == "https://exemple.org/fiches/initiative-solidaire/"
    assert f"{len(FILES)} fichiers écrits" in capsys.readouterr().out


def test_cli_export_with_errors_exits_1_and_keeps_valid_entries(
    valid_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(valid_repo, "fiches/cassee.md", "---\ntitle: Une fiche cassée\ndescription: trop court\n---\nCorps.\n")
    out = tmp_path / "donnees"
    assert main(["export", "--root", str(valid_repo), "--out", str(out)]) == 1
    assert "fiches/cassee.md" in capsys.readouterr().err
    ids = [e["id"] for e in json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["entries"]]
    assert ids == PUBLISHED
    rows = list(csv.DictReader(io.StringIO((out / "catalogue.csv").read_text(encoding="utf-8"), newline="")))
    assert [r["id"] for r in rows] == PUBLISHED


def test_catalogue_json_writes_one_entry_per_line(valid_repo: Path) -> None:
    text = export_files(check(valid_repo).catalogue, SITE)["catalogue.json"].decode("utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    assert [json.loads(line.strip().rstrip(",")) for line in lines[4:-2]] == data["entries"]
    assert [entry["id"] for entry in data["entries"]] == PUBLISHED and lines[3] == '  "entries": [' and lines[-2:] == ["  ]", "}"]
