"""The API's parameter names: English, German ones as deprecated aliases, unknown ones refused,
one list of level codes, one network filter for API, page and embed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.records import LEVELS
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web.app import create_app


@pytest.fixture(scope="module")
def client(reference_client: TestClient) -> TestClient:
    return reference_client


@pytest.fixture(scope="module")
def description(client: TestClient) -> dict[str, Any]:
    return client.get("/openapi.json").json()


def _parameters(description: dict[str, Any], path: str) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in description["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize(
    ("path", "alias", "name"),
    [
        ("/api/gaps", "lebensphase", "life_phase"),
        ("/api/gaps", "stichtag", "reference_date"),
        ("/api/network", "lebensphase", "life_phase"),
        ("/api/network/measures", "lebensphase", "life_phase"),
    ],
)
def test_german_names_are_deprecated_aliases_in_openapi(
    description: dict[str, Any], path: str, alias: str, name: str
) -> None:
    parameters = _parameters(description, path)
    assert parameters[alias].get("deprecated") is True
    assert name in parameters[alias]["description"]
    assert not parameters[name].get("deprecated")


def test_a_deprecated_alias_lists_the_values_of_its_name(description: dict[str, Any]) -> None:
    parameters = _parameters(description, "/api/network")
    alias = parameters["lebensphase"]["schema"]["anyOf"][0]["enum"]
    assert "early-childhood" in alias and set(alias) - {""} <= set(
        parameters["life_phase"]["schema"]["enum"]
    )


@pytest.mark.parametrize(
    ("english", "german"),
    [
        ("life_phase=early-childhood", "lebensphase=early-childhood"),
        ("reference_date=2026-10-01", "stichtag=2026-10-01"),
    ],
)
def test_english_and_german_names_answer_alike(
    client: TestClient, english: str, german: str
) -> None:
    by_name = client.get(f"/api/gaps?kommune=05166&{english}")
    by_alias = client.get(f"/api/gaps?kommune=05166&{german}")
    assert by_name.status_code == by_alias.status_code == 200
    assert by_name.json() == by_alias.json()


def test_the_reference_date_is_the_one_asked_for(client: TestClient) -> None:
    body = client.get("/api/gaps?kommune=05166&reference_date=2026-10-01").json()
    assert body["reference_date"] == "2026-10-01"


def test_a_name_and_its_alias_disagreeing_is_422(client: TestClient) -> None:
    response = client.get("/api/gaps?life_phase=early-childhood&lebensphase=school")
    assert response.status_code == 422
    assert "lebensphase" in response.json()["detail"]


def test_an_unknown_parameter_is_422_naming_the_known_ones(client: TestClient) -> None:
    response = client.get("/api/gaps?kommune=05166&lebensphse=early-childhood")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    detail = response.json()["detail"]
    assert "Unbekannter Parameter 'lebensphse'" in detail and "unknown parameter" in detail
    known = detail.split("known:")[1]
    assert {"life_phase", "reference_date", "kommune", "cells"} <= {
        name.strip() for name in known.split(",")
    }


@pytest.mark.parametrize(
    "url",
    [
        "/api/kommunen?levl=kreis",
        "/api/kommunen/05166?utm_source=partner",
        "/api/vocab?x=1",
        "/api/network/measures?seeed=1",
    ],
)
def test_every_api_route_refuses_unknown_parameters(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert "Unbekannter Parameter" in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    ["/api/kommunen?as=csv", "/api/kommunen/05166?as=jsonld", "/api/kommunen?level=kreis"],
)
def test_declared_parameters_and_aliases_are_known(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 200


def test_pages_ignore_unknown_parameters(client: TestClient) -> None:
    assert client.get("/kommunen?utm_source=partner&utm_medium=iframe").status_code == 200


def test_one_list_of_level_codes(client: TestClient, description: dict[str, Any]) -> None:
    level = _parameters(description, "/api/kommunen")["level"]
    assert level["schema"]["anyOf"][0]["enum"] == list(LEVELS)
    assert "municipality = gemeinde" in level["description"]  # deprecated aliases named
    items = client.get("/api/kommunen?level=gemeinde").json()["items"]
    assert items and {item["level"] for item in items} == {"gemeinde"}
    assert client.get("/api/kommunen?level=municipality").json()["items"] == items
    kreise = client.get("/api/kommunen?level=kreis").json()["items"]
    assert client.get("/api/kommunen?level=district").json()["items"] == kreise
    assert client.get("/api/kommunen?level=dorf").status_code == 422


@pytest.mark.parametrize(
    "query", ["partners=maybe", "ties=bogus", "as_of=2026-13-01", "life_phase=kindheit"]
)
def test_the_network_filter_has_one_rule_for_api_and_embed(client: TestClient, query: str) -> None:
    api = client.get(f"/api/network/measures?{query}")
    embed = client.get(f"/embed/network?{query}")
    assert api.status_code == embed.status_code == 422
    assert api.json()["detail"].split(" ")[0] in embed.text


@pytest.fixture(scope="module")
def landscape(service: BildungsGraph) -> Iterator[TestClient]:
    """The app on the example landscape (the web fixtures' store copy)."""
    with TestClient(create_app(service=service)) as client:
        yield client


@pytest.mark.slow
def test_the_network_api_honours_the_life_phase(landscape: TestClient) -> None:
    whole = landscape.get("/api/network?kommune=05166").json()
    phase = landscape.get("/api/network?kommune=05166&life_phase=early-childhood").json()
    alias = landscape.get("/api/network?kommune=05166&lebensphase=early-childhood").json()
    assert 0 < phase["matched"] < whole["matched"]
    assert len(phase["nodes"]) < len(whole["nodes"])
    assert phase["parameters"]["life_phase"].endswith("early-childhood")
    assert alias == phase


@pytest.mark.slow
def test_the_network_page_links_its_api_twin_in_english(landscape: TestClient) -> None:
    page = landscape.get("/network?kommune=05166&lebensphase=early-childhood")
    assert page.status_code == 200
    links = re.findall(r'href="(/(?:api|embed)/network\?[^"]*)"', page.text)
    assert links and all("life_phase=early-childhood" in link for link in links)
    assert not any("lebensphase" in link for link in links)


@pytest.mark.slow
def test_every_actor_list_of_the_measures_uses_kennungen(landscape: TestClient) -> None:
    measures = landscape.get("/api/network/measures?kommune=05166").json()
    nodes = landscape.get("/api/network?kommune=05166").json()["nodes"]
    kennungen = {node["kennung"] for node in nodes}
    assert measures["bridges"] and measures["brokers"]
    ends = {end for bridge in measures["bridges"] for end in bridge}
    for listed in (
        ends,
        measures["brokers"],
        measures["isolated"],
        measures["articulation_points"],
    ):
        assert set(listed) <= kennungen


@pytest.mark.slow
@pytest.mark.parametrize(
    "page",
    [
        "/kommunen/05166",
        "/kommunen/05166008",
        "/gaps?kommune=05166&life_phase=early-childhood&confirmed_only=true",
        "/network?kommune=05166&topic=language-literacy&partners=true&isolated=hide",
        "/kommunen/05166/aktualitaet",
    ],
)
def test_the_api_links_of_the_pages_use_known_parameters(landscape: TestClient, page: str) -> None:
    html = landscape.get(page).text.replace("&amp;", "&")
    links = set(re.findall(r'href="(/api/[^"#]*\?[^"#]*)"', html))
    assert links
    for link in links:
        assert landscape.get(link).status_code != 422, link
