"""Derived lookups over a snapshot: who offers what, where each record is, what to search.

Built once per snapshot, so every listing filters in memory instead of asking the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..namespaces import BG, SCHEMA, WGS
from .snapshot import Snapshot
from .text import fold
from .values import iris, python, text

Point = tuple[float, float]  # (lat, long)


@dataclass
class Index:
    """Reverse links, locations and folded search text per record."""

    snapshot: Snapshot
    site_actor: dict[str, str] = field(default_factory=dict)
    actor_offers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    actor_cooperations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    actor_memberships: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    network_memberships: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kommunen: dict[str, set[str]] = field(default_factory=dict)  # record → Kommune IRIs
    points: dict[str, list[Point]] = field(default_factory=dict)  # record → coordinates
    areas: dict[str, set[str]] = field(default_factory=dict)  # record → Kommunen and ancestors
    search_text: dict[str, str] = field(default_factory=dict)  # record → folded text
    sort_name: dict[str, str] = field(default_factory=dict)  # record → folded name


def build_index(snapshot: Snapshot) -> Index:
    index = Index(snapshot)
    records = snapshot.records
    for actor, props in records["actors"].items():
        for site in iris(props, BG.hasSite):
            index.site_actor[site] = actor
    for offer, props in records["offers"].items():
        for provider in iris(props, BG.provider):
            index.actor_offers[provider].append(offer)
    for cooperation, props in records["cooperations"].items():
        for partner in iris(props, BG.partner):
            index.actor_cooperations[partner].append(cooperation)
    for membership, props in records["memberships"].items():
        for member in iris(props, BG.member):
            index.actor_memberships[member].append(membership)
        for network in iris(props, BG.network):
            index.network_memberships[network].append(membership)
    _locate(index)
    for record, places in index.kommunen.items():
        index.areas[record] = {a for place in places for a in _ancestors(snapshot, place)}
    for kind in ("actors", "offers", "cooperations", "networks"):
        for iri, props in records[kind].items():
            name = text(props, SCHEMA.name) or ""
            index.sort_name[iri] = fold(name)
            index.search_text[iri] = fold(f"{name} {text(props, SCHEMA.description) or ''}")
    return index


def _ancestors(snapshot: Snapshot, unit: str) -> list[str]:
    chain = [unit]
    while chain[-1] in snapshot.parents and len(chain) < 10:
        chain.append(snapshot.parents[chain[-1]])
    return chain


def _site_place(snapshot: Snapshot, site: str) -> tuple[set[str], list[Point]]:
    props = snapshot.props("sites", site) or {}
    lat, long = python(props, WGS.lat), python(props, WGS.long)
    points = [(float(lat), float(long))] if lat is not None and long is not None else []
    return set(iris(props, BG.municipality)), points


def _locate(index: Index) -> None:
    snapshot = index.snapshot
    records = snapshot.records
    for actor, props in records["actors"].items():
        places, points = set(iris(props, BG.areaServed)), []
        for site in iris(props, BG.hasSite):
            site_places, site_points = _site_place(snapshot, site)
            places |= site_places
            points += site_points
        index.kommunen[actor], index.points[actor] = places, points
    related = {
        "offers": BG.provider, "cooperations": BG.partner, "networks": BG.coordinator,
    }
    for kind, link in related.items():
        for iri, props in records[kind].items():
            places, points = set(iris(props, BG.areaServed)), []
            for site in iris(props, BG.location):
                site_places, site_points = _site_place(snapshot, site)
                places |= site_places
                points += site_points
            actors = iris(props, link)
            if not places:
                for actor in actors:
                    places |= index.kommunen.get(actor, set())
            if not points:
                for actor in actors:
                    points += index.points.get(actor, [])
            index.kommunen[iri], index.points[iri] = places, points
