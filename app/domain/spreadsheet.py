"""CSV cells that a spreadsheet program opens as text, never runs as a formula."""

from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

# Spreadsheet programs run cells starting with these as formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """A value as one CSV cell: text that could start a formula gets a leading apostrophe
    (shown as typed, not evaluated); floats keep every digit; None is empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return repr(value) if isinstance(value, float) else str(value)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A header row and one line per row, every cell through ``spreadsheet_cell``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_cell(value) for value in row])
    return out.getvalue()
