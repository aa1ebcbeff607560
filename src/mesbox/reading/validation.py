"""Validate parsed YAML against a model and say, in French and at the right place, what to change."""

from __future__ import annotations

import datetime
import re
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from mesbox.contract.ids import did_you_mean
from mesbox.contract.issues import Issue
from mesbox.contract.registry import TAXONOMIES
from mesbox.contract.schemas import EntryMeta, PageMeta
from mesbox.reading.placeholders import PLACEHOLDER
from mesbox.reading.yamldata import YamlData

_TYPE_NAMES = {
    "string_type": "un texte",
    "list_type": "une liste (une ligne « - valeur » par élément, ou [a, b])",
    "dict_type": "un ensemble de champs « clé: valeur »",
    "model_type": "un ensemble de champs « clé: valeur »",
    "model_attributes_type": "un ensemble de champs « clé: valeur »",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "date_type": "une date AAAA-MM-JJ",
    "date_parsing": "une date AAAA-MM-JJ",
    "date_from_datetime_parsing": "une date AAAA-MM-JJ valide",
    "date_from_datetime_inexact": "une date AAAA-MM-JJ, sans heure",
}


def _field(loc: tuple[str | int, ...]) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    return names[-1] if names else "en-tête"


# What one item of a list is called, for « la source n° 2 » instead of `sources[2]`.
_ITEMS = {
    "sources": "la source",
    "dimensions": "la dimension",
    "questions": "la question",
    "authors": "l'auteur ou autrice",
    "voices": "la voix",
}


def _label(loc: tuple[str | int, ...]) -> str:
    """The place of a value in words a non-developer reads: « url » de la source n° 2."""
    words: list[str] = []
    for position, part in enumerate(loc):
        if isinstance(part, int):
            owner = loc[position - 1] if position else ""
            item = _ITEMS.get(str(owner), f"l'élément de « {owner} »" if owner else "l'élément")
            words.append(f"{item} n° {part + 1}")
        elif position + 1 == len(loc) or not isinstance(loc[position + 1], int):
            words.append(f"« {part} »")
    if not words:
        return "l'en-tête"
    words.reverse()
    return words[0] + "".join(" de " + w for w in words[1:])


