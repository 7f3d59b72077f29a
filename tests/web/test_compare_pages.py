"""Kommunen side by side: ``/kommunen/vergleich`` and ``/api/kommunen/compare`` (every
parameter, the 422s) with the figures of each Kommune's own page (one definition each)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.readmodel import gaps, pages
from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow
API = "/api/kommunen/compare"
PAGE = "/kommunen/vergleich"
KEYS = ["05166", "05114", "05166008"]  # a Kreis, a kreisfreie Stadt, a Gemeinde


def _keys(*keys: str) -> list[tuple[str, str]]:
    return [("k", key) for key in keys]


def test_the_figures_are_those_of_each_kommune(client: TestClient, service: BildungsGraph) -> None:
    response = client.get(API, params=_keys(*KEYS))
    assert response.status_code == 200
    kommunen = response.json()["kommunen"]
    assert [k["key"] for k in kommunen] == KEYS
    view = service.readmodel.current()
    for figures in kommunen:
        key = figures["key"]
        profile = client.get(f"/api/kommunen/{key}").json()
        assert figures["name"] == profile["name"] and figures["level"] == profile["level"]
        population = profile["population"]["total"]
        assert figures["population"] == population
        for kind in ("actors", "offers", "cooperations", "networks"):
            assert figures[kind] == profile["counts"][kind], (key, kind)
        for kind in ("actors", "offers", "cooperations"):
            assert figures[f"{kind}_per_1000"] == round(
                profile["counts"][kind] / population * 1000, 2
            ), (key, kind)
        measures = client.get("/api/network/measures", params={"kommune": key}).json()
        assert figures["ties"] == measures["edges"]
        assert figures["density"] == pytest.approx(measures["density"])
        assert figures["components"] == measures["components"]
        nodes = client.get("/api/network", params={"kommune": key}).json()["nodes"]
        assert figures["actors_with_ties"] == sum(1 for n in nodes if n["in_scope"] and n["degree"])
        pairs = gaps.gap_analysis(view, key).pairs
        assert figures["gap_cells"] == sum(1 for p in pairs if p.gap)
        assert figures["relevant_cells"] == sum(1 for p in pairs if p.relevant)
    assert kommunen[1]["independent_city"] and not kommunen[0]["independent_city"]


def test_the_offer_rate_is_the_map_s(client: TestClient, service: BildungsGraph) -> None:
    drawn = pages.kommune_map(service.readmodel.current(), "05166", "offers_per_1000")
    on_map = {area.key: area.value for area in drawn.areas}
    gemeinden = ["05166004", "05166008", "05166012", "05166016", "05166020"]
    shown = client.get(API, params=_keys(*gemeinden)).json()["kommunen"]
    assert [k["offers_per_1000"] for k in shown] == [on_map[key] for key in gemeinden]


def test_keys_in_order_without_blanks_and_repeats(client: TestClient) -> None:
    kommunen = client.get(API, params=_keys("05114", "", "05166", "05114")).json()["kommunen"]
    assert [k["key"] for k in kommunen] == ["05114", "05166"]


@pytest.mark.parametrize(
    ("keys", "detail"),
    [
        ((), "query.k: Field required"),
        (("05166",), "chosen: 1"),
        (("05166", "05166"), "chosen: 1"),
        (("05166", "05114", "05111", "05112", "05113", "05116"), "chosen: 6"),
        (("05166", "05999"), "05999"),
        (("05166", "05"), "NRW"),
        (("05166", "051"), "051"),  # a Regierungsbezirk
        (("05166", "Viersen"), "Viersen"),
    ],
)
def test_bad_choices_are_422(client: TestClient, keys: tuple[str, ...], detail: str) -> None:
    response = client.get(API, params=_keys(*keys))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert detail in response.json()["detail"]
    page = client.get(PAGE, params=_keys(*keys)) if len(set(keys)) > 1 else None
    if page is not None:
        assert page.status_code == 422 and 'role="alert"' in page.text
        assert 'class="compare-form"' in page.text and "compare-table" not in page.text


def test_one_kommune_shows_the_form_asking_for_another(client: TestClient) -> None:
    page = client.get(PAGE, params=_keys("05166"))
    assert page.status_code == 200 and "Wählen Sie mindestens zwei Kommunen." in page.text
    assert 'name="k" value="05166"' in page.text and "compare-table" not in page.text
    assert client.get(PAGE, params=_keys("05999")).status_code == 422


def test_five_is_the_most(client: TestClient) -> None:
    keys = ["05166", "05114", "05166004", "05166008", "05166012"]
    response = client.get(API, params=_keys(*keys))
    assert [k["key"] for k in response.json()["kommunen"]] == keys
    html = client.get(PAGE, params=_keys(*keys)).text
    assert 'id="compare-add"' not in html and "Fünf Kommunen sind gewählt" in html


def _columns(html: str) -> list[str]:
    return re.findall(r'<th scope="col" data-key="(\d+)">', html)


def _row(html: str, figure: str) -> list[str]:
    row = re.search(rf'<tr data-figure="{figure}">(.*?)</tr>', html, re.S)
    assert row, figure
    return [
        cell.strip() for cell in re.findall(r'<td class="num"[^>]*>(.*?)</td>', row.group(1), re.S)
    ]


def test_the_page_shows_the_api_s_figures(client: TestClient) -> None:
    response = client.get(PAGE, params=_keys(*KEYS))
    html = response.text
    assert response.status_code == 200 and '<html lang="de">' in html
    assert "<h1>Kommunen vergleichen</h1>" in html
    assert _columns(html) == KEYS
    body = client.get(API, params=_keys(*KEYS)).json()["kommunen"]
    assert _row(html, "actors") == [str(k["actors"]) for k in body]
    assert _row(html, "offers_per_1000") == [
        f"{k['offers_per_1000']:.2f}".replace(".", ",") for k in body
    ]
    assert _row(html, "gap_cells") == [f"{k['gap_cells']} von {k['relevant_cells']}" for k in body]
    assert _row(html, "population")[0] == f"{body[0]['population']:,}".replace(",", ".")
    assert 'data-label="Viersen"' in html  # the stacked layout names each value's Kommune
    twin = "/api/kommunen/compare?k=05166&amp;k=05114&amp;k=05166008"
    assert f'<link rel="alternate" type="application/json" href="{twin}">' in html
    # each chosen Kommune can be removed: a link with the others
    assert 'href="/kommunen/vergleich?k=05114&amp;k=05166008"' in html
    # the select offers the others, not the chosen ones
    select = re.search(r'<select id="compare-add" name="k">.*?</select>', html, re.S)
    assert select and '<option value="05166012">' in select.group(0)
    assert '<option value="05166008">' not in select.group(0)


def test_english_and_the_form_alone(client: TestClient) -> None:
    html = client.get(PAGE, params=[*_keys("05166", "05114"), ("lang", "en")]).text
    assert '<html lang="en">' in html and "<h1>Compare Kommunen</h1>" in html
    assert "Per 1,000 inhabitants" in html and "1.59" in html
    assert '<input type="hidden" name="lang" value="en">' in html
    form = client.get(PAGE)
    assert form.status_code == 200 and 'id="compare-add"' in form.text
    assert "compare-table" not in form.text and 'role="alert"' not in form.text


def test_the_route_is_not_taken_by_the_kommune_page(client: TestClient) -> None:
    assert client.get(PAGE).status_code == 200  # /kommunen/{key} would answer 404
    assert client.get(API, params=_keys(*KEYS)).status_code == 200  # /api/kommunen/{key}: 422


def test_the_kommune_page_links_to_the_comparison(client: TestClient) -> None:
    html = client.get("/kommunen/05166008").text
    form = re.search(r'<form class="filter-form compare-with".*?</form>', html, re.S)
    assert form and 'action="/kommunen/vergleich"' in form.group(0)
    assert '<input type="hidden" name="k" value="05166008">' in form.group(0)
    assert '<option value="05166012">' in form.group(0)
    assert '<option value="05166008">' not in form.group(0)
    assert "Vergleichen mit …" in form.group(0)
    for key in ("05", "051"):  # NRW and a Regierungsbezirk are not compared
        assert "compare-with" not in client.get(f"/kommunen/{key}").text


def test_openapi_describes_the_route(client: TestClient) -> None:
    description = client.get("/openapi.json").json()
    operation = description["paths"][API]["get"]
    k = next(p for p in operation["parameters"] if p["name"] == "k")
    assert k["required"] is True
    assert (k["schema"]["minItems"], k["schema"]["maxItems"], k["schema"]["uniqueItems"]) == (
        2,
        5,
        True,
    )
    enum = k["schema"]["items"]["enum"]
    assert "05166" in enum and "05" not in enum and "" not in enum
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/Comparison")
    figures = description["components"]["schemas"]["KommuneFigures"]["properties"]
    assert {"actors_per_1000", "gap_cells", "density", "components"} <= set(figures)
    assert PAGE in description["paths"]
