"""Field types shared by the models, each carrying the contract's rule and its French message."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from mesbox.contract.ids import ID_MAX, ID_RE, did_you_mean, is_valid_id, slugify
from mesbox.contract.period import PERIOD_RE, parse_period

T = TypeVar("T")

OPEN_LICENCES: tuple[str, ...] = ("CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "etalab-2.0")
DEFAULT_LICENCE = "CC-BY-SA-4.0"


class Strict(BaseModel):
    """Base of every model: unknown keys refused, strings trimmed, blank values treated as absent."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_blank(cls, data: Any) -> Any:
        """An empty string or a bare `key:` counts as missing (docs/contrat.md §3.1)."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None and not (isinstance(v, str) and not v.strip())}
        return data


def _unique(values: list[T]) -> list[T]:
    seen: set[Any] = set()
    for index, value in enumerate(values):
        marker = repr(value)
        if marker in seen:
            raise PydanticCustomError(
                "E102", "« {value} » apparaît deux fois dans la liste : retirez le doublon", {"value": value, "index": index}
            )
        seen.add(marker)
    return values


def _id(value: str) -> str:
    if not is_valid_id(value):
        raise PydanticCustomError(
            "E106",
            "identifiant « {value} » invalide : minuscules sans accents, chiffres et tirets simples, par exemple « {slug} »",
            {"value": value, "slug": slugify(value) or "mon-identifiant"},
        )
    return value


# Names people write for the accepted licences (README, licences page, Creative Commons' own
# badges), reduced to lowercase letters and digits: « Licence Ouverte 2.0 » → etalab-2.0.
_LICENCE_NAMES = (
    (re.compile(r"cc(?:by)?sa(?:v?40?)?"), "CC-BY-SA-4.0"),
    (re.compile(r"ccby(?:v?40?)?"), "CC-BY-4.0"),
    (re.compile(r"cc(?:0|zero)(?:v?10?)?"), "CC0-1.0"),
    (re.compile(r"(?:(?:licenceouverte|openlicen[cs]e)(?:etalab)?|etalab|lo)(?:v?20?)?"), "etalab-2.0"),
)
_CLOSED = re.compile(r"by(?:sa)?(?:nc|nd)|tousdroitsreserves|allrightsreserved|copyright")


def _licence_key(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value.lower())
    key = re.sub(r"[^a-z0-9]", "", "".join(c for c in folded if not unicodedata.combining(c)))
    key = key.replace("creativecommons", "cc")
    for prefix in ("licence", "license"):
        if key.startswith(prefix + "cc"):
            key = key[len(prefix) :]
    return key


def licence_id(value: str) -> str | None:
    """The accepted licence a human name stands for (`CC BY-SA 4.0` → `CC-BY-SA-4.0`), or None."""
    key = _licence_key(value)
    for pattern, licence in _LICENCE_NAMES:
        if pattern.fullmatch(key):
            return licence
    return None


def _licence(value: str) -> str:
    if value in OPEN_LICENCES:
        return value
    allowed = ", ".join(OPEN_LICENCES[:-1]) + " ou " + OPEN_LICENCES[-1]
    if _CLOSED.search(_licence_key(value)):
        raise PydanticCustomError(
            "E108",
            (
                "licence « {value} » refusée : une licence NC, ND ou « tous droits réservés » n'est pas libre, "
                "et la boîte à outils est un commun — choisissez {allowed} (sans ligne « licence: », c'est CC-BY-SA-4.0)"
            ),
            {"value": value, "allowed": allowed},
        )
    known = licence_id(value)
    if known is not None:
        raise PydanticCustomError(
            "E108", "licence « {value} » : écrivez son identifiant, « licence: {known} »", {"value": value, "known": known}
        )
    hint = did_you_mean(value, OPEN_LICENCES)
    raise PydanticCustomError(
        "E108",
        "licence « {value} » refusée{hint} boîte à outils est un commun, choisissez {allowed}",
        {"value": value, "hint": hint + " La" if hint else " : la", "allowed": allowed},
    )


# At most 5 parts of at most 4 ASCII digits: "2.7", "10.3.1". Python's `\d` would take
# full-width or Arabic-Indic digits, which sort and compare apart from the ASCII ones.
NUMBER_PATTERN = r"^[0-9]{1,4}(\.[0-9]{1,4}){0,4}$"
_NUMBER = re.compile(NUMBER_PATTERN)


def _number(value: str) -> str:
    if not _NUMBER.match(value):
        raise PydanticCustomError(
            "E102",
            "numéro « {value} » incorrect : des chiffres 0 à 9 (pas de chiffres pleine chasse), au plus 5 parties "
            "de 4 chiffres au plus séparées par des points, par exemple « 2.7 »",
            {"value": value[:40]},
        )
    return value


def _author(value: str) -> str:
    """A `;` would split one name in two in catalogue.csv, where lists are joined with `;`."""
    if ";" in value:
        raise PydanticCustomError(
            "E102",
            "« {value} » contient un point-virgule, qui sépare les noms dans l'export CSV : "
            "écrivez chaque personne ou collectif comme un élément de la liste",
            {"value": value[:60]},
        )
    return value


def _https_url(value: str) -> str:
    if re.match(r"^https://[^\s/$.?#][^\s]*$", value):
        return value
    if re.match(r"^http://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise PydanticCustomError(
            "E102",
            "adresse « {value} » en http:// : écrivez « https://{rest} » (la boîte à outils ne renvoie qu'à des adresses https://)",
            {"value": value, "rest": value[7:]},
        )
    raise PydanticCustomError("E102", "adresse « {value} » invalide : elle doit commencer par https://", {"value": value})


def _period_text(value: Any) -> Any:
    """YAML reads `2017` as a number and `2017-11-29` as a date: both are periods written plainly."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _period(value: str) -> str:
    try:
        parse_period(value)
    except ValueError:
        raise PydanticCustomError(
            "E102",
            "période « {value} » invalide : écrivez une année (2017), un mois (2021-04), un jour (2017-11-29) "
            "ou deux d'entre eux séparés par « / », le début avant la fin (2021-04/2022-03)",
            {"value": value},
        ) from None
    return value


Title = Annotated[str, Field(min_length=3, max_length=150)]
Description = Annotated[str, Field(min_length=20, max_length=300)]
Author = Annotated[str, Field(min_length=2, max_length=120), AfterValidator(_author)]
FicheNumber = Annotated[str, AfterValidator(_number)]
Id = Annotated[str, AfterValidator(_id)]
Ref = Annotated[str, Field(min_length=1)]
RefList = Annotated[list[Ref], AfterValidator(_unique)]
Licence = Annotated[str, AfterValidator(_licence)]
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Period = Annotated[str, BeforeValidator(_period_text), AfterValidator(_period)]


# A list type that refuses duplicates: `UniqueList[Author]`.
UniqueList = Annotated[list[T], AfterValidator(_unique)]


# What each rule above checks, in JSON Schema's words, for the published schemas (`exports.ContractSchema`):
# kept beside the rules so that a rule and its schema change together.
JSON_SCHEMA_RULES: dict[Callable[..., Any], dict[str, Any]] = {
    _licence: {"enum": list(OPEN_LICENCES)},
    _id: {"pattern": ID_RE.pattern, "maxLength": ID_MAX},
    _unique: {"uniqueItems": True},
    _https_url: {"pattern": r"^https://[^\s/$.?#][^\s]*$"},
    _period: {"pattern": PERIOD_RE.pattern},
    _number: {"pattern": NUMBER_PATTERN},
    _author: {"pattern": "^[^;]*$"},
}
