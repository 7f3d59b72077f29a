"""Network measures on small hand-built landscapes whose answers are known by hand, and the
igraph-based measures cross-checked against networkx's reference implementations."""

from __future__ import annotations

import random
from datetime import date

import igraph as ig
import networkx as nx
import pytest

from bildungsgraph.analysis.export import export_network
from bildungsgraph.analysis.graphs import build_cooperation_graph, build_kommune_graph
from bildungsgraph.analysis.measures import (
    betweenness,
    closeness,
    communities,
    compute_measures,
    constraint,
    eigenvector,
    pagerank,
    to_igraph,
)
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
from bildungsgraph.visualisation.builder import measure_values

ID = "https://w3id.org/bildungsgraph/id/"
AT = "https://w3id.org/bildungsgraph/vocab/actor-type/"
LP = "https://w3id.org/bildungsgraph/vocab/life-phase/"
K = ID + "kommune/"


def actor(
    name: str, sector: str, gemeinde: str = "05166004", phases: tuple[str, ...] = ()
) -> Actor:
    return Actor(
        iri=ID + "actor/" + name,
        name=name.upper(),
        types={AT + sector},
        sectors={AT + sector},
        municipalities={K + gemeinde},
        districts={K + gemeinde[:5]},
        life_phases={LP + p for p in phases},
        areas=frozenset(K + k for k in (gemeinde, gemeinde[:5], gemeinde[:3], "05")),
    )


def coop(
    name: str, *partners: str, start: str | None = None, end: str | None = None
) -> Cooperation:
    return Cooperation(
        iri=ID + "cooperation/" + name,
        partners=tuple(sorted(ID + "actor/" + p for p in partners)),
        period=Period(
            date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None
        ),
    )


@pytest.fixture
def bowtie() -> NetworkData:
    """Two triangles (schools a-b-c, companies d-e-f) joined only through the office x."""
    actors = [actor(n, "school", phases=("primary",)) for n in "abc"]
    actors += [actor(n, "business-labour", "05114000") for n in "def"]
    actors += [actor("x", "administration-coordination"), actor("i", "sport")]
    cooperations = [
        coop("1", "a", "b", "c"),
        coop("2", "d", "e", "f"),
        coop("3", "x", "a"),
        coop("4", "x", "d"),
        coop("old", "b", "e", start="2010-01-01", end="2012-12-31"),
    ]
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
    assert m.bridges == [("a", "x"), ("d", "x")]  # Kennungen, as brokers and isolated
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
    # networkx stops iterating at tol=1e-6 (values off by up to ~1e-6); igraph solves exactly
    pagerank = nx.pagerank(graph, weight="weight", tol=1e-13, max_iter=10_000)
    closeness = nx.closeness_centrality(graph)
    for iri, values in m.items():
        assert values.betweenness == pytest.approx(between[iri])
        assert values.pagerank == pytest.approx(pagerank[iri])
        assert values.closeness == pytest.approx(closeness[iri])
        assert values.weighted_degree == graph.degree(iri, weight="weight")


def test_kommune_subset_keeps_outside_partners(bowtie: NetworkData) -> None:
    graph = build_cooperation_graph(bowtie, NetworkFilter(kommune="05114"))
    assert graph.nodes[node("x")]["in_scope"] is False  # Viersen office, partner of d
    assert node("a") not in graph and node("i") not in graph
    kommunen = build_kommune_graph(bowtie, build_cooperation_graph(bowtie), "district")
    assert kommunen.edges[K + "05166", K + "05114"]["weight"] == 2  # x–d and b–e


def test_memberships_join_members_through_the_network_node(bowtie: NetworkData) -> None:
    bowtie.memberships = [
        Membership(ID + f"membership/{n}", ID + "network/n", node(n)) for n in ("c", "f", "i")
    ]
    graph = build_cooperation_graph(bowtie, NetworkFilter(as_of=date(2026, 1, 1), ties="all"))
    assert not graph.has_edge(node("c"), node("i"))  # no clique
    assert graph.edges[node("i"), ID + "network/n"]["kind"] == "membership"
    measures = compute_measures(graph)
    assert not measures.by_iri()[node("i")].isolated
    assert ID + "network/n" not in measures.by_iri()  # node measures of actors only
    assert measures.network_nodes == 1 and measures.ties == "all"


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


def test_eigenvector_of_equal_parts_uses_the_one_with_the_smallest_id() -> None:
    graph = nx.Graph([("x", "y"), ("y", "z"), ("z", "x"), ("a", "b"), ("b", "c"), ("c", "a")])
    values = eigenvector(graph)
    assert values["a"] == pytest.approx(3**-0.5) and values["x"] == 0.0


