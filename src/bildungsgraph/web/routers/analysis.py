"""/api/gaps, /api/network and /api/network/measures: the analysis as JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from ...analysis import EXPORT_FORMATS, MEASURES, export_network
from ...analysis.explanations import Explanation
from ...analysis.partners import Candidate
from ...readmodel import gaps, network
from ..deps import CurrentView
from ..parameters import deprecated_alias, either
from .api_common import ERRORS, IsoDate, allowed_values, concept, problem_responses
from .network_filter import Filter

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
LifePhase = Annotated[str | None, concept("life-phase")]
if TYPE_CHECKING:  # mypy cannot read a Literal built at run time
    ExportFormat = str
else:
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


class Pair(BaseModel):
    """A life phase × topic cell of the heat map: ``relevant`` when the topic applies to the
    life phase (bg:relevantLifePhase); only relevant cells without an offer are gaps."""

    life_phase: str
    topic: str
    offers: int
    relevant: bool
    gap: bool


class GapsResponse(BaseModel):
    kommune: str | None
    kommune_name: str
    reference_date: str
    gaps: list[Gap]
    hints: list[Gap]
    cells: list[Cell]
    pairs: list[Pair]
    relevant_pairs: int
    pair_gaps: int
    confirmed_only: bool
    notes_de: list[str]
    notes_en: list[str]


class NetworkSummary(BaseModel):
    parameters: dict[str, str]
    ties: str  # the ties the measures were computed on (TIES)
    nodes: int  # actors and (ties membership, all) networks
    network_nodes: int
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


class NetworkNode(BaseModel):
    """A network (Gremium): a node of its own in the graphs of ties membership and all."""

    iri: str
    kennung: str
    name: str
    members: int


class Edge(BaseModel):
    source: str
    target: str
    kind: str  # cooperation | membership (target: the network)
    weight: int
    cooperations: int
    networks: int
    forms: str
    since: str
    # cooperation ties: the best standing of the pair's cooperations and how many have each
    confirmation: str = ""  # confirmed | claimed | disputed ("" for a membership)
    confirmed: int = 0
    claimed: int = 0
    disputed: int = 0
    pending_by: str = ""  # the ends that have not confirmed one yet ("|"-joined IRIs)
    disputed_by: str = ""  # the ends that dispute one ("|"-joined IRIs)
    reasons: str = ""  # "IRI: reason", one per line


class NetworkResponse(BaseModel):
    parameters: dict[str, str]
    ties: str
    matched: int  # actors of the Kommune (the Land) the filter keeps
    scope_actors: int  # actors of the Kommune (the Land)
    nodes: list[Node]
    networks: list[NetworkNode]
    edges: list[Edge]


@router.get(
    "/api/gaps",
    response_model=GapsResponse,
    summary="Lückenanalyse / gap analysis",
    responses=problem_responses(404),
)
def api_gaps(
    view: CurrentView,
    kommune: KommuneKey = None,
    life_phase: LifePhase = None,
    reference_date: Annotated[
        IsoDate | None,
        Query(description="Stichtag of the figures (default today: what counts as recent)"),
    ] = None,
    cells: Annotated[bool, Query(description="include every matrix cell")] = False,
    confirmed_only: Annotated[
        bool,
        Query(
            description="count only confirmed cooperations as existing ties (candidate partners)",
        ),
    ] = False,
    lebensphase: Annotated[
        str | None, deprecated_alias("life_phase", **allowed_values("concept:life-phase"))
    ] = None,
    stichtag: Annotated[IsoDate | None, deprecated_alias("reference_date")] = None,
) -> dict[str, object]:
    """Gap matrix Kommune × life phase / topic / format / target group: offers, offers per
    1,000 inhabitants of the reference age band, rank among comparable Kommunen, flags
    (no recorded offer, far below the median, only digital, one provider), missing actor
    types, and candidate partners for every gap (the same Gemeinde first, then its
    neighbours) with the reason in German and English. ``pairs``: the life phase × topic
    cells of the heat map, each saying whether it is relevant (the topic applies to the
    life phase) and a gap (relevant, no recorded offer). With ``confirmed_only`` an actor
    counts as already cooperating only through confirmed cooperations."""
    report = gaps.gap_analysis(
        view,
        kommune,
        either("life_phase", life_phase, "lebensphase", lebensphase),
        either("reference_date", reference_date, "stichtag", stichtag),
        confirmed_only,
    )
    body = asdict(report)
    body["pairs"] = [asdict(p) | {"gap": p.gap} for p in report.pairs]
    body["relevant_pairs"] = report.relevant_pairs
    body["pair_gaps"] = report.pair_gaps
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
    """Actors (nodes with all measures), networks (with ``ties=membership`` or ``all``) and
    ties (edges of a ``kind``: cooperation between two actors, weight = their cooperations;
    membership of an actor in a network) of a subset of the landscape. Topic, life phase,
    programme and actor type keep the matching actors (``matched`` of ``scope_actors``).
    A cooperation edge's ``confirmation`` is the best standing of the pair's cooperations
    (one confirmed cooperation confirms it), ``confirmed``/``claimed``/``disputed`` count
    them; ``pending_by``, ``disputed_by`` and ``reasons`` say who has not confirmed yet, who
    disputes and why. ``confirmed_only`` keeps the confirmed ties."""
    result = network.network(view, flt, seed)
    return {"parameters": result.parameters, **result.listing(min_degree, brokers_only)}


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
    """Key figures of the network with a German and English explanation of every measure;
    ``ties`` says which ties they were computed on. With networks as nodes (ties membership,
    all) a network is a step on the paths between its members and counts in the graph
    figures; actor measures, brokers and isolated actors are of actors only."""
    result = network.network(view, flt, seed)
    m = result.measures
    return {
        "parameters": result.parameters,
        "ties": m.ties,
        "nodes": m.node_count,
        "network_nodes": m.network_nodes,
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
    """The network of a subset as GEXF (Gephi), GraphML or a zip of CSV node and edge lists,
    with the same filters and ties as ``/api/network`` (nodes: ``node_kind``, edges:
    ``kind``)."""
    name = f"netzwerk-{flt.kommune or 'nrw'}.{EXPORT_EXTENSIONS[format]}"
    return Response(
        export_network(network.network_graph(view, flt), format),
        media_type=EXPORT_MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
