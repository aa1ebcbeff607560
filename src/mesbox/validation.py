"""Validate parsed YAML against a model and say, in French and at the right place, what to change."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .ids import did_you_mean
from .issues import Issue
from .yamldata import YamlData

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


def _label(loc: tuple[str | int, ...]) -> str:
    """`sources[2].url` style, readable by non-developers."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "en-tête"


def _message(error: dict[str, Any], model: type[BaseModel]) -> tuple[str, str]:
    """Code and French message for one pydantic error."""
    kind: str = error["type"]
    loc: tuple[str | int, ...] = error["loc"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    name = _label(loc)
    value = error.get("input")
    length = len(value.strip()) if isinstance(value, str) else 0
    if kind.startswith("E") and kind[1:].isdigit():
        return kind, error["msg"]
    if kind == "missing":
        return "E101", f"champ obligatoire « {_field(loc)} » manquant : ajoutez-le"
    if kind == "extra_forbidden":
        key = _field(loc)
        known = _known_keys(model, loc)
        hint = did_you_mean(key, known)
        return "E103", f"champ inconnu « {key} »{hint or ' — champs possibles : ' + ', '.join(known)}"
    if kind == "string_too_short":
        limit = ctx.get("min_length")
        return "E102", f"« {name} » est trop court : {limit} caractères au moins (ici {length})"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return "E102", f"« {name} » est trop long : {limit} caractères au plus (ici {length}) — raccourcissez-le"
    if kind == "too_short":
        return "E101", f"« {name} » doit contenir au moins {ctx.get('min_length')} élément(s)"
    if kind == "too_long":
        return "E102", f"« {name} » contient trop d'éléments ({ctx.get('max_length')} au plus)"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        hint = did_you_mean(str(value), [e.strip() for e in expected.split(",")])
        return "E102", f"valeur « {value} » non permise pour « {name} »{hint or ''} : choisissez parmi {expected}"
    if kind == "string_pattern_mismatch":
        return "E102", f"« {name} » a une forme incorrecte (« {value} ») : attendu par exemple « 2.7 »"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "au moins" if kind.startswith("greater") else "au plus"
        return "E102", f"« {name} » vaut {value} : {word} {bound} attendu"
    if kind == "string_type" and isinstance(value, dict):
        return "E102", f"« {name} » doit être un texte, mais YAML y a lu une clé : le texte contient « : » suivi d'une espace — mettez tout le texte entre guillemets"
    if kind in _TYPE_NAMES:
        shown = "vide" if value is None else f"« {value} »"
        return "E102", f"« {name} » doit être {_TYPE_NAMES[kind]} (ici {shown})"
    return "E102", f"« {name} » incorrect : {error['msg']}"


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
    model: type[BaseModel], data: YamlData, value: Any, rel: str, prefix: tuple[str | int, ...] = (), code: str | None = None
) -> tuple[BaseModel | None, list[Issue]]:
    """Validate `value` (found at `prefix` in `data`) with `model`; issues point at the offending key or item.

    `code` replaces the generic codes (taxonomy files report E301), keeping E106–E108.
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
            issue_code, message = _message(error | {"loc": loc}, model)
            on_key = error["type"] in ("extra_forbidden",)
            line, col = data.where(prefix + loc, key=on_key)
            if error["type"] == "missing":
                line, col = data.where(prefix + loc[:-1])
            final = code if code and issue_code not in ("E106", "E107", "E108") else issue_code
            issues.append(Issue(rel, line, col, final, message))
        return None, issues

