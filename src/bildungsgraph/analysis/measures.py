"""Network measures of a cooperation graph (networkx), deterministic for a given seed.

Distances for betweenness and closeness count steps (unweighted): one cooperation is one step.
Weights (number of cooperations and shared networks) enter weighted degree, PageRank,
eigenvector centrality, constraint and the Louvain communities.
"""

from __future__ import annotations

import contextlib
import math
import statistics
from dataclasses import dataclass, field

import networkx as nx

EXACT_LIMIT = 2000  # nodes up to which betweenness and closeness are exact
SAMPLE_SIZE = 200  # sources for sampled betweenness above the limit
BROKER_QUANTILE = 0.9


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
    closeness: float | None
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
    betweenness_method: str
    bridges: list[tuple[str, str]] = field(default_factory=list)

    def by_iri(self) -> dict[str, NodeMeasures]:
        return {n.iri: n for n in self.nodes}

    @property
    def brokers(self) -> list[NodeMeasures]:
        return sorted((n for n in self.nodes if n.broker), key=lambda n: -n.betweenness)

    @property
    def isolated(self) -> list[NodeMeasures]:
        return sorted((n for n in self.nodes if n.isolated and n.in_scope), key=lambda n: n.kennung)


def betweenness(
    graph: nx.Graph, seed: int, exact_limit: int = EXACT_LIMIT, k: int = SAMPLE_SIZE
) -> tuple[dict[str, float], str]:
    """Exact betweenness up to ``exact_limit`` nodes, sampled with ``k`` sources above."""
    n = graph.number_of_nodes()
    if n <= exact_limit:
        return nx.betweenness_centrality(graph, normalized=True), "exact"
    sample = min(k, n)
    values = nx.betweenness_centrality(graph, k=sample, normalized=True, seed=seed)
    return values, f"sampled (k={sample}, seed={seed})"


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality within the largest connected part; 0 outside it.

    On a disconnected graph the leading eigenvector is not unique (networkx refuses it), and
    real cooperation graphs nearly always have isolated actors; the main part is where the
    measure says something.
    """
    values = dict.fromkeys(graph, 0.0)
    if graph.number_of_edges() == 0:
        return values
    main = graph.subgraph(max(nx.connected_components(graph), key=len))
    if main.number_of_nodes() < 2:
        return values
    with contextlib.suppress(nx.NetworkXException, ArithmeticError):
        values.update(nx.eigenvector_centrality_numpy(main, weight="weight"))
    return values


def communities(graph: nx.Graph, seed: int) -> tuple[dict[str, int], int, float]:
    if graph.number_of_edges() == 0:
        return {node: i for i, node in enumerate(sorted(graph))}, graph.number_of_nodes(), 0.0
    parts = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    # Number communities by size, then by their smallest member, so the labels are stable.
    parts = sorted(parts, key=lambda c: (-len(c), min(c)))
    membership = {node: i for i, part in enumerate(parts) for node in part}
    return membership, len(parts), nx.community.modularity(graph, parts, weight="weight")


def _brokers(graph: nx.Graph, between: dict[str, float], constraint: dict[str, float]) -> set[str]:
    connected = [n for n in graph if graph.degree(n) > 0]
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


def compute_measures(
    graph: nx.Graph, seed: int = 42, exact_limit: int = EXACT_LIMIT, k: int = SAMPLE_SIZE
) -> GraphMeasures:
    """All node and graph measures of the cooperation graph."""
    between, method = betweenness(graph, seed, exact_limit, k)
    closeness = nx.closeness_centrality(graph) if graph.number_of_nodes() <= exact_limit else {}
    eigen = eigenvector(graph)
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_nodes() else {}
    community, count, modularity = communities(graph, seed)
    constraint = (
        {n: c for n, c in nx.constraint(graph, weight="weight").items() if not math.isnan(c)}
        if graph.number_of_edges()
        else {}
    )
    brokers = _brokers(graph, between, constraint)
    articulation = set(nx.articulation_points(graph))
    components = list(nx.connected_components(graph))
    nodes = [
        NodeMeasures(
            iri=node,
            kennung=str(attrs.get("kennung", node)),
            name=str(attrs.get("label", node)),
            sector=str(attrs.get("sector", "")),
            municipality=str(attrs.get("municipality", "")),
            in_scope=bool(attrs.get("in_scope", True)),
            degree=graph.degree(node),
            weighted_degree=float(graph.degree(node, weight="weight")),
            betweenness=between.get(node, 0.0),
            closeness=closeness.get(node) if closeness else None,
            eigenvector=float(eigen.get(node, 0.0)),
            pagerank=pagerank.get(node, 0.0),
            community=community[node],
            constraint=constraint.get(node),
            broker=node in brokers,
            articulation_point=node in articulation,
            isolated=graph.degree(node) == 0,
        )
        for node, attrs in sorted(graph.nodes(data=True))
    ]
    return GraphMeasures(
        nodes=nodes,
        node_count=graph.number_of_nodes(),
        edge_count=graph.number_of_edges(),
        density=nx.density(graph) if graph.number_of_nodes() > 1 else 0.0,
        average_clustering=nx.average_clustering(graph) if graph.number_of_nodes() else 0.0,
        components=len(components),
        largest_component=max((len(c) for c in components), default=0),
        communities=count,
        modularity=modularity,
        betweenness_method=method,
        bridges=sorted(tuple(sorted(edge)) for edge in nx.bridges(graph)),
    )
