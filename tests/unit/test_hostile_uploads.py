"""Hostile and odd uploads: limits before work, no crash on any file, the causes named.

Each hostile file is built here, small enough to be fast; where memory matters, tracemalloc
shows that the file was refused before it was unpacked or parsed.
"""

from __future__ import annotations

import codecs
import doctest
import io
import json
import threading
import tracemalloc
import zipfile
from collections.abc import Callable

import openpyxl
import pytest

from bildungsgraph.errors import IngestError
from bildungsgraph.ingest import (
    MappedContribution,
    cancelled_by,
    limits,
    rdffiles,
    read_contribution,
    reader,
    tables,
    workbooks,
)
from bildungsgraph.ingest.limits import (
    MAX_BLANK_ROWS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_JSON_DEPTH,
    XLSX_MAX_MEMBERS,
    ReadBudget,
    ReadingStopped,
)
from bildungsgraph.ingest.rdffiles import json_depth, parse_rdf
from bildungsgraph.namespaces import ID
from bildungsgraph.shapes import template_model
from bildungsgraph.shapes.report import Problem

HEADER = "Kennung;Name;Akteurstyp\n"
ROW = "h-{0};Verein {0};library\n"


def _only(mapped: MappedContribution, constraint: str) -> Problem:
    found = [p for p in mapped.problems if p.constraint == constraint]
    assert len(found) == 1, mapped.problems
    return found[0]


def _csv(rows: int, header: str = HEADER, row: str = ROW) -> bytes:
    return (header + "".join(row.format(i) for i in range(rows))).encode()


