"""Reading and mapping contributions: encodings, delimiters, xlsx, RDF files, cell values."""

from __future__ import annotations

import io
import urllib.request
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import rdflib.parser
from rdflib import RDF, Graph, Literal, URIRef

from bildungsgraph.ingest import MappedContribution, read_contribution
from bildungsgraph.ingest.tables import detect_delimiter
from bildungsgraph.ingest.values import (
    convert_literal,
    resolve_concept,
    resolve_kommune,
    resolve_reference,
)
from bildungsgraph.namespaces import BG, ID, SCHEMA, WGS, XSD
from bildungsgraph.shapes import find_template, load_template_model, template_model

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
GOOD = sorted((DATA / "good").glob("*.csv"))


def _read(*paths: Path, **kwargs: object) -> MappedContribution:
    return read_contribution([(p.name, p.read_bytes()) for p in paths], **kwargs)  # type: ignore[arg-type]


def _only(mapped: MappedContribution, constraint: str):
    found = [p for p in mapped.problems if p.constraint == constraint]
    assert len(found) == 1, mapped.problems
    return found[0]


@pytest.fixture(scope="module")
def fixture_model():
    shapes = Graph().parse(DATA / "fixture-shapes.ttl")
    vocab = Graph().parse(DATA / "fixture-vocab.ttl")
    return load_template_model(shapes, vocab)


# -- the template model ------------------------------------------------------------------------


def test_fixture_model(fixture_model) -> None:
    assert [t.name for t in fixture_model] == ["personen", "dinge"]
    dinge = fixture_model[1]
    assert dinge.id_prefix == "thing" and dinge.target_class == BG.Thing
    assert [c.header_de for c in dinge.columns] == [
        "Kennung",
        "Name",
        "Farbe",
        "Besitzer",
        "Anzahl",
        "Ort",
    ]
    kennung, name, farbe, besitzer, anzahl, ort = dinge.columns
    assert kennung.kind == "id" and kennung.path is None and kennung.required
    assert name.required and name.datatype == XSD.string
    assert farbe.kind == "concept" and farbe.multiple and farbe.allowed_values == ("Grün", "Rot")
    assert besitzer.kind == "reference" and besitzer.inverse and besitzer.ref_prefix == "person"
    assert anzahl.datatype == XSD.integer and ort.kind == "kommune"
    # the Kennung example of "personen" is the one other templates refer to
    assert fixture_model[0].id_column.example == "anna"
    assert dinge.column_by_header("colour") is farbe
    assert dinge.column_by_header(" FARBE* ") is farbe


def test_fixture_mapping(fixture_model) -> None:
    csv = "Kennung,Name,Farbe,Besitzer,Anzahl,Ort\r\nd1,Ding,grün|02,anna,3,5166032\r\n"
    mapped = read_contribution([("dinge.csv", csv.encode())], model=fixture_model)
    assert mapped.problems == []
    thing = ID["thing/d1"]
    g = mapped.graph
    assert (thing, RDF.type, BG.Thing) in g
    assert set(g.objects(thing, BG.colour)) == {
        URIRef("https://w3id.org/bildungsgraph/vocab/colour/green"),
        URIRef("https://w3id.org/bildungsgraph/vocab/colour/red"),
    }
    assert (ID["person/anna"], BG.owns, thing) in g  # inverse column
    assert (thing, BG["count"], Literal(3)) in g
    assert (thing, BG.place, ID["kommune/05166032"]) in g
    assert mapped.locations[(str(thing), str(BG.owns))].column == "Besitzer"
    assert mapped.subjects[str(thing)].row == 2


def test_real_model_has_the_seven_templates() -> None:
    model = template_model()
    assert [t.name for t in model] == [
        "akteure",
        "standorte",
        "angebote",
        "kooperationen",
        "netzwerke",
        "mitgliedschaften",
        "ansprechpartner",
    ]
    for template in model:
        assert template.columns[0].header_de == "Kennung"
        assert template.required_columns
    angebote = find_template(model, "Angebote")
    assert angebote is not None and angebote.id_prefix == "offer"
    lebensphase = angebote.column_by_header("Life phase")
    assert lebensphase is not None and lebensphase.allowed_values


# -- CSV ---------------------------------------------------------------------------------------