def test_eigenvector_of_a_single_tie() -> None:
    # networkx's eigenvector_centrality_numpy fails on two nodes (scipy's eigs needs k < n - 1)
    graph = nx.Graph([("a", "b", {"weight": 3})])
    graph.add_node("c")
    assert eigenvector(graph) == pytest.approx({"a": 0.5**0.5, "b": 0.5**0.5, "c": 0.0})


# -- igraph against networkx's reference implementations ------------------------------------


def _weighted(graph: nx.Graph, seed: int) -> nx.Graph:
    rnd = random.Random(seed)
    for u, v in graph.edges:
        graph.edges[u, v]["weight"] = rnd.randint(1, 6)
    return graph


def _bridge_graph() -> nx.Graph:
    """Two triangles joined by the path c - x - d (two bridges, articulation points c, x, d)
    and an isolated actor."""
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        [
            ("a", "b", 2),
            ("b", "c", 1),
            ("c", "a", 3),
            ("c", "x", 1),
            ("x", "d", 2),
            ("d", "e", 1),
            ("e", "f", 4),
            ("f", "d", 1),
        ]
    )
    graph.add_node("i")
    return graph


def _disconnected_graph() -> nx.Graph:
    """Two random parts and three isolated nodes; string ids whose sorted order ("10" < "2")
    is not the insertion order."""
    graph = nx.disjoint_union(
        nx.gnm_random_graph(40, 70, seed=11), nx.gnm_random_graph(15, 22, seed=12)
    )
    graph.add_nodes_from(range(55, 58))
    return _weighted(nx.relabel_nodes(graph, str), seed=3)


def _star() -> nx.Graph:
    graph = nx.star_graph(8)
    for leaf in range(1, 9):
        graph.edges[0, leaf]["weight"] = leaf
    return graph


def _single() -> nx.Graph:
    graph = nx.Graph()
    graph.add_node("only")
    return graph


GRAPHS = {
    "bridge": _bridge_graph,
    "disconnected": _disconnected_graph,
    "star": _star,
    "empty": nx.Graph,
    "single": _single,
    "powerlaw-300": lambda: _weighted(nx.powerlaw_cluster_graph(300, 2, 0.3, seed=5), seed=7),
}


@pytest.fixture(params=sorted(GRAPHS))
def graph(request: pytest.FixtureRequest) -> nx.Graph:
    return GRAPHS[request.param]()


def _assert_close(actual: dict, expected: dict, tolerance: float) -> None:
    assert set(actual) == set(expected)
    for node, value in expected.items():
        assert actual[node] == pytest.approx(value, abs=tolerance, rel=0), node


def test_betweenness_and_closeness_equal_networkx(graph: nx.Graph) -> None:
    _assert_close(betweenness(graph), nx.betweenness_centrality(graph, normalized=True), 1e-9)
    _assert_close(closeness(graph), nx.closeness_centrality(graph), 1e-9)


def test_pagerank_equals_networkx(graph: nx.Graph) -> None:
    # igraph solves exactly; networkx iterates, so compare with a tight networkx tolerance
    expected = nx.pagerank(graph, weight="weight", tol=1e-13, max_iter=10_000)
    _assert_close(pagerank(graph), expected, 1e-9)


def test_eigenvector_equals_networkx_on_the_largest_part(graph: nx.Graph) -> None:
    values = eigenvector(graph)
    assert set(values) == set(graph)
    parts = sorted(nx.connected_components(graph), key=len, reverse=True)
    main = parts[0] if parts and len(parts[0]) > 2 else set()
    expected = (
        nx.eigenvector_centrality_numpy(graph.subgraph(main), weight="weight") if main else {}
    )
    _assert_close({n: values[n] for n in main}, expected, 1e-9)
    assert all(values[n] == 0.0 for n in graph if n not in main)


def test_constraint_equals_networkx(graph: nx.Graph) -> None:
    expected = nx.constraint(graph, weight="weight") if graph.number_of_edges() else {}
    _assert_close(constraint(graph), {n: c for n, c in expected.items() if c == c}, 1e-9)


def test_structure_equals_networkx(graph: nx.Graph) -> None:
    m = compute_measures(graph)
    components = [len(c) for c in nx.connected_components(graph)]
    assert {n.iri for n in m.nodes if n.articulation_point} == set(nx.articulation_points(graph))
    kennung = {n: str(attrs.get("kennung", n)) for n, attrs in graph.nodes(data=True)}
    expected = (tuple(sorted((kennung[a], kennung[b]))) for a, b in nx.bridges(graph))
    assert m.bridges == sorted(expected)
    assert (m.components, m.largest_component) == (len(components), max(components, default=0))
    assert {n.iri for n in m.nodes if n.isolated} == set(nx.isolates(graph))
    clustering = nx.average_clustering(graph) if graph.number_of_nodes() else 0.0
    assert m.average_clustering == pytest.approx(clustering, abs=1e-12)
    assert m.betweenness_method == "exact"
    by = m.by_iri()
    for node in graph:
        assert by[node].closeness is not None and by[node].constraint == constraint(graph).get(node)


