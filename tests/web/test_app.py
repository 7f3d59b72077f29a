"""The application shell: problem details for errors, frame protection on every response."""

from __future__ import annotations

import threading
from pathlib import Path

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


def test_a_served_store_opens_its_read_model_in_the_background(tmp_path: Path) -> None:
    store = tmp_path / "store"
    schema_only = BildungsGraph(open_store(store))
    schema_only.loading.load_schema()  # not empty: the app serves it as it is
    schema_only.close()
    app = create_app(Settings(store_path=store))
    with TestClient(app) as client:
        for thread in threading.enumerate():
            if thread.name == "read-model":
                thread.join(60)
        service = app.state.service
        assert service.readmodel.is_current() and service.readmodel.builds == 1
        response = client.get("/api/kommunen")
        assert response.headers["bildungsgraph-state"] == service.store.state
        assert service.readmodel.builds == 1  # the request used the view made at start
