"""The W3C SPARQL 1.1 Protocol test manifest against the live server.

Query tests run as written. Update tests must be refused (4xx) and leave the data unchanged:
the endpoint is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
import pytest
from livehelpers import PROTOCOL_DIR, LiveServer
from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection

pytestmark = pytest.mark.live

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass
class ProtocolRequest:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    statuses: set[str] = field(default_factory=set)
    boolean: bool | None = None
    result_format: str | None = None

    @property
    def is_update(self) -> bool:
        content_type = self.headers.get("content-type", "")
        text = (self.body or b"").decode("utf-8", "replace")
        return (
            "sparql-update" in content_type
            or text.startswith("update=")
            or "update=" in self.path
            or "using-graph-uri" in self.path
            or "using-named-graph-uri" in self.path
            or (self.method == "POST" and not content_type and "CLEAR" in text)
        )


def _load_manifest() -> list[tuple[str, list[ProtocolRequest]]]:
    graph = Graph().parse(PROTOCOL_DIR / "manifest.ttl", format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    tests = []
    for test in Collection(graph, graph.value(manifest, MF.entries)):
        action = graph.value(test, MF.action)
        requests = []
        for node in Collection(graph, graph.value(action, HT.requests)):
            request = ProtocolRequest(
                str(graph.value(node, HT.methodName)), str(graph.value(node, HT.absolutePath))
            )
            headers = graph.value(node, HT.headers)
            for header in Collection(graph, headers) if headers else []:
                request.headers[str(graph.value(header, HT.fieldName)).lower()] = str(
                    graph.value(header, HT.fieldValue)
                )
            body = graph.value(node, HT.body)
            if body is not None:
                encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
                request.body = str(graph.value(body, CNT.chars)).encode(encoding)
            response = graph.value(node, HT.resp)
            request.statuses = {
                str(s).rsplit("#", 1)[-1] for s in graph.objects(response, MF.expectedStatus)
            }
            boolean = graph.value(response, MF.expectedBoolean)
            request.boolean = None if boolean is None else boolean.toPython()
            fmt = graph.value(response, MF.expectedFormat)
            request.result_format = None if fmt is None else str(fmt)
            requests.append(request)
        tests.append((str(test).rsplit("#", 1)[-1], requests))
    return tests


TESTS = _load_manifest()


def test_the_manifest_has_all_34_tests() -> None:
    assert len(TESTS) == 34


def _send(server: LiveServer, request: ProtocolRequest) -> httpx.Response:
    path = request.path.removeprefix("/sparql/").removeprefix("/sparql")
    url = server.endpoint + path
    headers = {"accept": "application/sparql-results+json, text/turtle;q=0.9", **request.headers}
    return httpx.request(request.method, url, headers=headers, content=request.body, timeout=30)


def _status_class(response: httpx.Response) -> str:
    return f"StatusCode{response.status_code // 100}xx"


def _count(server: LiveServer) -> str:
    response = httpx.get(server.endpoint, params={"query": COUNT_ALL}, timeout=30)
    return response.json()["results"]["bindings"][0]["n"]["value"]


@pytest.mark.parametrize(("name", "requests"), TESTS, ids=[name for name, _ in TESTS])
def test_protocol(live_server: LiveServer, name: str, requests: list[ProtocolRequest]) -> None:
    if requests[0].is_update or name.startswith(("update_", "bad_update")):
        before = _count(live_server)
        response = _send(live_server, requests[0])
        assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
        assert _count(live_server) == before
        return
    for request in requests:
        response = _send(live_server, request)
        assert _status_class(response) in request.statuses, (
            name,
            response.status_code,
            response.text,
        )
        if request.boolean is not None:
            assert response.json()["boolean"] is request.boolean, name
        content_type = response.headers.get("content-type", "")
        if request.result_format == "boolean" or request.result_format == "tabular":
            assert content_type.startswith("application/sparql-results+json"), name
        elif request.result_format == "RDF":
            assert content_type.startswith("text/turtle"), name
