"""The start page: German by default, English on request, links into every face."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app


def test_start_page_in_german_and_english() -> None:
    service = BildungsGraph(open_store(None))
    service.loading.load_schema()
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


def test_start_page_has_the_search_and_the_entry_points() -> None:
    service = BildungsGraph(open_store(None))
    service.loading.load_schema()
    with TestClient(create_app(service=service)) as client:
        german = client.get("/").text
        english = client.get("/?lang=en").text
    # a labelled GET form that works without JavaScript
    assert '<form class="search-form" role="search" method="get" action="/search">' in german
    assert '<label for="start-search-q">Akteure, Angebote und Kommunen suchen</label>' in german
    assert 'id="start-search-q" name="q" type="search"' in german
    for path, name in [
        ("/kommunen", "Meine Kommune"),
        ("/gaps", "Lücken"),
        ("/network", "Netzwerk"),
        ("/contribute", "Daten beitragen"),
        ("/sparql/editor", "SPARQL"),
    ]:
        assert f'<li><a href="{path}"><span class="entry-points__name">{name}</span>' in german
    assert "Search actors, offers and Kommunen" in english
    assert '<input type="hidden" name="lang" value="en">' in english  # the answer stays English
    assert '<li><a href="/kommunen?lang=en"><span class="entry-points__name">My Kommune' in english
