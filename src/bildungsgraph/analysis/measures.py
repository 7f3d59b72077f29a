"""Network measures of a cooperation graph, exact at every size and deterministic for a seed.

The graph model is networkx; the measures are computed by igraph (its C core is 50x faster
than networkx on one Kreis and makes exact betweenness of the whole Land a matter of seconds
instead of tens of minutes). ``to_igraph`` converts a graph once, vertex ``i`` being the
``i``-th node id in sorted order, and every result is mapped back to the node ids. The values
are networkx's definitions, checked against networkx in ``tests/unit/test_analysis_measures.py``:

- betweenness and closeness count steps (unweighted: one cooperation is one step) and are
  normalised as ``nx.betweenness_centrality(normalized=True)`` and ``nx.closeness_centrality``
  (Wasserman–Faust scaling by the reachable share on a disconnected graph; 0 for an isolated
  actor);
- weights (number of cooperations and shared networks) enter weighted degree, PageRank
  (``nx.pagerank``), eigenvector centrality (``nx.eigenvector_centrality_numpy``, within the
  largest connected part), Burt's constraint (``nx.constraint``) and the Louvain communities
  with their modularity.

Network nodes (``node_kind`` "network", in the graphs of ``ties=membership`` or ``all``) are
nodes of the graph the measures are computed on, so a network is a path between its members
(two steps: member, network, member) and counts in the graph figures (``node_count``,
density, components, communities; ``network_nodes`` says how many). Node measures, brokers and
isolated actors are reported for actors only: a network is a forum, not an actor that
brokers, and ranking the two together would compare unlike things. ``ties`` names the ties
the graph was built from.

The graphs must not have self-loops (a tie joins two actors; ``build_cooperation_graph``
never makes one): igraph and networkx count a loop differently for PageRank and constraint.
"""

from __future__ import annotations

import math
import random
import statistics
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import igraph as ig
import networkx as nx

BROKER_QUANTILE = 0.9

# igraph draws its random numbers (Louvain's node order, ARPACK's start vector) from one
# process-wide generator, by default Python's ``random``; ``_seeded`` swaps in a private seeded
# one for a call, under this lock, so results do not depend on (or disturb) anything else.
_RNG_LOCK = threading.Lock()
EIGENVECTOR_SEED = 0


# the measures of a NodeMeasures, as the analysis graph records them (``results_rdf``)
NODE_MEASURES = (
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "community",
    "constraint",
    "broker",
    "articulation_point",
)


@dataclass
class NodeMeasures:
    """The measures of one actor."""

    iri: str
    kennung: str
    name: str
    sector: str
    municipality: str
    in_scope: bool
    degree: int
    weighted_degree: float
    betweenness: float
    closeness: float
    eigenvector: float
    pagerank: float
    community: int
    constraint: float | None
    broker: bool = False
    articulation_point: bool = False
    isolated: bool = False


@dataclass
class GraphMeasures:
    """Node measures and the whole-graph figures."""

    nodes: list[NodeMeasures]
    node_count: int
    edge_count: int
    density: float
    average_clustering: float
    components: int
    largest_component: int
    communities: int
    modularity: float
    betweenness_method: str = "exact"  # always exact; kept for the API and CLI output
    # the ties whose removal disconnects their ends, as pairs of Kennungen (as every list)
    bridges: list[tuple[str, str]] = field(default_factory=list)
    ties: str = "cooperation"  # the ties of the graph (``NetworkFilter.ties``)
    network_nodes: int = 0  # network (Gremium) nodes among ``node_count``

    def by_iri(self) -> dict[str, NodeMeasures]:
        return {n.iri: n for n in self.nodes}

    @property
    def brokers(self) -> list[NodeMeasures]:
        return sorted((n for n in self.nodes if n.broker), key=lambda n: -n.betweenness)

    @property
    def isolated(self) -> list[NodeMeasures]:
        return sorted((n for n in self.nodes if n.isolated and n.in_scope), key=lambda n: n.kennung)


@dataclass(frozen=True)
class IndexedGraph:
    """A networkx graph as an igraph graph: vertex ``i`` is ``nodes[i]``; the edges carry
    ``weight`` (1 where the networkx edge has none) and are ordered by their vertex pairs, so
    equal graphs give equal igraph graphs whatever order they were built in."""

    nodes: list[str]
    graph: ig.Graph

    def values(self, values: Iterable[float]) -> dict[str, float]:
        return dict(zip(self.nodes, values, strict=True))


