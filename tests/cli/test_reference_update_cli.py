"""``bildungsgraph reference update schools|population`` on a copy of the loaded store: an MSB
download in the newer format (with Bezirksregierung) that closes a school an example
cooperation names, adds one, changes one and gives one a Schulform key the vocabulary does not
know; a GENESIS 12411-0018 download with a changed count and a new Stichtag."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from bildungsgraph.cli import main
from bildungsgraph.config import REFERENCE_DIR
from bildungsgraph.namespaces import (
    BG,
    SCHEMA,
    SCHOOLS_CLOSED_GRAPH,
    SCHOOLS_GRAPH,
    XSD,
    school_actor_iri,
)
from bildungsgraph.readmodel.closed import (
    closed_schools,
    closed_schools_named,
    closed_schools_named_in,
)
from bildungsgraph.reference.sources import AGE_BAND_COLUMNS, AGE_BANDS_CSV, SCHOOLS_CSV
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

pytestmark = pytest.mark.slow

CLOSED, NEW, RENAMED, NEW_FORM = "103070", "999001", "103172", "100011"
COOPERATION = "05114-koop-0002"  # names school-103070 (data/example/kooperationen.csv)
MSB_HEADER = [
    "Schulnummer",
    "Schulform",
    "Schulbezeichnung_1",
    "Schulbezeichnung_2",
    "Schulbezeichnung_3",
    "Kurzbezeichnung",
    "PLZ",
    "Ort",
    "Strasse",
    "Telefonvorwahl",
    "Telefon",
    "Faxvorwahl",
    "Fax",
    "E-Mail",
    "Homepage",
    "Rechtsform",
    "Traegernummer",
    "Gemeindeschluessel",
    "Schulbetriebsschluessel",
    "Schulbetriebsdatum",
    "EPSG",
    "UTMRechtswert",
    "UTMHochwert",
    "Bezirksregierung",
]
LEGAL = {"öffentlich": "1", "privat": "2"}


def _msb_row(row: dict[str, str]) -> list[str]:
    """A record of the shipped list (nrw_schulen_2021.csv) as the MSB download has it."""
    return [
        row["schulnummer"],
        row["schulform_code"],
        row["name"],
        "",
        "",
        row["kurzbezeichnung"],
        row["plz"],
        row["ort"],
        row["strasse"],
        "",
        "",
        "",
        "",
        row["email"],
        row["homepage"],
        LEGAL[row["rechtsform"]],
        row["traegernummer"],
        row["ags"],
        row["schulbetrieb_code"],
        row["schulbetriebsdatum"],
        "EPSG:25832" if row["utm32_e"] else "null",
        row["utm32_e"],
        row["utm32_n"],
        "Düsseldorf",
    ]


def write_msb(path: Path, edit: bool = True) -> Path:
    """The shipped list in the newer MSB format (cp1252, sep=; line), with the four edits."""
    rows = []
    with (REFERENCE_DIR / SCHOOLS_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if edit and row["schulnummer"] == CLOSED:
                continue
            cells = _msb_row(row)
            if edit and row["schulnummer"] == RENAMED:
                cells[2] = "Grotenburg-Schule Städt. Gemeinschaftsgrundschule"
            if edit and row["schulnummer"] == NEW_FORM:
                cells[1] = "60"
            rows.append(cells)
    if edit:
        rows.append(
            [
                NEW,
                "02",
                "Neue Grundschule",
                "Krefeld",
                "",
                "Krefeld, GG Neu",
                "47798",
                "Krefeld",
                "Neue Str. 1",
                "",
                "",
                "",
                "",
                "",
                "",
                "1",
                "10078",
                "05114000",
                "1",
                "01.08.2026",
                "EPSG:25832",
                "329000",
                "5692000",
                "Düsseldorf",
            ]
        )
    with path.open("w", encoding="cp1252", newline="") as handle:
        handle.write("sep=;\r\n")
        csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL).writerows([MSB_HEADER, *rows])
    return path


@pytest.fixture
def store_dir(loaded_service: BildungsGraph) -> Path:
    path = loaded_service.store.path
    loaded_service.close()
    return path


def run(store: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--store", str(store), "reference", "update", *args])
    return result.exit_code, result.output


def _state(store: Path) -> tuple[str, dict[str, int]]:
    service = BildungsGraph(open_store(store))
    try:
        return service.store.state, service.store.graph_sizes()
    finally:
        service.close()


def test_update_closes_adds_changes_and_keeps_the_closed_school(
    store_dir: Path, tmp_path: Path
) -> None:
    msb = write_msb(tmp_path / "schuldaten.csv")
    code, out = run(store_dir, "schools", str(msb), "--date", "2026-12-01")
    assert code == 0, out
    assert "5424 → 5424" in out
    assert f"Neu / new: 1\n  {NEW} Neue Grundschule Krefeld (05114000)" in out
    assert f"Geschlossen / closed: 1\n  {CLOSED} Mariannenschule" in out
    assert (
        "Name / name: 'Grotenburg Schule Städt. Gem. Grundschule' → "
        "'Grotenburg-Schule Städt. Gemeinschaftsgrundschule'"
    ) in out
    assert "Schulform / school form: 'school-form-15' → 'school'" in out
    assert f"unknown school form '60': 1 ({NEW_FORM})" in out
    assert f"cooperations {COOPERATION} (partner; " in out
    assert "memberships 05114-mitglied-0091 (member; " in out
    assert "Gespeichert / stored" in out

    service = BildungsGraph(open_store(store_dir))
    try:
        view = service.readmodel.current()
        assert service.readmodel.builds == 0  # followed record by record, not rebuilt
        school = str(school_actor_iri(CLOSED))
        props = view.snapshot.records["actors"][school]
        assert props[str(BG.closedOn)] == [("2026-12-01", str(XSD.date))]
        assert view.snapshot.graphs[school] == frozenset({str(SCHOOLS_CLOSED_GRAPH)})
        assert closed_schools(view) == {school: "2026-12-01"}
        assert COOPERATION in {n.kennung for n in closed_schools_named(view)}
        assert (
            school
            in view.snapshot.records["cooperations"][
                "https://w3id.org/bildungsgraph/id/cooperation/" + COOPERATION
            ][str(BG.partner)]
        )
        assert str(school_actor_iri(NEW)) in view.snapshot.records["actors"]
        assert str(SCHOOLS_GRAPH) in view.snapshot.graphs[str(school_actor_iri(NEW))]
        # a contribution naming the closed school is told when it closed
        report = service.contributions.check(
            [
                (
                    "kooperationen.csv",
                    (
                        "Kennung,Bezeichnung,Partner,Kooperationsform,Status\n"
                        f"koop-neu,Neue Kooperation,school-{CLOSED} | school-{NEW},"
                        "school-youth-services,active\n"
                    ).encode(),
                )
            ]
        )
        messages = [
            (p.message_de, p.message_en)
            for p in report.problems
            if p.constraint == "ingest:unknown-school"
        ]
        assert messages == [
            (
                f"Die Schule „{CLOSED}“ ist laut amtlicher Schulliste NRW seit dem 01.12.2026 "
                "geschlossen. Entfernen Sie sie aus der Spalte „Partner“ oder nennen Sie die "
                "Schule, die ihre Aufgaben übernommen hat.",
                f"The school “{CLOSED}” closed on 2026-12-01 according to the official NRW school "
                "list. Remove it from the column “Partner” or name the school that took over.",
            )
        ]
    finally:
        service.close()

    # the list as before: the school is back in operation and leaves schools-closed
    code, out = run(
        store_dir,
        "schools",
        str(write_msb(tmp_path / "again.csv", edit=False)),
        "--date",
        "2026-12-02",
        "--json",
    )
    assert code == 0, out
    diff = json.loads(out)
    assert [e["schulnummer"] for e in diff["reopened"]] == [CLOSED]
    assert [e["schulnummer"] for e in diff["closed"]] == [NEW]
    assert diff["stored"] is True
    service = BildungsGraph(open_store(store_dir))
    try:
        view = service.readmodel.current()
        assert closed_schools(view) == {str(school_actor_iri(NEW)): "2026-12-02"}
        props = view.snapshot.records["actors"][str(school_actor_iri(CLOSED))]
        assert str(BG.closedOn) not in props
    finally:
        service.close()


def test_dry_run_and_malformed_files_change_nothing(store_dir: Path, tmp_path: Path) -> None:
    before = _state(store_dir)
    msb = write_msb(tmp_path / "schuldaten.csv")
    code, out = run(store_dir, "schools", str(msb), "--dry-run", "--json")
    assert code == 0, out
    assert [e["schulnummer"] for e in json.loads(out)["closed"]] == [CLOSED]
    assert json.loads(out)["stored"] is False
    broken = tmp_path / "broken.csv"
    lines = msb.read_text(encoding="cp1252").splitlines()
    broken.write_text("\n".join([*lines, lines[-1]]), encoding="cp1252")  # a repeated record
    code, out = run(store_dir, "schools", str(broken))
    assert code == 1 and f"repeated Schulnummer: {NEW}" in out
    unknown = tmp_path / "unknown.csv"
    unknown.write_text(
        msb.read_text(encoding="cp1252").replace('"05114000"', '"05114999"'), encoding="cp1252"
    )
    code, out = run(store_dir, "schools", str(unknown))
    assert code == 1 and "05114999" in out
    assert _state(store_dir) == before


def test_the_read_model_follows_the_update_in_process(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    """The writer hands the read model only the schools that changed: no rebuild, and the
    closed school leaves every figure of its Kommune while its cooperations stay."""
    krefeld = "https://w3id.org/bildungsgraph/id/kommune/05114000"
    view = loaded_service.readmodel.current()
    schools = view.tally(krefeld).count("schools", "all")
    cooperations = view.tally(krefeld).count("records", "cooperations")
    assert view.tally(krefeld).members("schools", "all").get(str(school_actor_iri(CLOSED)))
    diff = loaded_service.reference.schools(
        write_msb(tmp_path / "schuldaten.csv"), on=date(2026, 12, 1)
    )
    assert diff.stored and loaded_service.readmodel.builds == 0
    view = loaded_service.readmodel.current()
    assert view.state == loaded_service.store.state
    tally = view.tally(krefeld)
    assert tally.count("schools", "all") == schools  # one closed, one new
    assert str(school_actor_iri(CLOSED)) not in tally.members("schools", "all")
    assert str(school_actor_iri(NEW)) in tally.members("schools", "all")
    assert str(school_actor_iri(CLOSED)) not in tally.members("records", "actors")
    assert tally.count("records", "cooperations") == cooperations
    assert closed_schools(view) == {str(school_actor_iri(CLOSED)): "2026-12-01"}
    flagged = {n.kennung for n in closed_schools_named_in(view, krefeld[:-3])}  # the city
    assert {COOPERATION, "05114-mitglied-0091"} <= flagged
    assert not closed_schools_named_in(view, "https://w3id.org/bildungsgraph/id/kommune/05166")
    renamed = view.snapshot.records["actors"][str(school_actor_iri(RENAMED))]
    assert renamed[str(SCHEMA.name)] == [("Grotenburg-Schule Städt. Gemeinschaftsgrundschule", "")]


def write_genesis(path: Path) -> Path:
    """The shipped age bands as a GENESIS 12411-0018 download (all counted as male), with a
    changed count for Düsseldorf on 31.12.2019 and a new Stichtag 31.12.2021."""
    lines = ["GENESIS-Tabelle: 12411-0018", ";;;männlich"]
    with (REFERENCE_DIR / AGE_BANDS_CSV).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        counts = [int(row[column]) for column in AGE_BAND_COLUMNS]
        if (row["stichtag"], row["kreis_key"]) == ("2019-12-31", "05111"):
            counts[0] += 1
        day = ".".join(reversed(row["stichtag"].split("-")))
        lines.append(
            ";".join([day, row["kreis_key"], row["name"], *map(str, counts), *["0"] * len(counts)])
        )
        if row["stichtag"] == "2020-12-31":
            lines.append(lines[-1].replace("31.12.2020;", "31.12.2021;", 1))
    path.write_bytes("\n".join(lines).encode("latin-1"))
    return path


def test_population_update(store_dir: Path, tmp_path: Path) -> None:
    code, out = run(
        store_dir, "population", str(write_genesis(tmp_path / "12411.csv")), "--date", "2026-12-01"
    )
    assert code == 0, out
    assert "Neue Stichtage / added: 2021-12-31; entfallen / removed: –" in out
    assert "  05111 2019-12-31 under-3: 19050 → 19051" in out
    assert "Geänderte Zahlen / changed counts: 2 " in out  # the band and the total
    service = BildungsGraph(open_store(store_dir))
    try:
        population = service.readmodel.current().reference.population
        duesseldorf = population["https://w3id.org/bildungsgraph/id/kommune/05111"]
        assert duesseldorf["2019-12-31"]["under-3"] == 19051
        assert "2021-12-31" in duesseldorf
        gemeinde = population["https://w3id.org/bildungsgraph/id/kommune/05111000"]
        assert gemeinde == {"2019-12-31": {"total": 621877}}  # the GV total stays
    finally:
        service.close()


def test_loading_the_shipped_data_keeps_an_updated_school_list(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    """``load`` after ``reference update schools`` must not bring back the 2021 list."""
    loaded_service.reference.schools(write_msb(tmp_path / "schuldaten.csv"), on=date(2026, 12, 1))
    updated = loaded_service.store.graph_sizes()
    assert loaded_service.loading.updated_reference() == {str(SCHOOLS_GRAPH): "2026-12-01"}
    loaded_service.loading.load_reference()
    assert loaded_service.store.graph_sizes() == updated
    view = loaded_service.readmodel.current()
    assert closed_schools(view) == {str(school_actor_iri(CLOSED)): "2026-12-01"}
