"""Dates as contributors write them: only AAAA-MM-JJ is accepted, but the message proposes the corrected value.

A French contributor writes `12/03/2025`, `2025-3-12` or `12 mars 2025`; the checker reads
these the French way (day first) and says « écrivez 2025-03-12 (12 mars 2025) », so she can
both copy the value and see whether it was read as she meant.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Annotated, Any, NoReturn

from pydantic import BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

MONTHS: tuple[str, ...] = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


# Month names without accents, and their usual abbreviations (« janv. », « févr. », « sept. »…).
_MONTH_NUMBER: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _MONTH_NUMBER[_fold(_name)] = _number
for _short, _number in (("janv", 1), ("fevr", 2), ("fev", 2), ("avr", 4), ("juil", 7), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12)):
    _MONTH_NUMBER[_short] = _number

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})")
_IN_WORDS = re.compile(r"(?:[a-z]+\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{4})")
_TIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:t|\s+)\d{1,2}[:h]\d{2}.*")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[-/]\s*(\d{1,2})")


def spoken(day: datetime.date) -> str:
    """`2025-03-01` → « 1er mars 2025 »: the reading shown beside a proposed value."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def _make(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _impossible(name: str, year: int, month: int, day: int, shown: str) -> PydanticCustomError:
    if 1 <= month <= 12:
        what = f"le {day} {MONTHS[month - 1]} {year} n'existe pas"
    else:
        what = f"il n'y a pas de mois {month}"
    return PydanticCustomError(
        "E102",
        "« {name} » : {what} — vérifiez le jour et le mois, puis écrivez la date AAAA-MM-JJ (ici « {value} »)",
        {"name": name, "what": what, "value": shown},
    )


def _propose(name: str, day: datetime.date, shown: str) -> PydanticCustomError:
    return PydanticCustomError(
        "E102",
        "« {name} » s'écrit AAAA-MM-JJ : écrivez {iso} ({spoken}) (ici « {value} »)",
        {"name": name, "iso": day.isoformat(), "spoken": spoken(day), "value": shown},
    )


def _read_text(name: str, text: str) -> datetime.date:
    """The date an ISO text holds, or the error that proposes the ISO form of what was written."""
    shown = text
    folded = _fold(text.strip())
    timed = _TIME.fullmatch(folded)
    if timed:
        found = _make(*(int(g) for g in timed.groups()))
        if found is not None:
            raise PydanticCustomError(
                "E102",
                "« {name} » est une date sans heure : écrivez {iso} (ici « {value} »)",
                {"name": name, "iso": found.isoformat(), "value": shown},
            )
    match = _ISO.fullmatch(folded)
    if match:
        year, month, day = (int(g) for g in match.groups())
        found = _make(year, month, day)
        if found is None:
            raise _impossible(name, year, month, day, shown)
        return found
    match = _YEAR_FIRST.fullmatch(folded)
    if match:
        year, month, day = (int(g) for g in match.groups())
        found = _make(year, month, day)
        raise _propose(name, found, shown) if found else _impossible(name, year, month, day, shown)
    match = _DAY_FIRST.fullmatch(folded)
    if match:
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        found = _make(year, month, day) or _make(year, day, month)  # French order first, then 03/25/2025
        raise _propose(name, found, shown) if found else _impossible(name, year, month, day, shown)
    match = _IN_WORDS.fullmatch(folded)
    if match and match.group(2) in _MONTH_NUMBER:
        day, month, year = int(match.group(1)), _MONTH_NUMBER[match.group(2)], int(match.group(3))
        found = _make(year, month, day)
        raise _propose(name, found, shown) if found else _impossible(name, year, month, day, shown)
    month_year = _MONTH_YEAR.fullmatch(folded)
    year_month = _YEAR_MONTH.fullmatch(folded)
    if (month_year and month_year.group(1) in _MONTH_NUMBER) or year_month:
        if month_year:
            year, month = int(month_year.group(2)), _MONTH_NUMBER[month_year.group(1)]
        else:
            assert year_month is not None
            year, month = int(year_month.group(1)), int(year_month.group(2))
        if 1 <= month <= 12:
            raise PydanticCustomError(
                "E102",
                (
                    "« {name} » demande aussi le jour : écrivez {year_month}-JJ, "
                    "par exemple {year_month}-01 pour le 1er {month_name} {year} (ici « {value} »)"
                ),
                {"name": name, "year": year, "year_month": f"{year}-{month:02d}", "month_name": MONTHS[month - 1], "value": shown},
            )
    _generic(name, shown)


def _generic(name: str, shown: str) -> NoReturn:
    raise PydanticCustomError(
        "E102",
        "« {name} » doit être une date AAAA-MM-JJ (année, mois, jour), par exemple 2025-03-12 pour le 12 mars 2025 (ici « {value} »)",
        {"name": name, "value": shown},
    )


def _day(value: Any, info: ValidationInfo) -> datetime.date:
    """Accept a date (YAML's unquoted AAAA-MM-JJ) or the same text quoted; refuse anything else, proposing a fix."""
    name = info.field_name or "date"
    if isinstance(value, datetime.datetime):
        raise PydanticCustomError(
            "E102",
            "« {name} » est une date sans heure : écrivez {iso} (ici « {value} »)",
            {"name": name, "iso": value.date().isoformat(), "value": value.isoformat(sep=" ")},
        )
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool) or value is None:
        _generic(name, "vide" if value is None else str(value).lower())
    if isinstance(value, int) and 1900 <= value <= 2100:
        raise PydanticCustomError(
            "E102",
            (
                "« {name} » demande le jour et le mois, pas seulement l'année : écrivez {year}-MM-JJ, "
                "par exemple {year}-06-30 pour le 30 juin {year} (ici « {year} »)"
            ),
            {"name": name, "year": value},
        )
    if isinstance(value, str):
        return _read_text(name, value)
    _generic(name, str(value))


Day = Annotated[datetime.date, BeforeValidator(_day)]
