"""The SPARQL endpoint's errors: one class and one status per Refusal, rendered by the one
handler; a worker failure nobody foresaw is a 500 that tells the client nothing about it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from bildungsgraph.config import Settings
from bildungsgraph.service import BildungsGraph
from bildungsgraph.sparql import Refusal, SparqlEndpoint
from bildungsgraph.sparql.errors import MethodNotAllowed, SparqlError, error_class
from bildungsgraph.sparql.host import answer_job
from bildungsgraph.sparql.replica import QueryAnswer, QueryJob, Replica
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app
from bildungsgraph.web.problems import PROBLEM_JSON, install_handlers

STATUS = {
    Refusal.BAD_REQUEST: 400,
    Refusal.MALFORMED: 400,
    Refusal.SERVICE_FORBIDDEN: 400,
    Refusal.TOO_LARGE: 400,
    Refusal.QUERY_FAILED: 400,
    Refusal.UPDATE_FORBIDDEN: 403,
    Refusal.METHOD_NOT_ALLOWED: 405,
    Refusal.NOT_ACCEPTABLE: 406,
    Refusal.TOO_LONG: 413,
    Refusal.UNSUPPORTED_MEDIA_TYPE: 415,
    Refusal.INTERNAL: 500,
    Refusal.TIMEOUT: 503,
    Refusal.BUSY: 503,
    Refusal.LOADING: 503,
    Refusal.REMOTE_FAILED: 503,
}
SECRET = "/srv/secret/store: worker panicked at src/lib.rs"


def _error(refusal: Refusal) -> SparqlError:
    cls = error_class(refusal)
    if cls is MethodNotAllowed:
        return MethodNotAllowed(f"message for {refusal}", ("GET", "POST"))
    return cls(f"message for {refusal}")


@pytest.fixture(scope="module")
def raising() -> TestClient:
    """An app with only the handlers and a route that raises the error of a refusal."""
    app = FastAPI()
    install_handlers(app)

    @app.get("/raise/{refusal}")
    def raise_it(refusal: Refusal) -> None:
        raise _error(refusal)

    return TestClient(app)


def test_every_refusal_has_one_class_and_a_status() -> None:
    assert set(STATUS) == set(Refusal)
    classes = [error_class(refusal) for refusal in Refusal]
    assert len(set(classes)) == len(classes)
    assert all(error_class(refusal).refusal is refusal for refusal in Refusal)


@pytest.mark.parametrize("refusal", list(Refusal))
def test_the_handler_renders_each_refusal_as_a_problem(
    raising: TestClient, refusal: Refusal
) -> None:
    response = raising.get(f"/raise/{refusal}")
    assert response.status_code == STATUS[refusal]
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == STATUS[refusal]
    assert problem["detail"] == f"message for {refusal}"
    assert " / " in problem["title"]  # German, then English
    assert problem["instance"] == f"/raise/{refusal}"
    retry = response.headers.get("retry-after")
    assert (retry is not None and int(retry) > 0) == (STATUS[refusal] == 503)
    assert ("allow" in response.headers) == (refusal is Refusal.METHOD_NOT_ALLOWED)


def test_a_worker_failure_nobody_foresaw_is_an_internal_answer_without_its_message(
    capfd: pytest.CaptureFixture[str],
) -> None:
    class Broken(Replica):
        def evaluate(self, job: QueryJob) -> QueryAnswer:
            raise KeyError(SECRET)

    job = QueryJob("ASK {}", {"boolean": "application/sparql-results+json"}, 10, 5.0)
    answer = answer_job(Broken(ox.Store(), "s-1"), job)
    assert answer == QueryAnswer(error=Refusal.INTERNAL, state="s-1")
    assert SECRET in capfd.readouterr().err  # the traceback is in the server's log


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("sparql-errors") / "store"
    store = open_store(path)
    store.replace_graph("http://g", [(URIRef("http://a"), URIRef("http://b"), Literal("c"))])
    service = BildungsGraph(store)
    settings = Settings.from_env(path, query_timeout=5.0)
    with TestClient(create_app(settings=settings, service=service)) as test_client:
        yield test_client
    service.close()


def test_an_internal_answer_is_a_500_problem_that_leaks_nothing(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    endpoint: SparqlEndpoint = client.app.state.sparql  # type: ignore[attr-defined]

    async def failing(job: QueryJob, client: str | None = None) -> QueryAnswer:
        return QueryAnswer(error=Refusal.INTERNAL, message=SECRET, state=endpoint.state)

    monkeypatch.setattr(endpoint.engine, "execute_async", failing)
    response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.json()["title"] == "Interner Fehler / Internal error"
    assert "secret" not in response.text and "panicked" not in response.text


def test_a_dataset_iri_that_is_no_iri_is_a_400_not_a_timeout(client: TestClient) -> None:
    # It used to reach the worker, whose exception ended it: the server reported a timeout.
    response = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "not an iri"}
    )
    assert response.status_code == 400, response.text
    assert "not a valid IRI" in response.json()["detail"]
    fine = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": "http://g"}
    )
    assert json.loads(fine.text)["boolean"] is False  # the default graph is empty then


def test_other_methods_get_405_naming_the_allowed_ones(client: TestClient) -> None:
    response = client.put("/sparql", content=b"ASK {}")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST, OPTIONS"
    assert response.headers["access-control-allow-origin"] == "*"
    assert "PUT" in response.json()["detail"]