def _peak_mb(work: Callable[[], object]) -> float:
    """Peak Python memory of ``work`` in MB (the template model is loaded before, once)."""
    template_model()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _workbook(*rows: list[object], title: str = "akteure") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_member(xlsx: bytes, name: str, size: int) -> bytes:
    """The workbook with one more part of ``size`` zero bytes (packs ~1000:1), streamed."""
    buffer = io.BytesIO(xlsx)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w") as handle,
    ):
        chunk = b"\0" * 1_000_000
        for _ in range(size // len(chunk)):
            handle.write(chunk)
    return buffer.getvalue()


def _declare_size(xlsx: bytes, member: str, size: int) -> bytes:
    """The workbook with the zip directory's unpacked size of ``member`` set to ``size``."""
    data = bytearray(xlsx)
    entry = data.find(b"PK\x01\x02" + b"", data.find(b"PK\x01\x02"))
    while entry >= 0:
        name_length = int.from_bytes(data[entry + 28 : entry + 30], "little")
        if data[entry + 46 : entry + 46 + name_length].decode() == member:
            data[entry + 24 : entry + 28] = size.to_bytes(4, "little")
            return bytes(data)
        entry = data.find(b"PK\x01\x02", entry + 4)
    raise AssertionError(member)


@pytest.fixture
def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl opened a refused workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


# -- .xlsx archives -------------------------------------------------------------------------------


def test_xlsx_zip_bomb_is_refused_before_unpacking(no_openpyxl: None) -> None:
    bomb = _with_member(_workbook(["Kennung", "Name"]), "xl/media/fill.bin", 5_000_000)
    assert len(bomb) < 20_000
    mapped: list[MappedContribution] = []
    peak = _peak_mb(lambda: mapped.append(read_contribution([("bombe.xlsx", bomb)])))
    problem = _only(mapped[0], "ingest:xlsx-too-large")
    assert problem.file == "bombe.xlsx" and problem.severity == "Violation"
    assert "„xl/media/fill.bin“ ist" in problem.message_de and "-fach gepackt" in problem.message_de
    assert len(mapped[0].graph) == 0
    assert peak < 20


def test_xlsx_declaring_a_huge_unpacked_size_is_refused(no_openpyxl: None) -> None:
    forged = _declare_size(_workbook(["Kennung", "Name"]), "xl/styles.xml", 3_000_000_000)
    problem = _only(read_contribution([("gross.xlsx", forged)]), "ingest:xlsx-too-large")
    assert "entpackt wäre sie 3.000 MB groß" in problem.message_de
    assert "100 MB" in problem.message_en


def test_xlsx_whose_directory_understates_a_part_is_refused(no_openpyxl: None) -> None:
    forged = _declare_size(
        _workbook(["Kennung", "Name", "Akteurstyp"], ["a1", "A", "library"]),
        "xl/worksheets/sheet1.xml",
        20,
    )
    problem = _only(read_contribution([("luege.xlsx", forged)]), "ingest:xlsx")
    assert "beschädigt" in problem.message_de and "xl/worksheets/sheet1.xml" in problem.message_de
    assert problem.value == "xl/worksheets/sheet1.xml"


def test_xlsx_with_too_many_parts_is_refused(no_openpyxl: None) -> None:
    buffer = io.BytesIO(_workbook(["Kennung", "Name"]))
    with zipfile.ZipFile(buffer, "a") as archive:
        for index in range(XLSX_MAX_MEMBERS):
            archive.writestr(f"x/{index}", b"")
    problem = _only(read_contribution([("viele.xlsx", buffer.getvalue())]), "ingest:xlsx-too-large")
    assert "Teildateien" in problem.message_de


def test_xlsx_sheet_with_a_million_blank_rows_stops_at_the_blank_row_limit() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "akteure"
    sheet.append(["Kennung", "Name", "Akteurstyp"])
    sheet.cell(row=1_000_000, column=1, value="spät")
    buffer = io.BytesIO()
    workbook.save(buffer)
    problem = _only(
        read_contribution([("leer.xlsx", buffer.getvalue())]), "ingest:too-many-blank-rows"
    )
    assert problem.sheet == "akteure" and problem.row == MAX_BLANK_ROWS + 2
    assert "leere Zeilen" in problem.message_de


# -- rows, columns, cells -----------------------------------------------------------------------


def test_rows_are_counted_while_reading_and_nothing_is_mapped() -> None:
    mapped: list[MappedContribution] = []
    data = _csv(100_000)
    peak = _peak_mb(
        lambda: mapped.append(read_contribution([("akteure.csv", data)], max_rows=1000))
    )
    problem = _only(mapped[0], "ingest:too-many-rows")
    assert problem.row == 1002 and problem.file == "akteure.csv"
    assert "mehr als 1.000 Zeilen" in problem.message_de and "nicht gelesen" in problem.message_de
    assert mapped[0].subjects == {} and len(mapped[0].graph) == 0
    assert peak < 60  # the decoded text and the rows read until the limit, not 100,000 rows


def test_the_row_limit_counts_all_files_of_a_contribution() -> None:
    mapped = read_contribution(
        [("a.csv", _csv(6)), ("b.csv", _csv(6, row="k-{0};V {0};library\n"))], max_rows=10
    )
    problem = _only(mapped, "ingest:too-many-rows")
    assert (problem.file, problem.row) == ("b.csv", 6)


def test_too_many_columns() -> None:
    header = ";".join(f"Spalte {i}" for i in range(100_000)) + "\n"
    problem = _only(read_contribution([("breit.csv", header.encode())]), "ingest:too-many-columns")
    assert problem.row == 1 and f"mehr als {MAX_COLUMNS} Spalten" in problem.message_de


def test_an_oversized_cell() -> None:
    data = (HEADER + "h-1;" + "x" * (MAX_CELL_CHARS + 1) + ";library\n").encode()
    problem = _only(read_contribution([("akteure.csv", data)]), "ingest:cell-too-long")
    assert (problem.row, problem.severity) == (2, "Violation")
    assert "Spalte 2" in problem.message_de and "10.001 Zeichen" in problem.message_de


def test_a_cell_beyond_the_csv_field_limit_is_named_as_too_long() -> None:
    data = (HEADER + "h-1;" + "x" * 200_000 + ";library\n").encode()
    problem = _only(read_contribution([("akteure.csv", data)]), "ingest:cell-too-long")
    assert problem.row == 2 and "Zelle hat mehr als 131.072 Zeichen" in problem.message_de


# -- RDF triples, nesting, IRIs -----------------------------------------------------------------

RECORDS = 50
TRIPLES = {
    "turtle": "".join(
        f'<{ID}actor/t{i}> <https://schema.org/name> "T {i}" .\n' for i in range(RECORDS)
    ),
    "json-ld": json.dumps(
        {
            "@graph": [
                {"@id": f"{ID}actor/t{i}", "https://schema.org/name": "T"} for i in range(RECORDS)
            ]
        }
    ),
    "xml": '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:s="https://schema.org/">'
    + "".join(
        f'<rdf:Description rdf:about="{ID}actor/t{i}"><s:name>T</s:name></rdf:Description>'
        for i in range(RECORDS)
    )
    + "</rdf:RDF>",
}


@pytest.mark.parametrize("rdf_format", ["turtle", "nt", "json-ld", "xml"])
def test_parsing_stops_once_the_triple_limit_is_passed(rdf_format: str) -> None:
    text = TRIPLES.get(rdf_format, TRIPLES["turtle"])
    budget = ReadBudget(max_triples=10)
    with pytest.raises(ReadingStopped) as stopped:
        parse_rdf("gross.x", text.encode(), rdf_format, budget)
    assert budget.triples == 11
    assert stopped.value.problem.constraint == "ingest:too-many-triples"
    assert "mehr als 10 Tripel" in stopped.value.problem.message_de


def test_json_depth_is_measured_without_parsing() -> None:
    assert json_depth('{"a": [1, {"b": "]]]"}], "c": "\\"[["}') == 3
    assert json_depth("[" * 50_000 + "]" * 50_000) == 50_000


def test_deeply_nested_jsonld_is_refused_without_recursion() -> None:
    text = '{"@id": "urn:x", "urn:p": ' + "[" * 50_000 + "]" * 50_000 + "}"
    problem = _only(read_contribution([("tief.jsonld", text.encode())]), "ingest:json-depth")
    assert "50.001 Ebenen" in problem.message_de and str(MAX_JSON_DEPTH) in problem.message_de


def test_deeply_nested_turtle_collections_name_the_nesting() -> None:
    text = f"<{ID}actor/x> <urn:p> " + "(" * 5000 + ")" * 5000 + " ."
    problem = _only(read_contribution([("tief.ttl", text.encode())]), "ingest:nesting")
    assert "zu tief verschachtelt" in problem.message_de
    assert "recursion" not in problem.message_en


@pytest.mark.parametrize(
    ("name", "content", "iri", "flaw"),
    [
        ("leer.ttl", f"<{ID}actor/a b> a <urn:T> .", f"{ID}actor/a b", "ein Leerzeichen"),
        (
            "klammer.nt",
            f"<{ID}actor/a\\u003Eb> <urn:p> <urn:T> .\n",
            f"{ID}actor/a>b",
            "das Zeichen „>“",
        ),
        ("strich.ttl", f'<{ID}actor/a> <urn:p> "x"^^<urn:a|b> .', "urn:a|b", "das Zeichen „|“"),
    ],
)
def test_invalid_iris_are_refused_by_name(name: str, content: str, iri: str, flaw: str) -> None:
    mapped = read_contribution([(name, content.encode())])
    problem = _only(mapped, "ingest:invalid-iri")
    assert problem.value == iri and f"„{iri}“" in problem.message_de and flaw in problem.message_de
    assert len(mapped.graph) == 0
    mapped.graph.serialize(format="turtle")  # what failed with a 500 before


def test_jsonld_record_with_an_invalid_id_is_an_error_not_dropped() -> None:
    record = {
        "@graph": [
            {"@id": f"{ID}actor/gut", "@type": "urn:T"},
            {"@id": "kein iri", "@type": "urn:T"},
        ]
    }
    problem = _only(
        read_contribution([("a.jsonld", json.dumps(record).encode())]), "ingest:invalid-iri"
    )
    assert problem.value == "kein iri" and problem.path == "$.@graph[1].@id"
    assert "Die @id „kein iri“" in problem.message_de and "Leerzeichen" in problem.message_de


# -- encodings ----------------------------------------------------------------------------------

GOOD_ROW = "h-1;Bücherei Süchteln;library\n"


def test_utf16_with_bom_is_read() -> None:
    data = codecs.BOM_UTF16_LE + (HEADER + GOOD_ROW).encode("utf-16-le")
    mapped = read_contribution([("akteure.csv", data)])
    assert [p for p in mapped.problems if p.severity == "Violation"] == []
    assert str(ID["actor/h-1"]) in mapped.subjects


def test_utf16_without_bom_is_refused_by_name() -> None:
    mapped = read_contribution([("akteure.csv", (HEADER + GOOD_ROW).encode("utf-16-le"))])
    problem = _only(mapped, "ingest:encoding")
    assert problem.severity == "Violation" and "ohne Byte-Order-Mark" in problem.message_de
    assert problem.value == "utf-16-le" and mapped.subjects == {}


def test_windows1252_quotes_after_an_umlaut_are_not_taken_for_broken_utf8() -> None:
    row = "h-1;Treff „Straße“;library\n"  # ß“ is \xdf\x93, a valid-looking UTF-8 pair
    mapped = read_contribution([("akteure.csv", (HEADER + row).encode("cp1252"))])
    assert _only(mapped, "ingest:encoding").severity == "Warning"


def test_latin1_is_read_with_a_warning() -> None:
    mapped = read_contribution([("akteure.csv", (HEADER + GOOD_ROW).encode("latin-1"))])
    problem = _only(mapped, "ingest:encoding")
    assert problem.severity == "Warning" and "Windows-1252" in problem.message_de


def test_broken_utf8_is_named_with_byte_and_line() -> None:
    data = (HEADER + GOOD_ROW).encode() + b"h-2;Kaputt \xff;library\n"
    problem = _only(read_contribution([("akteure.csv", data)]), "ingest:encoding")
    assert problem.severity == "Violation" and problem.row == 3
    assert "ungültige Bytes" in problem.message_de and "Zeile 3" in problem.message_de


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (b"Kennung;Name\n\x00\x00a;b\n", "Binärdaten"),
        (bytes(range(256)) * 40, "Binärdaten"),
        (b"PK\x03\x04" + b"\x14" * 100, "Excel-Arbeitsmappe (.xlsx)"),
        (b"%PDF-1.7\n", "PDF-Dokument"),
    ],
)
def test_binary_files_named_csv_are_refused_with_the_cause(content: bytes, cause: str) -> None:
    problem = _only(read_contribution([("akteure.csv", content)]), "ingest:encoding")
    assert problem.severity == "Violation" and cause in problem.message_de


