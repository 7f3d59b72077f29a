"""Read spreadsheets (CSV/TSV/TXT and .xlsx) into plain tables.

A :class:`Table` holds the header row and the data rows with their spreadsheet row numbers
(header row = 1 in a file that starts with it). Cells stay as read: strings for CSV; for xlsx
the cached values openpyxl gives (str, int, float, bool, datetime). Blank rows are skipped.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..validation.report import WARNING, Problem
from .result import ingest_problem

CellValue = Any  # str | int | float | bool | datetime | date | time | None
DELIMITERS = (";", ",", "\t")
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


@dataclass
class Table:
    """One sheet or CSV file: headers and the non-blank data rows."""

    file: str
    sheet: str | None
    headers: list[str]
    rows: list[tuple[int, list[CellValue]]] = field(default_factory=list)
    delimiter: str | None = None  # None for xlsx
    header_row: int = 1
    merged: list[str] = field(default_factory=list)  # merged cell ranges (xlsx)


@dataclass
class ReadResult:
    """Tables read from one file, and the problems found while reading it."""

    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def is_blank(value: CellValue) -> bool:
    """True for ``None`` and whitespace-only strings."""
    return value is None or (isinstance(value, str) and not value.strip())


def decode_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Returns the text (``None`` if the bytes are not text) and the problems: a warning when a
    legacy encoding was assumed, a violation when the file is binary.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), []
        except UnicodeDecodeError as exc:
            return None, [_undecodable(file, "UTF-8 (BOM)", exc)]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            return None, [_undecodable(file, "UTF-16", exc)]
    if b"\x00" in data:
        return None, [
            ingest_problem(
                "encoding",
                "Die Datei enthält Binärdaten (Null-Bytes) und ist keine Textdatei. Speichern "
                "Sie die Tabelle als CSV (UTF-8) oder laden Sie die .xlsx-Datei hoch.",
                "The file contains binary data (NUL bytes) and is not a text file. Save the "
                "table as CSV (UTF-8) or upload the .xlsx file.",
                file=file,
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "ISO-8859-1 (Latin-1)")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [
            ingest_problem(
                "encoding",
                f"Die Datei ist nicht UTF-8-kodiert; angenommen wurde {label}. Prüfen Sie "
                "Umlaute und ß, oder speichern Sie die Datei als „CSV UTF-8“.",
                f"The file is not UTF-8 encoded; {label} was assumed. Check umlauts and ß, "
                "or save the file as “CSV UTF-8”.",
                severity=WARNING,
                file=file,
                value=encoding,
            )
        ]
    return None, [_undecodable(file, "UTF-8", None)]  # pragma: no cover - latin-1 always works


def _undecodable(file: str, encoding: str, exc: UnicodeDecodeError | None) -> Problem:
    where = f" (Byte {exc.start})" if exc else ""
    return ingest_problem(
        "encoding",
        f"Die Datei kann nicht als {encoding} gelesen werden{where}. Speichern Sie sie als "
        "„CSV UTF-8“.",
        f"The file cannot be read as {encoding}{where}. Save it as “CSV UTF-8”.",
        file=file,
    )


def detect_delimiter(header_line: str) -> str:
    """The delimiter used in a header line: the most frequent of ``;``, ``,`` and tab.

        >>> detect_delimiter("Kennung;Name;Akteurstyp")
        ';'
        >>> detect_delimiter('Kennung,"Name; Zusatz",Typ')
        ','
    """
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_line(text: str) -> str:
    """The first non-blank logical line (quoted newlines kept together)."""
    lines = iter(text.splitlines())
    for line in lines:
        if not line.strip():
            continue
        result = line
        while result.count('"') % 2:
            nxt = next(lines, None)
            if nxt is None:
                break
            result += "\n" + nxt
        return result
    return ""


def _clean_header(value: CellValue) -> str:
    text = "" if value is None else str(value)
    return text.replace("\ufeff", "").strip()


def _build_table(
    file: str,
    sheet: str | None,
    records: Iterator[tuple[int, list[CellValue]]],
    delimiter: str | None,
) -> Table | None:
    for number, record in records:
        if all(is_blank(v) for v in record):
            continue
        headers = [_clean_header(v) for v in record]
        while headers and not headers[-1]:
            headers.pop()
        table = Table(file, sheet, headers, delimiter=delimiter, header_row=number)
        for row_number, row in records:
            if all(is_blank(v) for v in row):
                continue
            table.rows.append((row_number, list(row)))
        return table
    return None


def read_csv_table(file: str, data: bytes) -> ReadResult:
    """Read a CSV/TSV/TXT file (encoding and delimiter detected) into one table."""
    result = ReadResult()
    text, problems = decode_text(data, file)
    result.problems.extend(problems)
    if text is None:
        return result
    delimiter = detect_delimiter(_first_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        records = [(i, row) for i, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        result.problems.append(
            ingest_problem(
                "csv",
                f"Die CSV-Datei ist fehlerhaft (Zeile {reader.line_num}): {exc}.",
                f"The CSV file is malformed (line {reader.line_num}): {exc}.",
                file=file,
                row=reader.line_num,
            )
        )
        return result
    table = _build_table(file, None, iter(records), delimiter)
    if table is None:
        result.problems.append(_empty(file, None))
    else:
        result.tables.append(table)
    return result


def _empty(file: str, sheet: str | None) -> Problem:
    where_de = f" (Blatt „{sheet}“)" if sheet else ""
    where_en = f" (sheet “{sheet}”)" if sheet else ""
    return ingest_problem(
        "empty",
        f"Die Datei{where_de} enthält keine Kopfzeile und keine Daten.",
        f"The file{where_en} contains no header row and no data.",
        file=file,
    )


def merged_ranges(archive: zipfile.ZipFile, worksheet_path: str) -> list[str]:
    """The merged cell ranges (e.g. ``"A2:B3"``) declared in one worksheet part."""
    with archive.open(worksheet_path.lstrip("/")) as handle:
        return [m.decode("ascii") for m in _MERGE_RE.findall(handle.read())]


def read_xlsx_tables(file: str, data: bytes) -> ReadResult:
    """Read every sheet of an .xlsx workbook (cached formula values; merged ranges listed)."""
    import openpyxl

    result = ReadResult()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, KeyError, XML errors)
        result.problems.append(
            ingest_problem(
                "xlsx",
                f"Die Excel-Datei kann nicht gelesen werden ({type(exc).__name__}: {exc}). "
                "Speichern Sie sie in Excel erneut als .xlsx-Arbeitsmappe.",
                f"The Excel file cannot be read ({type(exc).__name__}: {exc}). Save it again "
                "as an .xlsx workbook.",
                file=file,
            )
        )
        return result
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for sheet in workbook.worksheets:
            path = getattr(sheet, "_worksheet_path", None)
            merged = merged_ranges(archive, path) if path else []
            rows = (
                (i, list(values))
                for i, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
            )
            table = _build_table(file, sheet.title, rows, None)
            if table is not None:
                table.merged = merged
                result.tables.append(table)
    finally:
        workbook.close()
    return result
