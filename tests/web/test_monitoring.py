"""``/healthz`` and ``/metrics``: the states of store, read model and replica, and the counted
figures (requests per route, SPARQL refusals, write lag)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from bildungsgraph.service import BildungsGraph
from bildungsgraph.service.monitoring import check_health
from bildungsgraph.store import open_store

GRAPH = "https://w3id.org/bildungsgraph/graph/import/test-monitoring"
FEDERATED = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def client(mini_client: TestClient) -> TestClient:
    return mini_client


def _samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    answer = client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def test_healthz_reports_store_read_model_and_replica(client: TestClient) -> None:
    service: BildungsGraph = client.app.state.service  # type: ignore[attr-defined]
    service.readmodel.current()
    answer = client.get("/healthz")
    assert answer.status_code == 200
    health = answer.json()
    assert health["serving"] is True and health["store_reachable"] is True
    assert health["store_state"] == service.store.state
    assert health["readmodel_ready"] is True
    assert health["readmodel_state"] == service.readmodel.current().state
    assert health["readmodel_current"] is True
    assert isinstance(health["replica_ready"], bool)
    assert answer.headers["cache-control"] == "no-store"


def test_a_store_that_does_not_answer_is_reported_unreachable() -> None:
    service = BildungsGraph(open_store(None))
    service.store.close()
    health = check_health(service, None)
    assert not health.store_reachable and not health.serving
    assert health.store_state is None and health.replica_ready is None
    assert not health.readmodel_current


def test_metrics_count_requests_per_route_template(client: TestClient) -> None:
    key = ("bildungsgraph_http_requests_total", "/kommunen/{key}", "GET", "200")
    before = _samples(client)
    client.get("/kommunen/05166")
    tag = client.get("/kommunen/05166").headers["etag"]
    client.get("/kommunen/05166", headers={"If-None-Match": tag})
    after = _samples(client)

    def count(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], status: str) -> float:
        labels = frozenset({("route", key[1]), ("method", "GET"), ("status", status)})
        return samples.get((key[0], labels), 0.0)

    assert count(after, "200") - count(before, "200") == 2
    assert count(after, "304") - count(before, "304") == 1  # routed by template, not run
    latency = frozenset({("route", key[1]), ("method", "GET")})
    assert after[("bildungsgraph_http_request_duration_seconds_count", latency)] >= 3
    assert not any("05166" in dict(labels).get("route", "") for _, labels in after)


def test_metrics_count_a_refused_sparql_query(client: TestClient) -> None:
    labels = frozenset({("reason", "service-forbidden")})
    name = "bildungsgraph_sparql_refusals_total"
    before = _samples(client).get((name, labels), 0.0)
    assert client.get("/sparql", params={"query": FEDERATED}).status_code == 400
    assert _samples(client)[(name, labels)] == before + 1


def test_metrics_report_write_lag_and_states(client: TestClient) -> None:
    service: BildungsGraph = client.app.state.service  # type: ignore[attr-defined]
    lag = ("bildungsgraph_write_lag_seconds_count", frozenset())
    before = _samples(client).get(lag, 0.0)
    triple = (URIRef(GRAPH + "#thing"), RDFS.label, Literal("x"))
    service.writer.write([GRAPH], lambda: service.store.replace_graph(GRAPH, [triple]))
    after = _samples(client)
    assert after[lag] == before + 1
    assert after[("bildungsgraph_store_reachable", frozenset())] == 1.0
    assert after[("bildungsgraph_readmodel_current", frozenset())] == 1.0
    assert ("bildungsgraph_replica_ready", frozenset()) in after