def test_utf16_rdf_is_refused_by_name() -> None:
    data = codecs.BOM_UTF16_LE + f"<{ID}actor/a> a <urn:T> .".encode("utf-16-le")
    problem = _only(read_contribution([("a.ttl", data)]), "ingest:encoding")
    assert "UTF-16" in problem.message_de


# -- title rows above the header ----------------------------------------------------------------


def test_xlsx_title_row_above_the_header_is_skipped() -> None:
    data = _workbook(
        ["Akteure Kreis Viersen 2026"],
        [],
        ["Kennung", "Name", "Akteurstyp"],
        ["h-1", "Bücherei", "library"],
    )
    mapped = read_contribution([("akteure.xlsx", data)])
    assert str(ID["actor/h-1"]) in mapped.subjects
    assert mapped.subjects[str(ID["actor/h-1"])].row == 4
    note = _only(mapped, "ingest:title-rows")
    assert (note.severity, note.sheet, note.row) == ("Info", "akteure", 3)
    assert note.value == "Akteure Kreis Viersen 2026"


def test_csv_title_row_above_the_header_is_skipped() -> None:
    mapped = read_contribution(
        [("akteure.csv", ("Stand: März 2026\n" + HEADER + GOOD_ROW).encode())]
    )
    assert str(ID["actor/h-1"]) in mapped.subjects
    assert _only(mapped, "ingest:title-rows").row == 2
    assert [p for p in mapped.problems if p.severity == "Violation"] == []


