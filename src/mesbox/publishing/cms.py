"""The web editor's configuration (Sveltia CMS at /admin/), generated from the same declarations as the checker.

Every form field comes from a collection's JSON Schema (itself generated from the pydantic
model, with the rules of its validators), its allowed values from the registry's labels and
the vocabularies' terms: the editor cannot offer a value the check refuses, nor miss a field.
A fiche kind is a collection of its own, stored in its kind's folder, its `kind` fixed.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import yaml

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.registry import AUDIENCE_KEY, TAXONOMIES
from mesbox.publishing.exports import collection_schema
from mesbox.reading.documents import COLLECTIONS, Collection

# French labels and hints of the front-matter fields, as the contributor guide words them.
FIELDS: dict[str, tuple[str, str]] = {
    "title": ("Titre", "3 à 150 caractères"),
    "description": (
        "Description",
        "une ou deux phrases (20 à 300 caractères) : elles s'affichent sur les cartes et dans les moteurs de recherche",
    ),
    "authors": ("Auteurs et autrices", "une personne ou un collectif par ligne"),
    "date": ("Date de publication", "la date de première publication"),
    "updated": ("Mise à jour", "la date de la dernière mise à jour, après la date de publication"),
    "period": ("Période couverte", "ce que la page rapporte : 2017, 2021-04, 2017-11-29 ou 2021-04/2022-03"),
    "licence": ("Licence", "CC-BY-SA-4.0 par défaut ; etalab-2.0 est la Licence Ouverte 2.0"),
    **{taxonomy.key: (taxonomy.plural, taxonomy.form_hint) for taxonomy in TAXONOMIES.values()},
    "related": ("À lire ensuite", "les identifiants d'autres pages (le nom de leur fichier, sans .md)"),
    "sources": ("Sources", "les documents sur lesquels la page s'appuie"),
    "draft": ("Brouillon", "un brouillon est vérifié mais pas publié"),
    "kind": ("Type de fiche", ""),
    "number": ("Numéro", "par exemple 2.14, unique parmi les fiches"),
    AUDIENCE_KEY: ("Pour qui", ""),
    "initiative": ("Initiative étudiée", "l'initiative phare de l'écosystème"),
    "visit": ("Visite apprenante", ""),
    "start": ("Début", ""),
    "end": ("Fin", ""),
    "participants": ("Participants", "nombre de personnes, de 1 à 500"),
    "grid": ("Grille", "l'identifiant de la grille de questionnement à laquelle la monographie répond"),
    "dimensions": ("Dimensions", ""),
    "format": ("Format", "une vidéo ou un son demande l'adresse du média"),
    "media": ("Média", "l'adresse https:// de l'enregistrement"),
    "voices": ("Voix", "les personnes qui racontent, une par ligne"),
    "adapted_from": ("Adaptée de", "l'identifiant de la grille d'origine"),
    "id": ("Identifiant", "minuscules sans accents, chiffres et tirets"),
    "questions": ("Questions", "des questions ouvertes, une par ligne"),
    "url": ("Adresse", "une adresse https://"),
    "year": ("Année", ""),
    "steps": ("Étapes", "au moins deux, dans l'ordre du parcours"),
    "entry": ("Page", "l'identifiant de la page de cette étape (le nom de son fichier, sans .md)"),
    "instruction": ("Consigne", "ce qu'il faut faire de cette page"),
    "duration": ("Durée", "en minutes, de 1 à 1440"),
    "objectives": ("Objectifs", "un objectif par ligne"),
    "prerequisites": ("Prérequis", "un prérequis par ligne"),
}
# The editor's page: loads the configuration beside it and the script served by the site.
ADMIN_PAGE = resources.files("mesbox").joinpath("templates/admin.html").read_text(encoding="utf-8")
_TERM_KEYS = {taxonomy.key: taxonomy for taxonomy in TAXONOMIES.values()}
# A collection's own field without words above takes its column's French title (registry).
_COLUMN_TITLES = {column.name: column.title for collection in COLLECTIONS.values() for column in collection.csv_columns}


def _label(name: str) -> str:
    return FIELDS[name][0] if name in FIELDS else _COLUMN_TITLES.get(name, name)


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return defs[ref.rsplit("/", 1)[-1]] if isinstance(ref, str) else node


def _optional(node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """`X | None` is `anyOf: [X, null]`: the inner schema, and whether it may be left out."""
    choices = node.get("anyOf")
    if isinstance(choices, list):
        inner = [c for c in choices if c.get("type") != "null"]
        if len(inner) == 1:
            return {**inner[0], **{k: v for k, v in node.items() if k != "anyOf"}}, True
    return node, False


def _options(values: list[str], labels: dict[str, str]) -> list[Any]:
    return [{"label": labels[v], "value": v} if v in labels else v for v in values]


def _field(
    name: str, node: dict[str, Any], required: bool, defs: dict[str, Any], labels: dict[str, dict[str, str]], catalogue: Catalogue
) -> dict[str, Any]:
    node, optional = _optional(_resolve(node, defs))
    node = _resolve(node, defs)
    label, hint = FIELDS.get(name) or (_label(name), node.get("description", ""))
    spec: dict[str, Any] = {"name": name, "label": label, "required": required and not optional}
    if hint:
        spec["hint"] = hint
    kind = node.get("type")
    items = _resolve(node.get("items", {}), defs) if kind == "array" else {}
    if name in _TERM_KEYS and kind == "array":
        taxonomy = _TERM_KEYS[name]
        terms = catalogue.terms.get(taxonomy.id, {})
        spec.update(widget="select", multiple=True, options=[{"label": t.label, "value": t.id} for t in terms.values()])
    elif "enum" in node or "enum" in items:
        values: list[str] = node.get("enum") or items.get("enum") or []
        spec.update(widget="select", options=_options(values, labels.get(name, {})))
        if kind == "array":
            spec["multiple"] = True
    elif kind == "string" and node.get("format") == "date":
        spec.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False)
    elif kind == "boolean":
        spec.update(widget="boolean")
    elif kind == "integer":
        spec.update(widget="number", value_type="int")
        for key, target in (("minimum", "min"), ("maximum", "max")):
            if key in node:
                spec[target] = node[key]
    elif kind == "object" and "properties" in node:
        spec.update(widget="object", fields=_fields(node, defs, labels, catalogue))
    elif kind == "object":  # a mapping of free keys: a grid dimension's id → a synthesis
        spec.update(widget="keyvalue")
    elif kind == "array" and items.get("type") == "object":
        spec.update(widget="list", fields=_fields(items, defs, labels, catalogue))
    elif kind == "array":
        spec.update(widget="list")
    else:
        spec.update(widget="text" if node.get("maxLength", 0) > 150 else "string")
        if "pattern" in node:
            spec["pattern"] = [node["pattern"], f"forme attendue : {FIELDS.get(name, ('', ''))[1] or node['pattern']}"]
    if kind == "array" and node.get("minItems"):
        spec["min"] = node["minItems"]
    if "default" in node and node["default"] not in (None, [], {}):
        spec["default"] = node["default"]
    return spec


def _fields(schema: dict[str, Any], defs: dict[str, Any], labels: dict[str, dict[str, str]], catalogue: Catalogue) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    return [_field(name, node, name in required, defs, labels, catalogue) for name, node in schema["properties"].items()]


def collection_fields(collection: Collection, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The form of one collection: every front-matter field of its model, then the Markdown text."""
    schema = collection_schema(collection.id, "")
    fields = _fields(schema, schema.get("$defs", {}), collection.labels, catalogue)
    return [
        *fields,
        {
            "name": "body",
            "label": "Texte",
            "widget": "markdown",
            "hint": "liez une autre page par son identifiant entre doubles crochets : [[identifiant]]",
        },
    ]


