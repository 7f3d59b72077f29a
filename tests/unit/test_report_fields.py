"""Every row of a report names file, sheet, row, Kennung, one column and the value entered."""

from __future__ import annotations

import doctest
import io
import re

import openpyxl
import pytest
from rdflib import RDF, Graph

from bildungsgraph.ingest import read_contribution
from bildungsgraph.namespaces import BG, ID, SH
from bildungsgraph.shapes import Problem, ValidationReport, load_shapes, template_model
from bildungsgraph.staging import problems_by_file
from bildungsgraph.validation import load_validation_context_static, validate_contribution
from bildungsgraph.validation.shacl import german_columns


def _context() -> Graph:
    context = Graph() + load_validation_context_static()
    context.add((ID["kommune/05166"], RDF.type, BG.District))
    context.add((ID["actor/vhs-viersen"], RDF.type, BG.EducationActor))
    return context


def _workbook() -> bytes:
    """Two sheets with an error in row 3 each, so only the sheet tells them apart."""
    workbook = openpyxl.Workbook()
    akteure = workbook.active
    akteure.title = "akteure"
    akteure.append(["Kennung", "Name", "Akteurstyp", "Telefon"])
    akteure.append(["a-ok", "Bücherei", "library", "02162 1234"])
    akteure.append(["a-tel", "Museum", "library", "ruf mich an"])
    angebote = workbook.create_sheet("angebote")
    angebote.append(
        ["Kennung", "Titel", "Anbieter", "Lebensphase", "Themenfeld", "Format", "Angebotsart"]
    )
    angebote.append(["o-ok", "Kurs", "vhs-viersen", "adult-education", "stem", "digital", "course"])
    angebote.append(["o-phase", "Kurs 2", "vhs-viersen", "Mondphase", "stem", "digital", "course"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    mapped = read_contribution([("beitrag.xlsx", _workbook())])
    return validate_contribution(mapped, _context())


def _one(report: ValidationReport, kennung: str) -> Problem:
    (problem,) = [p for p in report.violations if p.kennung == kennung]
    return problem


def test_shacl_problems_name_sheet_row_kennung_column_and_value(report: ValidationReport) -> None:
    phone = _one(report, "a-tel")
    assert (phone.file, phone.sheet, phone.row, phone.column, phone.value) == (
        "beitrag.xlsx",
        "akteure",
        3,
        "Telefon",
        "ruf mich an",
    )
    phase = _one(report, "o-phase")
    assert (phase.sheet, phase.row, phase.column, phase.value) == (
        "angebote",
        3,
        "Lebensphase",
        "Mondphase",
    )


def test_english_messages_quote_the_german_column_names(report: ValidationReport) -> None:
    phone = _one(report, "a-tel")
    assert "“Telefon”" in phone.message_en and "“Phone”" not in phone.message_en


def test_the_text_line_names_the_sheet_and_the_kennung(report: ValidationReport) -> None:
    text = _one(report, "a-tel").to_text()
    assert text.startswith(
        "Fehler: beitrag.xlsx, Blatt „akteure“, Zeile 3, Kennung „a-tel“, Spalte „Telefon“: "
    )
    assert text.endswith("(Wert: „ruf mich an“)")
    english = _one(report, "a-tel").to_text("en")
    assert 'beitrag.xlsx, sheet "akteure", row 3, Kennung "a-tel", column "Telefon"' in english


def test_the_json_has_one_field_column(report: ValidationReport) -> None:
    problem = report.to_json()["problems"][0]
    assert {"file", "sheet", "row", "kennung", "column", "value"} <= problem.keys()
    assert not {"field_de", "field_en"} & problem.keys()


def test_ingest_problems_name_sheet_and_kennung() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "akteure"
    sheet.append(["Kennung", "Name", "Akteurstyp", "Schulnummer"])
    sheet.append(["s1", "Schule", "school-form-15", 999999])
    buffer = io.BytesIO()
    workbook.save(buffer)
    mapped = read_contribution([("b.xlsx", buffer.getvalue())])
    (problem,) = mapped.problems
    assert (problem.sheet, problem.row, problem.kennung, problem.column, problem.value) == (
        "akteure",
        2,
        "s1",
        "Schulnummer",
        "999999",
    )


def test_problems_by_file_orders_by_sheet_and_row_and_flags_sheets(
    report: ValidationReport,
) -> None:
    (group,) = problems_by_file(report.to_json(), ["beitrag.xlsx"])
    assert group.sheets
    order = [(p["sheet"], p["row"]) for p in group.problems]
    assert order == sorted(order)
    (plain,) = problems_by_file({"problems": [{"file": "a.csv", "row": 2}]}, ["a.csv"])
    assert not plain.sheets


def test_no_english_shape_message_quotes_an_english_only_header() -> None:
    model = template_model()
    german = {c.header_de for t in model for c in t.columns}
    english_only = {c.header_en for t in model for c in t.columns} - german
    for message in load_shapes().objects(None, SH.message):
        if getattr(message, "language", None) != "en":
            continue
        quoted = set(re.findall(r"“([^”]+)”", german_columns(str(message), model)))
        assert not quoted & english_only, message


def test_the_examples_in_the_docstrings_hold() -> None:
    from bildungsgraph.shapes import report as report_module
    from bildungsgraph.validation import shacl

    for module in (report_module, shacl):
        assert doctest.testmod(module).failed == 0
