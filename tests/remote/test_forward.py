"""``/sparql`` over a remote store: the same safety as on the embedded store, the query
forwarded to a real server (Oxigraph, Virtuoso) and its answer streamed back."""

from __future__ import annotations

import asyncio
import concurrent.futures
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from bildungsgraph.config import Settings
from bildungsgraph.service import BildungsGraph
from bildungsgraph.sparql import ForwardingEndpoint, Limits, SparqlRequest, StreamedAnswer
from bildungsgraph.sparql.errors import ResultTooLarge
from bildungsgraph.sparql.rows import row_counter
from bildungsgraph.store import open_store
from bildungsgraph.store.connection import RemoteConnection
from bildungsgraph.web import create_app
from remoteservers import OxigraphServer, RemoteServer

EX = "http://example.org/"
GRAPH = f"{EX}graph/forward"
NAMES = ["Alpha", "Beta\nzwei Zeilen", 'Gamma, "zitiert"']
SELECT_NAMES = f"SELECT ?s ?name WHERE {{ GRAPH <{GRAPH}> {{ ?s <{EX}name> ?name }} }} ORDER BY ?s"
CONSTRUCT = (
    f"CONSTRUCT {{ ?s <{EX}name> ?name }} WHERE {{ GRAPH <{GRAPH}> {{ ?s <{EX}name> ?name }} }}"
)


def _values(name: str, count: int) -> str:
    return f"VALUES ?{name} {{ {' '.join(str(n) for n in range(count))} }}"


# 10^8 solutions to count: far longer than a second on either server
SLOW = f"SELECT (COUNT(*) AS ?n) WHERE {{ {' '.join(_values(name, 100) for name in 'abcd')} }}"
JSON = "application/sparql-results+json"
MEDIA_TYPES = {"json": JSON, "xml": "application/sparql-results+xml", "csv": "text/csv",
               "tsv": "text/tab-separated-values"}  # fmt: skip
# 20,000 rows of about 150 bytes: an answer in many chunks, whichever way a server sends it
MANY = (
    f"SELECT ?a ?b ?text WHERE {{ {_values('a', 100)} {_values('b', 200)} "
    f"BIND(CONCAT(STR(?a), '{'x' * 100}', STR(?b)) AS ?text) }}"
)


def _load(server: RemoteServer) -> None:
    triples = " ".join(
        f"<{EX}s{number}> <{EX}name> {json.dumps(name)} ." for number, name in enumerate(NAMES)
    )
    answer = httpx.post(
        server.update_url,
        data={"update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {triples} }} }}"},
        auth=server.httpx_auth(),
        timeout=60,
    )
    assert answer.status_code in (200, 204), answer.text


def _settings(tmp_path: Path, server: RemoteServer, **overrides: Any) -> Settings:
    return Settings.from_env(tmp_path / "side", **server.settings_overrides(), **overrides)


@pytest.fixture
def service() -> Iterator[BildungsGraph]:
    """The service the app is built with: the endpoint must need only the settings."""
    service = BildungsGraph(open_store(None))
    yield service
    service.readmodel.current()  # the app's lifespan started reading it: wait for that
    service.close()


def _client(settings: Settings, service: BildungsGraph) -> TestClient:
    return TestClient(create_app(settings, service), raise_server_exceptions=True)


@pytest.fixture
def loaded(remote_server: RemoteServer) -> RemoteServer:
    _load(remote_server)
    return remote_server


@pytest.fixture
def client(loaded: RemoteServer, tmp_path: Path, service: BildungsGraph) -> Iterator[TestClient]:
    with _client(_settings(tmp_path, loaded, max_result_rows=10), service) as client:
        yield client


def _query(client: TestClient, query: str, **params: str) -> httpx.Response:
    return client.post("/sparql", data={"query": query, **params})


def _names_of(solutions: list[dict[str, str]]) -> list[str]:
    return [row["name"] for row in solutions]


def _solutions(fmt: str, body: bytes) -> list[dict[str, str]]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(body.decode(), newline="")))
    formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "tsv": ox.QueryResultsFormat.TSV}  # fmt: skip
    parsed = ox.parse_query_results(body, format=formats[fmt])
    assert isinstance(parsed, ox.QuerySolutions)
    variables = [variable.value for variable in parsed.variables]
    return [{name: row[name].value for name in variables} for row in parsed]


@pytest.mark.parametrize(("fmt", "media_type"), MEDIA_TYPES.items())
def test_select_in_each_format(
    client: TestClient, service: BildungsGraph, fmt: str, media_type: str
) -> None:
    answer = _query(client, SELECT_NAMES, format=fmt)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].split(";")[0] == media_type
    assert answer.headers["bildungsgraph-state"] == service.store.state
    assert answer.headers["access-control-allow-origin"] == "*"
    assert _names_of(_solutions(fmt, answer.content)) == NAMES


