"""Read spreadsheets (CSV/TSV/TXT and .xlsx) into plain tables, within the reading limits.

A :class:`Table` holds the header row and the data rows with their spreadsheet row numbers
(header row = 1 in a file that starts with it). Cells stay as read: strings for CSV; for xlsx
the cached values openpyxl gives (str, int, float, bool, datetime). Blank rows are skipped.

Rows are read one at a time and counted against the :class:`~.limits.ReadBudget`; columns and
cell sizes are checked before the work they would cause (see :mod:`bildungsgraph.ingest.limits`;
.xlsx workbooks are opened in :mod:`bildungsgraph.ingest.workbooks`). The header is the row
among the first few that best matches a template, so title rows above it are skipped.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from ..shapes.report import INFO, WARNING, Problem
from .limits import (
    HEADER_SEARCH_ROWS,
    MAX_BLANK_ROWS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    ReadBudget,
    ReadingStopped,
    german_number,
    place,
)
from .result import ingest_problem

CellValue = Any  # str | int | float | bool | datetime | date | time | None
HeaderScore = Callable[[list[str]], int]  # how well a row reads as a template's header row
DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {
    ";": ("Semikolon", "semicolon"),
    ",": ("Komma", "comma"),
    "\t": ("Tabulator", "tab"),
}
MAX_LISTED = 20  # row problems of one kind listed one by one before they are summarised
# files that are often renamed to .csv by mistake, by their first bytes
_MAGIC = (
    (
        b"PK\x03\x04",
        "eine Excel-Arbeitsmappe (.xlsx) oder ZIP-Datei",
        "an Excel workbook (.xlsx) or zip file",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "eine Excel-Datei im alten Format (.xls)",
        "an old-format Excel file (.xls)",
    ),
    (b"%PDF", "ein PDF-Dokument", "a PDF document"),
    (b"\x89PNG", "ein Bild (PNG)", "an image (PNG)"),
    (b"\xff\xd8\xff", "ein Bild (JPEG)", "an image (JPEG)"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


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


# -- encodings -------------------------------------------------------------------------------


def binary_kind(data: bytes) -> tuple[str, str] | None:
    """Why a file is not text (German, English), judged by its first bytes; else ``None``."""
    for magic, german, english in _MAGIC:
        if data.startswith(magic):
            return f"ist keine Textdatei, sondern {german}", f"is not a text file but {english}"
    sample = data[:65536]
    if b"\x00" in sample or len(_CONTROL_BYTES.findall(sample)) > len(sample) // 20:
        return (
            "enthält Binärdaten (Null-Bytes oder Steuerzeichen) und ist keine Textdatei",
            "contains binary data (NUL bytes or control characters) and is not a text file",
        )
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in UTF-16 text without a BOM."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return None
    if sample[1::2].count(0) >= 0.9 * half and sample[0::2].count(0) < 0.1 * half:
        return "utf-16-le"
    if sample[0::2].count(0) >= 0.9 * half and sample[1::2].count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16, else Windows-1252.

    Returns the text (``None`` if the bytes are not text) and the problems: a warning when a
    legacy encoding was assumed, a violation when the file is binary, UTF-16 without BOM or
    UTF-8 with invalid bytes.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), []
        except UnicodeDecodeError as exc:
            return None, [_undecodable(file, "UTF-8 (BOM)", exc)]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            return None, [_undecodable(file, "UTF-16", exc)]
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return None, [
            ingest_problem(
                "encoding",
                "Die Datei ist UTF-16-kodiert, aber ohne Byte-Order-Mark (BOM), daher ist die "
                "Byte-Reihenfolge nicht sicher. Speichern Sie sie als „CSV UTF-8“.",
                "The file is UTF-16 encoded but has no byte order mark (BOM), so its byte "
                "order is uncertain. Save it as “CSV UTF-8”.",
                file=file,
                value=utf16,
            )
        ]
    kind = binary_kind(data)
    if kind is not None:
        return None, [
            ingest_problem(
                "encoding",
                f"Die Datei {kind[0]}. Speichern Sie die Tabelle als CSV (UTF-8) oder laden Sie "
                "die .xlsx-Datei mit der Endung .xlsx hoch.",
                f"The file {kind[1]}. Save the table as CSV (UTF-8) or upload the .xlsx file "
                "with the extension .xlsx.",
                file=file,
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):  # broken UTF-8, not another encoding
            return None, [_undecodable(file, "UTF-8", exc, data)]
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "ISO-8859-1 (Latin-1)")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [_assumed(file, label, encoding)]
    return None, [_undecodable(file, "UTF-8", None)]  # pragma: no cover - latin-1 always works


def _mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form UTF-8 sequences (in Windows-1252 text an umlaut is
    one byte, followed by ASCII, and only rarely looks like one)."""
    non_ascii = len(data.translate(None, bytes(range(128))))
    in_sequences = sum(len(match) for match in _UTF8_SEQUENCE.findall(data))
    return in_sequences > 0 and in_sequences >= 0.5 * non_ascii


