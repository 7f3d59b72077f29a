"""Cells of the CSV and .xlsx files bildungsgraph hands out, made safe for spreadsheets.

Excel and LibreOffice take a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula, so a name such as ``=HYPERLINK(...)`` from a contribution would
run when a coordinator opens an export (OWASP "CSV injection"). Every such text cell gets a
leading single quote, which spreadsheets show as plain text. Numbers stay numbers: only text
cells (``str``) are changed.

Every CSV and .xlsx export goes through ``safe_cell`` (``csv_text`` for CSV). The SPARQL
protocol's CSV results are data in a W3C format, not spreadsheet exports, and stay verbatim.

>>> safe_cell("=HYPERLINK(\\"https://example.org\\")")
'\\'=HYPERLINK("https://example.org")'
>>> [safe_cell(value) for value in ("+cmd|' /C calc'!A0", "@SUM(A1)", "Lesecafé", -3, "")]
["'+cmd|' /C calc'!A0", "'@SUM(A1)", 'Lesecafé', -3, '']
>>> csv_text(["Name"], [["-1+1"], ["\\tx"]])
"Name\\r\\n'-1+1\\r\\n'\\tx\\r\\n"
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = TypeVar("Cell")


def safe_cell(value: Cell) -> Cell:
    """``value``, with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # type: ignore[return-value]
    return value


def unquote_cell(text: str) -> str:
    """``text`` without the ``'`` that ``safe_cell`` put before formula-like text: what a
    spreadsheet shows for such a cell, so an exported file uploaded again holds what was
    exported.

        >>> unquote_cell("'+49 2162 9348-0"), unquote_cell("'Lesecafé"), unquote_cell("=1")
        ('+49 2162 9348-0', "'Lesecafé", '=1')
    """
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def csv_text(
    header: Sequence[object], rows: Iterable[Sequence[object]], lineterminator: str = "\r\n"
) -> str:
    """CSV text (comma-delimited, header row first) with every cell made safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
