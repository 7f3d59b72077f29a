"""The analyses end to end: data in (from the read model), result dataclasses out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import networkx as nx

from .gaps import Cell, Gap, PairCell
from .graphs import build_bipartite_graph, build_cooperation_graph, build_kommune_graph
from .measures import GraphMeasures, compute_measures, is_network
from .model import NetworkData, NetworkFilter
from .quality import DataQuality, SchoolSupply
from .structure import (
    KommuneFigures,
    TieShares,
    cross_kreis_ties,
    cross_sector_ties,
    education_chain_ties,
    per_kommune,
)

GRAPH_KINDS = ("cooperation", "bipartite", "kommune")


@dataclass
class NetworkResult:
    """Measures and structure of one network graph; ``ties`` the ties it was built from
    (the tie shares and per-Kommune figures count actor–actor ties: cooperations)."""

    parameters: dict[str, str]
    measures: GraphMeasures
    cross_sector: TieShares
    cross_kreis: TieShares
    education_chain: TieShares
    per_kommune: list[KommuneFigures]
    graph: nx.Graph = field(repr=False)

    @property
    def ties(self) -> str:
        return self.measures.ties

    def listing(self, min_degree: int = 0, brokers_only: bool = False) -> dict[str, object]:
        """The actors (with their measures) of at least ``min_degree`` ties (only brokers:
        ``brokers_only``), the networks (ties membership, all) and the ties among them as
        plain data; a membership runs from the member to the network."""
        graph = self.graph
        nodes = [
            asdict(n)
            for n in self.measures.nodes
            if n.degree >= min_degree and (n.broker or not brokers_only)
        ]
        networks = [
            {
                "iri": iri,
                "kennung": attrs["kennung"],
                "name": attrs["label"],
                "members": attrs["members"],
            }
            for iri, attrs in sorted(graph.nodes(data=True))
            if is_network(graph, iri)
        ]
        kept = {n["iri"] for n in nodes} | {n["iri"] for n in networks}
        edges = []
        for a, b, attrs in graph.edges(data=True):
            if a in kept and b in kept:
                if is_network(graph, a):
                    a, b = b, a
                edges.append({"source": a, "target": b, **attrs})
        return {
            "ties": self.ties,
            "matched": graph.graph["matched"],
            "scope_actors": graph.graph["scope_actors"],
            "nodes": nodes,
            "networks": networks,
            "edges": edges,
        }


def network_graph(data: NetworkData, flt: NetworkFilter, kind: str = "cooperation") -> nx.Graph:
    """One of the graphs of GRAPH_KINDS for a subset (``cooperation``: the ties of
    ``flt.ties``; ``kommune``: their actor–actor ties summed by Kommune)."""
    if kind == "bipartite":
        return build_bipartite_graph(data, flt)
    graph = build_cooperation_graph(data, flt)
    if kind == "kommune":
        return build_kommune_graph(data, graph, "municipality" if flt.kommune else "district")
    if kind != "cooperation":
        raise ValueError(f"unknown graph kind {kind!r}; use one of {', '.join(GRAPH_KINDS)}")
    return graph


def network_analysis(data: NetworkData, flt: NetworkFilter, seed: int = 42) -> NetworkResult:
    graph = build_cooperation_graph(data, flt)
    level = "municipality" if flt.kommune else "district"
    return NetworkResult(
        parameters={**flt.parameters(), "seed": str(seed)},
        measures=compute_measures(graph, seed),
        cross_sector=cross_sector_ties(graph, data.actors),
        cross_kreis=cross_kreis_ties(graph, data.actors),
        education_chain=education_chain_ties(graph, data.actors),
        per_kommune=per_kommune(graph, data.actors, data.kommunen, level),
        graph=graph,
    )


@dataclass
class GapReport:
    """Gap matrix, gaps with candidate partners, data quality and school supply."""

    kommune: str | None
    kommune_name: str
    reference_date: str
    cells: list[Cell]
    gaps: list[Gap]
    hints: list[Gap]
    heatmap: dict[str, dict[str, int]]  # life-phase slug → topic slug → offers
    quality: list[DataQuality]
    schools: list[SchoolSupply]
    notes_de: list[str]
    notes_en: list[str]
    # the heat map's life phase × topic pairs with relevance (``gaps.PairCell``)
    pairs: list[PairCell] = field(default_factory=list)
    confirmed_only: bool = False  # candidates: only confirmed cooperations count as ties

    @property
    def relevant_pairs(self) -> int:
        return sum(p.relevant for p in self.pairs)

    @property
    def pair_gaps(self) -> int:
        return sum(p.gap for p in self.pairs)


NOTES = (
    (
        "Ein Angebot zählt in der Kommune, in der es liegt: in den Kommunen, die es versorgt, "
        "in der Gemeinde seines Veranstaltungsorts, sonst dort, wo seine Anbieter sind; ein "
        "Kreis zählt alle Angebote seiner Gemeinden. Bewertet werden Kommunen mit "
        "mindestens einem Angebot einer Lebensphase und alle Gemeinden eines solchen Kreises; "
        "„kein erfasstes Angebot“ heißt: keines erfasst, nicht: keines vorhanden.",
        "An offer counts in the Kommune it lies in: the Kommunen it serves, the Gemeinde of "
        "its venue, else where its providers are; a Kreis counts every offer of its "
        "Gemeinden. Kommunen with at least one offer of a life phase are judged, and every "
        "Gemeinde of such a Kreis; 'no recorded offer' means none recorded, not none exists.",
    ),
    (
        "Gemeinden haben in den Referenzdaten nur die Gesamtbevölkerung: die Altersgruppe "
        "ist mit dem Anteil im Kreis geschätzt.",
        "Gemeinden have only a total population in the reference data: the age band is "
        "estimated with the Kreis's share.",
    ),
    (
        "Nur Paare aus Lebensphase und Themenfeld, für die das Themenfeld gilt "
        "(bg:relevantLifePhase im Themenfeld-Vokabular, dort begründet), können Lücken sein; "
        "die übrigen sind „nicht relevant“.",
        "Only life phase × topic pairs the topic applies to (bg:relevantLifePhase in the "
        "topic vocabulary, with the reasoning there) can be gaps; the others are 'not "
        "relevant'.",
    ),
)


def gap_report(
    kommune: str | None,
    kommune_name: str,
    reference_date: date,
    cells: list[Cell],
    found: list[Gap],
    heatmap: dict[str, dict[str, int]],
    quality: list[DataQuality],
    schools: list[SchoolSupply],
    pairs: list[PairCell] | None = None,
    confirmed_only: bool = False,
) -> GapReport:
    """The gap picture of a Kommune (``None``: all of NRW) from its parts."""
    return GapReport(
        kommune=kommune,
        kommune_name=kommune_name,
        reference_date=reference_date.isoformat(),
        cells=cells,
        gaps=[g for g in found if g.severity == "gap"],
        hints=[g for g in found if g.severity == "hint"],
        heatmap=heatmap,
        quality=quality,
        schools=schools,
        notes_de=[de for de, _ in NOTES],
        notes_en=[en for _, en in NOTES],
        pairs=pairs or [],
        confirmed_only=confirmed_only,
    )


def generated_now() -> datetime:
    return datetime.now().astimezone()