def _example(loc: tuple[str | int, ...], raw: str) -> str:
    """How the contributor's own value looks once quoted: `number: "2.10"`, `- "29151"`."""
    key = loc[-1] if loc else ""
    lead = "- " if isinstance(key, int) else f"{key}: "
    return lead + '"' + raw.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _message(error: dict[str, Any], model: type[BaseModel], raw: str | None = None) -> tuple[str, str]:
    """Code and French message for one pydantic error; `raw` is the value as written in the file, when known."""
    kind: str = error["type"]
    loc: tuple[str | int, ...] = error["loc"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    name = _label(loc)
    value = error.get("input")
    length = len(value.strip()) if isinstance(value, str) else 0
    if kind.startswith("E") and kind[1:].isdigit():
        return kind, error["msg"]
    written = raw if raw is not None else str(value)
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return (
            "E102",
            (
                f"{name} doit rester un texte : mettez-le entre guillemets, "
                f"sinon « {written} » se lit comme un nombre — écrivez {_example(loc, written)}"
            ),
        )
    if kind == "string_type" and isinstance(value, datetime.date):
        return "E102", f"{name} doit rester un texte : mettez-le entre guillemets — écrivez {_example(loc, written)}"
    if kind in ("float_parsing", "float_type") and isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
        return "E102", f"{name} doit être un nombre écrit avec un point décimal : écrivez {loc[-1]}: {value.strip().replace(',', '.')}"
    if kind in ("model_type", "dict_type", "model_attributes_type") and len(loc) == 2 and loc[0] == "sources" and isinstance(value, str):
        return "E102", (
            f"{name} doit s'écrire avec ses champs, un par ligne : « - title: "
            + _quoted_text(value)
            + " », puis en dessous, alignées sur « title », "
            "les lignes « year: … » (l'année) et « url: https://… » si vous les connaissez"
        )
    if kind == "missing":
        where = _label(loc[:-1])
        inside = "" if len(loc) == 1 else f" dans {where}"
        choices = _choices(model, loc)
        among = f" ({', '.join(choices[:-1])} ou {choices[-1]})" if choices else ""
        return "E101", f"champ obligatoire « {_field(loc)} » manquant{inside} : ajoutez une ligne « {_field(loc)}: … »{among}"
    if kind == "extra_forbidden":
        key = _field(loc)
        known = _known_keys(model, loc)
        if model is PageMeta and any(key in entry.model_fields for entry in EntryMeta.__subclasses__()):
            return "E103", (
                f"champ « {key} » d'une entrée dans une page éditoriale : une fiche, une monographie ou une grille ne se range pas "
                "dans content/ — déplacez le fichier dans fiches/<type>/, monographies/ ou grids/, où il sera vérifié comme une entrée"
            )
        hint = did_you_mean(key, known)
        return "E103", f"champ inconnu « {key} »{hint or ' — champs possibles : ' + ', '.join(known)}"
    if kind == "string_too_short":
        limit = ctx.get("min_length")
        return "E102", f"{name} est trop court : {limit} caractères au moins (ici {length})"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return "E102", f"{name} est trop long : {limit} caractères au plus (ici {length}) — raccourcissez-le"
    if kind == "too_short":
        vocabulary = next((t for t in TAXONOMIES.values() if (t.key,) == loc), None)
        add = (
            f" : ajoutez-y l'identifiant d'un terme de {vocabulary.file} (la liste est sur la page « {vocabulary.plural} » du site)"
            if vocabulary
            else " : ajoutez-en"
        )
        return "E101", f"{name} doit contenir au moins {ctx.get('min_length')} élément{'s' if ctx.get('min_length', 1) > 1 else ''}{add}"
    if kind == "too_long":
        return "E102", f"{name} contient trop d'éléments ({ctx.get('max_length')} au plus)"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        hint = did_you_mean(str(value), [e.strip() for e in expected.split(",")])
        allowed = ", ".join(e.strip() for e in expected.split(","))
        if hint:
            return "E102", f"valeur « {value} » non permise pour {name}{hint} Valeurs possibles : {allowed}"
        return "E102", f"valeur « {value} » non permise pour {name} : choisissez parmi {allowed}"
    if kind == "string_pattern_mismatch":
        return "E102", f"{name} a une forme incorrecte (« {value} ») : attendu par exemple « 2.7 »"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "au moins" if kind.startswith("greater") else "au plus"
        return "E102", f"{name} vaut {value} : {word} {bound} attendu"
    if kind == "string_type" and isinstance(value, dict):
        return (
            "E102",
            (
                f"{name} doit être un texte, mais YAML y a lu une clé : "
                "le texte contient « : » suivi d'une espace — mettez tout le texte entre guillemets"
            ),
        )
    if kind in _TYPE_NAMES:
        shown = "vide" if value is None else f"« {value} »"
        return "E102", f"{name} doit être {_TYPE_NAMES[kind]} (ici {shown})"
    return "E102", f"{name} incorrect : {error['msg']}"


_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def _quoted_text(value: str) -> str:
    return '"' + value.strip().replace('"', "'") + '"'


def _raw_scalar(text: str, first_line: int, line: int, col: int) -> str | None:
    """The scalar as typed at (line, col) of `text`, before YAML turned it into a number or a date."""
    lines = text.split("\n")
    index = line - first_line
    if not 0 <= index < len(lines):
        return None
    found = _SCALAR_TOKEN.match(lines[index], col - 1)
    return found.group(0).strip() if found else None


_SCALAR_TOKEN = re.compile(r"[^\s,\]}#][^,\]}#]*")


def _known_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the (sub)model where an unknown key sits, for the hint."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return sorted(model.model_fields)
        current = _inner_model(field.annotation) or current
    return list(current.model_fields)


def _choices(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The allowed values of a top-level `Literal` field (`kind`, `format`), to list in the message."""
    field = model.model_fields.get(str(loc[0])) if len(loc) == 1 else None
    if field is None or get_origin(field.annotation) is not Literal:
        return []
    return [str(arg) for arg in get_args(field.annotation)]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside `list[Model]` or `Model | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate(
    model: type[BaseModel],
    data: YamlData,
    value: Any,
    rel: str,
    prefix: tuple[str | int, ...] = (),
    code: str | None = None,
    text: str = "",
    first_line: int = 1,
) -> tuple[BaseModel | None, list[Issue]]:
    """Validate `value` (found at `prefix` in `data`) with `model`; issues point at the offending key or item.

    `code` replaces the generic codes (taxonomy files report E301), keeping E106–E108. `text`
    (whose first line is file line `first_line`) is the YAML as written: messages quote a number
    as typed (`2.10`, not `2.1`). A value still holding the `mesbox new` placeholder is reported
    once, by the placeholder rule, not again here.
    """
    try:
        return model.model_validate(value), []
    except ValidationError as failure:
        issues = []
        for error in failure.errors(include_url=False):
            loc = tuple(error["loc"])
            ctx = error.get("ctx") or {}
            if "field" in ctx:
                loc += (ctx["field"],)
            if "index" in ctx:
                loc += (ctx["index"],)
            if isinstance(error.get("input"), str) and PLACEHOLDER in error["input"]:
                continue
            on_key = error["type"] in ("extra_forbidden",)
            line, col = data.where(prefix + loc, key=on_key)
            raw = _raw_scalar(text, first_line, line, col) if text and not on_key else None
            issue_code, message = _message({**error, "loc": loc}, model, raw)
            if error["type"] == "missing":
                line, col = data.where(prefix + loc[:-1])
            final = code if code and issue_code not in ("E106", "E107", "E108") else issue_code
            issues.append(Issue(rel, line, col, final, message))
        return None, issues