@pytest.mark.parametrize(
    ("accept", "fmt"), [("text/turtle", ox.RdfFormat.TURTLE),
                        ("application/n-triples", ox.RdfFormat.N_TRIPLES)]
)  # fmt: skip
def test_construct_in_turtle_and_ntriples(
    client: TestClient, accept: str, fmt: ox.RdfFormat
) -> None:
    answer = client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": accept})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].split(";")[0] == accept
    triples = list(ox.parse(answer.content, format=fmt))
    assert sorted(t.object.value for t in triples) == sorted(NAMES)


def test_ask(client: TestClient) -> None:
    yes = _query(client, f"ASK {{ GRAPH <{GRAPH}> {{ <{EX}s0> ?p 'Alpha' }} }}", format="json")
    no = _query(client, f"ASK {{ GRAPH <{GRAPH}> {{ <{EX}s0> ?p 'Omega' }} }}", format="json")
    assert (yes.status_code, no.status_code) == (200, 200)
    assert (yes.json()["boolean"], no.json()["boolean"]) == (True, False)


def test_the_dataset_parameters_reach_the_store(client: TestClient) -> None:
    query = f"SELECT ?name WHERE {{ ?s <{EX}name> ?name }}"
    ours = _query(client, query, format="json", **{"default-graph-uri": GRAPH})
    other = _query(client, query, format="json", **{"default-graph-uri": f"{EX}graph/none"})
    assert len(ours.json()["results"]["bindings"]) == len(NAMES)
    assert other.json()["results"]["bindings"] == []


def test_the_predeclared_prefixes_and_the_base_hold(client: TestClient) -> None:
    """``bg:`` needs no PREFIX (as on the embedded store); a relative IRI is the endpoint's."""
    answer = _query(
        client,
        "SELECT ?type ?here WHERE { VALUES ?type { bg:Actor } BIND(<here> AS ?here) }",
        format="json",
    )
    assert answer.status_code == 200, answer.text
    (row,) = answer.json()["results"]["bindings"]
    assert row["type"]["value"] == "https://w3id.org/bildungsgraph/ontology#Actor"
    assert row["here"]["value"] == "http://testserver/here"


@pytest.mark.parametrize(
    "update",
    [f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <{EX}x> <{EX}name> 'neu' }} }}",
     f"PREFIX ex: <{EX}> # a comment\nDELETE WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
     f"DROP GRAPH <{GRAPH}>"],
)  # fmt: skip
def test_updates_are_refused_and_never_reach_the_store(client: TestClient, update: str) -> None:
    as_query = _query(client, update)
    as_update = client.post("/sparql", data={"update": update})
    assert (as_query.status_code, as_update.status_code) == (403, 403)
    assert as_query.json()["title"] == "Nur lesender Zugriff / Read-only endpoint"
    assert _names_of(_solutions("json", _query(client, SELECT_NAMES, format="json").content)) == (
        NAMES
    )


@pytest.mark.parametrize(
    "query",
    [f"SELECT * WHERE {{ SERVICE <{EX}sparql> {{ ?s ?p ?o }} }}",
     "PREFIX b: <bif:> SELECT * WHERE { ?s ?p ?o FILTER(b:contains(?o, 'x')) }",
     "define get:soft \"replace\" SELECT * FROM <http://example.org/> WHERE { ?s ?p ?o }"],
)  # fmt: skip
def test_federation_and_the_stores_own_powers_are_refused(client: TestClient, query: str) -> None:
    answer = _query(client, query, format="json")
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"


def test_a_malformed_query_gets_the_stores_message(client: TestClient) -> None:
    answer = _query(client, "SELECT ?s WHERE { ?s ?p }", format="json")
    assert answer.status_code == 400
    assert answer.json()["title"] == "Fehlerhafte SPARQL-Anfrage / Malformed SPARQL query"
    assert len(answer.json()["detail"]) > len(
        "Fehlerhafte SPARQL-Anfrage / malformed SPARQL query: "
    )


def test_a_format_the_result_kind_lacks_is_not_acceptable(client: TestClient) -> None:
    answer = _query(client, SELECT_NAMES, format="turtle")
    assert answer.status_code == 406
    assert "application/sparql-results+json" in answer.json()["detail"]


def test_a_too_long_query_is_refused(
    loaded: RemoteServer, tmp_path: Path, service: BildungsGraph
) -> None:
    with _client(_settings(tmp_path, loaded, max_query_length=100), service) as client:
        answer = _query(client, SELECT_NAMES + " " * 100)
    assert answer.status_code == 413


