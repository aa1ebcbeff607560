"""Dates after the day of the check are refused (E102), with the date and the day in the message."""

from __future__ import annotations

import datetime
from pathlib import Path

from conftest import DRAFT, FICHE, line_of, replace

from mesbox.checking.checker import check

TODAY = datetime.date(2026, 6, 1)  # after every date of the valid repository


def test_dates_up_to_today_pass(valid_repo: Path) -> None:
    assert check(valid_repo, today=TODAY).ok


def test_future_date_and_updated_refused(valid_repo: Path) -> None:
    text = (valid_repo / FICHE).read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    replace(valid_repo, FICHE, date_line + "\n", "date: 2026-06-02\nupdated: '2027-01-15'\n")
    issues = [i for i in check(valid_repo, today=TODAY).issues if i.path == FICHE]
    assert [(i.code, i.line) for i in issues] == [
        ("E102", line_of(valid_repo, FICHE, "date: 2026-06-02")),
        ("E102", line_of(valid_repo, FICHE, "updated: '2027-01-15'")),
    ]
    assert "2026-06-02" in issues[0].message and "2026-06-01" in issues[0].message and "à venir" in issues[0].message
    assert issues[1].message.startswith("« updated » vaut 2027-01-15") and issues[1].col == len("updated: ") + 1


def test_the_day_itself_passes(valid_repo: Path) -> None:
    text = (valid_repo / FICHE).read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    replace(valid_repo, FICHE, date_line, "date: 2026-06-01")
    assert check(valid_repo, today=TODAY).ok


def test_drafts_are_left_alone(valid_repo: Path) -> None:
    text = (valid_repo / DRAFT).read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    replace(valid_repo, DRAFT, date_line, "date: 2030-01-01")
    assert check(valid_repo, today=TODAY).ok


def test_default_day_is_the_day_of_the_run(valid_repo: Path) -> None:
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    text = (valid_repo / FICHE).read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    replace(valid_repo, FICHE, date_line, f"date: {tomorrow.isoformat()}")
    assert [i.code for i in check(valid_repo).issues] == ["E102"]


def test_cached_check_judges_unchanged_files_against_the_new_day(valid_repo: Path) -> None:
    """The check cache keeps an unchanged file's dates, not its verdict: each run judges them against its own day."""
    text = (valid_repo / FICHE).read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    replace(valid_repo, FICHE, date_line + "\n", f"{date_line}\nupdated: 2026-06-15\n")
    warm = check(valid_repo, catalogue=False, cache=True, today=datetime.date(2026, 7, 1))
    assert warm.ok
    earlier = check(valid_repo, catalogue=False, cache=True, today=TODAY)
    assert [(i.path, i.code, i.line) for i in earlier.issues] == [(FICHE, "E102", line_of(valid_repo, FICHE, "updated: 2026-06-15"))]
    assert earlier.issues == check(valid_repo, today=TODAY).issues
