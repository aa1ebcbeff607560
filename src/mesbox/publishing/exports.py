"""Open-data exports of the published catalogue (docs/contrat.md §7), written by every build and by `mesbox export`.

Files, relative to the export folder (`donnees/` on the site):

- `catalogue.json`: an object `{"generated_by": "mesbox", "licence_note": "…", "entries": [...]}`.
  `entries` holds one object per published entry, sorted by collection (fiches, monographies,
  recits, grilles) then id, with the keys `id, collection, title, description, url, themes,
  methods, territories, actors, authors, date, updated, period, licence, related, cited_by`, then the
  collection's own keys (fiches: `kind, number, audiences`; monographies: `initiative, grid, visit,
  dimensions`; recits: `format, media, voices`; grilles: `dimensions, adapted_from`). Dates are
  ISO `YYYY-MM-DD`, an absent value is `null`, lists are JSON arrays. This is the lossless form.
- `catalogue.csv`: the same entries in the same order, one row each, the common columns then a
  few flat collection-specific ones (`CSV_EXTRA`); lists joined with `;`, empty cell for an absent
  value; UTF-8 without BOM, RFC 4180 quoting, CRLF line ends.
- `catalogue-tableur.csv`: the same cells for people with a spreadsheet: columns named in French,
  separated by `;` (what a French spreadsheet expects), every cell quoted (so that a spreadsheet
  that also splits on commas keeps them), UTF-8 with a byte order mark (so that accents are read
  as UTF-8), CRLF line ends.
- `territoires.geojson`: one Point per territory that has coordinates, sorted by id.
- `datapackage.json`: a Frictionless Data package describing the CSV, the JSON and the GeoJSON.
- `schemas/<collection>.schema.json`: JSON Schema (draft 2020-12) of each collection's
  front-matter, generated from the pydantic model that validates it.

`url` is absolute when the site's address is given, else site-relative (`/fiches/x/`).
Drafts appear nowhere. Output is deterministic for a given catalogue and site address.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, ClassVar

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.ids import ID_RE
from mesbox.contract.registry import COLLECTIONS, PLACES, TAXONOMIES, Column
from mesbox.contract.schemas import EntryMeta, TerritoryTerm
from mesbox.contract.schemas.fields import DEFAULT_LICENCE, JSON_SCHEMA_RULES, OPEN_LICENCES
from mesbox.reading.documents import Entry
from mesbox.rendering.licences import LICENCES
from mesbox.rendering.urls import absolute

COMMON_FIELDS = (
    "id",
    "collection",
    "title",
    "description",
    "url",
    *(taxonomy.key for taxonomy in TAXONOMIES.values()),
    "authors",
    "date",
    "updated",
    "period",
    "licence",
    "related",
    "cited_by",
)
# Each collection's own columns (registry), in collection order, once each.
_OWN_COLUMNS: dict[str, Column] = {}
for _collection in COLLECTIONS.values():
    for _column in _collection.csv_columns:
        _OWN_COLUMNS.setdefault(_column.name, _column)
CSV_EXTRA = tuple(_OWN_COLUMNS)
LIST_FIELDS = (
    {t.key for t in TAXONOMIES.values()} | {"authors", "related", "cited_by"} | {c.name for c in _OWN_COLUMNS.values() if c.is_list}
)
LIST_SEPARATOR = ";"

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
LICENCE_NOTE = (
    "Chaque entrée est réutilisable sous la licence indiquée dans son champ « licence » "
    "(CC-BY-SA-4.0 quand l'auteur n'en a pas choisi d'autre) ; citez ses auteurs et son adresse."
)

# French labels and descriptions of the CSV columns (Frictionless table schema).
_COLUMN_DOCS: dict[str, tuple[str, str]] = {
    "id": ("Identifiant", "Identifiant unique de l'entrée, toutes collections confondues (nom du fichier sans .md)."),
    "collection": ("Collection", ", ".join(list(COLLECTIONS)[:-1]) + f" ou {list(COLLECTIONS)[-1]}."),
    "title": ("Titre", "Titre de l'entrée."),
    "description": ("Description", "Résumé en une ou deux phrases."),
    "url": ("Adresse", "Adresse de la page de l'entrée sur le site."),
    **{
        t.key: (
            t.plural,
            f"Identifiants des {t.plural.lower()} " + ("(voir territoires.geojson)." if t.places else f"(vocabulaire « {t.plural} »)."),
        )
        for t in TAXONOMIES.values()
    },
    "authors": ("Auteurs", "Personnes ou collectifs auteurs."),
    "date": ("Date de publication", "Date de première publication."),
    "updated": ("Date de mise à jour", "Date de la dernière mise à jour, si l'entrée a été mise à jour."),
    "period": (
        "Période couverte",
        (
            "Date ou période de ce que l'entrée rapporte (rencontre, visite, document source), distincte de sa publication : "
            "AAAA, AAAA-MM ou AAAA-MM-JJ, ou un intervalle début/fin (ISO 8601)."
        ),
    ),
    "licence": ("Licence", "Identifiant SPDX de la licence ouverte de l'entrée."),
    "related": ("Voir aussi", "Identifiants des entrées liées par l'auteur."),
    "cited_by": ("Cité par", "Identifiants des entrées publiées qui citent celle-ci."),
}


# --- catalogue.json and catalogue.csv ---------------------------------------------------------


def entry_record(entry: Entry, catalogue: Catalogue, site_url: str) -> dict[str, Any]:
    """One entry as plain JSON data: the common fields, then its collection's own."""
    meta = entry.meta
    record: dict[str, Any] = {
        "id": entry.id,
        "collection": entry.collection.id,
        "title": meta.title,
        "description": meta.description,
        "url": absolute(site_url, entry.url),
        **{taxonomy.key: list(getattr(meta, taxonomy.key)) for taxonomy in TAXONOMIES.values()},
        "authors": list(meta.authors),
        "date": meta.date.isoformat(),
        "updated": meta.updated.isoformat() if meta.updated else None,
        "period": meta.period,
        "licence": meta.licence,
        "related": [ref for ref in meta.related if ref in catalogue.entries and ref != entry.id],
        "cited_by": sorted(e.id for e in catalogue.cited_by.get(entry.id, [])),
    }
    # Then the collection's own fields, in model order; a declared reference to an entry that is
    # not published is left out (null), like `related`.
    own = meta.model_dump(mode="json", include=set(type(meta).model_fields) - set(EntryMeta.model_fields))
    single = {reference.field for reference in entry.collection.references if reference.item_key is None}
    for name in type(meta).model_fields:
        if name in own:
            value = own[name]
            record[name] = value if name not in single or value in catalogue.entries else None
    return record


