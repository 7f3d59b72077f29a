"""/sparql in-process: every way to ask, every format, every refusal (SPARQL 1.1 Protocol)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef

from bildungsgraph.config import Settings
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app

G1 = "http://example.org/graph/1"
G2 = "http://example.org/graph/2"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BildungsGraph]:
    store = open_store(tmp_path_factory.mktemp("sparql") / "store")
    store.replace_graph(
        G1,
        [
            (
                URIRef("http://example.org/köln"),
                URIRef("http://example.org/name"),
                Literal("Köln", lang="de"),
            ),
            (
                URIRef("http://example.org/köln"),
                URIRef("http://example.org/size"),
                Literal(1084831),
            ),
        ],
    )
    store.replace_graph(
        G2, [(URIRef("http://example.org/b"), URIRef("http://example.org/name"), Literal('B\n"x"'))]
    )
    service = BildungsGraph(store)
    yield service
    service.close()


@pytest.fixture(scope="module")
def client(service: BildungsGraph) -> Iterator[TestClient]:
    settings = Settings.from_env(
        service.store.path, query_timeout=2.0, max_result_rows=50, max_query_length=2000
    )
    with TestClient(create_app(settings=settings, service=service)) as test_client:
        yield test_client


def count(response) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_direct_give_the_same_answer(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": COUNT})
    by_form = client.post("/sparql", data={"query": COUNT})
    by_direct = client.post(
        "/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query"}
    )
    assert count(by_get) == count(by_form) == count(by_direct) == 3
    assert by_get.headers["content-type"] == "application/sparql-results+json"
    assert by_get.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/html;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
        (None, "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept(client: TestClient, accept: str | None, media_type: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get(
        "/sparql",
        params={
            "query": "SELECT ?name WHERE { ?s <http://example.org/name> ?name } ORDER BY ?name"
        },
        headers=headers,
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Köln" in response.text


def test_select_json_keeps_language_tags_and_escapes(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={
            "query": "SELECT ?name WHERE { ?s <http://example.org/name> ?name } ORDER BY ?name"
        },
    )
    bindings = [row["name"] for row in response.json()["results"]["bindings"]]
    assert {"type": "literal", "value": "Köln", "xml:lang": "de"} in bindings
    assert {"type": "literal", "value": 'B\n"x"'} in bindings


def test_csv_and_tsv_rows(client: TestClient) -> None:
    query = "SELECT ?s ?size WHERE { ?s <http://example.org/size> ?size }"
    rows = list(
        csv.reader(
            io.StringIO(client.get("/sparql", params={"query": query, "format": "csv"}).text)
        )
    )
    assert rows == [["s", "size"], ["http://example.org/köln", "1084831"]]
    tsv = client.get("/sparql", params={"query": query, "format": "tsv"}).text
    assert tsv.splitlines()[1] == "<http://example.org/köln>\t1084831"


@pytest.mark.parametrize(
    ("accept", "fmt", "media_type", "rdflib_format"),
    [
        ("text/turtle", None, "text/turtle", "turtle"),
        ("application/n-triples", None, "application/n-triples", "nt"),
        ("application/rdf+xml", None, "application/rdf+xml", "xml"),
        ("application/ld+json", None, "application/ld+json", "json-ld"),
        (None, "ttl", "text/turtle", "turtle"),
        ("text/csv", "jsonld", "application/ld+json", "json-ld"),
        (None, None, "text/turtle", "turtle"),
    ],
)
def test_construct_and_describe_formats(
    client: TestClient, accept: str | None, fmt: str | None, media_type: str, rdflib_format: str
) -> None:
    params = {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"}
    if fmt:
        params["format"] = fmt
    response = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    if rdflib_format == "json-ld":  # rdflib's JSON-LD parser warns (ConjunctiveGraph)
        assert {"@value": "Köln", "@language": "de"} in json.loads(response.text)[0][
            "http://example.org/name"
        ]
    else:
        graph = Graph().parse(data=response.content, format=rdflib_format)
        assert (
            URIRef("http://example.org/köln"),
            URIRef("http://example.org/name"),
            Literal("Köln", lang="de"),
        ) in graph
    describe = client.get(
        "/sparql",
        params={"query": "DESCRIBE <http://example.org/b>"},
        headers={"Accept": "application/n-triples"},
    )
    assert "<http://example.org/b>" in describe.text


def test_ask_formats(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    xml = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert "<boolean>true</boolean>" in xml.text


@pytest.mark.parametrize(
    ("query", "accept", "fmt"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "text/turtle", None),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv", None),
        ("SELECT * WHERE { ?s ?p ?o }", None, "rdfxml"),
        ("SELECT * WHERE { ?s ?p ?o }", "image/png", None),
    ],
)
def test_unservable_format_is_406(
    client: TestClient, query: str, accept: str | None, fmt: str | None
) -> None:
    params = {"query": query, **({"format": fmt} if fmt else {})}
    response = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"


def test_dataset_parameters_select_local_graphs_only(client: TestClient) -> None:
    assert count(client.get("/sparql", params={"query": COUNT, "default-graph-uri": G2})) == 1
    assert count(client.get("/sparql", params={"query": COUNT, "default-graph-uri": [G1, G2]})) == 3
    assert (
        count(
            client.get(
                "/sparql", params={"query": COUNT, "default-graph-uri": "http://nowhere.example/"}
            )
        )
        == 0
    )
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert count(client.get("/sparql", params={"query": named, "named-graph-uri": G1})) == 2
    # FROM selects a local graph; the protocol's dataset replaces the query's own
    assert (
        count(
            client.get(
                "/sparql",
                params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{G2}> WHERE {{ ?s ?p ?o }}"},
            )
        )
        == 1
    )
    assert (
        count(
            client.post(
                "/sparql",
                data={
                    "query": f"SELECT (COUNT(*) AS ?n) FROM <{G2}> WHERE {{ ?s ?p ?o }}",
                    "default-graph-uri": G1,
                },
            )
        )
        == 2
    )


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = URIRef("http://testserver/sparql")
    assert (service, URIRef(sd + "endpoint"), service) in graph
    assert (service, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in graph
    names = set(graph.objects(None, URIRef(sd + "name")))
    assert {URIRef(G1), URIRef(G2)} <= names
    assert "union of all named graphs" in response.text
    formats = set(graph.objects(service, URIRef(sd + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/JSON-LD") in formats


def test_cors_preflight_for_sparql_query_posts(client: TestClient) -> None:
    response = client.options(
        "/sparql",
        headers={
            "Origin": "https://researcher.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "Content-Type" in response.headers["access-control-allow-headers"]
    assert response.headers["allow"] == "GET, POST, OPTIONS"


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.post(
            "/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
        ),
        lambda c: c.post("/sparql", data={"update": "CLEAR ALL"}),
        lambda c: c.get("/sparql", params={"update": "CLEAR ALL"}),
        lambda c: c.get("/sparql", params={"query": "CLEAR ALL"}),
        lambda c: c.get("/sparql", params={"query": f"DROP GRAPH <{G1}>"}),
        lambda c: c.post(
            "/sparql",
            data={"query": "INSERT DATA { GRAPH <http://x> { <http://x> <http://x> 1 } }"},
        ),
        lambda c: c.post(
            "/sparql",
            content="LOAD <http://127.0.0.1:9/x>",
            headers={"Content-Type": "application/sparql-query"},
        ),
    ],
)
def test_every_update_form_is_refused_and_changes_nothing(client: TestClient, send) -> None:  # type: ignore[no-untyped-def]
    response = send(client)
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"] == "application/problem+json"
    assert count(client.get("/sparql", params={"query": COUNT})) == 3


def test_update_sent_as_query_is_refused_as_read_only(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "CLEAR ALL"})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_malformed_query_is_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert response.status_code == 400
    body = response.json()
    assert "error at 1:" in body["detail"]
    assert "Traceback" not in response.text


def test_service_is_refused_without_running(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}
    )
    assert response.status_code == 400
    assert "SERVICE" in response.json()["detail"]


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.put(
            "/sparql",
            content="query=ASK%20%7B%7D",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        lambda c: c.get("/sparql", params={"query": ["ASK {}", "SELECT * {}"]}),
        lambda c: c.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}),
        lambda c: c.post("/sparql", content="ASK {}"),
        lambda c: c.post(
            "/sparql",
            content="ASK {}".encode("utf-16"),
            headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
        ),
        lambda c: c.post(
            "/sparql", content=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"}
        ),
        lambda c: c.post("/sparql", data={"format": "json"}),
    ],
)
def test_protocol_errors_are_4xx_problems(client: TestClient, send) -> None:  # type: ignore[no-untyped-def]
    response = send(client)
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"] == "application/problem+json"


def test_query_too_long_is_413(client: TestClient) -> None:
    long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2000
    assert client.get("/sparql", params={"query": long_query}).status_code == 413
    assert (
        client.post(
            "/sparql", content=long_query * 20, headers={"Content-Type": "application/sparql-query"}
        ).status_code
        == 413
    )


def test_results_over_the_row_limit_are_refused(client: TestClient) -> None:
    query = "SELECT ?i WHERE { VALUES ?a { 1 2 3 4 5 6 7 8 } VALUES ?b { 1 2 3 4 5 6 7 8 } BIND(?a * 10 + ?b AS ?i) }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "LIMIT" in response.json()["detail"]
    assert client.get("/sparql", params={"query": query + " LIMIT 50"}).status_code == 200


def test_runaway_query_is_stopped_and_the_next_one_answered(client: TestClient) -> None:
    values = "{ " + " ".join(str(i) for i in range(30)) + " }"
    runaway = (
        "SELECT (COUNT(*) AS ?n) WHERE { "
        + " ".join(f"VALUES ?v{i} {values}" for i in range(8))
        + " }"
    )
    response = client.get("/sparql", params={"query": runaway})
    assert response.status_code == 503
    assert "time limit" in response.json()["detail"]
    assert "retry-after" in response.headers
    assert count(client.get("/sparql", params={"query": COUNT})) == 3


def test_writes_are_visible_to_the_next_query(service: BildungsGraph, client: TestClient) -> None:
    before = client.get("/sparql", params={"query": COUNT})
    assert before.headers["bildungsgraph-state"] == service.store.state
    g3 = "http://example.org/graph/3"
    triples = [(URIRef("http://x"), URIRef("http://y"), Literal("z"))]
    service.writer.write([g3], lambda: service.store.replace_graph(g3, triples))
    try:
        after = client.get("/sparql", params={"query": COUNT})
        assert count(after) == count(before) + 1
        assert (
            after.headers["bildungsgraph-state"]
            == service.store.state
            != before.headers["bildungsgraph-state"]
        )
    finally:
        service.writer.write([g3], lambda: service.store.drop_graph(g3))
    assert count(client.get("/sparql", params={"query": COUNT})) == count(before)


def test_answers_and_the_description_name_the_store_state(
    service: BildungsGraph, client: TestClient
) -> None:
    answer = client.get("/sparql", params={"query": "ASK {}"})
    description = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert answer.headers["bildungsgraph-state"] == description.headers["bildungsgraph-state"]
    assert answer.headers["bildungsgraph-state"] == service.store.state


def test_browser_gets_the_editor_page(client: TestClient) -> None:
    response = client.get(
        "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
NAMES = "SELECT ?name WHERE { ?s <http://example.org/name> ?name } ORDER BY ?name"


@pytest.mark.parametrize("accept", [BROWSER, "text/html, */*;q=0.1"])
def test_browser_query_link_opens_the_editor_and_runs_it(client: TestClient, accept: str) -> None:
    response = client.get("/sparql", params={"query": NAMES}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Accept" in response.headers["vary"]
    page = response.text
    assert 'data-autorun="true"' in page
    # the query is in the editor's textarea, escaped (it contains < and >)
    assert "&lt;http://example.org/name&gt; ?name } ORDER BY ?name</textarea>" in page


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("*/*", "application/sparql-results+json"),  # curl
        (None, "application/sparql-results+json"),
        # SPARQLWrapper (JSON, XML), rdflib's SPARQLStore, Comunica
        (
            "application/sparql-results+json,application/json,text/javascript,application/javascript",
            "application/sparql-results+json",
        ),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+xml, application/rdf+xml", "application/sparql-results+xml"),
        (
            "application/sparql-results+json;q=1.0,application/sparql-results+xml;q=0.7,"
            "text/html;q=0.2,*/*;q=0.1",
            "application/sparql-results+json",
        ),
    ],
)
def test_clients_still_get_results(client: TestClient, accept: str | None, media_type: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": NAMES}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Köln" in response.text


def test_browser_gets_results_when_it_names_a_format_or_dataset_or_posts(
    client: TestClient,
) -> None:
    by_format = client.get(
        "/sparql", params={"query": NAMES, "format": "csv"}, headers={"Accept": BROWSER}
    )
    assert by_format.headers["content-type"].startswith("text/csv")
    by_dataset = client.get(
        "/sparql",
        params={"query": NAMES, "default-graph-uri": G1},
        headers={"Accept": "text/html, */*;q=0.1"},
    )
    assert by_dataset.headers["content-type"].startswith("application/sparql-results+json")
    assert "Köln" in by_dataset.text and "B\n" not in by_dataset.text
    by_post = client.post("/sparql", data={"query": NAMES}, headers={"Accept": BROWSER})
    assert not by_post.headers["content-type"].startswith("text/html")
    assert "Köln" in by_post.text


def test_browser_query_link_still_reports_protocol_errors(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": "SELECT * WHERE { ?s ?p ?o }" + " " * 3000},
        headers={"Accept": BROWSER},
    )
    assert response.status_code == 413


def test_memory_store_is_served_too(tmp_path: Path) -> None:
    store = open_store(None)
    store.replace_graph(G1, [(URIRef("http://a"), URIRef("http://b"), Literal("c"))])
    app = create_app(settings=Settings.from_env(tmp_path / "unused"), service=BildungsGraph(store))
    with TestClient(app) as memory_client:
        response = memory_client.get("/sparql", params={"query": COUNT, "format": "json"})
        assert json.loads(response.text)["results"]["bindings"][0]["n"]["value"] == "1"
