"""The actor page: records, ego network, measures, provenance, data links, 404, escaping."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.records.actor_page import web_link
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow
XSS = "<img src=x onerror=alert(1)>"


def section(html: str, anchor: str) -> str:
    """The HTML of the page section with the id ``anchor``."""
    match = re.search(rf'<section id="{anchor}".*?</section>', html, re.S)
    assert match, anchor
    return match.group(0)


def test_actor_page_shows_records_network_measures_and_sources(client: TestClient) -> None:
    page = client.get("/actors/05114-bildungsbuero")
    assert page.status_code == 200 and '<html lang="de"' in page.text
    html = page.text
    assert "<h1>Regionales Bildungsbüro Krefeld (Beispiel)</h1>" in html
    assert 'href="/kommunen/05114000">Krefeld, Stadt</a>' in html  # its Gemeinde
    assert 'rel="nofollow noopener"' in html and "Birkenweg 25, 47798 Krefeld" in html
    offers = section(html, "offers")
    assert "Angebote (44)" in offers and 'id="offer-05114-ang-00017"' in offers
    assert "Übergänge im Bildungsverlauf" in offers and "Lehrkräfte" in offers
    cooperations = section(html, "cooperations")
    assert "Kooperationsvertrag Regionales Bildungsnetzwerk Krefeld" in cooperations
    assert 'href="/actors/school-600114">Schulamt für die Stadt Krefeld</a>' in cooperations
    assert 'href="/actors/05114-bildungsbuero"' not in cooperations  # not its own partner
    assert "seit 01.03.2011" in cooperations
    memberships = section(html, "memberships")
    assert "Lenkungskreis Regionales Bildungsnetzwerk Krefeld" in memberships
    assert "Geschäftsstelle" in memberships
    network = section(html, "network")
    assert 'class="network-view"' in network and 'data-link-target="_self"' in network
    assert 'value="1" checked' in network
    measures = section(html, "measures")
    assert "Vermittlungsrolle (Betweenness)" in measures and "(Rang 1)" in measures
    assert "kürzesten Weg" in measures  # the explanation
    provenance = section(html, "provenance")
    assert "Erfundene Beispiel-Bildungslandschaft" in provenance
    assert "bildungsgraph-Beispieldaten (erfunden)" in provenance and "akteure.csv" in provenance
    data = section(html, "data")
    for link in (
        'href="/api/actors/05114-bildungsbuero"',
        'href="/id/actor/05114-bildungsbuero?format=ttl"',
        'href="/id/actor/05114-bildungsbuero?format=jsonld"',
    ):
        assert link in data
    assert "/embed/ego/05114-bildungsbuero" in data  # the snippet
    assert client.get("/api/actors/05114-bildungsbuero").status_code == 200


def test_english_two_steps_and_a_school_from_the_reference_data(client: TestClient) -> None:
    page = client.get("/actors/05114-bildungsbuero", params={"lang": "en", "radius": 2})
    assert page.status_code == 200 and '<html lang="en"' in page.text
    assert "Offers (44)" in page.text and "Where the data comes from" in page.text
    assert "shortest path" in page.text and 'value="2" checked' in page.text
    assert "since 2011-03-01" in page.text
    school = client.get("/actors/school-600114").text
    assert "Schulen in Nordrhein-Westfalen (Schulgrunddaten)" in school
    assert "Ministerium für Schule und Bildung NRW" in school and "Schulnummer" in school


@pytest.mark.parametrize("kennung", ["gibt-es-nicht", "<script>alert(1)<", "a" * 300])
def test_unknown_actors_get_a_german_404_page(client: TestClient, kennung: str) -> None:
    page = client.get(f"/actors/{kennung}", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Akteur nicht gefunden" in page.text and 'action="/search"' in page.text
    assert "<script>alert" not in page.text


def test_a_bad_radius_is_422(client: TestClient) -> None:
    page = client.get(
        "/actors/05114-bildungsbuero", params={"radius": "3"}, headers={"Accept": "text/html"}
    )
    assert page.status_code == 422 and "Ungültige Angabe" in page.text


def test_markup_in_contributed_data_shows_as_text(loaded_service: BildungsGraph) -> None:
    actors = (
        "Kennung,Name,Akteurstyp,Beschreibung,Website,Zuständigkeitsgebiet\n"
        f"05114-xss,{XSS},library,<script>alert(2)</script>,https://example.org/a,05114\n"
    )
    sites = (
        "Kennung,Akteur,Bezeichnung,Straße,PLZ,Ort,Gemeinde\n"
        "05114-xss-s1,05114-xss,<b>Ort</b>,Weg 1,47798,Krefeld,05114000\n"
    )
    ties = (
        "Kennung,Bezeichnung,Partner,Kooperationsform,Beginn\n"
        "05114-koop-xss,<i>Koop</i>,05114-xss | 05114-bildungsbuero,referral,2024-01-01\n"
    )
    outcome = loaded_service.contributions.contribute(
        [
            ("akteure.csv", actors.encode()),
            ("standorte.csv", sites.encode()),
            ("kooperationen.csv", ties.encode()),
        ],
        "Test <em>Beitrag</em>",
        title="<u>XSS</u>",
    )
    assert outcome.stored, outcome.report.to_text("en")
    with TestClient(create_app(service=loaded_service)) as client:
        page = client.get("/actors/05114-xss").text
        partner = client.get("/actors/05114-bildungsbuero").text
        found = client.get("/search", params={"q": "img src"}).text
    for html in (page, partner, found):
        assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>alert(2)" not in page and "<u>XSS</u>" not in page and "<em>" not in page
    assert "&lt;i&gt;Koop&lt;/i&gt;" in partner


def test_only_http_links_are_links() -> None:
    assert web_link("https://example.org/x") == "https://example.org/x"
    assert web_link(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//example.org", "example.org", None):
        assert web_link(bad) is None


def test_the_linked_data_page_links_the_actor_page(client: TestClient) -> None:
    page = client.get("/id/actor/05114-bildungsbuero", headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'href="/actors/05114-bildungsbuero"' in page.text
    concept = client.get("/vocab/actor-type/library", headers={"Accept": "text/html"})
    assert "/actors/" not in concept.text