def published_entries(catalogue: Catalogue) -> list[Entry]:
    """Published entries in export order: collection (contract order), then id."""
    order = {collection_id: position for position, collection_id in enumerate(COLLECTIONS)}
    return sorted(catalogue.entries.values(), key=lambda e: (order[e.collection.id], e.id))


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_COMPACT = json.JSONEncoder(ensure_ascii=False)


def catalogue_json(records: list[dict[str, Any]]) -> bytes:
    """The catalogue with one entry per line: readable and easy to compare, and written by the JSON encoder
    written in C (with `indent`, Python's own takes over: twice as slow on 2 000 entries)."""
    head = _json_bytes({"generated_by": "mesbox", "licence_note": LICENCE_NOTE, "entries": []}).decode("utf-8")
    lines = ",\n    ".join(map(_COMPACT.encode, records))
    return head.replace('"entries": []', f'"entries": [\n    {lines}\n  ]' if records else '"entries": []').encode("utf-8")


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A leading apostrophe makes a spreadsheet show the text as written instead of computing it
    (catalogue.json keeps the value as written)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record flattened to the CSV columns: visit split in three, lists joined with `;` (a `;` inside
    an item written as a comma), text that a spreadsheet would run as a formula neutralised — each list
    item too, as a spreadsheet told to split on `;` would start a cell with it."""
    visit = record.get("visit") or {}
    flat = {**record, "visit_start": visit.get("start"), "visit_end": visit.get("end"), "visit_participants": visit.get("participants")}
    row: dict[str, Any] = {}
    for column in (*COMMON_FIELDS, *CSV_EXTRA):
        value = flat.get(column)
        item_key = _OWN_COLUMNS[column].item_key if column in _OWN_COLUMNS else None
        if item_key and value:
            value = [item[item_key] for item in value]
        if column in LIST_FIELDS:  # an item holding the separator (the check refuses it) is never split in two
            value = LIST_SEPARATOR.join(neutralise(item.replace(LIST_SEPARATOR, ",")) for item in value or [])
        row[column] = "" if value is None else neutralise(value) if isinstance(value, str) else value
    return row


def catalogue_csv(rows: list[dict[str, Any]]) -> bytes:
    """One row an entry (`csv_row`: lists joined with `;`), RFC 4180 quoting (CRLF), UTF-8."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=(*COMMON_FIELDS, *CSV_EXTRA), lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def column_doc(name: str) -> tuple[str, str]:
    """A CSV column's French title and meaning (common columns here, a collection's own in the registry)."""
    return _COLUMN_DOCS[name] if name in _COLUMN_DOCS else (_OWN_COLUMNS[name].title, _OWN_COLUMNS[name].description)


