"""Dates after the day of the check are refused: a future `date` or `updated` would top the feed
and announce a publication that has not happened (E102, with the date in the message)."""

from __future__ import annotations

import datetime

from mesbox.contract.issues import Issue
from mesbox.reading.documents import Candidate

DATE_KEYS = ("date", "updated")


def _as_date(value: object) -> datetime.date | None:
    """The day a front-matter value names (a YAML date, or the same text quoted), else None:
    a value that is not a date is the models' business (E102 already)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def check_future_dates(candidates: list[Candidate], today: datetime.date) -> list[Issue]:
    """E102 for each `date` or `updated` later than `today`. Drafts are left alone: they are not published,
    and their date is checked again the day they are."""
    issues: list[Issue] = []
    shown = today.isoformat()
    for entry in candidates:
        if entry.draft:
            continue
        values = entry.data.value if isinstance(entry.data.value, dict) else {}
        for key in DATE_KEYS:
            day = _as_date(values.get(key))
            if day is not None and day > today:
                line, col = entry.data.where((key,))
                issues.append(
                    Issue(
                        entry.path,
                        line,
                        col,
                        "E102",
                        f"« {key} » vaut {day.isoformat()}, une date à venir (nous sommes le {shown}) : "
                        "indiquez le jour où l'entrée a été publiée ou mise à jour",
                    )
                )
    return issues
