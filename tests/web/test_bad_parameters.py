"""Odd paths and parameter values get 4xx problem documents, never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    service = BildungsGraph(open_store(None))
    service.loading.load_schema()
    service.loading.load_reference()
    with TestClient(create_app(service=service), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize(
    "path", ["/id/actor/%7B%7D", "/graph/%20x", "/vocab/a%22b", "/vocab/x/%3C%3E", "/id/%E2%80%8B"]
)
def test_paths_that_are_no_iris_are_client_errors(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept": "text/turtle"})
    assert response.status_code in (400, 404)
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ("kommune=05264", 404, "Kommune 05264"),
        ("kommune=05166&lebensphase=9", 422, "early-childhood"),
        ("kommune=05166&stichtag=0001-01-03", 422, "1900"),
    ],
)
def test_gap_parameters_are_checked(client: TestClient, query: str, status: int, detail: str) -> None:
    response = client.get(f"/api/gaps?{query}")
    assert response.status_code == status
    assert detail in response.json()["detail"]
