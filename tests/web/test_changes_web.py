"""Development over time in the web: ``/api/network/changes`` (every parameter, the 422s, the
OpenAPI entry) and the section "Entwicklung" of the Kommune page."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.readmodel import changes
from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow
API = "/api/network/changes"
PERIOD = {"from": "2024-01-01", "to": "2026-01-01"}


def test_the_json_is_the_read_model_s(client: TestClient, service: BildungsGraph) -> None:
    response = client.get(API, params={"kommune": "05166", **PERIOD})
    assert response.status_code == 200
    body = response.json()
    expected = changes.changes(service.readmodel.current(), "05166", *PERIOD.values())
    assert body == asdict(expected)
    assert body["before"]["day"] == "2024-01-01" and body["after"]["day"] == "2026-01-01"
    assert set(body["started"]) == set(body["ended"]) == set(changes.DATED_KINDS)
    cooperation = body["started"]["cooperations"]["items"][0]
    assert cooperation["actors"] and cooperation["start_date"] > "2024-01-01"
    membership = body["started"]["memberships"]["items"][0]
    assert membership["network"]["iri"].startswith("https://w3id.org/bildungsgraph/id/")


def test_every_parameter(client: TestClient) -> None:
    land = client.get(API, params=PERIOD).json()
    assert land["kommune"] == "05" and land["kommune_name"] == "Nordrhein-Westfalen"
    assert client.get(API, params={"kommune": "05", **PERIOD}).json() == land
    gemeinde = client.get(API, params={"kommune": "05166008", **PERIOD}).json()
    assert gemeinde["kommune"] == "05166008"
    assert gemeinde["after"]["cooperations"] < land["after"]["cooperations"]
    only_to = client.get(API, params={"kommune": "05166", "to": "2025-06-30"}).json()
    assert (only_to["from_date"], only_to["to_date"]) == ("2024-06-30", "2025-06-30")
    default = client.get(API, params={"kommune": "05166"}).json()
    today = date.today()
    assert default["to_date"] == today.isoformat()
    assert default["from_date"] == changes.year_before(today).isoformat()
    limited = client.get(API, params={"kommune": "05166", "limit": 1, **PERIOD}).json()
    listed = limited["started"]["cooperations"]
    assert len(listed["items"]) == 1 < listed["total"]
    assert (
        client.get(API, params={"kommune": "05166", "limit": 0, **PERIOD}).json()["new_actors"][
            "items"
        ]
        == []
    )


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"kommune": "05166", "from": "2026-01-02", "to": "2026-01-01"}, "after"),
        ({"kommune": "05999"}, "05999"),
        ({"kommune": "051"}, "kommune"),  # a Regierungsbezirk: no network of its own
        ({"kommune": "abc"}, "kommune"),
        ({"from": "2024-1-5"}, "YYYY-MM-DD"),
        ({"to": "2024-02-30"}, "2024-02-30"),
        ({"from": "1899-12-31"}, "1900"),
        ({"limit": "-1"}, "limit"),
        ({"limit": str(changes.MOST_LISTED + 1)}, "limit"),
    ],
)
def test_bad_parameters_are_422(client: TestClient, params: dict, detail: str) -> None:
    response = client.get(API, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert detail in response.json()["detail"]


def test_openapi_describes_the_route(client: TestClient) -> None:
    description = client.get("/openapi.json").json()
    operation = description["paths"][API]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {"kommune", "from", "to", "limit"}
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/Changes")
    model = description["components"]["schemas"]["Changes"]
    assert {"before", "after", "started", "ended", "new_actors"} <= set(model["properties"])
    assert "application/problem+json" in operation["responses"]["422"]["content"]
    kommune = next(p for p in operation["parameters"] if p["name"] == "kommune")
    assert "05" in kommune["schema"]["anyOf"][0]["enum"]
    assert "founding date" in operation["description"]


def _figure(html: str, name: str) -> list[str]:
    row = re.search(rf'<tr data-figure="{name}">(.*?)</tr>', html, re.S)
    assert row, name
    return re.findall(r'<td class="num[^"]*"[^>]*>\s*([^<]*)</td>', row.group(1))


def test_the_kommune_page_shows_the_development(client: TestClient) -> None:
    html = client.get("/kommunen/05166", params=PERIOD).text
    assert '<h2 id="changes">Entwicklung</h2>' in html
    assert 'name="from" value="2024-01-01"' in html and 'name="to" value="2026-01-01"' in html
    body = client.get(API, params={"kommune": "05166", **PERIOD}).json()
    before, after, difference = _figure(html, "cooperations")
    assert (int(before), int(after)) == (
        body["before"]["cooperations"],
        body["after"]["cooperations"],
    )
    change = body["after"]["ties"] - body["before"]["ties"]
    assert _figure(html, "ties")[2] == (
        f"+{change}" if change > 0 else f"−{-change}" if change else "0"
    )
    for direction in ("started", "ended"):
        for kind in changes.DATED_KINDS:
            total = body[direction][kind]["total"]
            assert f'id="changes-{direction}-{kind}" data-total="{total}"' in html
    assert f'id="changes-new-actors" data-total="{body["new_actors"]["total"]}"' in html
    assert 'href="/api/network/changes?kommune=05166&amp;from=2024-01-01&amp;to=2026-01-01' in html
    assert 'href="/network?kommune=05166&amp;as_of=2024-01-01"' in html


def test_the_section_keeps_the_page_s_other_values_and_language(client: TestClient) -> None:
    html = client.get("/kommunen/05166", params={"lang": "en", "topic": "stem", **PERIOD}).text
    assert '<h2 id="changes">Development over time</h2>' in html
    form = re.search(r'<form class="filter-form changes-form".*?</form>', html, re.S)
    assert form and '<input type="hidden" name="topic" value="stem">' in form.group(0)
    assert '<input type="hidden" name="lang" value="en">' in form.group(0)
    assert 'name="from" value="2024-01-01"' in form.group(0)
    default = client.get("/kommunen/05166").text
    today = date.today()
    assert f'name="to" value="{today.isoformat()}"' in default
    assert f'name="from" value="{changes.year_before(today).isoformat()}"' in default


@pytest.mark.parametrize(
    "params", [{"from": "2026-01-02", "to": "2026-01-01"}, {"from": "2024-02-30"}, {"to": "morgen"}]
)
def test_a_bad_period_is_the_422_page(client: TestClient, params: dict) -> None:
    response = client.get("/kommunen/05166", params=params, headers={"Accept": "text/html"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    problem = client.get("/kommunen/05166", params=params, headers={"Accept": "application/json"})
    assert problem.status_code == 422
    assert problem.headers["content-type"] == "application/problem+json"


def test_no_section_where_there_is_no_network(client: TestClient) -> None:
    html = client.get("/kommunen/051").text  # a Regierungsbezirk
    assert 'id="changes"' not in html
    assert 'id="changes"' in client.get("/kommunen/05").text  # the Land has one
