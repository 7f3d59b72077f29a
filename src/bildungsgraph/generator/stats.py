"""Statistics and structure of a landscape (for the README, the CLI and the tests)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .gaps import DIGITAL_FORMATS
from .model import Landscape


@dataclass
class LandscapeStats:
    """Counts, brokers and isolated actors of a landscape."""

    actors: int
    school_partners: int
    sites: int
    offers: int
    cooperations: int
    networks: int
    memberships: int
    life_phases: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    actor_types: Counter[str] = field(default_factory=Counter)
    brokers: list[tuple[str, str, int, int]] = field(default_factory=list)
    isolated: list[str] = field(default_factory=list)
    cross_kreis: int = 0
    digital_share: float = 0.0


def compute_stats(land: Landscape, top: int = 8) -> LandscapeStats:
    """Compute the figures of a landscape."""
    names = {a.kennung: a.name for a in land.actors}
    home = {a.kennung: a.kreis for a in land.actors}
    home.update({k: "" for k in land.schools})
    degree: Counter[str] = Counter()
    clusters: dict[str, set[tuple[str, str]]] = {}
    cross = 0
    for c in land.cooperations:
        kreise = {home.get(p, "")[:5] for p in c.partners}
        kreise.discard("")
        cross += len(kreise) > 1
        for p in c.partners:
            degree[p] += 1
            clusters.setdefault(p, set()).add((c.area[0] if c.area else "", c.topics[0]))
    linked = set(degree) | {m.actor for m in land.memberships}
    schools = {p for c in land.cooperations for p in c.partners if p.startswith("school-")}
    schools |= {m.actor for m in land.memberships if m.actor.startswith("school-")}
    schools |= {p for o in land.offers for p in o.providers if p.startswith("school-")}
    offers = len(land.offers) or 1
    return LandscapeStats(
        actors=len(land.actors),
        school_partners=len(schools),
        sites=sum(1 for _ in land.sites),
        offers=len(land.offers),
        cooperations=len(land.cooperations),
        networks=len(land.networks),
        memberships=len(land.memberships),
        life_phases=Counter(p for o in land.offers for p in o.life_phases),
        formats=Counter(o.format for o in land.offers),
        actor_types=Counter(t for a in land.actors for t in a.types),
        brokers=[(k, names.get(k, k), n, len(clusters[k])) for k, n in degree.most_common(top)],
        isolated=sorted(a.kennung for a in land.actors if a.kennung not in linked),
        cross_kreis=cross,
        digital_share=sum(o.format in DIGITAL_FORMATS or o.format == "hybrid" for o in land.offers)
        / offers,
    )
