"""schema.org JSON-LD for an entry page, so search engines and harvesters read licence and authors."""

from __future__ import annotations

import json
from typing import Any

from mesbox.catalogue.catalogue import Catalogue
from mesbox.reading.documents import Entry
from mesbox.rendering.licences import LICENCES
from mesbox.rendering.urls import absolute


def entry_jsonld(entry: Entry, catalogue: Catalogue, site_url: str) -> dict[str, Any]:
    """Its collection's schema.org type (a LearningResource for sheets) with licence, authors, dates, period covered, themes and places."""
    meta = entry.meta
    kind = entry.collection.jsonld_type
    terms = catalogue.terms
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
        "keywords": [terms["themes"][t].label for t in meta.themes if t in terms["themes"]],
        "about": [{"@type": "Thing", "name": terms["themes"][t].label} for t in meta.themes if t in terms["themes"]],
        "spatialCoverage": [{"@type": "Place", "name": terms["territories"][t].label} for t in meta.territories if t in terms["territories"]],
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


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to place inside a <script> element: no `<`, `>` or `&` can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
