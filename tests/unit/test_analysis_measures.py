"""Network measures on small hand-built landscapes whose answers are known by hand, and
cross-checked against networkx called directly."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from bildungsgraph.analysis.export import export_network
from bildungsgraph.analysis.graphs import build_cooperation_graph, build_kommune_graph
from bildungsgraph.analysis.measures import compute_measures, eigenvector
from bildungsgraph.analysis.model import (
    Actor,
    Cooperation,
    Kommune,
    Membership,
    NetworkData,
    NetworkFilter,
    Period,
)
from bildungsgraph.analysis.neighbours import adjacency_from_features
from bildungsgraph.analysis.structure import (
    cross_kreis_ties,
    cross_sector_ties,
    education_chain_ties,
)

ID = "https://w3id.org/bildungsgraph/id/"
AT = "https://w3id.org/bildungsgraph/vocab/actor-type/"
LP = "https://w3id.org/bildungsgraph/vocab/life-phase/"
K = ID + "kommune/"


def actor(name: str, sector: str, gemeinde: str = "05166004", phases: tuple[str, ...] = ()) -> Actor:
    return Actor(iri=ID + "actor/" + name, name=name.upper(), types={AT + sector},
                 sectors={AT + sector}, municipalities={K + gemeinde},
                 districts={K + gemeinde[:5]}, life_phases={LP + p for p in phases})


def coop(name: str, *partners: str, start: str | None = None, end: str | None = None) -> Cooperation:
    return Cooperation(iri=ID + "cooperation/" + name,
                       partners=tuple(sorted(ID + "actor/" + p for p in partners)),
                       period=Period(date.fromisoformat(start) if start else None,
                                     date.fromisoformat(end) if end else None))


@pytest.fixture
def bowtie() -> NetworkData:
    """Two triangles (schools a-b-c, companies d-e-f) joined only through the office x."""
    actors = [actor(n, "school", phases=("primary",)) for n in "abc"]
    actors += [actor(n, "business-labour", "05114000") for n in "def"]
    actors += [actor("x", "administration-coordination"), actor("i", "sport")]
    cooperations = [coop("1", "a", "b", "c"), coop("2", "d", "e", "f"),
                    coop("3", "x", "a"), coop("4", "x", "d"),
                    coop("old", "b", "e", start="2010-01-01", end="2012-12-31")]
    kommunen = {
        K + "05166": Kommune(K + "05166", "05166", "Viersen", "district", K + "051"),
        K + "05166004": Kommune(K + "05166004", "05166004", "Brüggen", "municipality", K + "05166"),
        K + "05114": Kommune(K + "05114", "05114", "Krefeld", "city", K + "051"),
        K + "05114000": Kommune(K + "05114000", "05114000", "Krefeld", "municipality", K + "05114"),
    }
    return NetworkData({a.iri: a for a in actors}, cooperations, [], kommunen)


def node(name: str) -> str:
    return ID + "actor/" + name


def test_as_of_drops_ties_outside_their_period(bowtie: NetworkData) -> None:
    assert build_cooperation_graph(bowtie).has_edge(node("b"), node("e"))
    today = build_cooperation_graph(bowtie, NetworkFilter(as_of=date(2026, 1, 1)))
    assert not today.has_edge(node("b"), node("e"))
    assert today.number_of_edges() == 8


def test_hand_computed_measures(bowtie: NetworkData) -> None:
    graph = build_cooperation_graph(bowtie, NetworkFilter(as_of=date(2026, 1, 1)))
    m = compute_measures(graph, seed=1)
    by = m.by_iri()
    assert [b.kennung for b in m.brokers] == ["x"]
    assert m.bridges == sorted([tuple(sorted((node("x"), node("a")))),
                                tuple(sorted((node("x"), node("d"))))])
    assert {n.kennung for n in m.nodes if n.articulation_point} == {"a", "d", "x"}
    assert [n.kennung for n in m.isolated] == ["i"]
    assert by[node("x")].degree == 2 and by[node("a")].degree == 3
    # x lies on the shortest paths of the 3 x 3 pairs across the triangles; normalised by
    # (n-1)(n-2)/2 = 21 for the n = 8 actors.
    assert by[node("x")].betweenness == pytest.approx(9 / 21)
    assert by[node("a")].community == by[node("b")].community == by[node("c")].community
    assert by[node("d")].community == by[node("e")].community != by[node("a")].community
    assert m.components == 2 and m.largest_component == 7


def test_cross_sector_kreis_and_chain_shares(bowtie: NetworkData) -> None:
    graph = build_cooperation_graph(bowtie, NetworkFilter(as_of=date(2026, 1, 1)))
    sector = cross_sector_ties(graph, bowtie.actors)
    assert (sector.ties, sector.matching, sector.share) == (8, 2, 0.25)
    kreis = cross_kreis_ties(graph, bowtie.actors)
    assert kreis.matching == 1  # x (Viersen) – d (Krefeld)
    bowtie.actors[node("x")].life_phases = {LP + "early-childhood"}
    chain = education_chain_ties(graph, bowtie.actors)
    assert chain.matching == 1  # x (early childhood) – a (primary)


def test_measures_match_networkx_directly(bowtie: NetworkData) -> None:
    graph = build_cooperation_graph(bowtie)
    m = compute_measures(graph, seed=3).by_iri()
    between = nx.betweenness_centrality(graph)
    pagerank = nx.pagerank(graph, weight="weight")
    closeness = nx.closeness_centrality(graph)
    for iri, values in m.items():
        assert values.betweenness == pytest.approx(between[iri])
        assert values.pagerank == pytest.approx(pagerank[iri])
        assert values.closeness == pytest.approx(closeness[iri])
        assert values.weighted_degree == graph.degree(iri, weight="weight")


def test_sampled_betweenness_is_deterministic() -> None:
    graph = nx.barabasi_albert_graph(300, 2, seed=5)
    nx.set_edge_attributes(graph, 1, "weight")
    a = compute_measures(graph, seed=7, exact_limit=100, k=50)
    b = compute_measures(graph, seed=7, exact_limit=100, k=50)
    assert a.betweenness_method == "sampled (k=50, seed=7)"
    assert [n.betweenness for n in a.nodes] == [n.betweenness for n in b.nodes]
    assert [n.community for n in a.nodes] == [n.community for n in b.nodes]


def test_kommune_subset_keeps_outside_partners(bowtie: NetworkData) -> None:
    graph = build_cooperation_graph(bowtie, NetworkFilter(kommune="05114"))
    assert graph.nodes[node("x")]["in_scope"] is False  # Viersen office, partner of d
    assert node("a") not in graph and node("i") not in graph
    kommunen = build_kommune_graph(bowtie, build_cooperation_graph(bowtie), "district")
    assert kommunen.edges[K + "05166", K + "05114"]["weight"] == 2  # x–d and b–e


def test_memberships_are_cliques(bowtie: NetworkData) -> None:
    bowtie.memberships = [Membership(ID + f"membership/{n}", ID + "network/n", node(n))
                          for n in ("c", "f", "i")]
    graph = build_cooperation_graph(bowtie, NetworkFilter(as_of=date(2026, 1, 1)))
    assert graph.edges[node("c"), node("f")]["networks"] == 1
    assert not compute_measures(graph).by_iri()[node("i")].isolated


def test_exports_are_readable(bowtie: NetworkData) -> None:
    graph = build_cooperation_graph(bowtie)
    import io
    import zipfile

    assert nx.read_graphml(io.BytesIO(export_network(graph, "graphml"))).number_of_edges() == 9
    assert nx.read_gexf(io.BytesIO(export_network(graph, "gexf"))).number_of_nodes() == 8
    with zipfile.ZipFile(io.BytesIO(export_network(graph, "csv"))) as archive:
        assert archive.read("edges.csv").decode().count("\r\n") == 10


def test_neighbours_need_a_shared_segment() -> None:
    def square(key: str, x: int, y: int) -> dict[str, object]:
        ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
        return {"properties": {"ags": key}, "geometry": {"type": "Polygon", "coordinates": [ring]}}

    adjacency = adjacency_from_features([square("a", 0, 0), square("b", 1, 0), square("c", 1, 1)])
    assert adjacency["a"] == {"b"}  # a and c touch in one corner only
    assert adjacency["b"] == {"a", "c"}


def test_eigenvector_on_a_graph_with_isolated_actors_uses_the_main_part() -> None:
    # networkx refuses disconnected graphs; real Kreis graphs always have isolated actors
    graph = nx.Graph()
    graph.add_weighted_edges_from([("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("x", "y", 1)])
    graph.add_node("alone")
    values = eigenvector(graph)
    main = nx.eigenvector_centrality_numpy(graph.subgraph({"a", "b", "c"}), weight="weight")
    for node in "abc":
        assert values[node] == pytest.approx(main[node]) and values[node] > 0
    assert values["x"] == values["y"] == values["alone"] == 0.0
