"""The period an entry reports (a meeting, a visit, a source document), kept apart from its publication date.

Written as an ISO 8601 date of reduced precision (`2017`, `2021-04`, `2017-11-29`) or an interval of
two such dates (`2021-04/2022-03`), the form schema.org's `temporalCoverage` takes as is.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")

PART = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
PERIOD_RE = re.compile(rf"^{PART}(?:/{PART})?$")


@dataclass(frozen=True)
class Moment:
    """A year, a month or a day: what a contributor knows of when something happened."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> datetime.date:
        if self.day is not None:
            return self.first
        if self.month is not None:
            following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - datetime.timedelta(days=1)
        return datetime.date(self.year, 12, 31)

    def french(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.day}{'er' if self.day == 1 else ''} {MONTHS[self.month - 1]} {self.year}"
        if self.month is not None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


def parse_moment(text: str) -> Moment:
    """A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` text as a Moment; ValueError if it names no real day."""
    parts = [int(p) for p in text.split("-")]
    moment = Moment(*parts)
    _ = moment.first  # datetime.date raises ValueError for a month or a day out of range
    return moment


def parse_period(text: str) -> tuple[Moment, Moment | None]:
    """Start and (for an interval) end; ValueError if the text is not a period or ends before it starts."""
    if not PERIOD_RE.match(text):
        raise ValueError(text)
    start_text, _, end_text = text.partition("/")
    start = parse_moment(start_text)
    end = parse_moment(end_text) if end_text else None
    if end is not None and end.last < start.first:
        raise ValueError(text)
    return start, end


def french_period(text: str) -> str:
    """A period in words: « 29 novembre 2017 », « d'avril 2021 à mars 2022 », « de 2020 à 2022 »."""
    start, end = parse_period(text)
    if end is None:
        return start.french()
    if start.day is not None:
        return f"du {start.french()} au {end.french()}"
    first = start.french()
    article = "d'" if first[0] in "aeiouéèê" else "de "
    return f"{article}{first} à {end.french()}"