def _assumed(file: str, label: str, encoding: str) -> Problem:
    return ingest_problem(
        "encoding",
        f"Die Datei ist nicht UTF-8-kodiert; angenommen wurde {label}. Prüfen Sie "
        "Umlaute und ß, oder speichern Sie die Datei als „CSV UTF-8“.",
        f"The file is not UTF-8 encoded; {label} was assumed. Check umlauts and ß, "
        "or save the file as “CSV UTF-8”.",
        severity=WARNING,
        file=file,
        value=encoding,
    )


def _undecodable(
    file: str, encoding: str, exc: UnicodeDecodeError | None, data: bytes = b""
) -> Problem:
    line = data.count(b"\n", 0, exc.start) + 1 if exc else None
    where_de = f" (Byte {exc.start}, Zeile {line})" if exc else ""
    where_en = f" (byte {exc.start}, line {line})" if exc else ""
    return ingest_problem(
        "encoding",
        f"Die Datei kann nicht als {encoding} gelesen werden: sie enthält ungültige Bytes"
        f"{where_de}. Speichern Sie sie erneut als „CSV UTF-8“.",
        f"The file cannot be read as {encoding}: it contains invalid bytes{where_en}. Save it "
        "again as “CSV UTF-8”.",
        file=file,
        row=line,
    )


# -- CSV ----------------------------------------------------------------------------------------


def _delimiter_counts(line: str) -> dict[str, int]:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return counts


def detect_delimiter(header_line: str) -> str:
    """The delimiter used in a header line: the most frequent of ``;``, ``,`` and tab.

    >>> detect_delimiter("Kennung;Name;Akteurstyp")
    ';'
    >>> detect_delimiter('Kennung,"Name; Zusatz",Typ')
    ','
    """
    counts = _delimiter_counts(header_line)
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-blank logical lines (quoted newlines kept together)."""
    found: list[str] = []
    lines = iter(text.splitlines())
    for line in lines:
        if len(found) == count:
            break
        if not line.strip():
            continue
        result = line
        while result.count('"') % 2:
            nxt = next(lines, None)
            if nxt is None:
                break
            result += "\n" + nxt
        found.append(result)
    return found


def _sniff_delimiter(text: str) -> str | None:
    """The delimiter of the first line that has any (a title row above the header may have
    none); ``None`` when none of the first lines has one."""
    for line in _first_lines(text[:1_000_000], HEADER_SEARCH_ROWS):
        counts = _delimiter_counts(line)
        if any(counts.values()):
            return max(DELIMITERS, key=lambda d: counts[d])
    return None


def read_csv_table(
    file: str,
    data: bytes,
    budget: ReadBudget | None = None,
    header_score: HeaderScore | None = None,
) -> ReadResult:
    """Read a CSV/TSV/TXT file (encoding and delimiter detected) into one table.

    Raises ReadingStopped when a limit of ``budget`` is passed or the file cannot be split
    into rows (a field longer than the csv module allows, i.e. an unclosed quote).
    """
    result = ReadResult()
    text, problems = decode_text(data, file)
    result.problems.extend(problems)
    if text is None:
        return result
    delimiter = _sniff_delimiter(text)
    if delimiter is None:
        first = next(iter(_first_lines(text, 1)), "")
        if not first:
            result.problems.append(_empty(file, None))
            return result
        result.problems.append(
            ingest_problem(
                "delimiter",
                "Das Trennzeichen der CSV-Datei konnte nicht bestimmt werden: die ersten Zeilen "
                "enthalten weder Semikolon noch Komma noch Tabulator. Trennen Sie die Spalten mit "
                "„;“ (so speichert Excel „CSV (Trennzeichen-getrennt)“).",
                "The delimiter of the CSV file could not be determined: the first lines contain "
                "neither semicolon nor comma nor tab. Separate the columns with “;” (as Excel's "
                "“CSV (delimited)” does).",
                file=file,
                row=1,
                value=_shorten(first),
            )
        )
        return result
    records = _csv_records(file, text, delimiter, result.problems)
    table = build_table(
        file, None, records, delimiter, budget or ReadBudget(), header_score, result.problems
    )
    if table is None:
        result.problems.append(_empty(file, None))
    else:
        result.tables.append(table)
    return result


def _csv_records(
    file: str, text: str, delimiter: str, problems: list[Problem]
) -> Iterator[tuple[int, list[CellValue]]]:
    """The CSV records numbered from 1; a record that swallowed later lines through an
    unclosed quote is reported and left out."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    number, line = 0, 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReadingStopped(_csv_error(file, text, number + 1, line + 1, exc)) from exc
        number += 1
        start, line = line + 1, reader.line_num
        if line > start and any(_swallowed(value, delimiter) for value in row):
            problems.append(_unclosed_quote(file, number, start, line))
            continue
        yield number, row


