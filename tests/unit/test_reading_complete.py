"""Nothing is read halfway: empty files, unknown sheets and columns, unknown Schulnummern."""

from __future__ import annotations

import doctest
import io

import openpyxl
from rdflib import Graph

from bildungsgraph.ingest import MappedContribution, read_contribution, templates_xlsx_bytes
from bildungsgraph.ingest.values import school_numbers
from bildungsgraph.namespaces import BG, ID
from bildungsgraph.shapes import Problem, find_template, template_model
from bildungsgraph.validation import load_validation_context_static, validate_contribution

AKTEURE_HEADER = "Kennung,Name,Akteurstyp,E-Mail,Schulnummer\n"
SCHOOL = "100021"  # Rupert-Neudeck-Gesamtschule Tönisvorst, in the official list


def _csv(name: str, text: str) -> tuple[str, bytes]:
    return (name, text.encode())


def _only(mapped: MappedContribution, constraint: str) -> Problem:
    found = [p for p in mapped.problems if p.constraint == constraint]
    assert len(found) == 1, mapped.problems
    return found[0]


def _headers(template: str) -> list[str]:
    found = find_template(template_model(), template)
    assert found is not None
    return [column.header_de for column in found.columns]


def _violations(mapped: MappedContribution) -> list[Problem]:
    return [p for p in mapped.problems if p.severity == "Violation"]


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- no empty contribution ---------------------------------------------------------------------


def test_a_csv_with_only_the_header_row_is_an_empty_contribution() -> None:
    mapped = read_contribution([_csv("akteure.csv", AKTEURE_HEADER)])
    (problem,) = _violations(mapped)
    assert problem.constraint == "ingest:no-records" and problem.file == "akteure.csv"
    assert problem.message_de.startswith(
        "Der Beitrag enthält keinen Datensatz; in „akteure.csv“ wurde keiner gefunden."
    )
    assert "“akteure.csv”" in problem.message_en
    assert mapped.subjects == {} and len(mapped.graph) == 0


def test_an_empty_file_beside_one_with_records_is_named() -> None:
    mapped = read_contribution(
        [
            _csv("akteure.csv", AKTEURE_HEADER + "a1,Bücherei,library,,\n"),
            _csv("angebote.csv", ",".join(_headers("angebote")) + "\n"),
        ]
    )
    (problem,) = _violations(mapped)
    assert problem.file == "angebote.csv"
    assert problem.message_de.startswith("In der Datei „angebote.csv“ wurde kein Datensatz")


def test_a_file_with_its_own_error_gets_no_second_one() -> None:
    mapped = read_contribution([("akteure.csv", b"Kennung,Name\x00\n")])
    assert [p.constraint for p in _violations(mapped)] == ["ingest:encoding"]


def test_an_rdf_file_without_records_is_named() -> None:
    turtle = b"@prefix bg: <https://w3id.org/bildungsgraph/ontology#> .\n"
    mapped = read_contribution([("leer.ttl", turtle)])
    assert _only(mapped, "ingest:no-records").file == "leer.ttl"


# -- every sheet and every column is read or refused ---------------------------------------------


def test_a_sheet_that_matches_no_template_is_an_error_naming_file_and_sheet() -> None:
    data = _xlsx(
        {
            "akteure": [["Kennung", "Name", "Akteurstyp"], ["a1", "Bücherei", "library"]],
            "Notizen": [["Wer", "Was"], ["Frau A", "anrufen"]],
        }
    )
    mapped = read_contribution([("beitrag.xlsx", data)])
    problem = _only(mapped, "ingest:unknown-template")
    assert (problem.severity, problem.file, problem.sheet) == (
        "Violation",
        "beitrag.xlsx",
        "Notizen",
    )
    assert "Das Blatt „Notizen“ passt zu keiner Vorlage" in problem.message_de
    assert "beitrag.xlsx, Blatt „Notizen“, Zeile 1" in problem.to_text()
    assert str(ID["actor/a1"]) in mapped.subjects


def test_the_template_workbook_reads_without_problems() -> None:
    # its sheets "Erläuterungen" and "Werte" are ours and stay ignored
    mapped = read_contribution([("vorlagen.xlsx", templates_xlsx_bytes())])
    assert mapped.problems == [], mapped.problems
    assert mapped.subjects


def test_an_empty_template_sheet_beside_a_filled_one_is_fine() -> None:
    data = _xlsx(
        {
            "akteure": [["Kennung", "Name", "Akteurstyp"], ["a1", "Bücherei", "library"]],
            "angebote": [_headers("angebote")],
        }
    )
    assert read_contribution([("beitrag.xlsx", data)]).problems == []


def test_a_header_typo_is_an_error_with_a_suggestion() -> None:
    text = "Kennung,Name,Akteurstyp,E-Mali\na1,Bücherei,library,info@b.example\n"
    mapped = read_contribution([_csv("akteure.csv", text)])
    problem = _only(mapped, "ingest:unknown-column")
    assert (problem.severity, problem.file, problem.row, problem.column) == (
        "Violation",
        "akteure.csv",
        1,
        "E-Mali",
    )
    assert "Meinten Sie „E-Mail“?" in problem.message_de
    assert "Did you mean “E-Mail”?" in problem.message_en
    assert problem.value == "info@b.example"