def spreadsheet_csv(rows: list[dict[str, Any]]) -> bytes:
    """`catalogue.csv` for a French spreadsheet (the same `csv_row` rows): French column names, `;`
    between cells, a UTF-8 BOM. Every cell is quoted: LibreOffice's import dialog ticks comma, semicolon
    and tab by default, and an unquoted comma inside a title would split it into two columns."""
    fields = (*COMMON_FIELDS, *CSV_EXTRA)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([column_doc(name)[0] for name in fields])
    writer.writerows([row.get(name, "") for name in fields] for row in rows)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


# --- territoires.geojson ----------------------------------------------------------------------


def territories_geojson(catalogue: Catalogue, site_url: str) -> bytes:
    """One Point per territory with coordinates; `entries` counts its own and its descendants' published entries."""
    features = []
    for term in sorted(catalogue.terms[PLACES.id].values(), key=lambda t: t.id):
        data = term.term
        if not isinstance(data, TerritoryTerm) or data.lat is None or data.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": term.id,
                "geometry": {"type": "Point", "coordinates": [data.lon, data.lat]},
                "properties": {
                    "id": term.id,
                    "label": term.label,
                    "kind": data.kind,
                    "insee": data.insee,
                    "url": absolute(site_url, term.url),
                    "entries": len(catalogue.entries_for_term(PLACES.id, term.id)),
                },
            }
        )
    return _json_bytes({"type": "FeatureCollection", "features": features})


# --- schemas/<collection>.schema.json ---------------------------------------------------------


class ContractSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema, plus what the models' own validators check, where JSON Schema can say it.

    The rules live in functions of `schemas/fields.py` (`_licence`, `_id`, `_unique`…), each with its JSON Schema
    form beside it (`JSON_SCHEMA_RULES`); the schema learns them from those same functions, so a field that loses
    or gains a validator changes the schema with it.
    """

    _RULES: ClassVar[dict[Any, dict[str, Any]]] = JSON_SCHEMA_RULES

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        json_schema = super().function_after_schema(schema)
        rule = self._RULES.get(schema.get("function", {}).get("function"))
        if rule and "$ref" not in json_schema:
            json_schema = {**json_schema, **rule}
        return json_schema


def schema_url(collection_id: str, site_url: str) -> str:
    return absolute(site_url, f"donnees/schemas/{collection_id}.schema.json")


def collection_schema(collection_id: str, site_url: str) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a collection's front-matter, from the model that validates it."""
    generated = COLLECTIONS[collection_id].model.model_json_schema(schema_generator=ContractSchema)
    generated.pop("title", None)
    generated.pop("description", None)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_url(collection_id, site_url),
        "title": f"En-tête d'une entrée « {COLLECTIONS[collection_id].singular} » de la boîte à outils du MES",
        "description": COLLECTIONS[collection_id].description,
        **generated,
    }


# --- datapackage.json -------------------------------------------------------------------------


def _table_schema(site_url: str) -> dict[str, Any]:
    """Frictionless table schema of catalogue.csv: types and constraints of every column, in order."""
    types = {"date": "date", "updated": "date"} | {c.name: c.type for c in _OWN_COLUMNS.values()}
    constraints: dict[str, dict[str, Any]] = {
        "id": {"required": True, "unique": True, "pattern": ID_RE.pattern.strip("^$")},
        "collection": {"required": True, "enum": list(COLLECTIONS)},
        "title": {"required": True},
        "description": {"required": True},
        "url": {"required": True, "unique": True},
        "authors": {"required": True},
        "date": {"required": True},
        "licence": {"required": True, "enum": list(OPEN_LICENCES)},
    }
    for collection in COLLECTIONS.values():
        for column in collection.csv_columns:
            allowed = collection.labels.get(column.name)
            rule = {**column.constraints, **({"enum": list(allowed)} if allowed and not column.is_list else {})}
            if rule:
                constraints[column.name] = rule
    fields = []
    for name in (*COMMON_FIELDS, *CSV_EXTRA):
        title, description = column_doc(name)
        field: dict[str, Any] = {"name": name, "title": title, "description": description, "type": types.get(name, "string")}
        if name in LIST_FIELDS:
            field["description"] += " Liste séparée par « ; » (la forme sans perte est catalogue.json)."
            allowed = next((c.labels[name] for c in COLLECTIONS.values() if name in c.labels), None)
            if allowed:
                field["description"] += " Valeurs : " + ", ".join(allowed) + "."
        if name == "media" or (name == "url" and site_url):
            field["format"] = "uri"
        if name in constraints:
            field["constraints"] = constraints[name]
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


