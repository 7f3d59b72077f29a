"""Benchmark the network measures: igraph-based ``compute_measures`` against networkx.

    python bench/bench_measures.py --store DIR     # a store holding the all-NRW landscape
    python bench/bench_measures.py --scale 0.72    # generate and load it first (~1.15M quads)
    python bench/bench_measures.py --scale 0.05    # quicker

Takes the read model's view of the store (the view saved beside ``--store`` when it shows the
store's state, else a full ``build_view``), then the network data of one Kreis (``--kreis``,
default 05166: its actors and all their ties) and of the Land from the view
(``readmodel.network.network_data``, what replaced the five whole-store queries) and their
cooperation graphs (``build_cooperation_graph``, as ``network_analysis`` builds them), and
times, in the same run:

* ``compute_measures`` (igraph, every measure exact), the median of ``--repeat`` runs, and
  each igraph measure on its own;
* the networkx reference for the same measures (``nx.betweenness_centrality``,
  ``nx.closeness_centrality``, ``nx.eigenvector_centrality_numpy``, ``nx.pagerank``,
  ``nx.community.louvain_communities`` + ``modularity``, ``nx.constraint``, articulation
  points, bridges, components, ``nx.average_clustering``). For the Land, exact networkx
  betweenness and closeness would take tens of minutes: they are timed on ``--sources``
  sampled sources and extrapolated linearly to all nodes (both are one BFS per source), and
  igraph's values on the same sources are checked against networkx's.

The store and its saved view are only read. Open a copy if another process may be using the
store: Oxigraph locks it.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from bildungsgraph.analysis.graphs import build_cooperation_graph
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
from bildungsgraph.analysis.model import NetworkFilter
from bildungsgraph.readmodel import View
from bildungsgraph.readmodel.network import network_data
from bildungsgraph.readmodel.persist import directory_for, load_view
from bildungsgraph.readmodel.update import build_view
from bildungsgraph.store import OxigraphStore, open_store

SEED = 42


def timed(function: Callable[[], Any], repeat: int = 1) -> tuple[Any, float]:
    """(last value, median seconds of ``repeat`` runs)."""
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return value, statistics.median(times)


def load_graphs(store_dir: Path | None, scale: float, kreis: str) -> tuple[nx.Graph, nx.Graph]:
    with tempfile.TemporaryDirectory() as tmp:
        if store_dir is None:
            store_dir = build_store(Path(tmp), scale)
        store = open_store(store_dir)
        try:
            view = read_view(store_dir, store)
        finally:
            store.close()
    # a new view: nothing of it is memoised yet
    kreis_data, seconds = timed(lambda: network_data(view, kreis))
    print(
        f"network data of Kreis {kreis} from the view: {seconds:.2f} s "
        f"({len(kreis_data.actors):,} actors, {len(kreis_data.cooperations):,} cooperations)"
    )
    land_data, seconds = timed(lambda: network_data(view, None))
    print(
        f"network data of the Land from the view: {seconds:.2f} s "
        f"({len(land_data.actors):,} actors, {len(land_data.cooperations):,} cooperations)"
    )
    return (
        build_cooperation_graph(kreis_data, NetworkFilter(kommune=kreis)),
        build_cooperation_graph(land_data, NetworkFilter()),
    )


def read_view(store_dir: Path, store: OxigraphStore) -> View:
    """The view saved beside the store if it shows the store's state, else a full build."""
    saved, seconds = timed(lambda: load_view(directory_for(store_dir)))
    if saved is not None and saved.state == store.state:
        print(f"read model: the view saved beside the store, loaded in {seconds:.1f} s")
        return saved
    view, seconds = timed(lambda: build_view(store))
    print(f"read model: full build from the store (build_view) {seconds:.1f} s")
    return view


