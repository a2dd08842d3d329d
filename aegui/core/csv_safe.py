"""CSV that a spreadsheet opens as data, never as formulas.

A class name such as ``=HYPERLINK(…)``, ``+cmd|…``, ``-2+3`` or ``@SUM(A1)`` (from a
folder's sub-folder names or an array file's ``class_names``) would run as a formula when
the file is opened in Excel, LibreOffice or Google Sheets. Following OWASP's advice on CSV
injection, a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is prefixed with ``'``, which spreadsheets show as text; cells that are numbers
(``-0.5``, ``1e-3``) stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell that cannot become a formula."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
        return value  # a number written as text ("-0.25") stays a number
    except ValueError:
        return "'" + value


class SafeWriter:
    """``csv.writer`` whose rows are written through :func:`safe_cell`."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([_one_line_ending(safe_cell(cell)) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def _one_line_ending(cell: Any) -> Any:
    # The csv module quotes a cell holding the line terminator ("\n") but not a lone "\r",
    # which readers then take for the end of a row.
    if isinstance(cell, str) and "\r" in cell:
        return cell.replace("\r\n", "\n").replace("\r", "\n")
    return cell
