"""The output audit's reading of a CSV file: no cell a spreadsheet would run as a formula.

The exports neutralise such cells as they write them (`exports.neutralise`, an apostrophe in front);
this reading does not trust them: it parses every CSV file of the site as it was written, with the
`csv` module and the separator its first line uses, and names each cell that starts with what a
spreadsheet takes for a formula (OWASP's list: `=`, `+`, `-`, `@`, tab, carriage return).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Kept apart from the exports' own list: a layer that reads its own rule stays a second layer.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = (",", ";", "\t")
_BOM = "\ufeff".encode()
# What a cell that starts as a formula looks like where it starts (quotes opening it, or an empty quoted
# cell that the reader joins to what follows): a carriage return only inside quotes, outside it ends a row.
_FORMULA_AFTER = rb'(?:"*[=+\-@\t]|"\r)'
# Where a cell may start: after a separator or a line end; each pattern starts with one fixed byte (fast).
_CELL_STARTS = {sep: tuple(re.compile(re.escape(before) + _FORMULA_AFTER) for before in (sep.encode(), b"\n", b"\r")) for sep in SEPARATORS}
_FIRST_CELL = re.compile(_FORMULA_AFTER)


@dataclass(frozen=True)
class FormulaCell:
    """A cell a spreadsheet would run: its row (1 is the header) and column (1 is the first), the row's
    first cell (the entry's identifier in the catalogue) and how the cell starts."""

    row: int
    column: int
    first: str
    start: str


def separator(first_line: str) -> str:
    """The separator of a CSV file: the one that splits its first line (read as CSV) into the most cells."""
    return max(SEPARATORS, key=lambda sep: len(next(csv.reader([first_line], delimiter=sep), [])))


def may_hold_formulas(data: bytes) -> bool:
    """False only when no cell of the CSV file `data` (UTF-8) can start as a formula: a few searches
    over the bytes, so that a clean file is not parsed (2 000 rows take a tenth of a second)."""
    data = data.removeprefix(_BOM)
    sep = separator(data.split(b"\n", 1)[0].decode("utf-8", errors="replace"))
    return _FIRST_CELL.match(data) is not None or any(pattern.search(data) for pattern in _CELL_STARTS[sep])


def formula_cells(text: str) -> Iterator[FormulaCell]:
    """Every cell of the CSV `text` (a byte order mark apart) that starts as a formula, in reading order."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text.split("\n", 1)[0]))
    for number, row in enumerate(reader, start=1):
        if any(cell.startswith(FORMULA_STARTS) for cell in row):
            for column, cell in enumerate(row, start=1):
                if cell.startswith(FORMULA_STARTS):
                    yield FormulaCell(number, column, row[0] if row else "", cell[:20])
