"""Read .xlsx workbooks into tables, after checking the zip archive against the limits.

The archive is checked from its zip directory (number of parts, unpacked size, packing ratio)
and then by unpacking each part in chunks while counting its bytes, all before openpyxl opens
anything: a zip bomb or a forged directory costs milliseconds, not gigabytes.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..shapes.report import Problem
from .limits import (
    MAX_COLUMNS,
    XLSX_MAX_MEMBERS,
    XLSX_MAX_RATIO,
    XLSX_MAX_UNCOMPRESSED,
    XLSX_RATIO_FROM,
    ReadBudget,
    german_number,
)
from .result import ingest_problem
from .tables import HeaderScore, ReadResult, build_table

_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_CHUNK = 1 << 20


def _declared_members(data: bytes) -> int | None:
    """The number of entries the zip's end-of-central-directory record declares (read before
    zipfile builds one object per entry); ``None`` when there is no such record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 12 > len(data):
        return None
    return int.from_bytes(data[end + 10 : end + 12], "little")


def check_xlsx_archive(file: str, data: bytes) -> Problem | None:
    """A problem if the .xlsx archive would unpack to too much (zip bomb) or lies about its
    sizes; checked from the zip directory, then by counting the bytes while unpacking, before
    openpyxl opens anything."""
    members = _declared_members(data)
    if members is not None and members > XLSX_MAX_MEMBERS:
        return _bomb(
            file,
            f"sie enthält {german_number(members)} Teildateien",
            f"it contains {members:,} parts",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        return None  # openpyxl names the damage
    with archive:
        infos = archive.infolist()
        if len(infos) > XLSX_MAX_MEMBERS:
            return _bomb(
                file,
                f"sie enthält {german_number(len(infos))} Teildateien",
                f"it contains {len(infos):,} parts",
            )
        total = sum(info.file_size for info in infos)
        if total > XLSX_MAX_UNCOMPRESSED:
            return _bomb(
                file,
                f"entpackt wäre sie {german_number(total // 1_000_000)} MB groß",
                f"unpacked it would be {total // 1_000_000:,} MB",
            )
        for info in infos:
            if info.file_size > XLSX_RATIO_FROM and info.file_size > XLSX_MAX_RATIO * max(
                info.compress_size, 1
            ):
                ratio = info.file_size // max(info.compress_size, 1)
                return _bomb(
                    file,
                    f"„{info.filename}“ ist {german_number(ratio)}-fach gepackt",
                    f"“{info.filename}” is packed {ratio:,} times",
                )
        for info in infos:
            problem = _unpack_counting(file, archive, info)
            if problem is not None:
                return problem
    return None


def _unpack_counting(file: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Problem | None:
    """Unpack one member in chunks, counting; a problem if it holds more than declared or
    cannot be unpacked (a damaged or forged archive)."""
    size = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    break
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as exc:  # RuntimeError: an encrypted part
        return _damaged(file, info.filename, f"{type(exc).__name__}: {exc}")
    if size != info.file_size:
        return _damaged(file, info.filename, "size differs from the zip directory")
    return None


def _bomb(file: str, why_de: str, why_en: str) -> Problem:
    return ingest_problem(
        "xlsx-too-large",
        f"Die Excel-Datei wird nicht geöffnet: {why_de} (erlaubt sind entpackt "
        f"{XLSX_MAX_UNCOMPRESSED // 1_000_000} MB, höchstens {XLSX_MAX_RATIO}-fach gepackt). "
        "Speichern Sie die Arbeitsmappe ohne überflüssige Blätter und Formatierungen neu.",
        f"The Excel file is not opened: {why_en} (allowed are {XLSX_MAX_UNCOMPRESSED // 1_000_000}"
        f" MB unpacked, packed at most {XLSX_MAX_RATIO} times). Save the workbook again "
        "without unneeded sheets and formatting.",
        file=file,
    )


def _damaged(file: str, member: str, why: str) -> Problem:
    return ingest_problem(
        "xlsx",
        f"Die Excel-Datei ist beschädigt: der Teil „{member}“ lässt sich nicht entpacken oder "
        "ist größer als im Zip-Verzeichnis angegeben. Speichern Sie sie in Excel erneut als "
        ".xlsx-Arbeitsmappe.",
        f"The Excel file is damaged: the part “{member}” cannot be unpacked or is larger than "
        f"the zip directory says ({why}). Save it again in Excel as an .xlsx workbook.",
        file=file,
        value=member,
    )


def merged_ranges(archive: zipfile.ZipFile, worksheet_path: str) -> list[str]:
    """The merged cell ranges (e.g. ``"A2:B3"``) declared in one worksheet part (read in
    chunks: a sheet part can be as large as the archive limit)."""
    found: list[str] = []
    tail = b""
    with archive.open(worksheet_path.lstrip("/")) as handle:
        while chunk := handle.read(_CHUNK):
            window = tail + chunk
            end = 0
            for match in _MERGE_RE.finditer(window):
                found.append(match[1].decode("ascii"))
                end = match.end()
            tail = window[max(end, len(window) - 200) :]
    return found


def read_xlsx_tables(
    file: str,
    data: bytes,
    budget: ReadBudget | None = None,
    header_score: HeaderScore | None = None,
) -> ReadResult:
    """Read every sheet of an .xlsx workbook (cached formula values; merged ranges listed).

    The archive is checked first (:func:`check_xlsx_archive`); ReadingStopped when a limit of
    ``budget`` is passed.
    """
    import openpyxl

    result = ReadResult()
    problem = check_xlsx_archive(file, data)
    if problem is not None:
        result.problems.append(problem)
        return result
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
            # one column more than allowed, so that a wider sheet is noticed, never padded
            # to the 16,384 columns a sheet's dimension may claim
            rows = (
                (i, list(values))
                for i, values in enumerate(
                    sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS + 1, values_only=True),
                    start=1,
                )
            )
            table = build_table(
                file, sheet.title, rows, None, budget or ReadBudget(), header_score, result.problems
            )
            if table is not None:
                table.merged = merged
                result.tables.append(table)
    finally:
        workbook.close()
    return result