def test_good_csv_set_maps_without_problems() -> None:
    mapped = _read(*GOOD)
    assert mapped.problems == []
    g = mapped.graph
    assert len(mapped.subjects) == 8
    offer = ID["offer/deutsch-a1"]
    assert (offer, SCHEMA.startDate, Literal("2024-09-02", datatype=XSD.date)) in g  # dd.mm.yyyy
    assert (offer, BG.price, Literal("49.50", datatype=XSD.decimal)) in g  # decimal comma
    assert (offer, BG.isFree, Literal(False)) in g
    assert set(g.objects(offer, SCHEMA.inLanguage)) == {Literal("de"), Literal("ar")}
    assert (offer, BG.provider, ID["actor/vhs-viersen"]) in g
    assert (offer, BG.areaServed, ID["kommune/05166"]) in g
    site = ID["site/vhs-viersen-duelken"]
    assert (ID["actor/vhs-viersen"], BG.hasSite, site) in g
    assert g.value(site, WGS.lat).toPython() == Decimal("51.2562")
    coop = ID["cooperation/bo-gesamtschule-ihk"]
    assert (coop, BG.partner, ID["actor/school-100021"]) in g  # bare Schulnummer
    # HTML is kept as text, never interpreted
    description = g.value(ID["actor/vhs-viersen"], SCHEMA.description)
    assert str(description) == "Weiterbildung für alle, <b>vormittags</b>"
    info = {f.name: f for f in mapped.files}
    assert info["mitgliedschaften.csv"].row_count == 2
    assert info["angebote.csv"].media_type == "text/csv" and len(info["angebote.csv"].sha256) == 64


def test_semicolon_cp1252_is_read_with_a_warning() -> None:
    mapped = _read(DATA / "akteure_semikolon_cp1252.csv")
    problem = _only(mapped, "ingest:encoding")
    assert problem.severity == "Warning" and "Windows-1252" in problem.message_de
    assert problem.file == "akteure_semikolon_cp1252.csv"
    g = mapped.graph
    jugendamt = ID["actor/jugendamt-viersen"]
    assert str(g.value(jugendamt, SCHEMA.description)) == "Jugendhilfe, Förderung & Schutz"
    fz = ID["actor/familienzentrum-suechteln"]
    assert str(g.value(fz, SCHEMA.name)) == "Familienzentrum Süchteln"
    assert len(set(g.objects(fz, BG.actorType))) == 2
    assert str(g.value(fz, SCHEMA.description)) == "Beratung; Betreuung"
    assert [p for p in mapped.problems if p.severity == "Violation"] == []


def test_utf8_bom_with_english_headers() -> None:
    mapped = _read(DATA / "akteure_bom_englisch.csv")
    assert mapped.problems == []
    actor = ID["actor/bibliothek-nettetal"]
    assert str(mapped.graph.value(actor, SCHEMA.name)) == "Stadtbücherei Nettetal"
    assert mapped.locations[(str(actor), str(BG.actorType))].column == "Actor type"


def test_tab_delimited() -> None:
    mapped = _read(DATA / "akteure.tsv")
    assert mapped.problems == []
    assert (ID["actor/museum-viersen"], RDF.type, BG.EducationActor) in mapped.graph