def _collection(name: str, label: str, folder: str, fields: list[dict[str, Any]], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "description": description,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        # Images live beside the entry, as in the contributor guide.
        "media_folder": "",
        "public_folder": "",
        "fields": fields,
    }


def cms_config(catalogue: Catalogue, repo: str, branch: str = "main", site_url: str = "", auth_url: str = "") -> dict[str, Any]:
    """The whole configuration: a GitHub backend where anyone may propose (a fork and a pull
    request, reviewed before merging), and one collection per fiche kind and per other collection.
    `auth_url` is the OAuth relay GitHub sign-in goes through, when the project hosts one."""
    collections: list[dict[str, Any]] = []
    for collection in COLLECTIONS.values():
        fields = collection_fields(collection, catalogue)
        grouping = collection.grouping
        if grouping is not None:  # one editor collection per group (fiche kind), in its folder, its value fixed
            for value, folder in grouping.folders.items():
                hidden = {"name": grouping.field, "label": _label(grouping.field), "widget": "hidden", "default": value}
                fixed = [hidden if f["name"] == grouping.field else f for f in fields]
                label = collection.labels[grouping.field][value]
                collections.append(
                    _collection(f"{collection.id}-{folder}", grouping.headings[value], f"{collection.folder}/{folder}", fixed, label)
                )
        else:
            collections.append(_collection(collection.id, collection.plural, collection.folder, fields, collection.description))
    config: dict[str, Any] = {
        # Open authoring: a contributor without write access works in a fork, and saving opens a pull request.
        "backend": {"name": "github", "repo": repo, "branch": branch, "open_authoring": True, "auth_scope": "public_repo"},
        "publish_mode": "editorial_workflow",
        # An optional field left empty is not written: the file stays as short as a hand-written one.
        "output": {"omit_empty_optional_fields": True},
        "media_folder": "content/assets/images",
        "public_folder": "/assets/images",
        "collections": collections,
    }
    if auth_url:
        config["backend"]["base_url"] = auth_url
    if site_url:
        config["site_url"] = site_url
    return config


def github_repo(repo_url: str) -> str:
    """`owner/name` of a GitHub repository address, or "" for another forge."""
    found = re.match(r"^https://github\.com/([^/\s]+/[^/\s]+?)(?:\.git)?/?$", repo_url or "")
    return found.group(1) if found else ""


class _PlainDumper(yaml.SafeDumper):
    """Writes shared fields out in full: the editor's configuration has no YAML anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_yaml(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)
