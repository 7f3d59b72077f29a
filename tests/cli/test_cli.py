"""The command line, in process (CliRunner) on a copy of the fully loaded store (those tests
are slow, marked by tests/conftest.py) or on empty stores."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from bildungsgraph.cli import main
from bildungsgraph.config import EXAMPLE_DIR
from bildungsgraph.service import BildungsGraph


@pytest.fixture
def store_dir(loaded_service: BildungsGraph) -> Path:
    path = loaded_service.store.path
    loaded_service.close()
    return path


def run(store: Path, *args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--store", str(store), *args], input=input)
    return result.exit_code, result.output


def broken_offer(tmp_path: Path) -> Path:
    path = tmp_path / "angebote.csv"
    path.write_text(
        "Kennung,Titel,Anbieter,Lebensphase,Format,Angebotsart,Beginn,Ende\n"
        "kurs-1,Lesewerkstatt,,Primarbereich,Präsenz,Kurs,2025-09-01,2025-08-01\n",
        encoding="utf-8",
    )
    return path


COMMANDS = [
    [],
    ["init"],
    ["load"],
    ["validate"],
    ["contribute"],
    ["contributions"],
    ["contributions", "list"],
    ["contributions", "show"],
    ["contributions", "withdraw"],
    ["query"],
    ["export"],
    ["stats"],
    ["templates"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "main")
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_init_creates_schema_graphs(tmp_path: Path) -> None:
    code, output = run(tmp_path / "store", "init")
    assert code == 0, output
    assert "graphs" in output


def test_validate_needs_loaded_store(tmp_path: Path) -> None:
    code, output = run(tmp_path / "empty", "validate", str(broken_offer(tmp_path)))
    assert code == 1
    assert "bildungsgraph load" in output


def test_stats(store_dir: Path) -> None:
    code, output = run(store_dir, "stats", "--json")
    assert code == 0, output
    stats = json.loads(output)
    assert stats["records"]["Municipality"] == 396
    assert stats["population"]["2019-12-31"] == 17_947_221


def test_validate_reports_row_column_and_german_message(store_dir: Path, tmp_path: Path) -> None:
    code, output = run(store_dir, "validate", str(broken_offer(tmp_path)), "--json")
    assert code == 1
    problems = json.loads(output)["problems"]
    provider = [p for p in problems if p["column"] == "Anbieter"]
    assert provider and provider[0]["row"] == 2 and provider[0]["file"] == "angebote.csv"
    assert provider[0]["severity"] == "Violation"
    dates = [p for p in problems if p["column"] in ("Beginn", "Ende")]
    assert dates and all(p["message_de"] for p in dates)
    assert all(p["kennung"] == "kurs-1" for p in problems)


def test_validate_text_names_sheet_kennung_column_and_value(
    store_dir: Path, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "akteure"
    sheet.append(["Kennung", "Name", "Akteurstyp", "Telefon"])
    sheet.append(["a-tel", "Museum", "library", "ruf mich an"])
    path = tmp_path / "beitrag.xlsx"
    workbook.save(path)
    code, output = run(store_dir, "validate", str(path))
    assert code == 1
    assert (
        "Fehler: beitrag.xlsx, Blatt „akteure“, Zeile 2, Kennung „a-tel“, Spalte „Telefon“: "
        in output
    )
    assert "(Wert: „ruf mich an“)" in output
    code, english = run(store_dir, "validate", str(path), "--lang", "en")
    assert 'sheet "akteure", row 2, Kennung "a-tel", column "Telefon"' in english
    assert "“Telefon”" in english  # the German column name, as in the template


def test_validate_example_files_conform(store_dir: Path) -> None:
    files = [str(path) for path in sorted(EXAMPLE_DIR.glob("*.csv"))]
    code, output = run(store_dir, "validate", *files)
    assert code == 0, output[-2000:]


def test_contribute_list_show_withdraw(store_dir: Path, tmp_path: Path) -> None:
    actors = tmp_path / "akteure.csv"
    actors.write_text(
        "Kennung,Name,Akteurstyp,E-Mail\n"
        "lesecafe-test,Lesecafé <b>Test</b>,Verein,info@lesecafe.example\n",
        encoding="utf-8",
    )
    code, output = run(
        store_dir, "contribute", str(actors), "--contributor", "Bildungsbüro Test", "--json"
    )
    assert code == 0, output
    outcome = json.loads(output)
    assert outcome["stored"] and outcome["triples"] > 0
    contribution_id = outcome["graph"].rsplit("/", 1)[-1]

    code, output = run(
        store_dir, "contribute", str(actors), "--contributor", "Bildungsbüro Test", "--json"
    )
    assert json.loads(output)["duplicate_of"] == outcome["graph"]

    code, output = run(store_dir, "contributions", "list")
    assert contribution_id in output and "Bildungsbüro Test" in output
    code, output = run(store_dir, "contributions", "show", contribution_id)
    shown = json.loads(output)
    assert shown["files"][0]["name"] == "akteure.csv" and shown["files"][0]["rows"] == 1

    code, output = run(
        store_dir,
        "query",
        "SELECT ?name WHERE { actor:lesecafe-test schema:name ?name }",
        "--format",
        "csv",
    )
    assert list(csv.reader(io.StringIO(output)))[1] == ["Lesecafé <b>Test</b>"]

    code, output = run(store_dir, "contributions", "withdraw", contribution_id, "--yes")
    assert code == 0
    code, output = run(store_dir, "query", "ASK { actor:lesecafe-test ?p ?o }")
    assert output.strip() == "false"


def test_refused_contribution_stores_nothing(store_dir: Path, tmp_path: Path) -> None:
    good = tmp_path / "akteure.csv"
    good.write_text("Kennung,Name,Akteurstyp\nverein-x,Verein X,Verein\n", encoding="utf-8")
    before = run(store_dir, "stats", "--json")[1]
    code, output = run(
        store_dir, "contribute", str(good), str(broken_offer(tmp_path)), "--contributor", "X"
    )
    assert code == 1
    assert "Nichts gespeichert" in output
    assert run(store_dir, "stats", "--json")[1] == before


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(store_dir: Path, fmt: str) -> None:
    code, output = run(
        store_dir,
        "query",
        "SELECT ?ags ?name WHERE { ?g bg:ags ?ags ; schema:name ?name } ORDER BY ?ags LIMIT 2",
        "--format",
        fmt,
    )
    assert code == 0, output
    assert "05111000" in output


def test_query_construct_as_turtle_and_errors(store_dir: Path) -> None:
    code, output = run(
        store_dir, "query", "CONSTRUCT WHERE { kommune:05166 ?p ?o }", "--format", "ttl"
    )
    assert code == 0 and "05166" in output
    code, output = run(store_dir, "query", "SELECT WHERE {")
    assert code == 1 and "malformed" in output


def test_export_nquads_keeps_graphs(store_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "dump.nq.gz"
    code, output = run(store_dir, "export", "--format", "nq", "--gzip", "-o", str(target))
    assert code == 0, output
    quads = pyoxigraph.parse(gzip.decompress(target.read_bytes()), pyoxigraph.RdfFormat.N_QUADS)
    names = {quad.graph_name.value for quad in quads}
    assert "https://w3id.org/bildungsgraph/graph/reference/schools" in names
    assert "https://w3id.org/bildungsgraph/graph/example" in names


def test_templates(tmp_path: Path) -> None:
    code, output = run(tmp_path / "store", "templates", str(tmp_path / "vorlagen"))
    assert code == 0, output
    names = {path.name for path in (tmp_path / "vorlagen").iterdir()}
    assert {"akteure.csv", "angebote.csv", "kooperationen.csv"} <= names
    assert any(name.endswith(".xlsx") for name in names)