def build_store(directory: Path, scale: float) -> Path:
    from bildungsgraph.generator import write_nquads_streaming
    from bildungsgraph.service import BildungsGraph

    quads, store_dir = directory / "nrw.nq", directory / "store"
    count = write_nquads_streaming("all", quads, seed=SEED, scale=scale)
    service = BildungsGraph(open_store(store_dir))
    service.loading.load_schema()
    service.loading.load_reference()
    service.loading.import_rdf(quads)
    service.close()
    print(f"generated and loaded {count:,} quads")
    return store_dir


def igraph_parts(graph: nx.Graph) -> dict[str, Callable[[], Any]]:
    g = to_igraph(graph)
    return {
        "convert to igraph": lambda: to_igraph(graph),
        "betweenness": lambda: betweenness(g),
        "closeness": lambda: closeness(g),
        "eigenvector": lambda: eigenvector(g),
        "pagerank": lambda: pagerank(g),
        "louvain + modularity": lambda: communities(g, SEED),
        "constraint": lambda: constraint(g),
        "articulation, bridges, components": lambda: (
            g.graph.articulation_points(),
            g.graph.bridges(),
            g.graph.connected_components(),
        ),
        "average clustering": lambda: g.graph.transitivity_avglocal_undirected(mode="zero"),
    }


def networkx_parts(graph: nx.Graph) -> dict[str, Callable[[], Any]]:
    def eigen() -> dict[str, float]:
        main = graph.subgraph(max(nx.connected_components(graph), key=len))
        return dict(nx.eigenvector_centrality_numpy(main, weight="weight"))

    def louvain() -> tuple[list[set[str]], float]:
        parts = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
        return parts, nx.community.modularity(graph, parts, weight="weight")

    return {
        "betweenness": lambda: nx.betweenness_centrality(graph, normalized=True),
        "closeness": lambda: nx.closeness_centrality(graph),
        "eigenvector": eigen,
        "pagerank": lambda: nx.pagerank(graph, weight="weight"),
        "louvain + modularity": louvain,
        "constraint": lambda: nx.constraint(graph, weight="weight"),
        "articulation, bridges, components": lambda: (
            set(nx.articulation_points(graph)),
            list(nx.bridges(graph)),
            list(nx.connected_components(graph)),
        ),
        "average clustering": lambda: nx.average_clustering(graph),
    }


def max_difference(ours: dict[str, float], reference: dict[str, float]) -> float:
    return max((abs(ours[n] - v) for n, v in reference.items() if not math.isnan(v)), default=0.0)