def test_communities_are_a_deterministic_valid_partition(graph: nx.Graph) -> None:
    membership, count, modularity = communities(graph, seed=3)
    assert set(membership) == set(graph)
    parts: dict[int, set] = {}
    for node, number in membership.items():
        parts.setdefault(number, set()).add(node)
    assert sorted(parts) == list(range(count))
    # numbered by size, then by smallest member
    keys = [(-len(parts[i]), min(parts[i])) for i in range(count)]
    assert keys == sorted(keys)
    if graph.number_of_edges():
        expected = nx.community.modularity(graph, parts.values(), weight="weight")
        assert modularity == pytest.approx(expected, abs=1e-12)
    assert communities(graph, seed=3) == (membership, count, modularity)
    # the same graph built in another order gets the same communities
    rebuilt = nx.Graph()
    rebuilt.add_nodes_from(reversed(list(graph)))
    rebuilt.add_edges_from((v, u, d) for u, v, d in reversed(list(graph.edges(data=True))))
    assert communities(rebuilt, seed=3) == (membership, count, modularity)
    a, b = to_igraph(graph), to_igraph(rebuilt)
    assert (a.nodes, a.graph.get_edgelist(), a.graph.es["weight"]) == (
        b.nodes,
        b.graph.get_edgelist(),
        b.graph.es["weight"],
    )


def test_igraph_randomness_is_seeded_and_leaves_random_alone() -> None:
    graph = GRAPHS["powerlaw-300"]()
    partitions = {tuple(sorted(communities(graph, seed)[0].items())) for seed in range(5)}
    assert len(partitions) > 1  # the seed reaches igraph's generator
    random.seed(123)
    expected = random.random()
    random.seed(123)
    values = eigenvector(graph)  # ARPACK draws a start vector
    communities(graph, seed=1)
    assert random.random() == expected  # Python's generator is neither drawn from nor reseeded
    random.seed(9)
    assert eigenvector(graph) == values  # to the last bit, whatever the state of random
    # and igraph draws from Python's generator again afterwards (its default)
    random.seed(5)
    first = ig.Graph.Erdos_Renyi(n=30, m=40).get_edgelist()
    random.seed(5)
    assert ig.Graph.Erdos_Renyi(n=30, m=40).get_edgelist() == first


@pytest.mark.slow
def test_large_graphs_are_exact() -> None:
    """A path of 2,501 actors (above the old limit of 2,000, where betweenness was sampled and
    closeness skipped) and an isolated actor: both measures are known in closed form."""
    n, length = 2502, 2501
    graph = nx.path_graph(length)
    graph.add_node(length)
    nx.set_edge_attributes(graph, 1, "weight")
    m = compute_measures(graph).by_iri()
    for i in (0, 1, 700, 1250, 2500):
        pairs = i * (length - 1 - i)  # pairs of actors on either side of i
        assert m[i].betweenness == pytest.approx(pairs / ((n - 1) * (n - 2) / 2), abs=1e-12)
        distances = i * (i + 1) / 2 + (length - 1 - i) * (length - i) / 2
        scale = (length - 1) / (n - 1)  # Wasserman–Faust: share of the others reached
        assert m[i].closeness == pytest.approx((length - 1) / distances * scale, abs=1e-12)
    assert m[length].betweenness == m[length].closeness == 0.0


def test_empty_and_single_node_graphs() -> None:
    empty = compute_measures(nx.Graph())
    assert (empty.nodes, empty.node_count, empty.components, empty.communities) == ([], 0, 0, 0)
    single = compute_measures(_single()).nodes
    assert len(single) == 1
    only = single[0]
    assert (only.betweenness, only.closeness, only.eigenvector, only.pagerank) == (0, 0, 0, 1)
    assert (only.community, only.constraint, only.isolated) == (0, None, True)


def test_self_loops_are_refused() -> None:
    graph = _bridge_graph()
    graph.add_edge("a", "a", weight=1)
    with pytest.raises(ValueError, match="self-loops"):
        compute_measures(graph)


@pytest.mark.parametrize("measure", ["betweenness", "closeness", "eigenvector", "pagerank"])
def test_view_sizes_use_the_same_measures(measure: str) -> None:
    graph = _disconnected_graph()
    nodes = compute_measures(graph).by_iri()
    assert measure_values(graph, measure) == {n: getattr(nodes[n], measure) for n in graph}
