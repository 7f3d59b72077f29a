"""Tables as files: CSV (UTF-8 with BOM, so that Excel shows umlauts) and .xlsx, written while
they stream.

A :class:`Table` holds its rows as an iterable: the CSV leaves in batches as they are made,
and the workbook is written in openpyxl's write-only mode (rows go to a temporary file, never
a tree of cells), so an export of the whole Land never holds its text in memory at once. A
name such as ``=HYPERLINK(…)`` stays text: in CSV through ``spreadsheet.safe_cell`` (a leading
``'``), in the workbook as a text cell with Excel's quote prefix.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice

from ..folding import slugify
from ..spreadsheet import FORMULA_STARTS, safe_cell

Cell = str | int | float | date | None
BOM = "\ufeff"
CSV_BATCH = 500  # rows per streamed CSV chunk
XLSX_CHUNK = 256 * 1024  # bytes per streamed piece of the finished workbook
XLSX_IN_MEMORY = 8 * 1024 * 1024  # a larger workbook is spooled to disk before it is sent
SHEET_TITLE_MAX = 31  # Excel's limit
# characters XML 1.0 cannot hold; openpyxl refuses them
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Table:
    """A header row and the rows under it; ``name`` is the file stem and says what the file
    holds (``akteure-kreis-viersen-05166``), ``sheet`` the workbook's sheet title."""

    name: str
    sheet: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Cell]]
    count: int | None = None  # the number of rows, when known before they are made

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def xlsx_name(self) -> str:
        return f"{self.name}.xlsx"


def file_stem(*parts: str) -> str:
    """A file name stem from words and keys: lower case, ASCII, words joined by ``-``.

    >>> file_stem("akteure", "Kreis Viersen", "05166")
    'akteure-kreis-viersen-05166'
    >>> file_stem("angebote", "Mönchengladbach, Stadt", "Straße")
    'angebote-moenchengladbach-stadt-strasse'
    """
    return slugify(" ".join(parts), fallback="export")


def _csv_value(cell: Cell) -> str | int | float:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    return safe_cell(cell)


def csv_chunks(table: Table) -> Iterator[bytes]:
    """The table as CSV (comma, CRLF, header row first), UTF-8 with BOM, in batches."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(header) for header in table.headers])
    yield (BOM + buffer.getvalue()).encode("utf-8")
    rows = iter(table.rows)
    while batch := list(islice(rows, CSV_BATCH)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([_csv_value(cell) for cell in row] for row in batch)
        yield buffer.getvalue().encode("utf-8")


def xlsx_chunks(table: Table) -> Iterator[bytes]:
    """The table as a workbook with one sheet (bold header row, frozen), in pieces.

    Text a spreadsheet would run (``=…``, ``+49 …``) is written as a text cell with Excel's
    quote prefix: shown and edited as text without a visible ``'``, and read back unchanged,
    so the workbook round-trips where the CSV needs its ``'``.

    A zip file is complete only at its end, so the workbook is written whole (rows streamed
    into openpyxl's temporary file, the result spooled to disk when large) and then sent."""
    from openpyxl import Workbook
    from openpyxl.cell import Cell as XlsxCell
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.sheet[:SHEET_TITLE_MAX])
    sheet.freeze_panes = "A2"

    def text_cell(value: str) -> XlsxCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever it begins with
        cell.quotePrefix = True
        return cell

    def value(cell: Cell) -> object:
        if isinstance(cell, str):
            cell = _ILLEGAL_XML.sub("\ufffd", cell)
            return text_cell(cell) if cell.startswith(FORMULA_STARTS) else cell
        return cell

    bold = Font(bold=True)
    header = [text_cell(text) for text in table.headers]
    for cell in header:
        cell.font = bold
    sheet.append(header)
    for row in table.rows:
        sheet.append([value(cell) for cell in row])
    with tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY) as spool:
        workbook.save(spool)
        spool.seek(0)
        while piece := spool.read(XLSX_CHUNK):
            yield piece
