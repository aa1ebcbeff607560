"""The 13 thematic sheets carry, word for word, the titles the phase-1 page gives the report's sheets.

The reference lines are a verbatim copy of that page, kept as data in tests/fixtures; the sheets are
read through the checker, as the site reads them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mesbox.checking.checker import check
from mesbox.contract.schemas import FicheMeta

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).parent / "fixtures" / "phase-1-fiches-thematiques.txt"
LINE = re.compile(r"^• Fiche (?P<number>2\.\d+)\s*-\s*(?P<title>.+?)\s*$")


def reference_titles() -> dict[str, str]:
    """Number → title, from the copied lines (comments skipped); every other line is an error."""
    titles: dict[str, str] = {}
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = LINE.match(line)
        assert match, f"ligne de référence illisible : {line!r}"
        titles[match["number"]] = match["title"]
    return titles


@pytest.fixture(scope="module")
def sheet_titles() -> dict[str, str]:
    """Number → title of the repository's numbered thematic sheets, drafts included."""
    result = check(ROOT)
    assert result.ok, [str(issue) for issue in result.issues]
    entries = [*result.catalogue.entries.values(), *result.catalogue.drafts.values()]
    return {e.meta.number: e.meta.title for e in entries if isinstance(e.meta, FicheMeta) and e.meta.kind == "thematique" and e.meta.number}


def test_the_reference_holds_the_thirteen_sheets_in_order() -> None:
    assert list(reference_titles()) == [f"2.{n}" for n in range(1, 14)]


def test_every_report_sheet_has_a_thematic_sheet(sheet_titles: dict[str, str]) -> None:
    assert set(reference_titles()) <= set(sheet_titles)


@pytest.mark.parametrize("number", [f"2.{n}" for n in range(1, 14)])
def test_thematic_title_is_the_reports_word_for_word(sheet_titles: dict[str, str], number: str) -> None:
    assert sheet_titles.get(number) == reference_titles()[number]


def test_no_other_thematic_sheet_claims_a_report_number(sheet_titles: dict[str, str]) -> None:
    """Sheets written outside the report (réciprocité, gouvernance…) carry no 2.x number."""
    assert {n for n in sheet_titles if n.startswith("2.")} == set(reference_titles())
