"""/api/gaps, /api/network and /api/network/measures: the analysis as JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel

from ...analysis import EXPORT_FORMATS, MEASURES, NetworkFilter, export_network
from ...analysis.explanations import Explanation
from ...analysis.partners import Candidate
from ...readmodel import gaps, network
from ..deps import CurrentView
from .api_common import ERRORS, IsoDate, allowed_values, concept, problem_responses

ORDER = 40
router = APIRouter(tags=["Analyse / analysis"], responses=ERRORS)
KommuneKey = Annotated[
    str | None,
    Query(
        pattern=r"^05[0-9]{3}([0-9]{3})?$",
        description="Kreisschlüssel or AGS; a Kreis includes its Gemeinden",
        json_schema_extra=allowed_values("kreis-or-gemeinde"),
    ),
]
Topic = Annotated[str | None, concept("topic")]
LifePhase = Annotated[str | None, concept("life-phase")]
Programme = Annotated[str | None, concept("programme")]
ActorType = Annotated[str | None, concept("actor-type")]  # narrower types included
ExportFormat = Literal[tuple(EXPORT_FORMATS)]
EXPORT_MEDIA_TYPES = {
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "csv": "application/zip",
}
EXPORT_EXTENSIONS = {"gexf": "gexf", "graphml": "graphml", "csv": "zip"}


class Gap(BaseModel):
    kind: str
    kommune: str
    kommune_name: str
    level: str
    dimension: str
    concept: str
    label_de: str
    label_en: str
    text_de: str
    text_en: str
    candidates: list[Candidate]


class Cell(BaseModel):
    kommune: str
    kommune_name: str
    level: str
    dimension: str
    concept: str
    label_de: str
    label_en: str
    offers: int
    providers: int
    in_person: int
    population: float | None
    population_estimated: bool
    per_1000: float | None
    rank: int | None
    comparable: int
    median_per_1000: float | None
    flags: list[str]


class GapsResponse(BaseModel):
    kommune: str | None
    kommune_name: str
    reference_date: str
    gaps: list[Gap]
    hints: list[Gap]
    cells: list[Cell]
    notes_de: list[str]
    notes_en: list[str]


class NetworkSummary(BaseModel):
    parameters: dict[str, str]
    nodes: int
    edges: int
    density: float
    average_clustering: float
    components: int
    largest_component: int
    communities: int
    modularity: float
    betweenness_method: str
    cross_sector_share: float
    cross_sector_pairs: dict[str, int]
    cross_kreis_share: float
    education_chain_share: float
    brokers: list[str]
    isolated: list[str]
    articulation_points: list[str]
    bridges: list[list[str]]
    explanations: dict[str, Explanation]


class Node(BaseModel):
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
    broker: bool
    articulation_point: bool
    isolated: bool


class Edge(BaseModel):
    source: str
    target: str
    weight: int
    cooperations: int
    networks: int
    forms: str
    since: str


class NetworkResponse(BaseModel):
    parameters: dict[str, str]
    nodes: list[Node]
    edges: list[Edge]


def _network_filter(
    view: CurrentView,
    kommune: KommuneKey = None,
    topic: Topic = None,
    lebensphase: LifePhase = None,
    programme: Programme = None,
    as_of: Annotated[IsoDate | None, Query(description="only ties active on this date")] = None,
    actor_type: ActorType = None,
) -> NetworkFilter:
    """The subset the query string asks for; 422 naming unknown Kommunen or concepts."""
    return network.parse_filter(
        view, kommune, actor_type, topic, lebensphase, programme,
        as_of.isoformat() if as_of else None,
    )


Filter = Annotated[NetworkFilter, Depends(_network_filter)]


@router.get("/api/gaps", response_model=GapsResponse, summary="Lückenanalyse / gap analysis",
            responses=problem_responses(404))
def api_gaps(
    view: CurrentView,
    kommune: KommuneKey = None,
    lebensphase: LifePhase = None,
    stichtag: Annotated[IsoDate | None, Query(description="reference date (default today)")]
    = None,
    cells: Annotated[bool, Query(description="include every matrix cell")] = False,
) -> dict[str, object]:
    """Gap matrix Kommune × life phase / topic / format / target group: offers, offers per
    1,000 inhabitants of the reference age band, rank among comparable Kommunen, flags
    (no offer, far below the median, only digital, one provider), missing actor types, and
    candidate partners for every gap with the reason in German and English."""
    report = gaps.gap_analysis(view, kommune, lebensphase, stichtag)
    body = asdict(report)
    if not cells:
        body["cells"] = []
    return body


@router.get(
    "/api/network", response_model=NetworkResponse, summary="Kooperationsnetz / cooperation network"
)
def api_network(
    view: CurrentView,
    flt: Filter,
    min_degree: Annotated[int, Query(ge=0, description="only actors with this many partners")] = 0,
    brokers_only: Annotated[bool, Query(description="only brokers")] = False,
    seed: Annotated[int, Query(ge=0)] = 42,
) -> dict[str, object]:
    """Actors (nodes with all measures) and ties (edges: weight = cooperations + shared
    networks, cooperation forms, earliest start) of a subset of the landscape."""
    result = network.network(view, flt, seed)
    nodes = [
        asdict(n)
        for n in result.measures.nodes
        if n.degree >= min_degree and (n.broker or not brokers_only)
    ]
    kept = {n["iri"] for n in nodes}
    edges = [
        {"source": a, "target": b, **attrs}
        for a, b, attrs in result.graph.edges(data=True)
        if a in kept and b in kept
    ]
    return {"parameters": result.parameters, "nodes": nodes, "edges": edges}


@router.get(
    "/api/network/measures",
    response_model=NetworkSummary,
    summary="Netzwerk-Kennzahlen / network measures",
)
def api_network_measures(
    view: CurrentView,
    flt: Filter,
    seed: Annotated[int, Query(ge=0)] = 42,
) -> dict[str, object]:
    """Key figures of the network with a German and English explanation of every measure."""
    result = network.network(view, flt, seed)
    m = result.measures
    return {
        "parameters": result.parameters,
        "nodes": m.node_count,
        "edges": m.edge_count,
        "density": m.density,
        "average_clustering": m.average_clustering,
        "components": m.components,
        "largest_component": m.largest_component,
        "communities": m.communities,
        "modularity": m.modularity,
        "betweenness_method": m.betweenness_method,
        "cross_sector_share": result.cross_sector.share,
        "cross_sector_pairs": dict(result.cross_sector.pairs),
        "cross_kreis_share": result.cross_kreis.share,
        "education_chain_share": result.education_chain.share,
        "brokers": [n.kennung for n in m.brokers],
        "isolated": [n.kennung for n in m.isolated],
        "articulation_points": sorted(n.kennung for n in m.nodes if n.articulation_point),
        "bridges": [list(b) for b in m.bridges],
        "explanations": {k: asdict(v) for k, v in MEASURES.items()},
    }


@router.get(
    "/api/network/export",
    summary="Kooperationsnetz als Datei / cooperation network as a file",
    response_class=Response,
    responses={200: {"content": {t: {} for t in EXPORT_MEDIA_TYPES.values()}}},
)
def api_network_export(
    view: CurrentView,
    flt: Filter,
    format: ExportFormat = "gexf",
) -> Response:
    """The cooperation network of a subset as GEXF (Gephi), GraphML or a zip of CSV node and
    edge lists, with the same filters as ``/api/network``."""
    name = f"netzwerk-{flt.kommune or 'nrw'}.{EXPORT_EXTENSIONS[format]}"
    return Response(
        export_network(network.network_graph(view, flt), format),
        media_type=EXPORT_MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
