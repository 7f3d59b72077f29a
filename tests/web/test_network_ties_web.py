"""``ties``, ``partners`` and ``isolated`` on every network route: API, exports, pages, embeds.

On the example data: Grefrath (AGS 05166008, Kreis Viersen 05166) drew 622 ties before, 595
of them only shared network membership (cliques); with the default ``ties=cooperation`` it
draws its cooperations only.
"""

from __future__ import annotations

import html as html_lib
import io
import json
import re
import zipfile

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from bildungsgraph.analysis.model import TIES
from bildungsgraph.visualisation.ties import tie_meaning

pytestmark = pytest.mark.slow
GREFRATH, VIERSEN = "05166008", "05166"
EGO = "05166-bildungsbuero"
FILTERED = {"kommune": VIERSEN, "topic": "language-literacy", "life_phase": "early-childhood"}


def view_data(page: str) -> dict[str, list[dict[str, object]]]:
    match = re.search(
        r'<script type="application/json" class="network-view__data">(.*?)</script>', page, re.S
    )
    assert match
    return json.loads(match.group(1))


def _kinds(data: dict[str, list[dict[str, object]]]) -> tuple[set[object], set[object]]:
    return {n.get("kind") for n in data["nodes"]}, {e.get("kind") for e in data["edges"]}


@pytest.mark.parametrize("ties", TIES)
def test_api_network_has_the_chosen_ties(client: TestClient, ties: str) -> None:
    body = client.get("/api/network", params={"kommune": GREFRATH, "ties": ties}).json()
    assert body["ties"] == ties == body["parameters"]["ties"]
    kinds = {e["kind"] for e in body["edges"]}
    networks = {n["iri"] for n in body["networks"]}
    assert (
        kinds
        == {
            "cooperation": {"cooperation"},
            "membership": {"membership"},
            "all": {"cooperation", "membership"},
        }[ties]
    )
    assert bool(networks) == (ties != "cooperation")
    for edge in body["edges"]:  # a membership runs from the member to the network
        assert (edge["target"] in networks) == (edge["kind"] == "membership")
        assert edge["source"] not in networks
    assert body["matched"] == body["scope_actors"] > 0  # no content filter: everyone


def test_grefrath_draws_its_cooperations_not_the_membership_cliques(client: TestClient) -> None:
    cooperation = client.get("/api/network", params={"kommune": GREFRATH}).json()
    every = client.get("/api/network", params={"kommune": GREFRATH, "ties": "all"}).json()
    assert cooperation["ties"] == "cooperation"
    assert all(e["kind"] == "cooperation" and e["networks"] == 0 for e in cooperation["edges"])
    ties = len(cooperation["edges"])
    assert 0 < ties < 100  # was 622, 595 of them shared memberships
    memberships = [e for e in every["edges"] if e["kind"] == "membership"]
    cliques = sum(n["members"] * (n["members"] - 1) // 2 for n in every["networks"])
    assert len(memberships) < cliques  # members joined to the network, not to each other
    assert len(every["edges"]) == ties + len(memberships)


@pytest.mark.parametrize("ties", TIES)
def test_measures_say_which_ties_they_were_computed_on(client: TestClient, ties: str) -> None:
    body = client.get("/api/network/measures", params={"kommune": GREFRATH, "ties": ties}).json()
    assert body["ties"] == ties == body["parameters"]["ties"]
    assert (body["network_nodes"] > 0) == (ties != "cooperation")
    assert body["nodes"] >= body["network_nodes"]


@pytest.mark.parametrize("ties", TIES)
def test_exports_carry_the_kinds_of_nodes_and_ties(client: TestClient, ties: str) -> None:
    response = client.get(
        "/api/network/export", params={"kommune": GREFRATH, "ties": ties, "format": "graphml"}
    )
    assert response.status_code == 200
    graph = nx.read_graphml(io.BytesIO(response.content))
    kinds = {kind for *_, kind in graph.edges(data="kind")}
    assert (
        kinds
        == {
            "cooperation": {"cooperation"},
            "membership": {"membership"},
            "all": {"cooperation", "membership"},
        }[ties]
    )
    networks = {n for n, kind in graph.nodes(data="node_kind") if kind == "network"}
    assert bool(networks) == (ties != "cooperation")
    archive = client.get(
        "/api/network/export", params={"kommune": GREFRATH, "ties": ties, "format": "csv"}
    )
    edges = zipfile.ZipFile(io.BytesIO(archive.content)).read("edges.csv").decode("utf-8-sig")
    assert "kind" in edges.splitlines()[0]


@pytest.mark.parametrize("ties", TIES)
def test_the_explorer_page_draws_and_says_the_ties(client: TestClient, ties: str) -> None:
    page = client.get("/network", params={"kommune": GREFRATH, "ties": ties})
    assert page.status_code == 200
    assert f'<option value="{ties}" selected>' in page.text
    assert html_lib.escape(tie_meaning(ties), quote=False) in page.text
    node_kinds, edge_kinds = _kinds(view_data(page.text))
    assert ("network" in node_kinds) == (ties != "cooperation")
    assert ("membership" in edge_kinds) == (ties != "cooperation")
    assert f"ties={ties}" in page.text  # the data links keep the ties


def test_the_explorer_speaks_english(client: TestClient) -> None:
    page = client.get("/network", params={"kommune": GREFRATH, "ties": "membership", "lang": "en"})
    assert html_lib.escape(tie_meaning("membership", "en"), quote=False) in page.text


@pytest.mark.parametrize("ties", TIES)
def test_embeds_take_the_ties(client: TestClient, ties: str) -> None:
    embed = client.get("/embed/network", params={"kommune": GREFRATH, "ties": ties})
    assert embed.status_code == 200
    assert html_lib.escape(tie_meaning(ties), quote=False) in embed.text
    node_kinds, _ = _kinds(view_data(embed.text))
    assert ("network" in node_kinds) == (ties != "cooperation")
    ego = client.get(f"/embed/ego/{EGO}", params={"ties": ties})
    assert ego.status_code == 200
    assert html_lib.escape(tie_meaning(ties), quote=False) in ego.text
    _, edge_kinds = _kinds(view_data(ego.text))
    assert ("membership" in edge_kinds) == (ties != "cooperation")
    assert ("cooperation" in edge_kinds) == (ties != "membership")


@pytest.mark.parametrize("ties", TIES)
def test_the_actor_page_ego_network_follows_the_ties(client: TestClient, ties: str) -> None:
    page = client.get(f"/actors/{EGO}", params={"ties": ties})
    assert page.status_code == 200
    assert f'<option value="{ties}" selected>' in page.text  # the form keeps the choice
    assert html_lib.escape(tie_meaning(ties), quote=False) in page.text
    node_kinds, edge_kinds = _kinds(view_data(page.text))
    assert ("network" in node_kinds) == (ties != "cooperation")
    assert edge_kinds <= {"cooperation", "membership"}


def test_the_kommune_page_says_what_a_tie_is(client: TestClient) -> None:
    page = client.get(f"/kommunen/{GREFRATH}")
    assert html_lib.escape(tie_meaning("cooperation"), quote=False) in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/network",
        "/api/network/measures",
        "/api/network/export",
        "/network",
        "/embed/network",
        f"/embed/ego/{EGO}",
        f"/actors/{EGO}",
    ],
)
def test_unknown_ties_are_422(client: TestClient, path: str) -> None:
    response = client.get(path, params={"ties": "bogus"})
    assert response.status_code == 422
    assert "cooperation" in response.text and "membership" in response.text


