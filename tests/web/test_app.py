"""The application shell: problem details for errors, frame protection on every response."""

from __future__ import annotations

from fastapi.testclient import TestClient

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