def _swallowed(value: str, delimiter: str) -> bool:
    """True for a quoted value whose later lines look like records of their own."""
    later = value.split("\n")[1:]
    return any(delimiter in part for part in later)


def _unclosed_quote(file: str, row: int, start: int, end: int) -> Problem:
    return ingest_problem(
        "unclosed-quote",
        f'In Zeile {row} wird ein Anführungszeichen („"“) nicht geschlossen: die Textzeilen '
        f"{start} bis {end} wurden als ein einziges Feld gelesen. Schließen Sie das "
        "Anführungszeichen oder entfernen Sie es; die Zeile wurde nicht gelesen.",
        f'Row {row} opens a quote (“"”) that is not closed: text lines {start} to {end} were '
        "read as one single field. Close the quote or remove it; the row was not read.",
        file=file,
        row=row,
    )


def _csv_error(file: str, text: str, row: int, line: int, exc: csv.Error) -> Problem:
    if "field larger than field limit" in str(exc):
        lines = text.split("\n", line)
        start = lines[line - 1] if len(lines) >= line else ""
        if '"' not in start[:1000]:  # no quote opened: one cell is just that long
            return ingest_problem(
                "cell-too-long",
                f"Zeile {row}: eine Zelle hat mehr als {german_number(csv.field_size_limit())} "
                f"Zeichen, erlaubt sind höchstens {german_number(MAX_CELL_CHARS)}. Kürzen Sie "
                "den Text; der Beitrag wurde nicht gelesen.",
                f"Row {row}: a cell has more than {csv.field_size_limit():,} characters, at "
                f"most {MAX_CELL_CHARS:,} are allowed. Shorten the text; the contribution was "
                "not read.",
                file=file,
                row=row,
            )
        return ingest_problem(
            "unclosed-quote",
            f"Ab Zeile {row} (Textzeile {line}) ist ein Feld länger als "
            f"{german_number(csv.field_size_limit())} Zeichen: meist fehlt ein schließendes "
            'Anführungszeichen („"“). Die Datei wurde nicht gelesen.',
            f"From row {row} (text line {line}) on, a field is longer than "
            f'{csv.field_size_limit():,} characters: usually a closing quote (“"”) is '
            "missing. The file was not read.",
            file=file,
            row=row,
        )
    return ingest_problem(
        "csv",
        f"Die CSV-Datei ist fehlerhaft (Zeile {row}): {exc}. Die Datei wurde nicht gelesen.",
        f"The CSV file is malformed (row {row}): {exc}. The file was not read.",
        file=file,
        row=row,
    )


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- rows into a table --------------------------------------------------------------------------


def _clean_header(value: CellValue) -> str:
    text = "" if value is None else str(value)
    return text.replace("\ufeff", "").strip()


def _trimmed(record: list[CellValue]) -> list[CellValue]:
    last = record[-1] if record else None
    if isinstance(last, str) and last.strip() or not isinstance(last, str | None):
        return record  # the common case, checked first: this runs for every row
    end = len(record)
    while end and (record[end - 1] is None or is_blank(record[end - 1])):
        end -= 1
    return record[:end] if end < len(record) else record