# -- delimiters and quotes ----------------------------------------------------------------------


def test_delimiter_mismatch_is_named_once_per_row_not_as_kennung_errors() -> None:
    data = (HEADER + "".join(f"h-{i},Verein {i},library\n" for i in range(3))).encode()
    mapped = read_contribution([("akteure.csv", data)])
    found = [p for p in mapped.problems if p.constraint == "ingest:delimiter-mismatch"]
    assert [p.row for p in found] == [2, 3, 4]
    assert "verschiedene Trennzeichen" in found[0].message_de and "Kommas" in found[0].message_de
    assert not [p for p in mapped.problems if p.constraint == "ingest:kennung"]


def test_unclosed_quote_is_named() -> None:
    data = HEADER + 'h-1;"Verein 1;library\nh-2;Verein 2;library\nh-3;Verein 3;library\n'
    mapped = read_contribution([("akteure.csv", data.encode())])
    problem = _only(mapped, "ingest:unclosed-quote")
    assert problem.row == 2 and "Anführungszeichen" in problem.message_de
    assert "Textzeilen 2 bis 4" in problem.message_de
    assert not [p for p in mapped.problems if "300 Zeichen" in p.message_de]


def test_unclosed_quote_beyond_the_csv_field_limit_is_named() -> None:
    data = HEADER + 'h-1;"Verein' + " lang" * 30_000 + "\n"
    problem = _only(read_contribution([("akteure.csv", data.encode())]), "ingest:unclosed-quote")
    assert "schließendes Anführungszeichen" in problem.message_de


