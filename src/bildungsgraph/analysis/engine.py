"""The analyses end to end: query rows in (through ``Select``), result dataclasses out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import networkx as nx
from rdflib import Literal
from rdflib.namespace import XSD

from ..errors import InvalidParameterError, NotFoundError
from .gaps import Cell, Gap, GapInputs, actor_type_gaps, build_cells, gaps_from_cells, in_scope
from .graphs import build_bipartite_graph, build_cooperation_graph, build_kommune_graph
from .measures import EXACT_LIMIT, SAMPLE_SIZE, GraphMeasures, compute_measures
from .model import NetworkData, NetworkFilter, local_name
from .partners import candidate_partners
from .population import Population
from .quality import DataQuality, SchoolSupply, data_quality, school_supply
from .rows import Select, load_concepts, load_kommunen, load_network_data, text
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
    """Measures and structure of one cooperation graph."""

    parameters: dict[str, str]
    measures: GraphMeasures
    cross_sector: TieShares
    cross_kreis: TieShares
    education_chain: TieShares
    per_kommune: list[KommuneFigures]
    graph: nx.Graph = field(repr=False)


def network_graph(data: NetworkData, flt: NetworkFilter, kind: str = "cooperation") -> nx.Graph:
    """One of the graphs of GRAPH_KINDS for a subset."""
    if kind == "bipartite":
        return build_bipartite_graph(data, flt)
    graph = build_cooperation_graph(data, flt)
    if kind == "kommune":
        return build_kommune_graph(data, graph, "municipality" if flt.kommune else "district")
    if kind != "cooperation":
        raise ValueError(f"unknown graph kind {kind!r}; use one of {', '.join(GRAPH_KINDS)}")
    return graph


def network_analysis(
    data: NetworkData,
    flt: NetworkFilter,
    seed: int = 42,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
) -> NetworkResult:
    graph = build_cooperation_graph(data, flt)
    level = "municipality" if flt.kommune else "district"
    return NetworkResult(
        parameters={**flt.parameters(), "seed": str(seed)},
        measures=compute_measures(graph, seed, exact_limit, k),
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


def gap_inputs(select: Select, as_of: date | None = None) -> GapInputs:
    return GapInputs(
        kommunen=load_kommunen(select),
        concepts=load_concepts(select),
        offer_rows=select("analysis_offer_counts", None),
        actor_type_rows=select("analysis_actor_types", None),
        population=Population.from_rows(select("analysis_population", None), as_of),
    )


def gap_analysis(
    select: Select,
    kommune: str | None = None,
    life_phase: str | None = None,
    reference_date: date | None = None,
    data: NetworkData | None = None,
) -> GapReport:
    """The whole gap picture for a Kommune (a Kreis includes its Gemeinden), or all of NRW."""
    today = reference_date or date.today()
    if today.year < 1900:
        raise InvalidParameterError(f"Stichtag {today.isoformat()} liegt vor 1900 / is before 1900")
    inputs = gap_inputs(select)
    kommunen = inputs.kommunen
    if kommune and not any(k.key == kommune for k in kommunen.values()):
        raise NotFoundError(f"Kommune {kommune} ist nicht bekannt / unknown Kommune {kommune}")
    if life_phase:
        phases = sorted(
            local_name(c.iri) for c in load_concepts(select).values() if c.scheme == "life-phase"
        )
        if life_phase not in phases:
            raise InvalidParameterError(
                f"Lebensphase {life_phase!r} ist unbekannt / unknown life phase; "
                f"erlaubt / allowed: {', '.join(phases)}"
            )
    cells = build_cells(inputs)
    covered = {c.kommune for c in cells}
    found = gaps_from_cells(cells, kommunen) + actor_type_gaps(inputs, covered)
    found = [
        g
        for g in found
        if in_scope(g.kommune, kommune, kommunen)
        and (life_phase is None or g.dimension != "life-phase" or g.concept == life_phase)
    ]
    data = data or load_network_data(select)
    graph = build_cooperation_graph(data, NetworkFilter())
    provider_rows = select("analysis_provider_offers", None)
    for gap in found:
        if gap.severity == "gap":
            gap.candidates = list(
                candidate_partners(gap, provider_rows, data.actors, kommunen, graph)
            )
    selected = [
        c
        for c in cells
        if in_scope(c.kommune, kommune, kommunen)
        and (life_phase is None or c.dimension != "life-phase" or c.concept == life_phase)
    ]
    since = (today - timedelta(days=365)).isoformat()
    quality_rows = select("analysis_quality", {"since": Literal(since, datatype=XSD.date)})
    school_rows = select("analysis_schools", None)
    name = next((k.name for k in kommunen.values() if k.key == kommune), "Nordrhein-Westfalen")
    return GapReport(
        kommune=kommune,
        kommune_name=name,
        reference_date=today.isoformat(),
        cells=selected,
        gaps=[g for g in found if g.severity == "gap"],
        hints=[g for g in found if g.severity == "hint"],
        heatmap=_heatmap(select, kommune),
        quality=[
            q
            for q in data_quality(quality_rows, school_rows, kommunen, since)
            if in_scope(q.kommune, kommune, kommunen)
        ],
        schools=[
            s
            for s in school_supply(school_rows, kommunen, inputs.population)
            if in_scope(s.kommune, kommune, kommunen)
        ],
        notes_de=[
            "Angebote zählen in der Gemeinde ihres Gebiets oder Veranstaltungsorts, im Kreis "
            "in allen seinen Gemeinden; nur Kommunen mit mindestens einem Angebot werden bewertet.",
            "Gemeinden haben in den Referenzdaten nur die Gesamtbevölkerung: die Altersgruppe "
            "ist mit dem Anteil im Kreis geschätzt.",
        ],
        notes_en=[
            "Offers count in the Gemeinde of their area served or venue, in a Kreis in all its "
            "Gemeinden; only Kommunen with at least one offer are judged.",
            "Gemeinden have only a total population in the reference data: the age band is "
            "estimated with the Kreis's share.",
        ],
    )


def _heatmap(select: Select, kommune: str | None) -> dict[str, dict[str, int]]:
    target = "https://w3id.org/bildungsgraph/id/kommune/" + (kommune or "05")
    heatmap: dict[str, dict[str, int]] = {}
    rows = select("analysis_offer_phase_topic", None)
    for row in rows:
        if kommune and text(row, "unit") != target:
            continue
        phase = text(row, "phase").rsplit("/", 1)[-1]
        topic = text(row, "topic").rsplit("/", 1)[-1]
        if not kommune and len(text(row, "unit").rsplit("/", 1)[-1]) != 5:
            continue  # all of NRW: sum over the Kreise and kreisfreie Städte
        heatmap.setdefault(phase, {})
        heatmap[phase][topic] = heatmap[phase].get(topic, 0) + int(str(row["offers"]))
    return heatmap


def generated_now() -> datetime:
    return datetime.now().astimezone()