def to_igraph(graph: nx.Graph) -> IndexedGraph:
    """The igraph form of ``graph`` (undirected, weighted), nodes in sorted order."""
    if nx.number_of_selfloops(graph):
        raise ValueError("self-loops are not ties: remove them before computing measures")
    nodes = sorted(graph)
    index = {node: i for i, node in enumerate(nodes)}
    ties = sorted(
        (min(index[u], index[v]), max(index[u], index[v]), float(w))
        for u, v, w in graph.edges(data="weight", default=1)
    )
    converted = ig.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in ties])
    converted.es["weight"] = [w for _, _, w in ties]
    converted.vs["index"] = range(len(nodes))
    return IndexedGraph(nodes, converted)


def _indexed(graph: nx.Graph | IndexedGraph) -> IndexedGraph:
    return graph if isinstance(graph, IndexedGraph) else to_igraph(graph)


def betweenness(graph: nx.Graph | IndexedGraph) -> dict[str, float]:
    """Exact betweenness in steps, normalised as ``nx.betweenness_centrality``."""
    g = _indexed(graph)
    n = g.graph.vcount()
    if n < 3:
        return dict.fromkeys(g.nodes, 0.0)
    # igraph counts each unordered pair once, networkx each ordered pair and then divides by
    # the (n-1)(n-2) ordered pairs of other actors.
    scale = 1 / ((n - 1) * (n - 2))
    return g.values(2 * b * scale for b in g.graph.betweenness(directed=False))


def closeness(graph: nx.Graph | IndexedGraph) -> dict[str, float]:
    """Closeness in steps as ``nx.closeness_centrality``: within an actor's part of the
    network, scaled by the share of the others it can reach; 0 for an isolated actor."""
    g = _indexed(graph)
    n = g.graph.vcount()
    size = _component_sizes(g.graph)
    values = []
    # igraph gives 1 / (sum of the distances to the reachable actors): recover that integer sum
    # and compute networkx's expression from it, which gives networkx's value to the last bit.
    for inverse, reached in zip(g.graph.closeness(normalized=False), size, strict=True):
        if reached < 2:
            values.append(0.0)
            continue
        value = (reached - 1.0) / round(1 / inverse)
        value *= (reached - 1.0) / (n - 1)
        values.append(value)
    return g.values(values)


def pagerank(graph: nx.Graph | IndexedGraph) -> dict[str, float]:
    """Weighted PageRank (damping 0.85) as ``nx.pagerank(graph, weight="weight")``, solved
    exactly (PRPACK) where networkx stops its iteration at a tolerance of 1e-6."""
    g = _indexed(graph)
    if g.graph.vcount() == 0:
        return {}
    return g.values(g.graph.pagerank(directed=False, damping=0.85, weights="weight"))


def eigenvector(graph: nx.Graph | IndexedGraph) -> dict[str, float]:
    """Weighted eigenvector centrality within the largest connected part; 0 outside it.

    On a disconnected graph the leading eigenvector is not unique (networkx refuses it), and
    real cooperation graphs nearly always have isolated actors; the main part is where the
    measure says something. Of equally large parts, the one with the smallest node id counts.
    The values have unit length, as ``nx.eigenvector_centrality_numpy``.
    """
    g = _indexed(graph)
    values = dict.fromkeys(g.nodes, 0.0)
    if g.graph.ecount() == 0:
        return values
    main = max(g.graph.connected_components(), key=len)  # the first of the largest
    part = g.graph.induced_subgraph(main)  # at least one tie, so at least two actors
    with _seeded(EIGENVECTOR_SEED):
        vector = part.eigenvector_centrality(weights="weight")
    norm = math.sqrt(sum(v * v for v in vector))
    values.update((g.nodes[i], v / norm) for i, v in zip(part.vs["index"], vector, strict=True))
    return values


def constraint(graph: nx.Graph | IndexedGraph) -> dict[str, float]:
    """Burt's constraint, weighted, as ``nx.constraint(graph, weight="weight")``; isolated
    actors (where it is undefined) are left out."""
    g = _indexed(graph)
    if g.graph.ecount() == 0:
        return {}
    values = g.graph.constraint(weights="weight")
    return {node: c for node, c in zip(g.nodes, values, strict=True) if not math.isnan(c)}