def _checked(file: str, sheet: str | None, number: int, record: list[CellValue]) -> list[CellValue]:
    """The record without trailing blanks; ReadingStopped past the column or cell limit."""
    row = _trimmed(record)
    if len(row) > MAX_COLUMNS:
        where_de, where_en = place(sheet, number)
        raise ReadingStopped(
            ingest_problem(
                "too-many-columns",
                f"{where_de} hat mehr als {MAX_COLUMNS} Spalten (die Vorlagen haben höchstens 22). "
                "Entfernen Sie die überzähligen Spalten; der Beitrag wurde nicht gelesen.",
                f"{where_en} has more than {MAX_COLUMNS} columns (the templates have at most 22). "
                "Remove the extra columns; the contribution was not read.",
                file=file,
                sheet=sheet,
                row=number,
            )
        )
    with contextlib.suppress(TypeError):  # xlsx rows hold numbers and dates too
        if len("".join(row)) <= MAX_CELL_CHARS:
            return row  # no cell can be too long
    for index, value in enumerate(row):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            where_de, where_en = place(sheet, number)
            raise ReadingStopped(
                ingest_problem(
                    "cell-too-long",
                    f"{where_de}, Spalte {index + 1}: die Zelle hat {german_number(len(value))} "
                    f"Zeichen, erlaubt sind höchstens {german_number(MAX_CELL_CHARS)}. Kürzen Sie "
                    "den Text; der Beitrag wurde nicht gelesen.",
                    f"{where_en}, column {index + 1}: the cell has {len(value):,} characters, at "
                    f"most {MAX_CELL_CHARS:,} are allowed. Shorten the text; the contribution was "
                    "not read.",
                    file=file,
                    sheet=sheet,
                    row=number,
                    value=_shorten(value),
                )
            )
    return row


def build_table(
    file: str,
    sheet: str | None,
    records: Iterator[tuple[int, list[CellValue]]],
    delimiter: str | None,
    budget: ReadBudget,
    header_score: HeaderScore | None,
    problems: list[Problem],
) -> Table | None:
    """The table of ``records``: the header row found among the first non-blank rows, then
    the data rows, each counted against ``budget``."""
    blank = 0

    def non_blank() -> Iterator[tuple[int, list[CellValue], int]]:
        nonlocal blank
        for number, record in records:
            row = _checked(file, sheet, number, record)
            if not row:
                blank += 1
                if blank > MAX_BLANK_ROWS:
                    raise ReadingStopped(_too_many_blank(file, sheet, number))
                continue
            yield number, row, len(record)

    rows = non_blank()
    candidates = [item for _, item in zip(range(HEADER_SEARCH_ROWS), rows, strict=False)]
    if not candidates:
        return None
    choice = _header_choice(candidates, header_score)
    header_number, header, width = candidates[choice]
    if choice:
        problems.append(_title_rows(file, sheet, candidates[:choice], header_number))
    headers = [_clean_header(v) for v in header]
    table = Table(file, sheet, headers, delimiter=delimiter, header_row=header_number)
    fields = _FieldCounts(file, delimiter, len(headers), width)
    for number, row, raw_width in chain(candidates[choice + 1 :], rows):
        budget.count_row(file, sheet, number)
        if fields.accept(number, row, raw_width):
            table.rows.append((number, row))
    problems.extend(fields.problems())
    return table


def _header_choice(
    candidates: list[tuple[int, list[CellValue], int]], header_score: HeaderScore | None
) -> int:
    """The index of the candidate row that matches a template best (the first on a tie; the
    first row when none matches two headers)."""
    if header_score is None or len(candidates) == 1:
        return 0
    scores = [header_score([_clean_header(v) for v in row]) for _, row, _ in candidates]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return best if scores[best] >= 2 and scores[best] > scores[0] else 0


def _title_rows(
    file: str, sheet: str | None, skipped: list[tuple[int, list[CellValue], int]], header: int
) -> Problem:
    text = " | ".join(
        _shorten(" ".join(str(v) for v in row if not is_blank(v)), 60) for _, row, _ in skipped
    )
    numbers = ", ".join(str(number) for number, _, _ in skipped)
    return ingest_problem(
        "title-rows",
        f"Die Kopfzeile ist Zeile {header}; darüber stehende Zeilen ({numbers}) wurden als "
        "Titel übersprungen.",
        f"The header is row {header}; the rows above it ({numbers}) were skipped as titles.",
        severity=INFO,
        file=file,
        sheet=sheet,
        row=header,
        value=text,
    )


def _too_many_blank(file: str, sheet: str | None, row: int) -> Problem:
    where_de = f"Das Blatt „{sheet}“" if sheet else "Die Datei"
    where_en = f"The sheet “{sheet}”" if sheet else "The file"
    return ingest_problem(
        "too-many-blank-rows",
        f"{where_de} enthält mehr als {german_number(MAX_BLANK_ROWS)} leere Zeilen (bis Zeile "
        f"{row}). Löschen Sie die leeren Zeilen; der Beitrag wurde nicht gelesen.",
        f"{where_en} contains more than {MAX_BLANK_ROWS:,} blank rows (up to row {row}). "
        "Delete the blank rows; the contribution was not read.",
        file=file,
        sheet=sheet,
        row=row,
    )