@pytest.mark.parametrize("fmt", list(MEDIA_TYPES))
def test_the_row_limit_holds_in_each_format(
    loaded: RemoteServer, tmp_path: Path, service: BildungsGraph, fmt: str
) -> None:
    with _client(_settings(tmp_path, loaded, max_result_rows=2), service) as client:
        over = _query(client, SELECT_NAMES, format=fmt)
        at = _query(client, SELECT_NAMES + " LIMIT 2", format=fmt)
        graph = _query(client, CONSTRUCT, format="ttl")
    assert (over.status_code, graph.status_code) == (400, 400)
    assert over.json()["title"] == "Ergebnis zu groß / Result too large"
    assert at.status_code == 200
    assert _names_of(_solutions(fmt, at.content)) == NAMES[:2]


def test_a_streamed_answer_over_the_row_limit_is_cut_off(
    loaded: RemoteServer, tmp_path: Path, service: BildungsGraph
) -> None:
    """Past the bytes held back, the answer streams; past the row limit, it ends unfinished."""
    with _client(_settings(tmp_path, loaded, max_result_rows=20_000), service) as client:
        client.app.state.sparql.hold_back = 16  # type: ignore[attr-defined]
        within = _query(client, MANY, format="json")
    with _client(_settings(tmp_path, loaded, max_result_rows=19_999), service) as client:
        client.app.state.sparql.hold_back = 16  # type: ignore[attr-defined]
        over = _query(client, MANY, format="json")
    assert within.status_code == over.status_code == 200
    assert "content-length" not in within.headers
    assert len(_solutions("json", within.content)) == 20_000
    assert over.content.startswith(within.content[:1000])
    with pytest.raises(json.JSONDecodeError):
        json.loads(over.content)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv"])  # TSV is written whole (forward.py)
def test_the_endpoint_streams_and_stops_at_the_row_limit(loaded: RemoteServer, fmt: str) -> None:
    settings = Settings.from_env("unused", **loaded.settings_overrides())
    connection = RemoteConnection.from_settings(settings)
    assert connection is not None

    async def scenario() -> tuple[bytes, BaseException | None]:
        limits = Limits(max_rows=10_000)
        endpoint = ForwardingEndpoint(connection, limits, lambda: "state", hold_back=16)
        try:
            answer = await endpoint.answer_async(SparqlRequest(MANY, format=fmt), None)
            assert isinstance(answer, StreamedAnswer)
            received, failure = b"", None
            try:
                async for chunk in answer:
                    received += chunk
            except ResultTooLarge as exc:
                failure = exc
            finally:
                await answer.aclose()
            return received, failure
        finally:
            await endpoint.aclose()

    # a loop of its own in a thread of its own: an earlier test (Playwright's sync API) may
    # have left this thread's loop running
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        received, failure = pool.submit(asyncio.run, scenario()).result()
    assert isinstance(failure, ResultTooLarge)
    counter = row_counter(MEDIA_TYPES[fmt])
    counter.feed(received)
    assert 0 < counter.rows <= 10_000  # the chunk that passed the limit was not sent


def test_a_query_past_the_time_limit_is_stopped(
    loaded: RemoteServer, tmp_path: Path, service: BildungsGraph
) -> None:
    with _client(_settings(tmp_path, loaded, query_timeout=1.0), service) as client:
        answer = _query(client, SLOW, format="json")
    assert answer.status_code == 503, answer.text
    assert answer.json()["title"] == "Zeitlimit überschritten / Query time limit exceeded"
    assert "Retry-After" in answer.headers


def test_the_client_budget_holds(
    loaded: RemoteServer, tmp_path: Path, service: BildungsGraph
) -> None:
    with _client(_settings(tmp_path, loaded, sparql_client_seconds=0.0), service) as client:
        answer = _query(client, SELECT_NAMES, format="json")
    assert answer.status_code == 429


def test_a_store_that_is_down_is_a_clear_error(tmp_path: Path, service: BildungsGraph) -> None:
    server = OxigraphServer()
    server.start()
    try:
        settings = _settings(tmp_path, server)
        with _client(settings, service) as client:
            assert _query(client, "ASK {}", format="json").status_code == 200
            server.stop()
            answer = _query(client, "ASK {}", format="json")
    finally:
        server.stop()
    assert answer.status_code == 503
    assert answer.json()["title"] == "Speicher antwortet nicht / Store not answering"
    assert answer.headers["Retry-After"] == "10"
    assert server.query_url not in answer.text  # where the store is stays in the log
