"""schema.org JSON-LD for an entry page, so search engines and harvesters read licence and authors."""

from __future__ import annotations

import json
from typing import Any

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.registry import PLACES, SUBJECTS
from mesbox.reading.documents import Entry
from mesbox.rendering.licences import LICENCES
from mesbox.rendering.urls import absolute


def entry_jsonld(entry: Entry, catalogue: Catalogue, site_url: str) -> dict[str, Any]:
    """Its collection's schema.org type (a LearningResource for sheets) with licence, authors, dates, period covered, themes and places."""
    meta = entry.meta
    kind = entry.collection.jsonld_type
    subjects, places = catalogue.terms[SUBJECTS.id], catalogue.terms[PLACES.id]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": absolute(site_url, entry.url),
        "url": absolute(site_url, entry.url),
        "name": meta.title,
        "description": meta.description,
        "inLanguage": "fr",
        "license": LICENCES[meta.licence].url,
        "author": [{"@type": "Organization" if _collective(a) else "Person", "name": a} for a in meta.authors],
        "datePublished": meta.date.isoformat(),
        "isAccessibleForFree": True,
        "keywords": [subjects[t].label for t in getattr(meta, SUBJECTS.key) if t in subjects],
        "about": [{"@type": "Thing", "name": subjects[t].label} for t in getattr(meta, SUBJECTS.key) if t in subjects],
        "spatialCoverage": [{"@type": "Place", "name": places[t].label} for t in getattr(meta, PLACES.key) if t in places],
        "publisher": {"@type": "Organization", "name": "Mouvement pour l'Économie Solidaire"},
    }
    if meta.updated:
        data["dateModified"] = meta.updated.isoformat()
    if meta.period:
        data["temporalCoverage"] = meta.period
    learning_type = getattr(meta, "kind", None)
    if kind == "LearningResource" and isinstance(learning_type, str):
        data["learningResourceType"] = learning_type
    return {k: v for k, v in data.items() if v not in ([], None)}


def _collective(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in ("équipe", "equipe", "collectif", "communauté", "réseau", "mouvement", "association"))


# One encoder for every page (`json.dumps` with arguments makes a new one per call).
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to place inside a <script> element: no `<`, `>` or `&` can close it."""
    text = _COMPACT_JSON.encode(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
