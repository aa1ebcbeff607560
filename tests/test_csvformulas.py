"""The audit's own reading of the CSV files: a cell a spreadsheet would run fails the build, whatever wrote it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesbox.publishing.audit import Allowed, audit_site
from mesbox.publishing.csp import ThemeScripts
from mesbox.publishing.csvformulas import formula_cells, may_hold_formulas, separator
from mesbox.publishing.exports import catalogue_csv, csv_row, spreadsheet_csv

HOSTILE = ['=HYPERLINK("https://exemple.org")', "+33 6 00", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"]


def written(rows: list[list[str]], delimiter: str = ",", quote_all: bool = False) -> str:
    """A CSV file written as the `csv` module writes it, without the exports' neutralisation."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(("delimiter", "quote_all"), [(",", False), (";", True)])
def test_each_formula_start_is_found_with_its_row_and_column(delimiter: str, quote_all: bool) -> None:
    rows = [["id", "title", "description"]] + [[f"e{n}", "Titre", cell] for n, cell in enumerate(HOSTILE)]
    text = written(rows, delimiter, quote_all)
    assert may_hold_formulas(text.encode())
    found = list(formula_cells(text))
    assert [(cell.row, cell.column, cell.first) for cell in found] == [(n + 2, 3, f"e{n}") for n in range(len(HOSTILE))]


def test_an_empty_quoted_cell_joined_to_a_formula_is_found() -> None:
    """The reader joins what follows a closing quote to the cell: `""=1` is the cell `=1`."""
    text = 'id,title\r\nx,""=1+1\r\n'
    assert may_hold_formulas(text.encode()) and [(c.row, c.column) for c in formula_cells(text)] == [(2, 2)]


def test_the_exports_neutralised_cells_pass() -> None:
    """Layer 1 (the apostrophe) and this reading agree: what the exports write holds no formula."""
    records = [{"id": "x", "title": start + "1+1", "description": start + "cmd", "authors": ["@équipe", "b"]} for start in "=+-@"]
    rows = [csv_row(record) for record in records]
    for data in (catalogue_csv(rows), spreadsheet_csv(rows)):
        assert not list(formula_cells(data.decode("utf-8")))


def test_the_separator_is_read_from_the_first_line() -> None:
    assert separator("id,title,description") == ","
    assert separator('"Identifiant";"Titre, court";"Auteurs"') == ";"
    assert separator("id\ttitle") == "\t" and separator("id") == ","


def test_a_csv_written_without_layer_1_fails_the_audit(tmp_path: Path) -> None:
    (tmp_path / "donnees").mkdir()
    (tmp_path / "donnees" / "catalogue.csv").write_text(written([["id", "title"], ["x", "=1+1"], ["y", "Titre"]]), encoding="utf-8")
    (tmp_path / "donnees" / "sain.csv").write_text(written([["id", "title"], ["x", "'=1+1"], ["y", "1-2"]]), encoding="utf-8")
    findings = audit_site(tmp_path, Allowed(ThemeScripts(()), frozenset()))
    assert [finding.path for finding in findings] == ["donnees/catalogue.csv"]
    assert "ligne 2" in findings[0].message and "colonne 2" in findings[0].message and "« x »" in findings[0].message


cells = st.text(alphabet="ab =+-@\t\r\n\",;'", max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=5), st.sampled_from([",", ";", "\t"]), st.booleans())
def test_the_quick_search_never_misses_a_formula_the_parser_finds(rows: list[list[str]], delimiter: str, quote_all: bool) -> None:
    text = written([["id", "titre", "x", "y"], *rows], delimiter, quote_all)
    if list(formula_cells(text)):
        assert may_hold_formulas(text.encode())
