"""Updates of the official lists: the MSB school list reader (2021 and newer format), the
GENESIS 12411-0018 reader, and their diffs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from rdflib import Graph

from bildungsgraph.config import REFERENCE_DIR
from bildungsgraph.namespaces import (
    BG,
    DCT,
    RDF,
    SCHOOLS_CLOSED_GRAPH,
    WGS,
    concept_iri,
    school_actor_iri,
)
from bildungsgraph.reference import ReferenceDataError
from bildungsgraph.reference.genesis import (
    check_kreise,
    read_genesis_12411,
    update_population_graph,
)
from bildungsgraph.reference.metadata import GV_ISYS
from bildungsgraph.reference.msb import parse_msb_schools, read_msb_schools, utm32_to_wgs84
from bildungsgraph.reference.population import add_age_bands, population_iri
from bildungsgraph.reference.schools import build_school_graph
from bildungsgraph.reference.sources import (
    AGE_BAND_COLUMNS,
    AGE_BANDS_CSV,
    SCHOOLS_CSV,
    AgeBandRow,
    School,
    read_age_bands,
    read_schools,
)
from bildungsgraph.reference.update import update_school_graphs

RAW_2021 = REFERENCE_DIR / "raw" / "schuldaten.csv"  # the MSB download (data/README.md)
HEADER_2021 = (
    "Schulnummer;Schulform;Schulbezeichnung_1;Schulbezeichnung_2;Schulbezeichnung_3;"
    "Kurzbezeichnung;PLZ;Ort;Strasse;Telefonvorwahl;Telefon;Faxvorwahl;Fax;E-Mail;Homepage;"
    "Rechtsform;Traegernummer;Gemeindeschluessel;Schulbetriebsschluessel;Schulbetriebsdatum;"
    "EPSG;UTMRechtswert;UTMHochwert;"
)


def _row(*cells: str) -> str:
    return ";".join(f'"{c}"' for c in cells)


KOELN = _row(
    "100010",
    "20",
    "Gymnasium  Claudia",
    "Agrippina",
    "",
    "Köln, Gym",
    "50933",
    "Köln",
    "Stolberger Str. 112",
    "0221",
    "1",
    "0221",
    "2",
    "100010@schule.nrw.de",
    "www.claudia-agrippina-privatschule.de",
    "2",
    "83150",
    "05315000",
    "1",
    "01.08.2016",
    "EPSG:25832",
    "352258",
    "5645500",
)
CLOSED_ONE = _row(
    "100000",
    "25",
    "Studienkolleg",
    "",
    "",
    "Bochum",
    "44799",
    "Bochum",
    "Girondelle 80",
    "",
    "",
    "",
    "",
    "",
    "",
    "2",
    "10100",
    "05911000",
    "6",
    "01.01.1974",
    "null",
    "378180",
    "5701853",
)
NO_POINT = _row(
    "100011",
    "15",
    "Städt. Gesamtschule",
    "",
    "",
    "Haan, GE",
    "42781",
    "Haan",
    "Walder Str. 15",
    "",
    "",
    "",
    "",
    "keine-adresse",
    "ftp://x",
    "1",
    "11435",
    "05158008",
    "1",
    "01.08.2017",
    "null",
    "",
    "",
)


def test_reads_the_2021_format_with_the_excel_separator_line() -> None:
    data = "\n".join(["sep=;", HEADER_2021, KOELN, CLOSED_ONE, NO_POINT]).encode("utf-8")
    result = parse_msb_schools(data)
    assert result.records == 3 and not result.with_bezirksregierung
    koeln, haan = result.schools  # the record not in operation (6) is left out
    assert koeln == School(
        schulnummer="100010",
        schulform="20",
        name="Gymnasium Claudia Agrippina",
        street="Stolberger Str. 112",
        postal_code="50933",
        locality="Köln",
        homepage="http://www.claudia-agrippina-privatschule.de",
        email="100010@schule.nrw.de",
        legal_status="privat",
        ags="05315000",
        lat="50.942172",
        lon="6.897017",
    )
    assert (haan.legal_status, haan.lat, haan.lon, haan.email, haan.homepage) == (
        "öffentlich",
        "",
        "",
        "",
        "",
    )
    assert [n.split(": ", 1)[1] for n in result.notes] == [
        "100011: e-mail 'keine-adresse' left out (no address)",
        "100011: homepage 'ftp://x' left out",
    ]
    assert result.notes[0].startswith("schuldaten.csv:5:")  # line numbers count the sep line


def test_reads_the_newer_format_in_windows_1252_and_keeps_unknown_school_forms() -> None:
    header = HEADER_2021 + "Bezirksregierung"
    zfsl = _row(
        "199999",
        "60",
        "Zentrum für schulpraktische",
        "Lehrerausbildung",
        "",
        "K",
        "50933",
        "Köln",
        "Weg 1",
        "",
        "",
        "",
        "",
        "",
        "",
        "1",
        "",
        "05315000",
        "1",
        "01.08.2023",
        "EPSG:25832",
        "352258",
        "5645500",
        "Köln",
    )
    data = "\r\n".join([header, KOELN + ';"Köln"', zfsl]).encode("cp1252")
    result = parse_msb_schools(data)
    assert result.with_bezirksregierung
    assert [s.schulnummer for s in result.schools] == ["100010", "199999"]
    assert result.schools[1].name == "Zentrum für schulpraktische Lehrerausbildung"
    assert result.unknown_forms == {"60": ["199999"]}
    graph = build_school_graph(result.schools)
    assert graph.value(school_actor_iri("199999"), BG.actorType) == concept_iri(
        "actor-type", "school"
    )
    assert graph.value(school_actor_iri("100010"), BG.actorType) == concept_iri(
        "actor-type", "school-form-20"
    )


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["Schulnummer;Name", '"1";"x"'], "columns missing"),
        ([HEADER_2021, KOELN, KOELN], "repeated Schulnummer: 100010"),
        ([HEADER_2021, KOELN.replace('"50933"', '"5093"')], "PLZ '5093'"),
        ([HEADER_2021, KOELN.replace('"2";"83150"', '"9";"83150"')], "Rechtsform '9'"),
        ([], "empty"),
    ],
)
def test_a_malformed_file_is_an_error(lines: list[str], message: str) -> None:
    with pytest.raises(ReferenceDataError, match=message):
        parse_msb_schools("\n".join(lines).encode("utf-8"))


def test_utm_conversion_matches_a_published_point() -> None:
    lat, lon = utm32_to_wgs84(361466, 5673192)  # Haan, Walder Str. 15 (nrw_schulen_2021.csv)
    assert (f"{lat:.6f}", f"{lon:.6f}") == ("51.193327", "7.017392")


def test_the_raw_msb_download_gives_the_shipped_school_list() -> None:
    read = {s.schulnummer: s for s in read_msb_schools(RAW_2021).schools}
    shipped = {s.schulnummer: s for s in read_schools(REFERENCE_DIR / SCHOOLS_CSV)}
    assert read.keys() == shipped.keys()
    for number, school in shipped.items():
        other = read[number]
        assert replace(other, lat=school.lat, lon=school.lon) == school
        if school.lat:  # the last decimal may round the other way
            assert abs(Decimal(other.lat) - Decimal(school.lat)) <= Decimal("0.000001")
            assert abs(Decimal(other.lon) - Decimal(school.lon)) <= Decimal("0.000001")


def _school(number: str, **changes: str) -> School:
    base = School(
        schulnummer=number,
        schulform="02",
        name=f"Grundschule {number}",
        street="Weg 1",
        postal_code="47798",
        locality="Krefeld",
        homepage="",
        email="",
        legal_status="öffentlich",
        ags="05114000",
        lat="51.3",
        lon="6.5",
    )
    return replace(base, **changes)


def test_the_diff_and_the_closed_graph() -> None:
    old = build_school_graph([_school("100001"), _school("100002"), _school("100003")])
    closed = update_school_graphs(
        [_school("100001"), _school("100003")], old, [], date(2025, 1, 1)
    ).closed  # 100002 closed in 2025
    old = build_school_graph([_school("100001"), _school("100003")])
    new = [
        _school("100001", lat="51.3000004"),  # the same point: the stored text is kept
        _school("100002"),  # back in operation
        _school("100004", schulform="60"),
    ]
    result = update_school_graphs(new, old, closed, date(2026, 12, 1))
    diff = result.diff
    assert (diff.before, diff.after, diff.on) == (2, 3, "2026-12-01")
    assert [e.schulnummer for e in diff.new] == ["100004"]
    assert [e.schulnummer for e in diff.reopened] == ["100002"]
    assert [(e.schulnummer, e.name, e.gemeinde) for e in diff.closed] == [
        ("100003", "Grundschule 100003", "05114000")
    ]
    assert diff.changed == [] and diff.unchanged == 1 and diff.unknown_forms == {}
    closed_now = result.closed
    three, two = school_actor_iri("100003"), school_actor_iri("100002")
    assert str(closed_now.value(three, BG.closedOn)) == "2026-12-01"
    assert str(closed_now.value(three, BG.schoolNumber)) == "100003"
    assert closed_now.value(three, BG.hasSite) is not None  # the site moves along
    assert (two, None, None) not in closed_now  # reopened: it leaves schools-closed
    assert (SCHOOLS_CLOSED_GRAPH, None, None) in closed_now
    site = result.schools.value(school_actor_iri("100001"), BG.hasSite)
    assert str(result.schools.value(site, WGS.lat)) == "51.3"


def test_changed_fields_are_listed_and_earlier_closed_schools_stay() -> None:
    old = build_school_graph([_school("100001"), _school("100002")])
    closed = update_school_graphs([_school("100001")], old, [], date(2025, 1, 1)).closed
    old = build_school_graph([_school("100001")])
    moved = _school(
        "100001",
        name="Neue Grundschule",
        street="Weg 2",
        ags="05166032",
        schulform="60",
        lat="51.31",
    )
    result = update_school_graphs([moved], old, closed, date(2026, 12, 1))
    (change,) = result.diff.changed
    assert change.fields == {
        "name": ("Grundschule 100001", "Neue Grundschule"),
        "schulform": ("school-form-02", "school"),
        "street": ("Weg 1", "Weg 2"),
        "gemeinde": ("05114000", "05166032"),
        "lat": ("51.3", "51.31"),
    }
    assert result.diff.closed_before == 1
    assert str(result.closed.value(school_actor_iri("100002"), BG.closedOn)) == "2025-01-01"


RAW_12411 = RAW_2021.parent / "12411-0018.utf8.csv"
GENESIS_HEAD = (
    "GENESIS-Tabelle: 12411-0018\n"
    "Bevölkerung: Kreise, Stichtag, Geschlecht, Altersgruppen;;;\n"
    ";;;männlich;weiblich\n"
)


def _genesis_row(day: str, key: str, name: str, first: int = 1) -> str:
    return ";".join([day, key, name, str(first), *["1"] * 16, *["2"] * 17])


def test_reads_the_nrw_rows_of_genesis_12411_in_latin_1() -> None:
    text = GENESIS_HEAD + "\n".join(
        [
            _genesis_row("31.12.2020", "01001", "Flensburg"),  # not NRW
            _genesis_row("31.12.2020", "05111", "Düsseldorf", first=5),
            "__________",
            "© Statistisches Bundesamt (Destatis), 2021",
        ]
    )
    (row,) = read_genesis_12411(text.encode("latin-1"))
    assert (row.kreis_key, row.reference_date) == ("05111", date(2020, 12, 31))
    assert row.counts["under-3"] == 7 and row.counts["75-and-over"] == 3
    assert row.counts["total"] == 5 + 16 + 34
    with pytest.raises(ReferenceDataError, match="expected 34 counts"):
        read_genesis_12411((GENESIS_HEAD + "31.12.2020;05111;D;1;2").encode())
    with pytest.raises(ReferenceDataError, match="no NRW rows"):
        read_genesis_12411(b"a;b;c")


def test_the_raw_genesis_download_gives_the_shipped_age_bands() -> None:
    read = {
        (r.kreis_key, r.reference_date): r.counts
        for r in read_genesis_12411(RAW_12411.read_bytes())
    }
    shipped = {
        (r.kreis_key, r.reference_date): r.counts
        for r in read_age_bands(REFERENCE_DIR / AGE_BANDS_CSV)
    }
    assert read == shipped


def test_the_population_diff_keeps_the_gv_totals() -> None:
    def row(day: date, key: str, under_3: int) -> AgeBandRow:
        counts = dict.fromkeys(AGE_BAND_COLUMNS.values(), 10) | {"under-3": under_3}
        return AgeBandRow(day, key, {**counts, "total": sum(counts.values())})

    old = Graph()
    add_age_bands(old, [row(date(2019, 12, 31), "05111", 10)])
    gv = population_iri("05111000", date(2019, 12, 31), "total")
    old.add((gv, RDF.type, BG.PopulationCount))
    old.add((gv, DCT.source, GV_ISYS))
    graph, diff = update_population_graph(
        [row(date(2019, 12, 31), "05111", 11), row(date(2021, 12, 31), "05111", 10)],
        old,
        date(2026, 12, 1),
    )
    assert diff.added_dates == ["2021-12-31"] and diff.removed_dates == []
    assert diff.changed == [
        ("05111", "2019-12-31", "total", 170, 171),
        ("05111", "2019-12-31", "under-3", 10, 11),
    ]
    assert diff.unchanged == 16
    assert (gv, DCT.source, GV_ISYS) in graph
    assert (
        str(graph.value(population_iri("05111", date(2021, 12, 31), "under-3"), BG.population))
        == "10"
    )
    with pytest.raises(ReferenceDataError, match="05112"):
        check_kreise([row(date(2019, 12, 31), "05111", 1)], {"05111", "05112"})
