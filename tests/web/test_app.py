"""The application shell: problem details for errors, frame protection on every response."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.config import Settings
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app


def test_unknown_path_is_a_problem_document_and_not_framable() -> None:
    app = create_app(service=BildungsGraph(open_store(None)))
    with TestClient(app) as client:
        response = client.get("/gibt-es-nicht")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_a_served_store_warms_the_page_caches_in_the_background(tmp_path: Path) -> None:
    store = tmp_path / "store"
    schema_only = BildungsGraph(open_store(store))
    schema_only.load_schema()  # not empty: the app serves it as it is
    schema_only.close()
    app = create_app(Settings(store_path=store))
    with TestClient(app):
        for thread in threading.enumerate():
            if thread.name == "warm-up":
                thread.join(60)
        service = app.state.service
        assert service.records.builds == 1
        assert service._network_cache.loads == 1


@pytest.mark.slow
def test_warm_up_stops_when_asked(loaded_service: BildungsGraph) -> None:
    stop = threading.Event()
    stop.set()
    loaded_service.warm_up(stop)
    assert loaded_service.records.builds == 0 and loaded_service._network_cache.loads == 0
