"""The generated parts of the contract (docs/contrat.md) and of the contributor guide (content/contribuer.md).

Fields, their types and bounds, the allowed values with their labels, the folders and URLs,
the vocabularies, the error codes and the allowlists of what a body and the content folders may
publish are written from the models, the registry, the codes table, the sanitiser and the
publication rules, between `<!-- généré:NOM -->` and `<!-- fin du bloc généré -->`; the rest of
each file is written by hand. `python -m mesbox.cli.contractdoc` rewrites the blocks,
`--check` only says whether they are up to date (a test does the same).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from mesbox.contract.issues import CODE_DETAILS
from mesbox.contract.registry import COLLECTIONS, TAXONOMIES, Collection
from mesbox.contract.sanitize import ATTRIBUTES, DROPPED_WITH_CONTENT, GLOBAL_ATTRIBUTES, TAG_SOURCES, URL_ATTRIBUTES, URL_SCHEMES
from mesbox.contract.schemas import EntryMeta
from mesbox.publishing.exports import ContractSchema
from mesbox.reading.publication import ASSET_TYPES, SITE_FILE_TYPES, SITE_FILES_FOLDER

FILES = ("docs/contrat.md", "content/contribuer.md")
BLOCK = re.compile(r"(<!-- généré:([a-z0-9-]+) -->\n)(.*?)(<!-- fin du bloc généré -->)", re.DOTALL)


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(schema_generator=ContractSchema)


def _number(value: float) -> str:
    """A bound as written in the models (`90`, not `90.0`): pydantic versions disagree on how they give it."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """A property's schema with `$ref` and `anyOf [x, null]` unwrapped."""
    if "$ref" in schema:
        schema = {**root["$defs"][schema["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in schema.items() if k != "$ref"}}
    options = [option for option in schema.get("anyOf", []) if option.get("type") != "null"]
    if len(options) == 1:
        schema = {**_resolve(options[0], root), **{k: v for k, v in schema.items() if k != "anyOf"}}
    return schema


def _bounds(schema: dict[str, Any], unit: str) -> str:
    low, high = schema.get(f"min{unit}"), schema.get(f"max{unit}")
    noun = "caractères" if unit == "Length" else "éléments"
    if unit == "Length" and low == 1 and high is None:
        return "non vide"
    if low is not None and high is not None:
        return f"{low} à {high} {noun}"
    if low is not None:
        return f"au moins {low}" + ("" if unit == "Items" else f" {noun}")
    return f"au plus {high} {noun}" if high is not None else ""


def describe(schema: dict[str, Any], root: dict[str, Any], labels: dict[str, str] | None = None) -> str:
    """A field's type and bounds in French, from its JSON Schema."""
    schema = _resolve(schema, root)
    kind = schema.get("type")
    if "enum" in schema:
        values = labels or {value: "" for value in schema["enum"]}
        return "une valeur parmi " + ", ".join(f"`{v}`" + (f" ({label})" if label else "") for v, label in values.items())
    if kind == "array":
        item = describe(schema.get("items", {}), root, labels)
        parts = [f"liste ({item})"]
        if schema.get("minItems"):
            parts.append(_bounds(schema, "Items"))
        if schema.get("uniqueItems"):
            parts.append("sans doublon")
        return ", ".join(parts)
    if kind == "object" and "properties" in schema:
        required = set(schema.get("required", []))
        return "{" + ", ".join(name + ("" if name in required else "?") for name in schema["properties"]) + "}"
    if kind == "object":
        value = describe(schema.get("additionalProperties", {}), root)
        return f"correspondance identifiant → {value}"
    if kind == "string":
        if schema.get("format") == "date":
            return "date `AAAA-MM-JJ`"
        details = [text for text in (_bounds(schema, "Length"),) if text]
        if "pattern" in schema and "://" in schema["pattern"]:
            details = ["adresse `https://`" if "https?" not in schema["pattern"] else "adresse `https://` ou `http://`"]
        elif "pattern" in schema:
            details.append(f"motif `{schema['pattern']}`")
        return "texte" + (f" ({', '.join(details)})" if details else "")
    if kind in ("integer", "number"):
        low, high = schema.get("minimum"), schema.get("maximum")
        noun = "nombre entier" if kind == "integer" else "nombre décimal (avec un point)"
        return noun + (f" de {_number(low)} à {_number(high)}" if low is not None and high is not None else "")
    if kind == "boolean":
        return "`true` ou `false`"
    return "valeur"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_rows(model: type[BaseModel], names: list[str], labels: dict[str, dict[str, str]], required_note: dict[str, str]) -> list[str]:
    root = _schema(model)
    required = set(root.get("required", []))
    rows = ["| champ | obligatoire ? | type | ce qu'il faut y mettre |", "|---|---|---|---|"]
    for name in names:
        prop = root["properties"][name]
        needed = required_note.get(name) or ("oui" if name in required else "non")
        if "default" in prop and prop["default"] not in (None, [], {}, False):
            needed += f", par défaut `{prop['default']}`"
        meaning = model.model_fields[name].description or ""
        rows.append(f"| `{name}` | {needed} | {_cell(describe(prop, root, labels.get(name)))} | {_cell(meaning)} |")
    return rows


def _common_required() -> dict[str, str]:
    """Which collections require a common field that EntryMeta leaves optional, or free one it requires."""
    notes: dict[str, str] = {}
    common_required = set(_schema(EntryMeta).get("required", []))
    for name in EntryMeta.model_fields:
        requiring = [c for c in COLLECTIONS.values() if name in set(_schema(c.model).get("required", []))]
        if name in common_required and len(requiring) < len(COLLECTIONS):
            spared = [c.plural.lower() for c in COLLECTIONS.values() if c not in requiring]
            notes[name] = "oui, sauf pour les " + _join(spared)
        elif name not in common_required and requiring:
            notes[name] = "oui pour les " + _join([c.plural.lower() for c in requiring]) + ", non sinon"
    return notes


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


def common_fields() -> list[str]:
    return field_rows(EntryMeta, list(EntryMeta.model_fields), {}, _common_required())


def own_fields(collection: Collection) -> list[str]:
    model = collection.model
    names = [name for name in model.model_fields if name not in EntryMeta.model_fields]
    return field_rows(model, names, collection.labels, {})


def folders() -> list[str]:
    rows = ["| dossier | contient | collection | adresse d'une entrée |", "|---|---|---|---|"]
    rows += [f"| `{c.folder}/` | {c.plural.lower()} | `{c.id}` | `/{c.url}<id>/` |" for c in COLLECTIONS.values()]
    return rows


def vocabularies() -> list[str]:
    rows = ["| fichier | clé d'en-tête | adresse | champs du terme en plus de `id`, `label`, `description` |", "|---|---|---|---|"]
    for taxonomy in TAXONOMIES.values():
        root = _schema(taxonomy.model)
        required = set(root.get("required", []))
        extra = [
            f"`{name}`{'' if name in required else '?'} : {describe(root['properties'][name], root, taxonomy.labels.get(name))}"
            for name in taxonomy.model.model_fields
            if name not in ("id", "label", "description")
        ]
        rows.append(f"| `{taxonomy.file}` | `{taxonomy.key}` | `/{taxonomy.url}<id>/` | {_cell('. '.join(extra)) or '—'} |")
    return rows


def codes() -> list[str]:
    rows = ["| code | ce qu'il signifie | que faire |", "|---|---|---|"]
    rows += [f"| {code} | {_cell(meaning)} | {_cell(advice)} |" for code, (meaning, advice) in CODE_DETAILS.items()]
    return rows


def _names(names: frozenset[str]) -> str:
    return ", ".join(f"`{name}`" for name in sorted(names, key=lambda name: (name.rstrip("0123456789"), name)))


def allowlist() -> list[str]:
    """What the sanitiser keeps of a rendered body and which files the content folders publish, from their declarations."""
    rows = ["| quoi | permis |", "|---|---|"]
    rows += [f"| balises ({source}) | {_names(tags)} |" for source, tags in TAG_SOURCES.items()]
    rows.append(f"| attributs sur toute balise permise | {_names(GLOBAL_ATTRIBUTES)} |")
    rows += [f"| attributs de `<{tag}>` | {_names(names)} |" for tag, names in sorted(ATTRIBUTES.items()) if names]
    schemes = ", ".join(f"`{scheme}:`" for scheme in sorted(URL_SCHEMES))
    rows.append(
        f"| adresses (dans {_names(URL_ATTRIBUTES)}) | {schemes} et les adresses relatives ; "
        "aucun autre schéma (`javascript:`, `data:`, `data:image/`…) |"
    )
    rows.append("| images | fichiers du site seulement : ni autre hôte (`https://…`, `//…`), ni `data:` |")
    rows.append(f"| balises retirées avec leur contenu | {_names(DROPPED_WITH_CONTENT)} |")
    types = ", ".join(f"`{suffix}`" for suffix in sorted(ASSET_TYPES))
    rows.append(
        f"| fichiers joints (à côté des entrées, dans `content/`) | pages `.md` ; {types} ; "
        f"{', '.join(f'`{suffix}`' for suffix in sorted(SITE_FILE_TYPES))} directement dans `{SITE_FILES_FOLDER}/` seulement |"
    )
    return rows


def blocks() -> dict[str, list[str]]:
    """Every generated block, by name."""
    found = {
        "dossiers": folders(),
        "champs-communs": common_fields(),
        "vocabulaires": vocabularies(),
        "codes": codes(),
        "liste-blanche": allowlist(),
    }
    found.update({f"champs-{c.id}": own_fields(c) for c in COLLECTIONS.values()})
    return found


OTHERS = "champs-autres"


def other_collections(text: str) -> list[str]:
    """The field tables of the collections that have no block of their own in `text`, each under its
    heading: a new collection is documented by its declaration until someone writes its section."""
    rows: list[str] = []
    for collection in COLLECTIONS.values():
        if f"<!-- généré:champs-{collection.id} -->" not in text:
            rows += ["", f"### `{collection.id}` ({collection.plural.lower()})", "", *own_fields(collection)]
    return rows[1:]


def refresh(text: str) -> str:
    """`text` with each generated block rewritten; an unknown block name is an error."""
    generated = {**blocks(), OTHERS: other_collections(text)}

    def fill(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in generated:
            raise KeyError(f"bloc généré inconnu : {name} (blocs connus : {', '.join(sorted(generated))})")
        return match.group(1) + "\n".join(generated[name]) + "\n" + match.group(4)

    return BLOCK.sub(fill, text)


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated blocks of FILES (under the current folder), or with `--check` say which are stale."""
    args = sys.argv[1:] if argv is None else argv
    stale = []
    for rel in FILES:
        path = Path(rel)
        text = path.read_text(encoding="utf-8")
        fresh = refresh(text)
        if fresh != text:
            stale.append(rel)
            if "--check" not in args:
                path.write_text(fresh, encoding="utf-8")
    if stale and "--check" in args:
        print("à régénérer (python -m mesbox.cli.contractdoc) : " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