class _FieldCounts:
    """Rows of a CSV file whose number of fields differs from the header's.

    A row with values beyond the header, or a single field holding another delimiter, is
    shifted and would only cause follow-up errors: it is reported and left out. A row with
    fewer fields is read with the missing ones empty (a warning).
    """

    def __init__(self, file: str, delimiter: str | None, width: int, raw_width: int) -> None:
        self.file, self.delimiter, self.width, self.raw_width = file, delimiter, width, raw_width
        self.found: dict[str, list[Problem]] = {}
        self.counts: dict[str, int] = {}

    def accept(self, number: int, row: list[CellValue], raw_width: int) -> bool:
        if self.delimiter is None or raw_width == self.raw_width:
            return True
        name_de, name_en = DELIMITER_NAMES[self.delimiter]
        others = [d for d in DELIMITERS if d != self.delimiter and d in str(row[0])]
        if len(row) == 1 and self.width > 1 and others:
            other_de, other_en = DELIMITER_NAMES[others[0]]
            self._add(
                "delimiter-mismatch",
                ingest_problem(
                    "delimiter-mismatch",
                    f"Zeile {number} enthält kein {name_de} (das Trennzeichen der Kopfzeile), aber "
                    f"{other_de}s: Kopfzeile und Daten verwenden verschiedene Trennzeichen. "
                    "Speichern Sie die Datei mit einem einheitlichen Trennzeichen; "
                    "die Zeile wurde nicht gelesen.",
                    f"Row {number} contains no {name_en} (the delimiter of the header row) but "
                    f"{other_en}s: the header and the data use different delimiters. Save the file "
                    "with one delimiter; the row was not read.",
                    file=self.file,
                    row=number,
                    value=_shorten(str(row[0])),
                ),
            )
            return False
        if len(row) > self.width:
            extra = ", ".join(f"„{_shorten(str(v), 30)}“" for v in row[self.width :])
            extra_en = ", ".join(f"“{_shorten(str(v), 30)}”" for v in row[self.width :])
            self._add(
                "too-many-fields",
                ingest_problem(
                    "too-many-fields",
                    f"Zeile {number} hat {raw_width} Felder, die Kopfzeile nur {self.raw_width}: "
                    f"{extra} gehört zu keiner Spalte. Steht ein {name_de} in einem Wert? Dann "
                    "setzen Sie den Wert in Anführungszeichen. Die Zeile wurde nicht gelesen.",
                    f"Row {number} has {raw_width} fields, the header only {self.raw_width}: "
                    f"{extra_en} belongs to no column. Does a value contain a {name_en}? Then put "
                    "the value in quotes. The row was not read.",
                    file=self.file,
                    row=number,
                    value=_shorten(", ".join(map(str, row))),
                ),
            )
            return False
        if raw_width < self.raw_width and raw_width < self.width:
            self._add(
                "too-few-fields",
                ingest_problem(
                    "too-few-fields",
                    f"Zeile {number} hat {raw_width} Felder, die Kopfzeile {self.raw_width}; die "
                    "fehlenden Felder werden als leer gelesen.",
                    f"Row {number} has {raw_width} fields, the header {self.raw_width}; "
                    "the missing fields are read as empty.",
                    severity=WARNING,
                    file=self.file,
                    row=number,
                ),
            )
        return True

    def _add(self, code: str, problem: Problem) -> None:
        self.counts[code] = self.counts.get(code, 0) + 1
        if self.counts[code] <= MAX_LISTED:
            self.found.setdefault(code, []).append(problem)

    def problems(self) -> list[Problem]:
        listed: list[Problem] = []
        for code, problems in self.found.items():
            listed.extend(problems)
            rest = self.counts[code] - len(problems)
            if rest:
                listed.append(
                    ingest_problem(
                        code,
                        f"… und {rest} weitere Zeilen mit demselben Problem.",
                        f"… and {rest} more rows with the same problem.",
                        severity=problems[0].severity,
                        file=self.file,
                    )
                )
        return listed


def _empty(file: str, sheet: str | None) -> Problem:
    where_de = f" (Blatt „{sheet}“)" if sheet else ""
    where_en = f" (sheet “{sheet}”)" if sheet else ""
    return ingest_problem(
        "empty",
        f"Die Datei{where_de} enthält keine Kopfzeile und keine Daten.",
        f"The file{where_en} contains no header row and no data.",
        file=file,
        sheet=sheet,
    )