def communities(graph: nx.Graph | IndexedGraph, seed: int) -> tuple[dict[str, int], int, float]:
    """Louvain communities (weighted, igraph's multilevel algorithm with a generator seeded
    by ``seed``), numbered by size and then by their smallest member; (membership, number of
    communities, weighted modularity). Without ties every actor is a community of its own."""
    g = _indexed(graph)
    if g.graph.ecount() == 0:
        return {node: i for i, node in enumerate(g.nodes)}, len(g.nodes), 0.0
    with _seeded(seed):
        labels = g.graph.community_multilevel(weights="weight").membership
    modularity = g.graph.modularity(labels, weights="weight")
    parts: dict[int, list[int]] = {}
    for vertex, label in enumerate(labels):
        parts.setdefault(label, []).append(vertex)
    # vertices are sorted node ids, so a part's first vertex is its smallest member
    ordered = sorted(parts.values(), key=lambda part: (-len(part), part[0]))
    membership = {g.nodes[v]: number for number, part in enumerate(ordered) for v in part}
    return membership, len(ordered), modularity


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from a generator seeded with ``seed``; afterwards from ``random`` again."""
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))  # noqa: S311 (not cryptographic)
        try:
            yield
        finally:
            ig.set_random_number_generator(random)  # igraph's default generator


def _component_sizes(graph: ig.Graph) -> list[int]:
    """The size of each vertex's connected component."""
    components = graph.connected_components()
    sizes = components.sizes()
    return [sizes[c] for c in components.membership]


def is_network(graph: nx.Graph, node: str) -> bool:
    """Whether a node is a network (Gremium) rather than an actor."""
    return graph.nodes[node].get("node_kind") == "network"


def _brokers(graph: nx.Graph, between: dict[str, float], constraint: dict[str, float]) -> set[str]:
    connected = [n for n in graph if graph.degree(n) > 0 and not is_network(graph, n)]
    values = [between[n] for n in connected]
    constraints = [c for n in connected if not math.isnan(c := constraint.get(n, math.nan))]
    if not values or not constraints:
        return set()
    ranked = sorted(values)
    cutoff = ranked[min(len(ranked) - 1, math.floor(BROKER_QUANTILE * len(ranked)))]
    median = statistics.median(constraints)
    return {
        n
        for n in connected
        if between[n] > 0 and between[n] >= cutoff and constraint.get(n, math.inf) < median
    }


def compute_measures(graph: nx.Graph, seed: int = 42) -> GraphMeasures:
    """All node and graph measures of a network graph (converted to igraph once); node
    measures of the actors only (see the module docstring for network nodes)."""
    g = to_igraph(graph)
    between = betweenness(g)
    close = closeness(g)
    eigen = eigenvector(g)
    rank = pagerank(g)
    community, count, modularity = communities(g, seed)
    constraints = constraint(g)
    brokers = _brokers(graph, between, constraints)
    articulation = {g.nodes[v] for v in g.graph.articulation_points()}
    components = g.graph.connected_components().sizes()
    ends = g.graph.get_edgelist()
    kennung = {node: str(attrs.get("kennung", node)) for node, attrs in graph.nodes(data=True)}
    bridges = sorted(
        _pair(kennung[g.nodes[ends[e][0]]], kennung[g.nodes[ends[e][1]]]) for e in g.graph.bridges()
    )
    nodes = [
        NodeMeasures(
            iri=node,
            kennung=kennung[node],
            name=str(attrs.get("label", node)),
            sector=str(attrs.get("sector", "")),
            municipality=str(attrs.get("municipality", "")),
            in_scope=bool(attrs.get("in_scope", True)),
            degree=graph.degree(node),
            weighted_degree=float(graph.degree(node, weight="weight")),
            betweenness=between[node],
            closeness=close[node],
            eigenvector=eigen[node],
            pagerank=rank[node],
            community=community[node],
            constraint=constraints.get(node),
            broker=node in brokers,
            articulation_point=node in articulation,
            isolated=graph.degree(node) == 0,
        )
        for node, attrs in sorted(graph.nodes(data=True))
        if attrs.get("node_kind") != "network"
    ]
    return GraphMeasures(
        nodes=nodes,
        node_count=graph.number_of_nodes(),
        edge_count=graph.number_of_edges(),
        density=nx.density(graph) if graph.number_of_nodes() > 1 else 0.0,
        # networkx's average clustering: unweighted, actors with fewer than 2 partners count 0
        average_clustering=g.graph.transitivity_avglocal_undirected(mode="zero")
        if graph.number_of_nodes()
        else 0.0,
        components=len(components),
        largest_component=max(components, default=0),
        communities=count,
        modularity=modularity,
        betweenness_method="exact",
        bridges=bridges,
        ties=str(graph.graph.get("ties", "cooperation")),
        network_nodes=sum(1 for n in graph if is_network(graph, n)),
    )


def _pair(one: str, other: str) -> tuple[str, str]:
    return (one, other) if one <= other else (other, one)
