"""Who is tied to whom: cross-sector ties, ties across Kreis borders, along the education chain,
and density and clustering per Kommune."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from .model import Actor, Kommune, local_name

LIFE_PHASE = "https://w3id.org/bildungsgraph/vocab/life-phase/"
# Adjacent life phases: the transitions of the education chain (Bildung im Lebenslauf).
CHAIN_TRANSITIONS: frozenset[frozenset[str]] = frozenset(
    frozenset((LIFE_PHASE + a, LIFE_PHASE + b))
    for a, b in [
        ("early-childhood", "primary"),
        ("primary", "secondary-1"),
        ("secondary-1", "secondary-2"),
        ("secondary-1", "vocational"),
        ("secondary-2", "vocational"),
        ("secondary-2", "higher-education"),
        ("vocational", "higher-education"),
        ("vocational", "adult-education"),
        ("higher-education", "adult-education"),
    ]
)
# Life phases of schools from their type (the official list has no offers).
SCHOOL_FORM_PHASES: dict[str, tuple[str, ...]] = {
    "school-form-02": ("primary",),
    "school-form-04": ("secondary-1",),
    "school-form-10": ("secondary-1",),
    "school-form-14": ("secondary-1",),
    "school-form-15": ("secondary-1", "secondary-2"),
    "school-form-20": ("secondary-1", "secondary-2"),
    "school-form-30": ("vocational",),
}
SECTOR_PHASES: dict[str, tuple[str, ...]] = {"childcare": ("early-childhood",)}


@dataclass
class TieShares:
    """How many ties (edges) have a property, out of the ties where it can be judged."""

    ties: int = 0
    matching: int = 0
    pairs: Counter[str] = field(default_factory=Counter)

    @property
    def share(self) -> float:
        return self.matching / self.ties if self.ties else 0.0


@dataclass
class KommuneFigures:
    """Density and clustering of the ties inside one Kommune."""

    key: str
    name: str
    actors: int
    ties: int
    density: float
    clustering: float


def actor_phases(actor: Actor) -> set[str]:
    """Life phases an actor serves: from its offers, else from its school form or sector."""
    phases = set(actor.life_phases)
    for type_iri in actor.types:
        phases.update(LIFE_PHASE + p for p in SCHOOL_FORM_PHASES.get(local_name(type_iri), ()))
    for sector in actor.sectors:
        phases.update(LIFE_PHASE + p for p in SECTOR_PHASES.get(local_name(sector), ()))
    return phases


def cross_sector_ties(graph: nx.Graph, actors: dict[str, Actor]) -> TieShares:
    """Ties between actors with no common sector (top actor type), counted by sector pair."""
    result = TieShares()
    for a, b in graph.edges():
        sa = actors[a].sectors if a in actors else set()
        sb = actors[b].sectors if b in actors else set()
        if not sa or not sb:
            continue
        result.ties += 1
        if not sa & sb:
            result.matching += 1
            pair = sorted((local_name(min(sa)), local_name(min(sb))))
            result.pairs["–".join(pair)] += 1
    return result


def cross_kreis_ties(graph: nx.Graph, actors: dict[str, Actor]) -> TieShares:
    """Ties between actors located in different Kreise / kreisfreie Städte."""
    result = TieShares()
    for a, b in graph.edges():
        da = actors[a].district if a in actors else None
        db = actors[b].district if b in actors else None
        if da is None or db is None:
            continue
        result.ties += 1
        if da != db:
            result.matching += 1
            result.pairs["–".join(sorted((local_name(da), local_name(db))))] += 1
    return result


def education_chain_ties(graph: nx.Graph, actors: dict[str, Actor]) -> TieShares:
    """Ties between actors serving adjacent life phases (transitions)."""
    phases = {iri: actor_phases(actor) for iri, actor in actors.items()}
    result = TieShares()
    for a, b in graph.edges():
        pa, pb = phases.get(a, set()), phases.get(b, set())
        if not pa or not pb:
            continue
        result.ties += 1
        found = sorted(
            "–".join(sorted(local_name(p) for p in (x, y)))
            for x in pa
            for y in pb
            if frozenset((x, y)) in CHAIN_TRANSITIONS
        )
        if found:
            result.matching += 1
            result.pairs[found[0]] += 1
    return result


def per_kommune(
    graph: nx.Graph, actors: dict[str, Actor], kommunen: dict[str, Kommune], level: str
) -> list[KommuneFigures]:
    """Density and mean clustering of the ties inside each Kommune (``municipality`` or
    ``district`` level), for the actors of the graph located there."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        actor = actors.get(node)
        if actor is None or not attrs.get("in_scope", True):
            continue
        place = actor.municipality if level == "municipality" else actor.district
        if place:
            groups[place].append(node)
    figures = []
    for place, nodes in sorted(groups.items()):
        sub = graph.subgraph(nodes)
        kommune = kommunen.get(place)
        figures.append(
            KommuneFigures(
                key=kommune.key if kommune else local_name(place),
                name=kommune.name if kommune else local_name(place),
                actors=sub.number_of_nodes(),
                ties=sub.number_of_edges(),
                density=nx.density(sub) if len(nodes) > 1 else 0.0,
                clustering=nx.average_clustering(sub),
            )
        )
    return figures
