"""Validation against the real shapes: every problem names file, row, Kennung, column and value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from bildungsgraph.ingest import MappedContribution, read_contribution
from bildungsgraph.namespaces import BG, ID, SCHEMA
from bildungsgraph.shapes import Problem, ValidationReport, load_shapes
from bildungsgraph.validation import (
    load_validation_context_static,
    referenced_iris,
    validate_contribution,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
GOOD = sorted((DATA / "good").iterdir())
ERRORS = ["angebote.csv", "kooperationen.csv", "angebote_ohne_anbieter.csv"]


def store_context(extra: dict[str, object] | None = None) -> Graph:
    """Ontology + vocabularies + what the store would know about referenced resources."""
    context = Graph()
    context += load_validation_context_static()
    context.add((ID["kommune/05166"], RDF.type, BG.District))
    context.add((ID["kommune/05166032"], RDF.type, BG.Municipality))
    context.add((ID["actor/school-100021"], RDF.type, BG.EducationActor))
    context.add((ID["actor/ihk-mittlerer-niederrhein"], RDF.type, BG.EducationActor))
    return context


def _files(*paths: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


@pytest.fixture(scope="module")
def good() -> tuple[MappedContribution, ValidationReport]:
    mapped = read_contribution(_files(*GOOD))
    return mapped, validate_contribution(mapped, store_context())


@pytest.fixture(scope="module")
def errors() -> ValidationReport:
    paths = [*sorted((DATA / "good").glob("akteure.*")), *(DATA / "errors" / n for n in ERRORS)]
    mapped = read_contribution(_files(*paths))
    return validate_contribution(mapped, store_context())


def _find(
    report: ValidationReport, file: str, row: int | None, column: str | None
) -> list[Problem]:
    return [
        p
        for p in report.problems
        if p.file == file and p.row == row and p.column == column and p.severity == "Violation"
    ]


def test_good_contribution_conforms(good: tuple[MappedContribution, ValidationReport]) -> None:
    mapped, report = good
    assert report.violations == [], report.to_text()
    assert report.conforms
    assert report.records == len(mapped.subjects) == 10
    assert report.triples == len(mapped.graph)
    # RDF records are validated too: their warnings have no row, but the Kennung and the field
    rdf_warnings = [p for p in report.warnings if p.file == "akteure.ttl"]
    assert rdf_warnings and all(p.row is None and p.kennung and p.column for p in rdf_warnings)
    assert Graph().parse(data=report.shacl_report_ttl, format="turtle")


@pytest.mark.parametrize(
    ("row", "column", "kennung", "value", "message"),
    [
        (2, "Beginn", "bad-date", "32.13.2024", "Datum"),
        (3, "Mindestalter", "bad-integer", "zwölf", "ganze Zahl"),
        (4, "Lebensphase", "unknown-value", "Mondphase", "Lebensphase"),
        (6, "Anbieter", "unknown-provider", "gibt-es-nicht", "Anbieter"),
        (7, "Beginn", "end-before-start", "2025-03-01", "Ende"),
    ],
    ids=["bad-date", "bad-integer", "unknown-value", "unknown-provider", "end-before-start"],
)
def test_offer_errors_are_located(
    errors: ValidationReport, row: int, column: str, kennung: str, value: str, message: str
) -> None:
    found = _find(errors, "angebote.csv", row, column)
    assert len(found) == 1, errors.to_text()
    problem = found[0]
    assert problem.kennung == kennung and problem.sheet is None
    assert problem.value == value
    assert message in problem.message_de and problem.message_en
    assert problem.focus_node and problem.focus_node.startswith(str(ID["offer/"]))
    assert problem.constraint and problem.constraint.startswith("sh:")


def test_unknown_value_lists_the_allowed_values(errors: ValidationReport) -> None:
    (problem,) = _find(errors, "angebote.csv", 4, "Lebensphase")
    assert "Zulässige Werte:" in problem.message_de and "Allowed values:" in problem.message_en


def test_html_in_a_name_is_kept_as_text(errors: ValidationReport) -> None:
    assert [p for p in errors.violations if p.row == 5 and p.file == "angebote.csv"] == []


def test_cooperation_with_one_partner(errors: ValidationReport) -> None:
    (problem,) = _find(errors, "kooperationen.csv", 2, "Partner")
    assert "zwei" in problem.message_de
    assert problem.value == "vhs-viersen"  # the value entered, though SHACL names none


def test_missing_value_of_a_missing_column(errors: ValidationReport) -> None:
    structural = [p for p in errors.problems if p.constraint == "ingest:missing-column"]
    assert structural and errors.problems.index(structural[0]) < errors.problems.index(
        errors.violations[-1]
    )
    (problem,) = _find(errors, "angebote_ohne_anbieter.csv", 2, "Anbieter")
    assert problem.value is None and "Anbieter" in problem.message_de


def test_structural_problems_come_first(errors: ValidationReport) -> None:
    kinds = [p.constraint.startswith("ingest:") for p in errors.problems if p.constraint]
    assert kinds == sorted(kinds, reverse=True)


def test_results_about_context_nodes_are_ignored() -> None:
    mapped = read_contribution(_files(DATA / "good" / "akteure.csv"))
    context = store_context()
    context.add((ID["actor/nameless"], RDF.type, BG.EducationActor))  # invalid, but not ours
    report = validate_contribution(mapped, context)
    assert all(p.focus_node != str(ID["actor/nameless"]) for p in report.problems)


def test_rdf_record_problems_have_no_row() -> None:
    turtle = (
        "@prefix bg: <https://w3id.org/bildungsgraph/ontology#> .\n"
        "<https://w3id.org/bildungsgraph/id/actor/ohne-name> a bg:EducationActor ;\n"
        "    bg:actorType <https://w3id.org/bildungsgraph/vocab/actor-type/library> .\n"
    )
    mapped = read_contribution([("akteur.ttl", turtle.encode())])
    report = validate_contribution(mapped, store_context())
    (problem,) = report.violations
    assert (problem.file, problem.row, problem.kennung, problem.column) == (
        "akteur.ttl",
        None,
        "ohne-name",
        "Name",
    )
    assert problem.path == str(SCHEMA.name)
    assert problem.location_text() == "akteur.ttl, Kennung „ohne-name“, Feld „Name“"


def test_rdf_links_follow_the_spreadsheet_url_rule() -> None:
    turtle = (
        "@prefix bg: <https://w3id.org/bildungsgraph/ontology#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/bildungsgraph/id/actor/link-akteur> a bg:EducationActor ;\n"
        '    schema:name "Akteur mit Links" ; schema:email "info@akteur.example" ;\n'
        "    bg:actorType <https://w3id.org/bildungsgraph/vocab/actor-type/library> ;\n"
        "    schema:url <javascript:alert(1)> ;\n"
        "    schema:sameAs <data:text/html,%3Cscript%3Ealert(1)%3C/script%3E> .\n"
    )
    mapped = read_contribution([("akteur.ttl", turtle.encode())])
    report = validate_contribution(mapped, store_context())
    by_path = {p.path: p for p in report.violations}
    assert set(by_path) == {str(SCHEMA.url), str(SCHEMA.sameAs)}, report.to_text()
    website, same_as = by_path[str(SCHEMA.url)], by_path[str(SCHEMA.sameAs)]
    assert website.message_de.startswith("Die Website ist ungültig")
    assert website.value == "javascript:alert(1)"
    assert same_as.message_de.startswith("Der Verweis schema:sameAs ist ungültig")
    assert "https://" in same_as.message_de and "https://" in same_as.message_en
    assert same_as.value and same_as.value.startswith("data:text/html")
    for problem in (website, same_as):
        assert (problem.file, problem.kennung) == ("akteur.ttl", "link-akteur")
        assert "Kennung „link-akteur“" in problem.to_text()


def test_referenced_iris() -> None:
    mapped = read_contribution(_files(*(DATA / "good").glob("*.csv")))
    assert referenced_iris(mapped.graph) == {
        str(ID["actor/ihk-mittlerer-niederrhein"]),
        str(ID["actor/school-100021"]),
        str(ID["kommune/05166"]),
        str(ID["kommune/05166032"]),
    }


def test_report_serialisations(errors: ValidationReport) -> None:
    data = errors.to_json()
    assert data["conforms"] is False and data["violations"] == len(errors.violations)
    json.dumps(data)
    text = errors.to_text()
    assert "Fehler: angebote.csv, Zeile 2, Kennung „bad-date“, Spalte „Beginn“:" in text
    assert 'Violation: angebote.csv, row 2, Kennung "bad-date", column "Beginn":' in errors.to_text(
        "en"
    )
    assert "Fehler" in errors.summary()


def test_problem_text() -> None:
    problem = Problem("Warning", "Hinweis.", "Note.", file="a.csv", row=3, column="X", value="v")
    assert problem.to_text() == "Warnung: a.csv, Zeile 3, Spalte „X“: Hinweis. (Wert: „v“)"
    assert problem.to_text("en") == 'Warning: a.csv, row 3, column "X": Note. (value: "v")'


def test_shapes_and_context_are_cached() -> None:
    assert load_shapes() is load_shapes()
    assert load_validation_context_static() is load_validation_context_static()
    assert len(load_validation_context_static()) > 100