def _licences_in_use(catalogue: Catalogue) -> list[dict[str, str]]:
    used = {entry.meta.licence for entry in catalogue.entries.values()} or {DEFAULT_LICENCE}
    return [{"name": info.id, "path": info.url, "title": info.name} for info in LICENCES.values() if info.id in used]


def datapackage(catalogue: Catalogue, site_url: str) -> bytes:
    """A Frictionless Data package describing the data files: the CSV (with its table schema), the JSON and the GeoJSON.

    The front-matter schemas are named in the description, not listed as resources: Frictionless
    tools take a `*.schema.json` resource for a table schema and report it invalid.
    """
    json_shape = (
        "Objet JSON {generated_by, licence_note, entries} ; entries est la liste des entrées publiées, "
        "triées par collection puis identifiant, avec les colonnes du CSV sous forme de listes JSON, "
        "plus visit (monographies) et dimensions (monographies : synthèse par dimension ; grilles : "
        "dimensions avec leurs questions)."
    )
    resources: list[dict[str, Any]] = [
        {
            "name": "catalogue",
            "title": "Catalogue des entrées publiées (CSV)",
            "path": "catalogue.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
            "schema": _table_schema(site_url),
        },
        {
            "name": "catalogue-json",
            "title": "Catalogue des entrées publiées (JSON)",
            "path": "catalogue.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "description": json_shape,
        },
        {
            "name": "territoires",
            "title": "Territoires (points)",
            "path": "territoires.geojson",
            "format": "geojson",
            "mediatype": "application/geo+json",
            "encoding": "utf-8",
            "description": "Un point (WGS84) par territoire qui a des coordonnées : id, label, kind, insee (code officiel géographique, "
            "ou SIREN pour une intercommunalité), url, entries (nombre d'entrées publiées qui concernent le territoire "
            "ou un territoire qu'il contient).",
        },
    ]
    package: dict[str, Any] = {
        "name": "mesbox-catalogue",
        "title": "Boîte à outils du Mouvement pour l'Économie Solidaire : catalogue des entrées publiées",
        "description": (
            f"Les entrées publiées de la boîte à outils ({', '.join(c.plural.lower() for c in COLLECTIONS.values())}) "
            "et les territoires qu'elles concernent. Les brouillons n'y figurent pas. Le schéma JSON "
            "(draft 2020-12) de l'en-tête de chaque collection est publié à côté, dans schemas/<collection>.schema.json. " + LICENCE_NOTE
        ),
        "licenses": _licences_in_use(catalogue),
        "keywords": ["économie sociale et solidaire", "coopération territoriale", "commun numérique"],
        "resources": resources,
    }
    if site_url:
        package["homepage"] = site_url
        package["id"] = absolute(site_url, "donnees/datapackage.json")
    return _json_bytes(package)


# --- all together -----------------------------------------------------------------------------


def export_files(catalogue: Catalogue, site_url: str = "") -> dict[str, bytes]:
    """Every export, as path relative to the export folder → bytes, computed in memory."""
    records = [entry_record(entry, catalogue, site_url) for entry in published_entries(catalogue)]
    rows = [csv_row(record) for record in records]  # flattened once for both CSV files
    files = {
        "catalogue.json": catalogue_json(records),
        "catalogue.csv": catalogue_csv(rows),
        "catalogue-tableur.csv": spreadsheet_csv(rows),
        "territoires.geojson": territories_geojson(catalogue, site_url),
        "datapackage.json": datapackage(catalogue, site_url),
    }
    for collection_id in COLLECTIONS:
        files[f"schemas/{collection_id}.schema.json"] = _json_bytes(collection_schema(collection_id, site_url))
    return files


def write_exports(catalogue: Catalogue, out_dir: Path, site_url: str = "") -> list[Path]:
    """Write every export under `out_dir` (created if needed); returns the paths written, in a stable order."""
    written = []
    for rel, data in export_files(catalogue, site_url).items():
        target = Path(out_dir) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