def compare(label: str, graph: nx.Graph, repeat: int, sources: int | None) -> None:
    """Time igraph and networkx on ``graph``; ``sources`` samples networkx's betweenness and
    closeness (None: run them in full)."""
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    print(f"\n== {label}: {n:,} actors, {m:,} ties")
    _, total = timed(lambda: compute_measures(graph, SEED), repeat)
    print(f"compute_measures (igraph, exact), median of {repeat}: {total:.2f} s")

    ours: dict[str, Any] = {}
    reference: dict[str, Any] = {}
    rows = []
    nx_parts = networkx_parts(graph)
    for name, function in igraph_parts(graph).items():
        ours[name], t_ig = timed(function, repeat)
        if name not in nx_parts:
            rows.append((name, t_ig, None, ""))
            continue
        note = ""
        if sources is not None and name in ("betweenness", "closeness"):
            ours[name], reference[name], t_nx = sampled(name, graph, sources, ours[name])
            note = f"networkx extrapolated from {sources} sources"
        else:  # small graphs: the median too (the first call also pays scipy's imports)
            reference[name], t_nx = timed(nx_parts[name], repeat if sources is None else 1)
        rows.append((name, t_ig, t_nx, note))

    print(f"{'measure':<36}{'igraph s':>10}{'networkx s':>12}{'ratio':>9}")
    for name, t_ig, t_nx, note in rows:
        ratio = f"{t_nx / t_ig:8.0f}x" if t_nx is not None and t_ig > 0 else ""
        shown = f"{t_nx:12.2f}" if t_nx is not None else " " * 12
        print(f"{name:<36}{t_ig:10.3f}{shown}{ratio:>9}  {note}")
    t_ig_sum = sum(r[1] for r in rows if r[2] is not None)
    t_nx_sum = sum(r[2] for r in rows if r[2] is not None)
    print(f"{'sum of the measures':<36}{t_ig_sum:10.2f}{t_nx_sum:12.2f}{t_nx_sum / t_ig_sum:8.0f}x")

    print("differences igraph - networkx (max abs over the actors):")
    notes = {"pagerank": "  (networkx stops iterating at tol=1e-6)"}
    if sources is not None:
        notes["betweenness"] = f"  (unnormalised contributions of the {sources} sources)"
        notes["closeness"] = f"  (the {sources} sources)"
    for name in ("betweenness", "closeness", "eigenvector", "pagerank", "constraint"):
        difference = max_difference(ours[name], reference[name])
        largest = max((abs(v) for v in reference[name].values() if not math.isnan(v)), default=0)
        relative = f" = {difference / largest:.1e} of the largest value" if largest else ""
        print(f"  {name:<12} {difference:.2e}{relative}{notes.get(name, '')}")
    tight = nx.pagerank(graph, weight="weight", tol=1e-13, max_iter=10_000)
    print(
        f"  {'pagerank':<12} {max_difference(ours['pagerank'], tight):.2e}"
        "  (against networkx iterated to tol=1e-13)"
    )
    (_, count, modularity), (parts, nx_modularity) = (
        ours["louvain + modularity"],
        reference["louvain + modularity"],
    )
    print(
        f"  louvain      igraph {count} communities, modularity {modularity:.4f}; "
        f"networkx {len(parts)}, {nx_modularity:.4f} (different heuristics' runs)"
    )
    articulation, bridges, parts_ = reference["articulation, bridges, components"]
    g = to_igraph(graph)
    same = (
        {g.nodes[v] for v in ours["articulation, bridges, components"][0]} == articulation
        and len(ours["articulation, bridges, components"][1]) == len(bridges)
        and len(ours["articulation, bridges, components"][2]) == len(parts_)
    )
    print(f"  structure    articulation points, bridges, components identical: {same}")
    print(f"  clustering   {abs(ours['average clustering'] - reference['average clustering']):.2e}")


def sampled(
    name: str, graph: nx.Graph, sources: int, ours: dict[str, float]
) -> tuple[dict[str, float], dict[str, float], float]:
    """networkx on ``sources`` random sources: (igraph's values and networkx's to check
    against each other, networkx's time extrapolated to all nodes)."""
    n = graph.number_of_nodes()
    chosen = random.Random(SEED).sample(sorted(graph), min(sources, n))
    if name == "closeness":
        values, seconds = timed(lambda: {v: nx.closeness_centrality(graph, u=v) for v in chosen})
        return {v: ours[v] for v in chosen}, values, seconds * n / len(chosen)
    # the time: networkx's own sampled betweenness (one BFS and accumulation per source)
    _, seconds = timed(lambda: nx.betweenness_centrality(graph, k=len(chosen), seed=SEED))
    # the check: what the chosen sources contribute to every actor, igraph against networkx
    g = to_igraph(graph)
    index = {node: i for i, node in enumerate(g.nodes)}
    partial = g.values(g.graph.betweenness(directed=False, sources=[index[v] for v in chosen]))
    reference = nx.betweenness_centrality_subset(graph, chosen, list(graph), normalized=False)
    return partial, reference, seconds * n / len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, help="an existing store (else one is generated)")
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--kreis", default="05166")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sources", type=int, default=200)
    args = parser.parse_args()
    kreis, land = load_graphs(args.store, args.scale, args.kreis)
    compare(f"Kreis {args.kreis}", kreis, args.repeat, None)
    compare("all NRW", land, args.repeat, args.sources)
    rerun = " ".join(["python", "bench/bench_measures.py", *sys.argv[1:]])
    print(f"\nRERUN: {rerun}")


if __name__ == "__main__":
    main()
