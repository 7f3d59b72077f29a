"""Readable drawings: no overlapping discs, the star of a large ego network, and a legend that
shows exactly the colours drawn (also when colouring by community or drawing aggregates)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from bildungsgraph.readmodel import network
from bildungsgraph.readmodel.view import View
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.visualisation.builder import (
    COLOUR_BY,
    HIGHLIGHT_BORDER,
    STAR_FROM,
    ViewSettings,
    build_ego_view,
    build_network_view,
)
from bildungsgraph.visualisation.grouping import Names
from bildungsgraph.visualisation.layout import MARGIN, overlapping_pairs, seeded_positions
from bildungsgraph.visualisation.network_view import NetworkView
from bildungsgraph.visualisation.palette import NETWORK_COLOUR, OTHER
from storecopy import copy_store

GREFRATH, KEMPEN, VIERSEN_STADT, KREIS_VIERSEN = "05166008", "05166012", "05166032", "05166"
NAMES = Names(kommunen={}, actor_types={})
ROUNDING = 0.2  # positions are rounded to 0.1 px


@pytest.fixture(scope="module")
def example(loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[View]:
    """The read model of the example landscape (one copy for the module)."""
    store = copy_store(loaded_store_dir, tmp_path_factory.mktemp("drawing") / "store")
    service = BildungsGraph(open_store(store))
    yield service.readmodel.current()
    service.close()


def _view(
    example: View, kommune: str, ties: str = "cooperation", colour_by: str = "actor_type"
) -> NetworkView:
    flt = network.parse_filter(example, kommune, ties=ties)
    return network.network_view(example, flt, ViewSettings(colour_by=colour_by))


def _drawn_overlaps(view: NetworkView) -> list[tuple[str, str]]:
    positions = {n.id: (n.x, n.y) for n in view.nodes if n.x is not None and n.y is not None}
    assert len(positions) == len(view.nodes), "a server-laid-out view has every position"
    radii = {n.id: n.size + (HIGHLIGHT_BORDER if n.highlight else 0.0) for n in view.nodes}
    return overlapping_pairs(positions, radii, MARGIN - ROUNDING)


@pytest.mark.parametrize(
    ("kommune", "ties"),
    [
        (GREFRATH, "all"),
        (GREFRATH, "membership"),
        (KEMPEN, "all"),
        (VIERSEN_STADT, "cooperation"),
        (VIERSEN_STADT, "all"),
    ],
)
def test_example_views_have_no_overlapping_discs(example: View, kommune: str, ties: str) -> None:
    view = _view(example, kommune, ties)
    assert not view.physics, "at least LAYOUT_FROM nodes: the server lays them out"
    assert _drawn_overlaps(view) == []


def _many_isolates(seed: int = 7) -> tuple[nx.Graph, dict[str, float]]:
    """300 nodes: a 25-clique (a spring layout piles it up), a few chains, 200 isolates."""
    graph = nx.Graph()
    graph.add_nodes_from(f"n{i:03d}" for i in range(300))
    clique = [f"n{i:03d}" for i in range(25)]
    graph.add_edges_from((a, b) for i, a in enumerate(clique) for b in clique[i + 1 :])
    graph.add_edges_from((f"n{i:03d}", f"n{i + 1:03d}") for i in range(25, 100))
    radii = {node: 8.0 + (seed * int(node[1:])) % 29 for node in graph}
    return graph, radii


def test_a_300_node_graph_with_isolates_is_laid_out_apart_and_deterministically() -> None:
    graph, radii = _many_isolates()
    positions = seeded_positions(graph, 42, radii)
    assert set(positions) == set(graph)
    assert overlapping_pairs(positions, radii, MARGIN - ROUNDING) == []
    assert seeded_positions(graph, 42, radii) == positions


def test_isolates_get_room_for_a_label() -> None:
    graph = nx.Graph()
    graph.add_nodes_from(f"i{i:03d}" for i in range(109))
    positions = seeded_positions(graph, 42, dict.fromkeys(graph, 8.0))
    rows: dict[float, list[float]] = {}
    for x, y in positions.values():
        rows.setdefault(y, []).append(x)
    gaps = [b - a for xs in rows.values() for a, b in zip(sorted(xs), sorted(xs)[1:], strict=False)]
    assert min(gaps) >= 140, "neighbours in a row leave room for a label between them"


def _big_ego(partners: int = 40) -> nx.Graph:
    graph = nx.Graph()
    graph.add_node("centre", label="Bildungsbüro", kennung="centre", sector="admin")
    for i in range(partners):
        graph.add_node(
            f"p{i:02d}",
            label=f"Partner {i}",
            kennung=f"p{i:02d}",
            sector=("school", "sport")[i % 2],
        )
        graph.add_edge("centre", f"p{i:02d}", weight=1)
    for i in range(0, partners, 2):  # ties among partners
        graph.add_edge(f"p{i:02d}", f"p{(i + 1) % partners:02d}", weight=1)
    graph.add_node("far", label="Weit weg", kennung="far", sector="sport")
    graph.add_edge("p00", "far", weight=1)
    return graph


def test_a_large_ego_network_is_a_star_without_ties_among_partners() -> None:
    graph = _big_ego()
    view = build_ego_view(graph, "centre", 2, ViewSettings(), NAMES)
    assert len(view.nodes) == 42 and not view.physics
    by_id = {n.id: n for n in view.nodes}
    centre = by_id["centre"]
    assert (centre.x, centre.y) == (0.0, 0.0) and centre.highlight
    rings = {round(math.hypot(n.x or 0, n.y or 0)) for n in view.nodes if n.id.startswith("p")}
    assert len(rings) == 1, "the partners lie on one ring around the centre"
    far = by_id["far"]
    assert math.hypot(far.x or 0, far.y or 0) > rings.pop(), "partners' partners lie outside"
    pairs = {frozenset((e.source, e.target)) for e in view.edges}
    assert all("centre" in pair or "far" in pair for pair in pairs), "no ties among partners"
    assert view.hidden_ties == 20
    assert _drawn_overlaps(view) == []
    shown = build_ego_view(graph, "centre", 2, ViewSettings(neighbour_ties=True), NAMES)
    assert len(shown.edges) == len(view.edges) + 20 and shown.hidden_ties == 0


def test_a_small_ego_network_keeps_its_physics_layout() -> None:
    view = build_ego_view(_big_ego(STAR_FROM), "centre", 1, ViewSettings(), NAMES)
    assert view.physics and view.hidden_ties == 0


def _actor_colours(view: NetworkView) -> set[str]:
    return {n.colour for n in view.nodes if n.kind != "network"}


@pytest.mark.parametrize("colour_by", COLOUR_BY)
@pytest.mark.parametrize(
    ("kommune", "ties"),
    [
        (GREFRATH, "cooperation"),
        (GREFRATH, "all"),
        (VIERSEN_STADT, "cooperation"),
        (KREIS_VIERSEN, "cooperation"),
        (KREIS_VIERSEN, "all"),
    ],
)
def test_the_legend_shows_exactly_the_drawn_colours(
    example: View, kommune: str, ties: str, colour_by: str
) -> None:
    view = _view(example, kommune, ties, colour_by=colour_by)
    legend = [entry.colour for entry in view.legend]
    assert len(legend) == len(set(legend)), "one entry per colour"
    assert set(legend) == _actor_colours(view)
    networks = [n for n in view.nodes if n.kind == "network"]
    assert all(n.colour == NETWORK_COLOUR for n in networks)
    assert NETWORK_COLOUR not in legend
    if view.aggregated:
        assert sum(e.count for e in view.legend) == len(view.nodes), "entries count bubbles"
    else:
        assert sum(e.count for e in view.legend) == len(view.nodes) - len(networks)


@pytest.mark.parametrize("kommune", [GREFRATH, VIERSEN_STADT, KREIS_VIERSEN])
def test_colour_by_community_colours_the_nodes(example: View, kommune: str) -> None:
    view = _view(example, kommune, colour_by="community")
    colours = [n.colour for n in view.nodes]
    assert len(set(colours) - {OTHER}) >= 2
    assert colours.count(OTHER) < len(colours) / 2, "most nodes have a community colour"


def test_bubbles_coloured_by_their_own_grouping_get_one_colour_each() -> None:
    graph = nx.Graph()
    for place in range(4):
        for i in range(5):
            graph.add_node(
                f"a{place}{i}", municipality=f"0516600{place}", district="05166", sector="school"
            )
        graph.add_edge(f"a{place}0", f"a{(place + 1) % 4}0", weight=1)
    view = build_network_view(
        graph, ViewSettings(colour_by="kommune", max_nodes=10), NAMES, "05166"
    )
    assert view.aggregated and len({n.colour for n in view.nodes}) == 4
    assert {e.colour for e in view.legend} == {n.colour for n in view.nodes}
