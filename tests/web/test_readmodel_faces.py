"""Every face shows the read model's one set of figures, and says which state it shows.

For every Kommune of the example landscape: the key figures on its page, the counts of
``/api/kommunen/{key}``, the ``total`` of the listings, the map's actor figures and the
network's coverage sentence agree. After a write, the write's Kommune shows it at once, and the
page, its JSON, the listings and ``/sparql`` name the same state.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow
KINDS = ("actors", "offers", "cooperations", "networks")
STATE = "bildungsgraph-state"


def _example_kommunen(client: TestClient) -> list[str]:
    keys = ["05", "051", "05114", "05166"]
    for kreis in ("05114", "05166"):
        keys += [
            item["key"] for item in client.get(f"/api/kommunen?within={kreis}").json()["items"]
        ]
    return keys


LABELS = ("Bildungsakteure", "Angebote", "Kooperationen", "Netzwerke")


def _figures(html: str) -> list[int]:
    """Actors, offers, cooperations and networks as the key-figure list shows them."""
    block = html.split('<dl class="key-figures">', 1)[1].split("</dl>", 1)[0]
    shown = dict(re.findall(r"<dt>([^<]+)</dt><dd>([\d.]+)</dd>", block))
    return [int(shown[label].replace(".", "")) for label in LABELS]


def test_every_face_counts_the_same(client: TestClient) -> None:
    for key in _example_kommunen(client):
        profile = client.get(f"/api/kommunen/{key}").json()
        counts = [profile["counts"][kind] for kind in KINDS]
        totals = [
            client.get(f"/api/{kind}", params={"kommune": key, "page_size": 1}).json()["total"]
            for kind in KINDS
        ]
        assert totals == counts, key
        page = client.get(f"/kommunen/{key}").text
        assert _figures(page) == counts, key
        cover = re.search(r'class="network__coverage" data-actors="(\d+)" data-drawn="(\d+)"', page)
        if profile["level"] in ("kreis", "gemeinde") and key != "05":
            assert cover is not None, key
            assert int(cover.group(1)) == counts[0] and int(cover.group(2)) <= counts[0]
    viersen_map = client.get("/kommunen/05166", params={"indicator": "actors"}).text
    areas = re.findall(r'data-key="(\d+)"[^>]*>\s*<title>[^:<]*: ([\d.]+)</title>', viersen_map)
    assert len(areas) == 9  # the Gemeinden of Kreis Viersen
    for key, value in areas:
        expected = client.get(f"/api/kommunen/{key}").json()["counts"]["actors"]
        assert int(value.replace(".", "")) == expected, key


def test_a_write_shows_at_once_on_every_face_with_one_state(
    client: TestClient, service: BildungsGraph
) -> None:
    before = client.get("/api/kommunen/05166004").json()["counts"]["actors"]
    actors = (
        "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
        "05166-faces-probe,Bücherei Gesichter,library,05166004\n"
    )
    outcome = service.contributions.contribute([("akteure.csv", actors.encode())], "Test")
    assert outcome.stored
    state = service.store.state
    answers = [
        client.get("/api/kommunen/05166004"),
        client.get("/kommunen/05166004"),
        client.get("/api/actors", params={"kommune": "05166004", "q": "Gesichter"}),
        client.get("/gaps", params={"kommune": "05166"}),
        client.get("/network", params={"kommune": "05166004"}),
        client.get("/actors/05166-faces-probe"),
        client.get(
            "/sparql",
            params={
                "query": "ASK { <https://w3id.org/bildungsgraph/id/actor/05166-faces-probe> ?p ?o }"
            },
            headers={"accept": "application/sparql-results+json"},
        ),
    ]
    assert [a.status_code for a in answers] == [200] * len(answers)
    assert {a.headers[STATE] for a in answers} == {state}
    assert answers[0].json()["counts"]["actors"] == before + 1
    assert answers[2].json()["total"] == 1
    assert "Bücherei Gesichter" in answers[4].text
    assert answers[6].json()["boolean"] is True
