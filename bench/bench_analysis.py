"""Benchmark the analysis on the generated all-NRW landscape.

    python bench/bench_analysis.py                # scale 0.72 (~1 million quads)
    python bench/bench_analysis.py --scale 0.05 --baseline-kreise 5   # quicker

Generates the landscape, loads it with the schema and the reference data, then measures, in
the same run:

1. the read model's full build from the store (``build_view``: records, index, tallies — the
   network data and the gap cells are derived from it, where five whole-store queries and the
   aggregate gap queries used to be), then from that view the network data
   (``network_data``: the actors of a Kommune and all their ties) and all measures
   (``network``: exact, igraph; above 5,000 actors in a process of its own) for one Kreis and
   for all of NRW, against networkx on a graph built naively from rdflib triples (parse the
   N-Quads, loop over bg:partner; betweenness sampled on 200 sources);
2. the gap picture of all NRW (``gap_analysis``: every Kommune's cells from the tallies,
   ranked in their comparison groups, gaps with candidate partners) and of one Kreis, against
   one SPARQL query per cell (53 Kreise x life phases, ``analysis_offer_cell``; with
   ``--baseline-kreise N`` only the first N Kreise are asked and the time is extrapolated).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import networkx as nx
import rdflib

from bildungsgraph.analysis import NetworkFilter
from bildungsgraph.generator import write_nquads_streaming
from bildungsgraph.queries import get_query
from bildungsgraph.readmodel import View
from bildungsgraph.readmodel.gaps import gap_analysis
from bildungsgraph.readmodel.memo import Memo
from bildungsgraph.readmodel.network import APART_FROM, network, network_data
from bildungsgraph.readmodel.update import build_view
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

RERUN = "python bench/bench_analysis.py"
BG = rdflib.Namespace("https://w3id.org/bildungsgraph/ontology#")


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<58} {seconds:8.2f} s")
    return value, seconds


def unmemoised(view: View) -> View:
    """The same state without the results made for it so far."""
    return replace(view, memo=Memo(), actor_models={})


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--kreis", default="05166")
    parser.add_argument(
        "--baseline-kreise",
        type=int,
        default=53,
        help="Kreise the per-cell baseline asks (fewer: extrapolated)",
    )
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
            "load: schema + reference + import_rdf",
            lambda: (
                service.loading.load_schema(),
                service.loading.load_reference(),
                service.loading.import_rdf(quads),
            ),
        )
        view, t_build = timed(
            "read model: full build (build_view)", lambda: build_view(service.store)
        )

        kreis_flt, land_flt = NetworkFilter(kommune=args.kreis), NetworkFilter()
        timed(f"network data, Kreis {args.kreis}", lambda: network_data(view, args.kreis))
        kreis, _ = timed(f"all measures, Kreis {args.kreis}", lambda: network(view, kreis_flt))
        print(
            f"  {kreis.measures.node_count} nodes, {kreis.measures.edge_count} edges, "
            f"betweenness {kreis.measures.betweenness_method}"
        )
        land, t_data = timed("network data, all NRW", lambda: network_data(view, None))
        apart = " (in a process of its own)" if len(land.actors) > APART_FROM else ""
        nrw, t_nrw = timed("all measures, all NRW" + apart, lambda: network(view, land_flt))
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
        print(
            f"  ratio graph data, rdflib / (build_view + network data): "
            f"{t_naive_build / (t_build + t_data):.2f}x (the view holds far more)"
        )
        print(
            f"  ratio graph data, rdflib / network data from the view: "
            f"{t_naive_build / t_data:.0f}x"
        )
        print(f"  ratio measures, networkx (sampled) / ours (exact): {t_naive / t_nrw:.2f}x")

        # each on a new view of the same state (nothing memoised), as after a rebuild
        report, t_gaps = timed(
            "gap picture, all NRW (gap_analysis)", lambda: gap_analysis(unmemoised(view))
        )
        timed(
            f"gap picture, Kreis {args.kreis}", lambda: gap_analysis(unmemoised(view), args.kreis)
        )
        kommunen = view.reference.analysis_kommunen.values()
        kreise = sorted(
            (k for k in kommunen if k.level in ("district", "city")), key=lambda k: k.key
        )
        asked = kreise[: args.baseline_kreise]
        phases = [c for c in view.reference.analysis_concepts.values() if c.scheme == "life-phase"]
        dimension = rdflib.URIRef(BG.lifePhase)
        text = get_query("analysis_offer_cell").text

        def per_cell() -> int:
            n = 0
            for kommune in asked:
                for phase in phases:
                    service.store.select(
                        text,
                        {
                            "unit": rdflib.URIRef(kommune.iri),
                            "dimension": dimension,
                            "concept": rdflib.URIRef(phase.iri),
                        },
                    )
                    n += 1
            return n

        n_cells, t_per_cell = timed(
            f"baseline: one query per cell ({len(asked)} Kreise x life phases)", per_cell
        )
        if len(asked) < len(kreise):  # each Kreis costs about the same: extrapolate
            t_per_cell *= len(kreise) / len(asked)
            n_cells = n_cells * len(kreise) // len(asked)
            print(f"  extrapolated to all {len(kreise)} Kreise: {t_per_cell:.1f} s")
        kreis_cells = sum(1 for c in report.cells if c.level != "municipality")
        print(
            f"  {n_cells} per-cell queries (life phases only, "
            f"{n_cells / max(1, kreis_cells):.0%} of the {kreis_cells} Kreis cells)"
        )
        print(
            f"  ratio per-cell / gap_analysis: {t_per_cell / t_gaps:.1f}x "
            f"(gap_analysis: {len(report.cells)} cells of all dimensions and Gemeinden, "
            f"{len(report.gaps)} gaps with candidate partners)"
        )
        service.close()
    print("RERUN: " + " ".join([RERUN, *sys.argv[1:]]))


if __name__ == "__main__":
    main()
