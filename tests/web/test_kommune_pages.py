"""/kommunen and /kommunen/{key} on the example landscape (German and English), and the map
and heat map partials."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.visualisation.heatmap import build_heatmap
from bildungsgraph.visualisation.maps import AreaFigures, Boundary, build_map
from bildungsgraph.web.templating import environment

pytestmark = pytest.mark.slow


def _areas(html: str) -> list[str]:
    return re.findall(r'class="choropleth__area[^"]*" href="[^"]*" data-key="(\d+)"', html)


def _total(html: str, section: str) -> int:
    found = re.search(rf'<h3 id="{section}">[^<]*<small>\(([\d.,]+) ', html)
    assert found, f"no total for {section}"
    return int(found.group(1).replace(".", "").replace(",", ""))


def test_choose_a_kommune(client: TestClient) -> None:
    page = client.get("/kommunen")
    assert page.status_code == 200 and '<html lang="de">' in page.text
    for district in ("Düsseldorf", "Köln", "Münster", "Detmold", "Arnsberg"):
        assert f"Regierungsbezirk {district}" in page.text
    assert len(_areas(page.text)) == 53  # the NRW map: Kreise and kreisfreie Städte
    assert 'href="/kommunen/05166"' in page.text
    found = client.get("/kommunen", params={"q": "nettetal"})
    assert '<li><a href="/kommunen/05166016">' in found.text  # a Gemeinde is found by name
    assert '<li><a href="/kommunen/05111">' not in found.text
    none = client.get("/kommunen", params={"q": "xyzzy", "lang": "en"})
    assert '<html lang="en">' in none.text and "No Kommune found." in none.text


def test_kommune_page_kreis(client: TestClient) -> None:
    page = client.get("/kommunen/05166")
    html = page.text
    assert page.status_code == 200
    assert "<h1>Viersen</h1>" in html and "Kennzahlen" in html
    assert "unter 3 Jahre" in html  # age bands of a Kreis
    assert _areas(html) == [
        "05166004",
        "05166008",
        "05166012",
        "05166016",
        "05166020",
        "05166024",
        "05166028",
        "05166032",
        "05166036",
    ]  # the Gemeinden of the Kreis Viersen, one path each
    assert 'class="heatmap__table"' in html and 'data-phase="early-childhood"' in html
    assert 'href="/actors/' in html and 'id="offer-list"' in html
    for link in (
        'href="/api/kommunen/05166"',
        'href="/api/actors?kommune=05166"',
        'href="/id/kommune/05166"',
        "/api/gaps?kommune=05166",
    ):
        assert link in html
    assert 'class="network-view"' in html  # the cooperation network (views/_network.html)
    assert "/embed/map/05166?indicator=offers_per_1000" in html
    assert "/embed/gaps/05166" in html
    english = client.get("/kommunen/05166", params={"lang": "en", "indicator": "actors"})
    assert "Key figures" in english.text and "education actors – Viersen" in english.text
    assert 'href="/kommunen/05166008?lang=en"' in english.text  # the map keeps the language


@pytest.mark.parametrize(
    ("key", "areas", "current"),
    [
        ("05166008", 9, "05166008"),
        ("05114", 15, "05114"),
        ("05114000", 15, "05114"),
        ("051", 15, None),
        ("05", 53, None),
    ],
)
def test_kommune_page_levels(client: TestClient, key: str, areas: int, current: str | None) -> None:
    page = client.get(f"/kommunen/{key}")
    assert page.status_code == 200
    assert len(_areas(page.text)) == areas
    highlighted = re.findall(
        r'class="choropleth__area is-current" href="[^"]*" data-key="(\d+)"', page.text
    )
    assert highlighted == ([current] if current else [])


def test_unknown_kommune_and_bad_parameters(client: TestClient) -> None:
    browser = {"Accept": "text/html"}
    for key in ("05999", "abc", "05166999"):
        missing = client.get(f"/kommunen/{key}", headers=browser)
        assert missing.status_code == 404 and "Kommune nicht gefunden" in missing.text
    english = client.get("/kommunen/05999", params={"lang": "en"}, headers=browser)
    assert english.text.count("Kommune not found")
    bad = client.get("/kommunen/05166", params={"indicator": "nonsense"})
    assert bad.status_code == 422 and "offers_per_1000" in bad.text
    assert client.get("/kommunen/05166", params={"indicator": "<script>"}).status_code == 422
    assert client.get("/kommunen/05166", params={"actor_type": "nonsense"}).status_code == 422


def test_filters_change_the_lists(client: TestClient) -> None:
    everything = client.get("/kommunen/05166").text
    kitas = client.get("/kommunen/05166", params={"actor_type": "kita"}).text
    assert 0 < _total(kitas, "actors") < _total(everything, "actors")
    assert '<option value="kita" selected>' in kitas
    # the page's data links keep its filters; the complete CSV is one click away
    assert 'href="/api/exports/actors.csv?kommune=05166&amp;actor_type=kita"' in kitas
    early = client.get("/kommunen/05166", params={"life_phase": "early-childhood"}).text
    assert 0 < _total(early, "offers") < _total(everything, "offers")
    searched = client.get("/kommunen/05166", params={"q": "Lesesommer"}).text
    assert _total(searched, "offers") < _total(everything, "offers")
    second = client.get("/kommunen/05166", params={"actors_page": 2}).text
    assert 'rel="prev"' in second and "Seite 2 von" in second


def test_partials_escape_names() -> None:
    evil = "<img src=x onerror=alert(1)> & Co"
    ring = [(6.0, 51.0), (6.1, 51.0), (6.1, 51.1), (6.0, 51.0)]
    boundaries = {
        "05166": Boundary("05166", "Viersen", "district", "051", [[ring]]),
        "05166008": Boundary("05166008", evil, "municipality", "05166", [[ring]]),
    }
    view = build_map("05166", evil, boundaries, {"05166008": AreaFigures(offers=1)}, "offers")
    heat = build_heatmap("05166", evil, {"p": {"t": 1}}, [("p", evil)], [("t", evil)])
    helpers = {"url": lambda path, **_: path, "t": lambda key: key, "static": lambda name: name}
    for name, context in (
        ("views/_map.html", {"map": view}),
        ("views/_heatmap.html", {"heatmap": heat}),
    ):
        html = environment.get_template(name).render(**helpers, **context)
        assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp; Co" in html


def test_a_network_group_opens_its_kommune(client: TestClient) -> None:
    moved = client.get(
        "/kommunen/05166", params={"kommune": "05166008", "lang": "en"}, follow_redirects=False
    )
    assert moved.status_code == 303
    assert moved.headers["location"] == "/kommunen/05166008?lang=en#network"
    filtered = client.get("/kommunen/05166", params={"actor_type": "kita", "community": 0})
    assert filtered.status_code == 200 and 'class="network-view"' in filtered.text
