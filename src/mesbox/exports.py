"""Open-data exports of the published catalogue (contract §7), written by every build and by `mesbox export`.

`catalogue.json` is an object: `{"generated_by", "licence_note", "entries": [...]}`; each entry
carries its own `licence`. Drafts appear nowhere. Output is deterministic for a given catalogue.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .models import COLLECTION_MODELS, FicheMeta, GridMeta, MonographMeta, StoryMeta, TerritoryTerm
from .render.urls import absolute
from .structure import COLLECTIONS, Entry

COMMON_FIELDS = ("id", "collection", "title", "description", "url", "themes", "methods", "territories", "actors",
                 "authors", "date", "updated", "licence", "related", "cited_by")
CSV_EXTRA = ("kind", "number", "audiences", "initiative", "grid", "format", "media")
LIST_FIELDS = {"themes", "methods", "territories", "actors", "authors", "related", "cited_by", "audiences"}


def entry_record(entry: Entry, catalogue: Catalogue, site_url: str) -> dict[str, Any]:
    """One entry as plain JSON data: the common fields, then its collection's own."""
    meta = entry.meta
    record: dict[str, Any] = {
        "id": entry.id,
        "collection": entry.collection.id,
        "title": meta.title,
        "description": meta.description,
        "url": absolute(site_url, entry.url),
        "themes": list(meta.themes),
        "methods": list(meta.methods),
        "territories": list(meta.territories),
        "actors": list(meta.actors),
        "authors": list(meta.authors),
        "date": meta.date.isoformat(),
        "updated": meta.updated.isoformat() if meta.updated else None,
        "licence": meta.licence,
        "related": [ref for ref in meta.related if ref in catalogue.entries],
        "cited_by": sorted(e.id for e in catalogue.cited_by.get(entry.id, [])),
    }
    if isinstance(meta, FicheMeta):
        record.update(kind=meta.kind, number=meta.number, audiences=list(meta.audiences))
    elif isinstance(meta, MonographMeta):
        visit = meta.visit.model_dump(mode="json") if meta.visit else None
        record.update(initiative=meta.initiative, grid=meta.grid, visit=visit, dimensions=dict(meta.dimensions))
    elif isinstance(meta, StoryMeta):
        record.update(format=meta.format, media=meta.media, voices=list(meta.voices))
    elif isinstance(meta, GridMeta):
        record.update(dimensions=[d.model_dump(mode="json") for d in meta.dimensions], adapted_from=meta.adapted_from)
    return record


def _published(catalogue: Catalogue) -> list[Entry]:
    order = list(COLLECTIONS)
    return sorted(catalogue.entries.values(), key=lambda e: (order.index(e.collection.id), e.id))


def catalogue_json(records: list[dict[str, Any]]) -> bytes:
    payload = {
        "generated_by": "mesbox",
        "licence_note": "Chaque entrée est réutilisable sous la licence indiquée dans son champ « licence ».",
        "entries": records,
    }
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def catalogue_csv(records: list[dict[str, Any]]) -> bytes:
    """One row an entry, lists joined with `;`, RFC 4180 quoting, UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = (*COMMON_FIELDS, *CSV_EXTRA)
    writer.writerow(columns)
    for record in records:
        row = []
        for column in columns:
            value = record.get(column)
            if column in LIST_FIELDS:
                value = ";".join(value or [])
            row.append("" if value is None else value)
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def territories_geojson(catalogue: Catalogue, site_url: str) -> bytes:
    """One Point per territory with coordinates; `entries` counts its own and its descendants' entries."""
    features = []
    for term in catalogue.terms["territories"].values():
        data = term.term
        if not isinstance(data, TerritoryTerm) or data.lat is None or data.lon is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [data.lon, data.lat]},
            "properties": {
                "id": term.id,
                "label": term.label,
                "kind": data.kind,
                "insee": data.insee,
                "url": absolute(site_url, term.url),
                "entries": len(catalogue.entries_for_term("territories", term.id)),
            },
        })
    features.sort(key=lambda f: f["properties"]["id"])
    return (json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def collection_schema(collection_id: str, site_url: str) -> bytes:
    """JSON Schema (draft 2020-12) of a collection's front-matter, from the model that validates it."""
    schema = COLLECTION_MODELS[collection_id].model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(site_url, f"donnees/schemas/{collection_id}.schema.json"),
        **schema,
        "title": f"En-tête d'une entrée « {COLLECTIONS[collection_id].singular} »",
    }
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def datapackage(site_url: str) -> bytes:
    """A Frictionless Data package describing the CSV and the GeoJSON."""
    fields = [{"name": name, "type": "date" if name in ("date", "updated") else "string"} for name in (*COMMON_FIELDS, *CSV_EXTRA)]
    for field in fields:
        if field["name"] in LIST_FIELDS:
            field["description"] = "Liste d'identifiants ou de noms séparés par « ; »"
    package = {
        "name": "mesbox-catalogue",
        "title": "Boîte à outils du Mouvement pour l'Économie Solidaire : catalogue",
        "description": "Les entrées publiées de la boîte à outils (fiches, monographies, récits de territoire, grilles) et les territoires qu'elles concernent.",
        "homepage": site_url or None,
        "licenses": [{"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/", "title": "Licence par défaut ; chaque entrée indique la sienne"}],
        "resources": [
            {"name": "catalogue", "path": "catalogue.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": fields, "primaryKey": ["id"]}},
            {"name": "territoires", "path": "territoires.geojson", "format": "geojson", "mediatype": "application/geo+json", "encoding": "utf-8"},
        ],
    }
    package = {k: v for k, v in package.items() if v is not None}
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_files(catalogue: Catalogue, site_url: str = "") -> dict[str, bytes]:
    """Every export, as relative path → bytes, computed in memory."""
    records = [entry_record(entry, catalogue, site_url) for entry in _published(catalogue)]
    result = {
        "catalogue.json": catalogue_json(records),
        "catalogue.csv": catalogue_csv(records),
        "territoires.geojson": territories_geojson(catalogue, site_url),
        "datapackage.json": datapackage(site_url),
    }
    for collection_id in COLLECTIONS:
        result[f"schemas/{collection_id}.schema.json"] = collection_schema(collection_id, site_url)
    return result


def write_exports(catalogue: Catalogue, out_dir: Path, site_url: str = "") -> list[Path]:
    written = []
    for rel, data in export_files(catalogue, site_url).items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
