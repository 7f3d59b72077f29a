"""The OpenAPI contract: documented errors, enums from the store, strict dates, 405 with Allow.

The live test (tests/live/test_api_live.py) fuzzes the whole description with schemathesis;
these pin the pieces it relies on, fast.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(reference_client: TestClient) -> TestClient:
    return reference_client


@pytest.fixture(scope="module")
def description(client: TestClient) -> dict[str, Any]:
    return client.get("/openapi.json").json()


def _parameter(description: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    parameters = description["paths"][path]["get"]["parameters"]
    return next(p["schema"] for p in parameters if p["name"] == name)


def test_every_error_response_is_documented_as_problem_details(description: dict) -> None:
    for path, operations in description["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert "application/problem+json" in response["content"], (method, path)
    assert "HTTPValidationError" not in description["components"]["schemas"]
    assert "Problem" in description["components"]["schemas"]


def test_filters_list_the_concepts_and_kommunen_of_the_store(description: dict) -> None:
    life_phase = _parameter(description, "/api/offers", "life_phase")["items"]["enum"]
    assert "early-childhood" in life_phase and "C" in life_phase  # slug and notation
    kommune = _parameter(description, "/api/actors", "kommune")["items"]["enum"]
    assert {"05", "05166", "05166004"} <= set(kommune)
    gaps = _parameter(description, "/api/gaps", "kommune")["anyOf"][0]["enum"]
    assert "05166" in gaps and "05" not in gaps  # the analysis knows Kreise and Gemeinden
    assert _parameter(description, "/gaps", "life_phase")["anyOf"][0]["enum"][0] == ""
    # a listing documents only the concept filters of its kind
    names = {p["name"] for p in description["paths"]["/api/actors"]["get"]["parameters"]}
    assert "actor_type" in names and "format" not in names


def test_fixed_choices_are_enums(description: dict) -> None:
    assert "gemeinde" in _parameter(description, "/api/kommunen", "level")["anyOf"][0]["enum"]
    assert "-start_date" in _parameter(description, "/api/offers", "sort")["enum"]
    assert _parameter(description, "/api/network/export", "format")["enum"] == [
        "gexf",
        "graphml",
        "csv",
    ]
    assert "ttl" in _parameter(description, "/ontology", "format")["enum"]


@pytest.mark.parametrize(
    ("query", "value"),
    [("date_to=0", "'0'"), ("date_from=2024-1-5", "2024-1-5"), ("date_to=1899-12-31", "1899")],
)
def test_dates_are_iso_dates_from_1900(client: TestClient, query: str, value: str) -> None:
    response = client.get(f"/api/offers?{query}")
    assert response.status_code == 422
    assert value in response.json()["detail"] and "YYYY-MM-DD" in response.json()["detail"]


def test_a_concept_filter_of_another_kind_is_422_naming_the_filters_that_apply(
    client: TestClient,
) -> None:
    response = client.get("/api/actors?topic=inclusion")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "'topic'" in detail and "actor_type" in detail.split("known:")[1]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/api/contributions", "GET, POST"),
        ("PATCH", "/api/contributions/abc", "GET, PUT, DELETE"),
        ("DELETE", "/api/actors", "GET"),
    ],
)
def test_405_names_every_method_of_the_path(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.headers["content-type"] == "application/problem+json"