@pytest.mark.parametrize(
    ("line", "expected"),
    [("a;b;c", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"), ('a,"b;c;d",e', ","), ("single", ",")],
)
def test_detect_delimiter(line: str, expected: str) -> None:
    assert detect_delimiter(line) == expected


def test_missing_required_column() -> None:
    mapped = _read(DATA / "errors" / "angebote_ohne_anbieter.csv")
    problem = _only(mapped, "ingest:missing-column")
    assert problem.severity == "Violation"
    assert (problem.file, problem.row, problem.column) == (
        "angebote_ohne_anbieter.csv",
        1,
        "Anbieter",
    )
    assert "Pflichtspalte „Anbieter“ fehlt" in problem.message_de


def test_duplicate_kennung() -> None:
    mapped = _read(DATA / "errors" / "akteure_doppelt.csv")
    problem = _only(mapped, "ingest:duplicate-kennung")
    assert (problem.file, problem.row, problem.column) == ("akteure_doppelt.csv", 4, "Kennung")
    assert problem.value == "musikschule" and "mehrfach" in problem.message_de
    assert "Zeile 2" in problem.message_de
    assert str(mapped.graph.value(ID["actor/musikschule"], SCHEMA.name)) == "Musikschule Viersen"


def test_control_characters_are_rejected() -> None:
    mapped = _read(DATA / "errors" / "akteure_steuerzeichen.csv")
    problem = _only(mapped, "ingest:control-character")
    assert (problem.row, problem.kennung, problem.column) == (2, "steuer", "Name")
    assert "Steuerzeichen" in problem.message_de
    assert mapped.graph.value(ID["actor/steuer"], SCHEMA.name) is None


def test_unknown_column_invalid_kennung_and_reference() -> None:
    csv = (
        "Kennung,Name,Akteurstyp,Lieblingsfarbe,Übergeordnete Organisation\n"
        "ok,OK,library,blau,kreis viersen\n"
        "nicht ok,X,library,,\n"
        ",Ohne Kennung,library,,\n"
        "\n"
        ",,,,\n"
    )
    mapped = read_contribution([("akteure.csv", csv.encode())])
    unknown = _only(mapped, "ingest:unknown-column")
    assert unknown.severity == "Violation" and unknown.column == "Lieblingsfarbe"
    assert unknown.value == "blau"  # the first value entered, so the column is recognisable
    reference = _only(mapped, "ingest:reference")
    assert (reference.row, reference.column, reference.value) == (
        2,
        "Übergeordnete Organisation",
        "kreis viersen",
    )
    kennung = [p for p in mapped.problems if p.constraint == "ingest:kennung"]
    assert [(p.row, p.value) for p in kennung] == [(3, "nicht ok"), (4, None)]
    assert list(mapped.subjects) == [str(ID["actor/ok"])]  # blank rows skipped


def test_unsupported_file_type_and_unknown_template() -> None:
    mapped = read_contribution([("bild.png", b"\x89PNG"), ("liste.csv", b"foo,bar\n1,2\n")])
    assert _only(mapped, "ingest:file-type").file == "bild.png"
    assert _only(mapped, "ingest:unknown-template").file == "liste.csv"


def test_binary_csv_is_refused() -> None:
    mapped = read_contribution([("akteure.csv", b"Kennung,Name\x00\x01\n")])
    assert "Binärdaten" in _only(mapped, "ingest:encoding").message_de


def test_max_rows() -> None:
    mapped = _read(DATA / "errors" / "akteure_doppelt.csv", max_rows=1)
    assert _only(mapped, "ingest:too-many-rows").row == 3
    assert len(mapped.subjects) == 0  # refused while reading, before any row is mapped


# -- xlsx ----------------------------------------------------------------------------------------


def _workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "angebote"
    sheet.append(
        [
            "Kennung",
            "Titel",
            "Anbieter",
            "Lebensphase",
            "Format",
            "Angebotsart",
            "Mindestalter",
            "Preis",
            "Kostenfrei",
            "Beginn",
            "Ende",
        ]
    )
    sheet.append(
        [
            "kurs-1",
            "Kurs",
            "vhs-viersen",
            "adult-education",
            "presence",
            "course",
            16,
            12.5,
            True,
            datetime(2024, 9, 2),
            45688,
        ]
    )
    sheet.append([None] * 11)
    sheet.append(["kurs-2", "Kurs 2", 100021, "adult-education", "presence", "course"])
    merged = workbook.create_sheet("akteure")
    merged.append(["Kennung", "Name", "Akteurstyp"])
    merged.append(["a1", "Gemeinsamer Name", "library"])
    merged.append(["a2", None, "library"])
    merged.merge_cells("B2:B3")
    workbook.create_sheet("Erläuterungen").append(["Spalte", "Beschreibung"])
    workbook.create_sheet("Notizen").append(["irgendwas", "anderes"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_sheets_dates_numbers_and_merged_cells() -> None:
    mapped = read_contribution([("vorlage.xlsx", _workbook_bytes())])
    g = mapped.graph
    offer = ID["offer/kurs-1"]
    assert (offer, SCHEMA.startDate, Literal("2024-09-02", datatype=XSD.date)) in g
    assert (offer, SCHEMA.endDate, Literal("2025-01-31", datatype=XSD.date)) in g  # Excel serial
    assert (offer, BG.minAge, Literal(16)) in g
    assert (offer, BG.isFree, Literal(True)) in g
    assert g.value(offer, BG.price).toPython() == Decimal("12.5")
    assert mapped.subjects[str(offer)].row == 2
    assert mapped.subjects[str(ID["offer/kurs-2"])].row == 4  # blank row 3 skipped, numbering kept
    assert (ID["offer/kurs-2"], BG.provider, ID["actor/school-100021"]) in g
    merged = _only(mapped, "ingest:merged-cells")
    assert (
        merged.file == "vorlage.xlsx" and "B2:B3" in merged.message_de and merged.value == "B2:B3"
    )
    assert str(ID["actor/a1"]) not in mapped.subjects
    unknown = _only(mapped, "ingest:unknown-template")
    assert unknown.severity == "Violation" and unknown.sheet == "Notizen"
    assert "Blatt „Notizen“ passt zu keiner Vorlage" in unknown.message_de
    assert merged.sheet == "akteure"
    assert mapped.files[0].row_count == 2


def test_broken_xlsx() -> None:
    mapped = read_contribution([("kaputt.xlsx", b"PK\x03\x04 not really a zip")])
    assert "Excel-Datei" in _only(mapped, "ingest:xlsx").message_de


# -- RDF files -------------------------------------------------------------------------------------


def test_rdf_records_are_accepted_with_row_none() -> None:
    mapped = _read(DATA / "good" / "akteure.ttl", DATA / "good" / "akteure.jsonld")
    assert mapped.problems == []
    for name in ("stadtbibliothek-viersen", "musikschule-viersen"):
        location = mapped.subjects[str(ID[f"actor/{name}"])]
        assert location.row is None and location.column is None
    assert {f.media_type for f in mapped.files} == {"text/turtle", "application/ld+json"}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(repr(args))
        raise AssertionError("network access attempted")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(rdflib.parser, "_urlopen", refuse)
    return calls


@pytest.mark.parametrize(
    ("name", "context"),
    [
        ("remote-context.jsonld", "https://schema.org/"),
        ("nested-remote-context.jsonld", "https://example.org/ctx.jsonld"),
    ],
)
def test_jsonld_remote_context_is_refused(no_network: list[str], name: str, context: str) -> None:
    mapped = _read(DATA / "errors" / name)
    problem = _only(mapped, "ingest:remote-context")
    assert problem.file == name and problem.value == context
    assert "externen @context" in problem.message_de
    assert len(mapped.graph) == 0 and no_network == []


def test_malformed_turtle() -> None:
    mapped = _read(DATA / "errors" / "kaputt.ttl")
    problem = _only(mapped, "ingest:syntax")
    assert problem.file == "kaputt.ttl" and problem.row is None
    assert "Zeile 6" in problem.message_de and "string literal" in problem.message_de


def test_only_records_may_be_contributed() -> None:
    mapped = _read(DATA / "errors" / "fremde-subjekte.ttl")
    problem = _only(mapped, "ingest:not-a-record")
    assert problem.value == "https://w3id.org/bildungsgraph/vocab/topic/stem"
    assert "nur Datensätze" in problem.message_de
    assert len(list(mapped.graph.subjects(None, None, unique=True))) == 1


def test_untyped_rdf_record() -> None:
    data = b'<https://w3id.org/bildungsgraph/id/actor/x> <https://schema.org/name> "X" .\n'
    mapped = read_contribution([("x.nt", data)])
    assert _only(mapped, "ingest:untyped-record").focus_node == str(ID["actor/x"])


# -- cell values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "datatype", "expected"),
    [
        ("12", XSD.integer, Literal(12)),
        (12.0, XSD.integer, Literal(12)),
        ("1.234,56", XSD.decimal, Literal("1234.56", datatype=XSD.decimal)),
        ("12.5", XSD.decimal, Literal("12.5", datatype=XSD.decimal)),
        ("01.02.2024", XSD.date, Literal("2024-02-01", datatype=XSD.date)),
        ("2024-02-01", XSD.date, Literal("2024-02-01", datatype=XSD.date)),
        (datetime(2024, 2, 1), XSD.date, Literal("2024-02-01", datatype=XSD.date)),
        ("Ja", XSD.boolean, Literal(True)),
        ("x", XSD.boolean, Literal(True)),
        ("0", XSD.boolean, Literal(False)),
        ("nein", XSD.boolean, Literal(False)),
        ("https://a.de", XSD.anyURI, Literal("https://a.de", datatype=XSD.anyURI)),
        (" Text ", XSD.string, Literal("Text")),
    ],
)
def test_convert_literal(cell: object, datatype: URIRef, expected: Literal) -> None:
    literal, ok = convert_literal(cell, datatype)
    assert ok and literal == expected


@pytest.mark.parametrize(
    ("cell", "datatype"),
    [
        ("zwölf", XSD.integer),
        ("1,2,3", XSD.decimal),
        ("31.02.2024", XSD.date),
        ("2024/01/01", XSD.date),
        ("vielleicht", XSD.boolean),
    ],
)
def test_unconvertible_values_become_plain_strings(cell: str, datatype: URIRef) -> None:
    literal, ok = convert_literal(cell, datatype)
    assert not ok and literal == Literal(cell) and literal.datatype is None


def test_references_and_keys() -> None:
    assert resolve_reference("school-123456", "actor") == ID["actor/school-123456"]
    assert resolve_reference("123456", "actor") == ID["actor/school-123456"]
    assert resolve_reference(str(ID["actor/x"]), "actor") == ID["actor/x"]
    assert resolve_reference("mit leerzeichen", "actor") is None
    assert resolve_kommune("05166") == ID["kommune/05166"]
    assert resolve_kommune("5") == ID["kommune/05"]
    assert resolve_kommune("051") == ID["kommune/051"]
    assert resolve_kommune("Viersen") is None
    assert resolve_kommune("123456") is None


def test_concepts_resolve_by_label_notation_slug_and_iri(fixture_model) -> None:
    lookup = fixture_model[1].column_by_header("Farbe").lookup
    green = URIRef("https://w3id.org/bildungsgraph/vocab/colour/green")
    for spelling in ("Grün", "GRUEN", "green", "01", "1", str(green), "Gruen"):
        assert resolve_concept(spelling, lookup) == green, spelling
    assert resolve_concept("blau", lookup) is None
