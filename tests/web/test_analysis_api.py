"""/api/gaps, /api/network and /api/network/measures on the example landscape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.service import BildungsGraph
from bildungsgraph.web.app import create_app

pytestmark = pytest.mark.slow


@pytest.fixture
def client(loaded_service: BildungsGraph) -> Iterator[TestClient]:
    with TestClient(create_app(service=loaded_service)) as client:
        yield client


def test_gaps(client: TestClient) -> None:
    body = client.get(
        "/api/gaps", params={"kommune": "05166", "reference_date": "2026-10-01"}
    ).json()
    kinds = sorted((g["kind"], g["kommune"], g["concept"]) for g in body["gaps"])
    assert ("no-actor-type", "05166004", "library") in kinds and len(kinds) == 5
    assert body["gaps"][0]["candidates"][0]["reason_en"]
    assert client.get("/api/gaps", params={"kommune": "x"}).status_code == 422


def test_network_and_measures(client: TestClient) -> None:
    body = client.get("/api/network", params={"kommune": "05114", "brokers_only": True}).json()
    assert body["nodes"] and all(n["broker"] for n in body["nodes"])
    measures = client.get("/api/network/measures", params={"kommune": "05114"}).json()
    assert measures["brokers"][0] == "05114-bildungsbuero"
    assert measures["explanations"]["betweenness"]["de"]
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/gaps", "/api/network", "/api/network/measures"} <= set(paths)
