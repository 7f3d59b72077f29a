"""Benchmark the analysis on the generated all-NRW landscape.

    python bench/bench_analysis.py                # scale 0.72 (~1 million quads)
    python bench/bench_analysis.py --scale 0.2    # quicker

Measures (1) building the cooperation graph from the store (five queries) and computing all
measures for one Kreis and for all of NRW (betweenness sampled above 2,000 nodes), against
networkx on a graph built naively from rdflib triples (parse the N-Quads, loop over
bg:partner) in the same run; (2) the gap matrix for all 53 Kreise from the aggregate query
against one query per cell.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx
import rdflib

from bildungsgraph.analysis import NetworkFilter, network_analysis
from bildungsgraph.analysis.engine import gap_inputs
from bildungsgraph.analysis.gaps import build_cells
from bildungsgraph.analysis.rows import load_network_data
from bildungsgraph.generator import write_nquads_streaming
from bildungsgraph.queries import get_query
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

BG = rdflib.Namespace("https://w3id.org/bildungsgraph/ontology#")


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<58} {seconds:8.2f} s")
    return value, seconds


def naive_graph(path: Path) -> nx.Graph:
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    partners: dict[object, list[object]] = defaultdict(list)
    for cooperation, _, partner in dataset.triples((None, BG.partner, None)):
        partners[cooperation].append(partner)
    graph = nx.Graph()
    for members in partners.values():
        graph.add_edges_from(combinations(members, 2))
    return graph


def naive_measures(graph: nx.Graph, seed: int) -> None:
    nx.betweenness_centrality(graph, k=min(200, len(graph)), seed=seed)
    nx.pagerank(graph)
    nx.community.louvain_communities(graph, seed=seed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--kreis", default="05166")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        quads = Path(tmp) / "nrw.nq"
        count, _ = timed(
            "generate all-NRW landscape",
            lambda: write_nquads_streaming("all", quads, seed=42, scale=args.scale),
        )
        print(f"  {count:,} quads")
        service = BildungsGraph(open_store(Path(tmp) / "store"))
        timed(
            "bulk load + schema + reference",
            lambda: (
                service.store.bulk_load(quads),
                service.load_schema(),
                service.load_reference(),
            ),
        )

        def select(name, bindings):  # type: ignore[no-untyped-def]
            return service.store.select(get_query(name).text, bindings)

        data, t_load = timed(
            "graph data from the store (5 queries)", lambda: load_network_data(select)
        )
        kreis, t_kreis = timed(
            f"all measures, Kreis {args.kreis}",
            lambda: network_analysis(data, NetworkFilter(kommune=args.kreis)),
        )
        print(
            f"  {kreis.measures.node_count} nodes, {kreis.measures.edge_count} edges, "
            f"betweenness {kreis.measures.betweenness_method}"
        )
        nrw, t_nrw = timed("all measures, all NRW", lambda: network_analysis(data, NetworkFilter()))
        print(
            f"  {nrw.measures.node_count} nodes, {nrw.measures.edge_count} edges, "
            f"betweenness {nrw.measures.betweenness_method}"
        )
        graph, t_naive_build = timed(
            "baseline: rdflib parse + naive graph", lambda: naive_graph(quads)
        )
        _, t_naive = timed(
            "baseline: networkx betweenness(k=200)+pagerank+louvain",
            lambda: naive_measures(graph, 42),
        )
        print(f"  ratio build (store / rdflib): {t_load / t_naive_build:.2f}")

        inputs, t_agg = timed(
            "gap matrix all Kommunen: aggregate queries", lambda: gap_inputs(select)
        )
        cells, t_cells = timed("gap matrix: cells, ranks, flags", lambda: build_cells(inputs))
        kreise = [k for k in inputs.kommunen.values() if k.level in ("district", "city")]
        phases = [c for c in inputs.concepts.values() if c.scheme == "life-phase"]
        dimension = rdflib.URIRef(BG.lifePhase)

        def per_cell() -> int:
            n = 0
            for kommune in kreise:
                for phase in phases:
                    service.store.select(
                        get_query("analysis_offer_cell").text,
                        {
                            "unit": rdflib.URIRef(kommune.iri),
                            "dimension": dimension,
                            "concept": rdflib.URIRef(phase.iri),
                        },
                    )
                    n += 1
            return n

        n_cells, t_per_cell = timed(
            "baseline: one query per cell (53 Kreise x life phases)", per_cell
        )
        share = n_cells / max(1, sum(1 for c in cells if c.level != "municipality"))
        print(f"  {n_cells} per-cell queries (life phases only, {share:.0%} of the Kreis cells)")
        print(
            f"  ratio per-cell / aggregate: {t_per_cell / t_agg:.1f}x "
            "(aggregate covers all dimensions and Gemeinden too)"
        )
        service.close()
    print("rerun: python bench/bench_analysis.py --scale", args.scale)


if __name__ == "__main__":
    main()