def test_rows_with_more_fields_than_the_header_are_named() -> None:
    data = (HEADER + "h-1;Müller; Hans;library\n").encode()
    problem = _only(read_contribution([("akteure.csv", data)]), "ingest:too-many-fields")
    assert problem.row == 2 and "4 Felder, die Kopfzeile nur 3" in problem.message_de
    assert "„library“" in problem.message_de


def test_rows_with_fewer_fields_are_read_with_a_warning() -> None:
    mapped = read_contribution([("akteure.csv", (HEADER + "h-1;Verein\n").encode())])
    problem = _only(mapped, "ingest:too-few-fields")
    assert problem.severity == "Warning" and problem.row == 2


def test_a_delimiter_that_cannot_be_determined_is_named() -> None:
    mapped = read_contribution([("akteure.csv", b"Kennung Name Akteurstyp\nh-1 V library\n")])
    problem = _only(mapped, "ingest:delimiter")
    assert "Trennzeichen" in problem.message_de and problem.value == "Kennung Name Akteurstyp"
    assert not [p for p in mapped.problems if p.constraint == "ingest:unknown-template"]


# -- cancellation -------------------------------------------------------------------------------


def test_reading_stops_when_cancelled() -> None:
    gone = threading.Event()
    gone.set()
    with cancelled_by(gone), pytest.raises(IngestError, match="abgebrochen"):
        read_contribution([("akteure.csv", _csv(10))])


def test_reading_stops_between_rows_when_cancelled_meanwhile() -> None:
    gone = threading.Event()
    budget = ReadBudget()
    with cancelled_by(gone):
        for row in range(1, 2000):
            budget.count_row("a.csv", None, row)
        gone.set()
        with pytest.raises(IngestError):
            for row in range(2000, 5000):
                budget.count_row("a.csv", None, row)
    assert budget.rows == 2000


def test_the_examples_in_the_docstrings_hold() -> None:
    for module in (limits, rdffiles, reader, tables, workbooks):
        assert doctest.testmod(module).failed == 0
