"""Odd paths and parameter values get 4xx problem documents, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(reference_client: TestClient) -> TestClient:
    return reference_client


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
def test_gap_parameters_are_checked(
    client: TestClient, query: str, status: int, detail: str
) -> None:
    response = client.get(f"/api/gaps?{query}")
    assert response.status_code == status
    assert detail in response.json()["detail"]
