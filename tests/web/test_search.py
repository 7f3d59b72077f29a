"""The search: ranking, umlauts, kinds, paging, the JSON twin, and hostile input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def hits(client: TestClient, q: str, **params: str | int) -> list[dict]:
    response = client.get("/api/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_names_rank_first_and_umlauts_do_not_matter(client: TestClient) -> None:
    names = [hit["name"] for hit in hits(client, "Bildungsbüro")]
    assert names == [
        "Regionales Bildungsbüro Krefeld (Beispiel)",
        "Regionales Bildungsbüro Kreis Viersen (Beispiel)",
    ]
    assert [hit["id"] for hit in hits(client, "BILDUNGSBUERO")] == [
        "05114-bildungsbuero",
        "05166-bildungsbuero",
    ]
    # an exact name beats a name that starts with it, which beats names containing the words
    viersen = hits(client, "Viersen")
    assert [(h["kind"], h["id"], h["rank"]) for h in viersen[:2]] == [
        ("kommune", "05166", 0),
        ("kommune", "05166032", 1),
    ]
    assert [h["rank"] for h in viersen] == sorted(h["rank"] for h in viersen)
    kreis = hits(client, "kreis viersen")[0]
    assert (kreis["kind"], kreis["id"], kreis["level"], kreis["href"]) == (
        "kommune",
        "05166",
        "kreis",
        "/kommunen/05166",
    )
    assert hits(client, "05114-vhs")[0]["href"] == "/actors/05114-vhs"  # a Kennung, exactly


def test_kinds_links_and_paging(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Lesesommer"}).json()
    assert body["counts"] == {"kommune": 0, "actor": 0, "offer": 6} and body["total"] == 6
    offer = body["items"][0]
    assert offer["href"] == "/actors/05114-agentur#offer-05114-ang-00002"
    assert offer["data_href"] == "/api/offers/05114-ang-00002"
    assert "Agentur für Arbeit Krefeld (Beispiel)" in offer["details"]
    first = client.get("/api/search", params={"q": "Krefeld", "kind": "actor", "page_size": 5})
    second = client.get(
        "/api/search", params={"q": "Krefeld", "kind": "actor", "page_size": 5, "page": 2}
    )
    one, two = first.json(), second.json()
    assert one["total"] == two["total"] > 10 and one["pages"] == -(-one["total"] // 5)
    assert {h["kind"] for h in one["items"] + two["items"]} == {"actor"}
    assert not {h["id"] for h in one["items"]} & {h["id"] for h in two["items"]}


def test_search_page_in_german_and_english(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Lesesommer", "kind": "offer"})
    assert page.status_code == 200 and '<html lang="de"' in page.text
    assert (
        "Treffer für „Lesesommer“: 6" in page.text
        and "<title>Treffer für „Lesesommer“ ·" in page.text
    )
    assert 'href="/actors/05114-agentur#offer-05114-ang-00002"' in page.text
    assert '<option value="offer" selected>' in page.text
    assert 'href="/api/search?q=Lesesommer&amp;kind=offer"' in page.text  # the JSON, one click
    english = client.get("/search", params={"q": "Krefeld", "lang": "en", "page": 2})
    assert '<html lang="en"' in english.text and "Page 2 of" in english.text
    assert 'href="/search?q=Krefeld&amp;page=3&amp;lang=en"' in english.text
    assert 'name="lang" value="en"' in english.text  # the form keeps the language
    empty = client.get("/search")
    assert empty.status_code == 200 and "Geben Sie einen Namen" in empty.text


@pytest.mark.parametrize(
    "q",
    [
        "<img src=x onerror=alert(1)>",
        '"><script>alert(1)</script>',
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
        "} ; DROP ALL ; #",
        "\\u0000 %00 ' \" \\",
    ],
)
def test_hostile_text_is_shown_escaped(client: TestClient, q: str) -> None:
    page = client.get("/search", params={"q": q})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert client.get("/api/search", params={"q": q}).status_code == 200


def test_too_long_text_and_unknown_kind_are_422_never_500(client: TestClient) -> None:
    long = "a" * 10_000
    page = client.get("/search", params={"q": long}, headers={"Accept": "text/html"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "Ungültige Suche" in page.text and "höchstens 200" in page.text
    api = client.get("/api/search", params={"q": "x" * 201})
    assert api.status_code == 422 and api.headers["content-type"] == "application/problem+json"
    assert client.get("/search", params={"q": "a", "kind": "school"}).status_code == 422
    assert client.get("/api/search", params={"q": "a", "kind": "school"}).status_code == 422
    assert client.get("/api/search", params={"q": "a", "page": 0}).status_code == 422
