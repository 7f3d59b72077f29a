"""HTTP caching (``web/caching.py``): ETags from the store state, 304 on a current
If-None-Match, Vary, and Cache-Control by kind; nothing signed in is cached."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from bildungsgraph.readmodel.view import View
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web import create_app
from bildungsgraph.web.routers.contribute_pages import COOKIE

GRAPH = "https://w3id.org/bildungsgraph/graph/import/test-caching"
PUBLIC_READS = {
    "/kommunen/05166": "public, max-age=60",
    "/embed/gaps/05166": "public, max-age=300",
    "/api/kommunen/05166": "public, max-age=30",
    "/ontology": "public, max-age=60",
}


@pytest.fixture(scope="module")
def client(mini_client: TestClient) -> TestClient:
    return mini_client


def _write(service: BildungsGraph, label: str) -> None:
    """A write through the service: one triple in a graph of its own."""
    triple = (URIRef(GRAPH + "#thing"), RDFS.label, Literal(label))
    service.writer.write([GRAPH], lambda: service.store.replace_graph(GRAPH, [triple]))


@pytest.mark.parametrize(("path", "cache_control"), PUBLIC_READS.items())
def test_public_reads_carry_a_stable_weak_etag_and_their_cache_control(
    client: TestClient, path: str, cache_control: str
) -> None:
    first, again = client.get(path), client.get(path)
    assert first.status_code == 200, first.text
    assert first.headers["etag"].startswith('W/"')
    assert again.headers["etag"] == first.headers["etag"]
    assert first.headers["cache-control"] == cache_control
    vary = {name.strip() for name in first.headers["vary"].split(",")}
    assert {"Accept", "Accept-Language"} <= vary


def test_current_if_none_match_answers_304_without_a_body(client: TestClient) -> None:
    tag = client.get("/kommunen/05166").headers["etag"]
    answer = client.get("/kommunen/05166", headers={"If-None-Match": f'"other", {tag}'})
    assert answer.status_code == 304
    assert answer.content == b""
    assert answer.headers["etag"] == tag
    assert answer.headers["cache-control"] == "public, max-age=60"
    assert "Accept-Language" in answer.headers["vary"]
    assert client.get("/kommunen/05166", headers={"If-None-Match": '"other"'}).status_code == 200


def test_304_runs_no_route(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 304 comes before the route: only the validator asks the read model for its view."""
    service: BildungsGraph = client.app.state.service  # type: ignore[attr-defined]
    tag = client.get("/api/kommunen/05166").headers["etag"]
    views = 0
    current = service.readmodel.current

    def counted_current() -> object:
        nonlocal views
        views += 1
        return current()

    monkeypatch.setattr(service.readmodel, "current", counted_current)
    assert client.get("/api/kommunen/05166", headers={"If-None-Match": tag}).status_code == 304
    assert views == 1
    assert client.get("/api/kommunen/05166").status_code == 200
    assert views == 3  # the validator's and the route's


def test_etag_depends_on_language_query_and_accept(client: TestClient) -> None:
    def tag(path: str, **headers: str) -> str:
        return client.get(path, headers=headers).headers["etag"]

    german = tag("/kommunen/05166", **{"Accept-Language": "de"})
    assert tag("/kommunen/05166", **{"Accept-Language": "en"}) != german
    assert tag("/kommunen/05166?lang=en") != tag("/kommunen/05166")
    assert tag("/id/kommune/05166", Accept="text/turtle") != tag(
        "/id/kommune/05166", Accept="application/ld+json"
    )


def test_a_write_changes_every_etag_and_the_old_one_no_longer_matches(
    client: TestClient,
) -> None:
    service: BildungsGraph = client.app.state.service  # type: ignore[attr-defined]
    before = {path: client.get(path).headers["etag"] for path in PUBLIC_READS}
    _write(service, "eins")
    after = {path: client.get(path).headers["etag"] for path in PUBLIC_READS}
    assert all(before[path] != after[path] for path in PUBLIC_READS)
    stale = client.get("/kommunen/05166", headers={"If-None-Match": before["/kommunen/05166"]})
    assert stale.status_code == 200
    assert stale.headers["etag"] == after["/kommunen/05166"]


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/contribute", {}),
        ("/api/contributions", {}),
        ("/kommunen/05166", {"Cookie": f"{COOKIE}=whatever"}),
        ("/api/kommunen/05166", {"Authorization": "Bearer bg_not-a-token"}),
    ],
)
def test_signed_in_or_contribute_answers_are_private_and_unvalidated(
    client: TestClient, path: str, headers: dict[str, str]
) -> None:
    answer = client.get(path, headers=headers)
    assert answer.headers["cache-control"] == "private, no-store"
    assert "etag" not in answer.headers


def test_the_actor_page_varies_by_account(client: TestClient) -> None:
    answer = client.get("/actors/05166-vhs")
    assert answer.status_code == 200
    assert {"Authorization", "Cookie"} <= {v.strip() for v in answer.headers["vary"].split(",")}
    assert "etag" in answer.headers


def test_errors_get_no_etag_and_no_store(client: TestClient) -> None:
    answer = client.get("/kommunen/05999999")
    assert answer.status_code == 404
    assert "etag" not in answer.headers
    assert answer.headers["cache-control"] == "no-store"


def test_sparql_posts_and_monitoring_are_left_alone(client: TestClient) -> None:
    query = "ASK { ?s ?p ?o }"
    assert "etag" not in client.get("/sparql", params={"query": query}).headers
    posted = client.post(
        "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert "etag" not in posted.headers and "cache-control" not in posted.headers
    assert client.get("/healthz").headers["cache-control"] == "no-store"


def test_the_first_answer_while_the_view_is_made_carries_an_etag(
    mini_service: BildungsGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first request may come before the read model's first view: it waits for the view
    and is tagged with it (a proxy in front can validate from the first view on)."""
    opening = mini_service.readmodel._start

    def slow_opening() -> View:  # as at 1M, where the first view takes a while
        time.sleep(1.0)
        return opening()

    monkeypatch.setattr(mini_service.readmodel, "_start", slow_opening)
    with TestClient(create_app(service=mini_service)) as fresh:
        first = fresh.get("/kommunen/05166")
        assert first.status_code == 200
        tag = first.headers["etag"]
        assert fresh.get("/kommunen/05166", headers={"If-None-Match": tag}).status_code == 304