def test_openapi_lists_the_ties(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/network",
        "/api/network/measures",
        "/api/network/export",
        "/network",
        "/embed/network",
        "/embed/ego/{kennung}",
        "/actors/{kennung}",
    ):
        parameters = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert parameters["ties"]["schema"]["enum"] == list(TIES), path


# --- filters that keep actors -------------------------------------------------------------


def test_content_filters_keep_the_matching_actors(client: TestClient) -> None:
    whole = client.get("/api/network", params={"kommune": VIERSEN}).json()
    body = client.get("/api/network", params=FILTERED).json()
    assert 0 < body["matched"] < body["scope_actors"] == whole["scope_actors"]
    inside = [n for n in body["nodes"] if n["in_scope"]]
    assert len(inside) <= body["matched"] < len(whole["nodes"]) / 4  # was 401 of 468
    partners = client.get("/api/network", params={**FILTERED, "partners": "true"}).json()
    assert partners["matched"] == body["matched"]
    assert len(partners["nodes"]) > len(body["nodes"])
    assert {n["iri"] for n in body["nodes"]} < {n["iri"] for n in partners["nodes"]}
    hidden = client.get("/api/network", params={**FILTERED, "isolated": "hide"}).json()
    assert all(not n["isolated"] for n in hidden["nodes"])
    assert len(hidden["nodes"]) <= len(body["nodes"])
    assert hidden["parameters"]["isolated"] == "hide"


def test_the_explorer_says_how_many_actors_matched(client: TestClient) -> None:
    params = {"kommune": VIERSEN, "topic": "language-literacy", "life_phase": "early-childhood"}
    api = client.get("/api/network", params=FILTERED).json()
    page = client.get("/network", params=params).text
    assert f"{api['matched']} von {api['scope_actors']} Akteuren passen zum Filter" in page
    with_partners = client.get(
        "/network", params={**params, "partners": "true", "isolated": "hide"}
    ).text
    assert 'name="partners" type="checkbox" value="true" checked' in with_partners
    assert 'name="isolated" type="checkbox" value="hide" checked' in with_partners
    assert "partners=true" in with_partners and "isolated=hide" in with_partners
    embed = client.get("/embed/network", params={**params, "isolated": "hide"}).text
    assert "Akteuren passen zum Filter" in embed


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/network", {"isolated": "sometimes"}),
        ("/api/network", {"partners": "perhaps"}),
        ("/network", {"isolated": "sometimes"}),
        ("/network", {"partners": "perhaps"}),
        ("/embed/network", {"isolated": "sometimes"}),
    ],
)
def test_bad_filter_options_are_422(client: TestClient, path: str, params: dict[str, str]) -> None:
    assert client.get(path, params=params).status_code == 422
