"""What the remote store relies on, asked of each real server directly with httpx.

One test per behaviour; where the servers differ, the test states both answers (see the
"Quirks" section of ``remoteservers``).
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from bildungsgraph.config import Settings
from remoteservers import OxigraphServer, RemoteServer, VirtuosoServer

EX = "http://example.org/"
TIMEOUT = 60


def update(server: RemoteServer, text: str) -> httpx.Response:
    return httpx.post(
        server.update_url, data={"update": text}, auth=server.httpx_auth(), timeout=TIMEOUT
    )


def select(server: RemoteServer, text: str, **params: str) -> list[dict[str, dict[str, str]]]:
    answer = httpx.post(
        server.query_url,
        data={"query": text, **params},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200, answer.text
    rows: list[dict[str, dict[str, str]]] = answer.json()["results"]["bindings"]
    return rows


def test_update_then_query_then_clear(remote_server: RemoteServer) -> None:
    written = update(remote_server, f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 'x' }} }}")
    assert written.status_code in (200, 204), written.text[:500]
    assert [
        row["o"]["value"]
        for row in select(remote_server, f"SELECT ?o {{ GRAPH ?g {{ <{EX}a> <{EX}p> ?o }} }}")
    ] == ["x"]
    remote_server.clear()
    assert select(remote_server, f"SELECT ?o {{ GRAPH ?g {{ <{EX}a> <{EX}p> ?o }} }}") == []


def test_stop_ends_the_process_and_removes_its_directory() -> None:
    server = OxigraphServer()
    server.start()
    pid, directory = server.pid, server.directory
    assert pid is not None and directory.exists()
    server.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not directory.exists()
    with pytest.raises(httpx.TransportError):
        httpx.get(server.query_url, params={"query": "ASK {}"}, timeout=5)


def test_settings_name_the_endpoints(remote_server: RemoteServer, tmp_path: Path) -> None:
    settings = Settings.from_env(tmp_path, **remote_server.settings_overrides())
    assert (settings.store_url, settings.update_url, settings.gsp_url) == (
        remote_server.query_url,
        remote_server.update_url,
        remote_server.gsp_url,
    )
    assert settings.store_user == remote_server.user
    assert settings.store_auth == (remote_server.auth or "basic")


XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def insert(server: RemoteServer, triples: str, graph: str = f"{EX}g") -> None:
    written = update(server, f"INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}")
    assert written.status_code in (200, 204), written.text


def values(rows: list[dict[str, dict[str, str]]], variable: str = "o") -> list[str]:
    return sorted(row[variable]["value"] for row in rows if variable in row)


def by_server(server: RemoteServer, oxigraph: object, virtuoso: object) -> object:
    return {"oxigraph": oxigraph, "virtuoso": virtuoso}[server.name]


# -- Datasets: the default graph and the protocol's dataset parameters --


def test_the_default_graph_is_the_union_of_the_named_graphs(remote_server: RemoteServer) -> None:
    insert(remote_server, f"<{EX}a> <{EX}p> 'one'", f"{EX}g1")
    insert(remote_server, f"<{EX}b> <{EX}p> 'two'", f"{EX}g2")
    assert values(select(remote_server, f"SELECT ?o {{ ?s <{EX}p> ?o }}")) == ["one", "two"]


def test_virtuosos_default_graph_also_holds_its_own_graphs(remote_server: RemoteServer) -> None:
    rows = select(remote_server, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    triples = int(rows[0]["n"]["value"])
    if remote_server.name == "virtuoso":
        assert triples > 1000  # virtrdf:, ldp: and the server's own description
    else:
        assert triples == 0


def test_oxigraph_without_the_union_flag_takes_the_union_parameter() -> None:
    with OxigraphServer(union_default_graph=False) as server:
        insert(server, f"<{EX}a> <{EX}p> 'named'")
        assert update(server, f"INSERT DATA {{ <{EX}d> <{EX}p> 'default' }}").status_code == 204
        query = f"SELECT ?o {{ ?s <{EX}p> ?o }}"
        assert values(select(server, query)) == ["default"]
        assert values(select(server, query, **{"union-default-graph": ""})) == ["default", "named"]


def test_default_graph_uri_and_named_graph_uri(remote_server: RemoteServer) -> None:
    insert(remote_server, f"<{EX}a> <{EX}p> 'one'", f"{EX}g1")
    insert(remote_server, f"<{EX}b> <{EX}p> 'two'", f"{EX}g2")
    query = f"SELECT ?o {{ ?s <{EX}p> ?o }}"
    assert values(select(remote_server, query, **{"default-graph-uri": f"{EX}g2"})) == ["two"]
    assert select(remote_server, query, **{"default-graph-uri": f"{EX}missing"}) == []
    named = f"SELECT ?o {{ GRAPH ?g {{ ?s <{EX}p> ?o }} }}"
    assert values(select(remote_server, named, **{"named-graph-uri": f"{EX}g1"})) == ["one"]
    from_clause = f"SELECT ?o FROM <{EX}g1> {{ ?s <{EX}p> ?o }}"
    # Oxigraph's --union-default-graph overrides FROM (not default-graph-uri)
    from_graphs = by_server(remote_server, ["one", "two"], ["one"])
    assert values(select(remote_server, from_clause)) == from_graphs


def test_virtuoso_inserts_into_named_graphs_only(remote_server: RemoteServer) -> None:
    written = update(remote_server, f"INSERT DATA {{ <{EX}d> <{EX}p> 'default' }}")
    assert written.status_code == by_server(remote_server, 204, 400)
    if remote_server.name == "virtuoso":
        assert "No plain default graph" in written.text


# -- Terms: literals and blank nodes as they come back --


def test_literal_datatypes_and_language_tags(remote_server: RemoteServer) -> None:
    insert(
        remote_server,
        f"<{EX}a> <{EX}p> 'plain', 'Hallo'@de-DE, 42, '7'^^<{XSD}int>, '2024-01-31'^^<{XSD}date>,"
        " true, 1.5, 1e3",
    )
    rows = select(remote_server, f"SELECT ?o {{ ?s <{EX}p> ?o }}")
    terms = {
        row["o"]["value"]: (row["o"]["type"], row["o"].get("datatype"), row["o"].get("xml:lang"))
        for row in rows
    }
    typed = by_server(remote_server, "literal", "typed-literal")  # SPARQL 1.0 JSON in Virtuoso
    assert terms["plain"] == ("literal", None, None)
    assert terms["Hallo"] == ("literal", None, "de-de")  # both lower-case language tags
    assert terms["42"] == (typed, f"{XSD}integer", None)
    assert terms["7"] == (typed, by_server(remote_server, f"{XSD}integer", f"{XSD}int"), None)
    assert terms["2024-01-31"] == (typed, f"{XSD}date", None)
    assert terms["1.5"] == (typed, f"{XSD}decimal", None)
    assert terms[str(by_server(remote_server, "true", "1"))] == (typed, f"{XSD}boolean", None)
    assert terms[str(by_server(remote_server, "1000", "1000.0"))] == (typed, f"{XSD}double", None)
    datatypes = select(
        remote_server, f"SELECT ?o (DATATYPE(?o) AS ?d) {{ ?s <{EX}p> ?o FILTER(isLiteral(?o)) }}"
    )
    datatype_of = {row["o"]["value"]: row["d"]["value"] for row in datatypes if "d" in row}
    assert datatype_of["plain"] == f"{XSD}string"
    # Virtuoso gives language-tagged strings no datatype at all
    assert datatype_of.get("Hallo") == by_server(remote_server, RDF_LANG_STRING, None)


def test_xsd_string_and_the_simple_literal(remote_server: RemoteServer) -> None:
    insert(remote_server, f"<{EX}a> <{EX}p> 'plain', 'typed'^^<{XSD}string>")
    typed_as_plain = f"ASK {{ ?s <{EX}p> 'typed' }}"
    plain_as_typed = f"ASK {{ ?s <{EX}p> 'plain'^^<{XSD}string> }}"
    same_term = by_server(remote_server, True, False)  # RDF 1.1 in Oxigraph, 1.0 in Virtuoso
    assert ask(remote_server, typed_as_plain) is same_term
    assert ask(remote_server, plain_as_typed) is same_term


def test_blank_nodes(remote_server: RemoteServer) -> None:
    in_data = update(remote_server, f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}q> _:b }} }}")
    assert in_data.status_code == by_server(remote_server, 204, 400)
    remote_server.clear()
    in_template = update(
        remote_server,
        f"INSERT {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}q> _:b . _:b <{EX}r> 'x' }} }} WHERE {{}}",
    )
    assert in_template.status_code in (200, 204), in_template.text
    rows = select(remote_server, f"SELECT ?b {{ <{EX}a> <{EX}q> ?b . ?b <{EX}r> 'x' }}")
    assert [row["b"]["type"] for row in rows] == ["bnode"]
    label = rows[0]["b"]["value"]
    assert label.startswith("nodeID://") is (remote_server.name == "virtuoso")


def ask(server: RemoteServer, text: str) -> bool:
    answer = httpx.post(
        server.query_url,
        data={"query": text},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200, answer.text
    result: bool = answer.json()["boolean"]
    return result


def test_values_blocks(remote_server: RemoteServer) -> None:
    insert(remote_server, f"<{EX}a> <{EX}p> 1 . <{EX}b> <{EX}p> 2 . <{EX}c> <{EX}p> 3")
    inline = f"SELECT ?o {{ VALUES ?s {{ <{EX}a> <{EX}c> <{EX}none> }} ?s <{EX}p> ?o }}"
    assert values(select(remote_server, inline)) == ["1", "3"]
    trailing = f"SELECT ?s ?o {{ ?s <{EX}p> ?o }} VALUES (?s ?o) {{ (<{EX}a> UNDEF) (UNDEF 2) }}"
    assert values(select(remote_server, trailing)) == ["1", "2"]


# -- Updates: answers, atomicity, size --


def test_an_update_answers(remote_server: RemoteServer) -> None:
    written = update(remote_server, f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}")
    # Virtuoso answers an update with a result set ("Insert into <g>, 1 (or less) triples")
    assert written.status_code == by_server(remote_server, 204, 200)
    assert bool(written.content) is (remote_server.name == "virtuoso")


@pytest.mark.parametrize(
    "failing",
    [
        "LOAD <file:///nonexistent/data.ttl>",
        f"CREATE GRAPH <{EX}g>",
        f"DROP GRAPH <{EX}missing>",
    ],
)
def test_one_update_request_is_atomic_only_in_oxigraph(
    remote_server: RemoteServer, failing: str
) -> None:
    first = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}"
    answer = update(remote_server, f"{first} ;\n{failing}")
    assert answer.status_code == 500
    kept = ask(remote_server, f"ASK {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}")
    assert kept is (remote_server.name == "virtuoso")


def test_a_syntax_error_runs_no_operation(remote_server: RemoteServer) -> None:
    first = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}"
    answer = update(remote_server, f"{first} ;\nINSERT DATA {{ nonsense }}")
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/plain")
    assert not ask(remote_server, f"ASK {{ ?s <{EX}p> ?o }}")


def test_add_from_a_missing_graph(remote_server: RemoteServer) -> None:
    # SPARQL 1.1 Update wants an error without SILENT; neither server gives one
    answer = update(remote_server, f"ADD <{EX}missing> TO <{EX}g>")
    assert answer.status_code in (200, 204)


def insert_data(start: int, count: int) -> str:
    triples = "".join(
        f'<{EX}s{index}> <{EX}p> "value number {index:08d}" .\n'
        for index in range(start, start + count)
    )
    return f"INSERT DATA {{ GRAPH <{EX}big> {{\n{triples}}} }}"


def count_big(server: RemoteServer) -> int:
    rows = select(server, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{EX}big> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]["value"])


def test_a_5_mb_insert_data(remote_server: RemoteServer) -> None:
    text = insert_data(0, 75_000)
    assert len(text) > 5_000_000
    answer = update(remote_server, text)
    if remote_server.name == "virtuoso":
        # its SPARQL parser gives up after about 5,000 triples in one INSERT DATA
        assert answer.status_code == 400
        assert "memory exhausted" in answer.text
        assert count_big(remote_server) == 0
    else:
        assert answer.status_code == 204
        assert count_big(remote_server) == 75_000


def test_virtuoso_takes_5_mb_as_several_insert_data_operations(
    virtuoso_server: RemoteServer,
) -> None:
    virtuoso_server.clear()
    assert update(virtuoso_server, insert_data(0, 6_000)).status_code == 400
    batches = " ;\n".join(insert_data(start, 2_000) for start in range(0, 74_000, 2_000))
    assert 5_000_000 < len(batches) < 10_000_000
    assert update(virtuoso_server, batches).status_code == 200
    assert count_big(virtuoso_server) == 74_000
    virtuoso_server.clear()
    # one request may not exceed 10 MB (Virtuoso's "string session")
    too_long = " ;\n".join(insert_data(start, 2_000) for start in range(0, 150_000, 2_000))
    refused = update(virtuoso_server, too_long)
    assert refused.status_code == 500
    assert "longer than 10Mb" in refused.text
    assert count_big(virtuoso_server) == 0


# -- Graph Store Protocol --


def gsp(server: RemoteServer, method: str, graph: str, body: str | None = None,
        headers: dict[str, str] | None = None) -> httpx.Response:  # fmt: skip
    return httpx.request(
        method,
        server.gsp_url,
        params={"graph": graph},
        content=body,
        headers={"Content-Type": "text/turtle", **(headers or {})} if body else headers,
        auth=server.httpx_auth(),
        timeout=TIMEOUT,
    )


def test_graph_store_protocol_status_codes(remote_server: RemoteServer) -> None:
    graph = f"{EX}gsp"
    assert gsp(remote_server, "PUT", graph, f"<{EX}s> <{EX}p> 1 .").status_code == 201
    # Virtuoso answers 200, not 204, for a replaced graph, POST and DELETE
    replaced = gsp(remote_server, "PUT", graph, f"<{EX}s> <{EX}p> 2 .")
    assert replaced.status_code == by_server(remote_server, 204, 200)
    added = gsp(remote_server, "POST", graph, f"<{EX}s> <{EX}p> 3 .")
    assert added.status_code == by_server(remote_server, 204, 200)
    got = gsp(remote_server, "GET", graph, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("application/n-triples")
    assert sorted(line.split()[2] for line in got.text.splitlines()) == [
        f'"2"^^<{XSD}integer>', f'"3"^^<{XSD}integer>'
    ]  # fmt: skip
    assert gsp(remote_server, "GET", f"{EX}missing").status_code == 404
    assert gsp(remote_server, "DELETE", graph).status_code == by_server(remote_server, 204, 200)
    assert gsp(remote_server, "DELETE", graph).status_code == 404
    assert gsp(remote_server, "POST", graph, f"<{EX}s> <{EX}p> 4 .").status_code == 201
    assert gsp(remote_server, "PUT", graph, "nonsense .").status_code == by_server(
        remote_server, 400, 500
    )


def test_virtuoso_refuses_a_write_with_an_accept_header_after_doing_it(
    virtuoso_server: RemoteServer,
) -> None:
    virtuoso_server.clear()
    graph = f"{EX}gsp"
    assert gsp(virtuoso_server, "PUT", graph, f"<{EX}s> <{EX}p> 1 .").status_code == 201
    turtle = {"Accept": "text/turtle"}
    refused = gsp(virtuoso_server, "PUT", graph, f"<{EX}s> <{EX}p> 2 .", headers=turtle)
    assert refused.status_code == 406
    assert ask(virtuoso_server, f"ASK {{ GRAPH <{graph}> {{ <{EX}s> <{EX}p> 2 }} }}")
    anything = {"Accept": "*/*"}
    assert gsp(virtuoso_server, "DELETE", graph, headers=anything).status_code == 200


# -- Authentication --


def test_virtuoso_updates_need_digest_authentication(virtuoso_server: RemoteServer) -> None:
    text = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}"
    anonymous = httpx.post(virtuoso_server.update_url, data={"update": text}, timeout=TIMEOUT)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Digest ")
    basic = httpx.BasicAuth(virtuoso_server.user or "", virtuoso_server.password or "")
    with_basic = httpx.post(
        virtuoso_server.update_url, data={"update": text}, auth=basic, timeout=TIMEOUT
    )
    assert with_basic.status_code == 401
    on_query_endpoint = httpx.post(
        virtuoso_server.query_url, data={"update": text}, timeout=TIMEOUT
    )
    assert on_query_endpoint.status_code == 500
    assert "SR186:SECURITY" in on_query_endpoint.text
    digest = httpx.DigestAuth(virtuoso_server.user or "", virtuoso_server.password or "")
    with_digest = httpx.post(
        virtuoso_server.update_url, data={"update": text}, auth=digest, timeout=TIMEOUT
    )
    assert with_digest.status_code == 200
    graph_read = gsp(virtuoso_server, "GET", f"{EX}g")
    assert graph_read.status_code == 200
    assert httpx.get(virtuoso_server.gsp_url, params={"graph": f"{EX}g"}).status_code == 401
    virtuoso_server.clear()


def test_oxigraph_has_no_authentication(oxigraph_server: RemoteServer) -> None:
    assert oxigraph_server.auth is None
    oxigraph_server.clear()
    text = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}"
    assert httpx.post(oxigraph_server.update_url, data={"update": text}).status_code == 204
    oxigraph_server.clear()


# -- Result formats and errors --

SELECT_FORMATS = [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
]
GRAPH_FORMATS = [
    "application/n-triples",
    "text/turtle",
    "application/rdf+xml",
    "application/ld+json",
]


@pytest.mark.parametrize(("accept", "media_type"), SELECT_FORMATS)
def test_select_result_formats(remote_server: RemoteServer, accept: str, media_type: str) -> None:
    insert(remote_server, f"<{EX}a> <{EX}p> 'x'")
    answer = httpx.post(
        remote_server.query_url,
        data={"query": f"SELECT ?o {{ ?s <{EX}p> ?o }}"},
        headers={"Accept": accept},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media_type
    assert "x" in answer.text


def test_csv_and_tsv_differ(remote_server: RemoteServer) -> None:
    insert(remote_server, f"<{EX}a> <{EX}p> 'x', 7")
    query = f"SELECT ?o {{ ?s <{EX}p> ?o }}"
    csv, tsv = (
        httpx.post(
            remote_server.query_url, data={"query": query}, headers={"Accept": accept}
        ).text.splitlines()
        for accept in ("text/csv", "text/tab-separated-values")
    )
    # Oxigraph follows the W3C formats (CSV plain values, TSV terms with '?' header);
    # Virtuoso quotes the header and strings in both and leaves numbers bare
    assert (csv[0], sorted(csv[1:])) == by_server(
        remote_server, ("o", ["7", "x"]), ('"o"', ['"x"', "7"])
    )
    assert (tsv[0], sorted(tsv[1:])) == by_server(
        remote_server, ("?o", ['"x"', "7"]), ('"o"', ['"x"', "7"])
    )


@pytest.mark.parametrize("accept", GRAPH_FORMATS)
def test_construct_result_formats(remote_server: RemoteServer, accept: str) -> None:
    insert(remote_server, f"<{EX}a> <{EX}p> 'x'")
    answer = httpx.post(
        remote_server.query_url,
        data={"query": f"CONSTRUCT {{ ?s <{EX}p> ?o }} WHERE {{ ?s <{EX}p> ?o }}"},
        headers={"Accept": accept},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == accept


def test_n_quads_and_the_default_format(remote_server: RemoteServer) -> None:
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"
    quads = httpx.post(
        remote_server.query_url,
        data={"query": construct},
        headers={"Accept": "application/n-quads"},
        timeout=TIMEOUT,
    )
    assert quads.status_code == by_server(remote_server, 200, 406)

    def media_type(query: str) -> str:
        answer = httpx.post(
            remote_server.query_url, data={"query": query}, headers={"Accept": "*/*"}
        )
        return answer.headers["content-type"].split(";")[0]

    json, xml = "application/sparql-results+json", "application/sparql-results+xml"
    assert media_type("SELECT * {}") == by_server(remote_server, json, xml)
    assert media_type("ASK {}") == by_server(remote_server, json, "text/html")


def test_a_syntax_error_is_400_with_a_plain_text_message(remote_server: RemoteServer) -> None:
    answer = httpx.post(remote_server.query_url, data={"query": "SELEC nonsense"}, timeout=TIMEOUT)
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/plain")
    message = by_server(remote_server, "error at 1:", "Virtuoso 37000 Error SP030")
    assert str(message) in answer.text


# -- Time and row limits (their own servers: short limits) --

CROSS_PRODUCT = (
    "SELECT (COUNT(*) AS ?n) "
    "{ GRAPH ?g1 { ?s1 ?p1 ?o1 } GRAPH ?g2 { ?s2 ?p2 ?o2 } GRAPH ?g3 { ?s3 ?p3 ?o3 } }"
)


def many_triples(count: int) -> str:
    return " ".join(f"<{EX}s{index}> <{EX}p> {index} ." for index in range(count))


def test_oxigraphs_timeout_cuts_a_started_200_answer() -> None:
    with OxigraphServer(timeout_seconds=1) as server:
        insert(server, many_triples(3000))
        answer = httpx.post(
            server.query_url,
            data={"query": CROSS_PRODUCT},
            headers={"Accept": "application/sparql-results+json"},
            timeout=TIMEOUT,
        )
    assert answer.status_code == 200
    assert answer.text.endswith("The SPARQL operation has been cancelled")
    with pytest.raises(ValueError, match="Expecting"):
        answer.json()


def test_virtuosos_time_and_row_limits() -> None:
    with VirtuosoServer(query_seconds=1, max_rows=100) as server:
        insert(server, many_triples(3000))
        timed_out = httpx.post(server.query_url, data={"query": CROSS_PRODUCT}, timeout=TIMEOUT)
        assert timed_out.status_code == 500
        assert "SR171: Transaction timed out" in timed_out.text
        # with the protocol extension `timeout` (ms) Virtuoso answers 200 with what it has
        partial = httpx.post(
            server.query_url,
            data={"query": CROSS_PRODUCT, "timeout": "500"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=TIMEOUT,
        )
        assert partial.status_code == 200
        assert partial.headers["x-sql-state"] == "S1TAT"
        rows = select(server, f"SELECT ?s {{ ?s <{EX}p> ?o }}")
        assert len(rows) == 100  # of 3000, without any sign