def test_an_english_header_typo_gets_the_german_suggestion() -> None:
    text = "Kennung,Name,Actor typ\na1,Bücherei,library\n"
    problem = _only(read_contribution([_csv("akteure.csv", text)]), "ingest:unknown-column")
    assert "Meinten Sie „Akteurstyp“?" in problem.message_de


def test_an_unknown_column_in_a_sheet_lists_the_template_columns() -> None:
    data = _xlsx(
        {
            "akteure": [
                ["Kennung", "Name", "Akteurstyp", "Lieblingsfarbe"],
                ["a1", "Bücherei", "library", "blau"],
            ]
        }
    )
    problem = _only(read_contribution([("b.xlsx", data)]), "ingest:unknown-column")
    assert (problem.severity, problem.sheet, problem.column) == (
        "Violation",
        "akteure",
        "Lieblingsfarbe",
    )
    assert "Die Spalten der Vorlage sind: Kennung, Name, Akteurstyp" in problem.message_de


def test_values_under_an_empty_header_are_an_error() -> None:
    text = "Kennung,Name,,Akteurstyp\na1,Bücherei,vergessen,library\n"
    problem = _only(read_contribution([_csv("akteure.csv", text)]), "ingest:unknown-column")
    assert (
        problem.severity == "Violation" and "Spalte 3 hat keine Überschrift" in problem.message_de
    )
    assert problem.value == "vergessen"


def test_values_right_of_the_last_header_in_a_sheet_are_an_error() -> None:
    data = _xlsx(
        {"akteure": [["Kennung", "Name", "Akteurstyp"], ["a1", "Bücherei", "library", "vergessen"]]}
    )
    problem = _only(read_contribution([("b.xlsx", data)]), "ingest:unknown-column")
    assert (problem.sheet, problem.value) == ("akteure", "vergessen")
    assert "Spalte 4 hat keine Überschrift" in problem.message_de


def test_an_empty_header_over_an_empty_column_is_fine() -> None:
    text = "Kennung,Name,,Akteurstyp\na1,Bücherei,,library\n"
    assert read_contribution([_csv("akteure.csv", text)]).problems == []


# -- Schulnummern must be in the official list -------------------------------------------------


def test_a_schulnummer_not_in_the_school_list_is_an_error() -> None:
    text = AKTEURE_HEADER + "s1,Schule X,school-form-15,,999999\n"
    mapped = read_contribution([_csv("akteure.csv", text)])
    problem = _only(mapped, "ingest:unknown-school")
    assert (problem.row, problem.kennung, problem.column, problem.value) == (
        2,
        "s1",
        "Schulnummer",
        "999999",
    )
    assert "Die Schulnummer „999999“ steht nicht in der amtlichen Schulliste NRW" in (
        problem.message_de
    )
    assert "in the column “Schulnummer”" in problem.message_en
    assert mapped.graph.value(ID["actor/s1"], BG.schoolNumber) is None


def test_a_schulnummer_in_the_school_list_is_accepted() -> None:
    text = AKTEURE_HEADER + f"s1,Gesamtschule,school-form-15,,{SCHOOL}\n"
    assert read_contribution([_csv("akteure.csv", text)]).problems == []


def test_a_reference_to_an_unknown_school_is_one_error() -> None:
    text = (
        "Kennung,Bezeichnung,Partner,Kooperationsform,Status\n"
        f"k1,Kooperation,999999|school-{SCHOOL},school-business,active\n"
    )
    mapped = read_contribution([_csv("kooperationen.csv", text)])
    problem = _only(mapped, "ingest:unknown-school")
    assert (problem.column, problem.value, problem.kennung) == ("Partner", "999999", "k1")
    context = Graph() + load_validation_context_static()
    context.add((ID[f"actor/school-{SCHOOL}"], BG.schoolNumber, ID["x"]))
    report = validate_contribution(mapped, context)
    # no second message (e.g. "needs two partners") about the cell reading refused
    assert [p.constraint for p in report.violations if p.column == "Partner"] == [
        "ingest:unknown-school"
    ]


def test_the_school_list_is_loaded_once() -> None:
    assert school_numbers() is school_numbers()
    assert SCHOOL in school_numbers() and "999999" not in school_numbers()


def test_an_rdf_record_with_an_unknown_schulnummer_is_an_error() -> None:
    turtle = (
        "@prefix bg: <https://w3id.org/bildungsgraph/ontology#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/bildungsgraph/id/actor/s1> a bg:EducationActor ;\n"
        '    schema:name "Schule" ; bg:schoolNumber "999999" .\n'
        "<https://w3id.org/bildungsgraph/id/offer/o1> a bg:EducationOffer ;\n"
        f"    bg:provider <https://w3id.org/bildungsgraph/id/actor/school-{SCHOOL}> , \n"
        "        <https://w3id.org/bildungsgraph/id/actor/school-999998> .\n"
    )
    mapped = read_contribution([("schulen.ttl", turtle.encode())])
    found = sorted(
        (p.kennung, p.column, p.value)
        for p in mapped.problems
        if p.constraint == "ingest:unknown-school"
    )
    assert found == [
        ("o1", "Anbieter", "https://w3id.org/bildungsgraph/id/actor/school-999998"),
        ("s1", "Schulnummer", "999999"),
    ]


def test_the_examples_in_the_docstrings_hold() -> None:
    from bildungsgraph.ingest import mapping, values

    for module in (mapping, values):
        assert doctest.testmod(module).failed == 0
