"""The start page: German by default, English on request, links into every face."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app


def test_start_page_in_german_and_english() -> None:
    service = BildungsGraph(open_store(None))
    service.load_schema()
    with TestClient(create_app(service=service)) as client:
        german = client.get("/")
        english = client.get("/?lang=en")
    assert german.status_code == 200
    assert '<html lang="de"' in german.text
    assert "Bildungslandschaft Nordrhein-Westfalen" in german.text
    for link in ('href="/sparql/editor"', 'href="/docs"', 'href="/ontology"', 'href="/dumps"'):
        assert link in german.text
    assert '<html lang="en"' in english.text
    assert "Education landscape of North Rhine-Westphalia" in english.text
