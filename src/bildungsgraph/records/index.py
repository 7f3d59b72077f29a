"""Derived lookups over a snapshot: who offers what, where each record is, what to search.

Where a record is, defined once for every face (listings, key figures, maps, gap matrix,
networks):

- a site lies in its Gemeinde (``bg:municipality``);
- an actor lies in the Gemeinden of its sites and in the Kommunen it serves (``bg:areaServed``);
- an offer, a cooperation and a network lie in the Kommunen they serve and where their venue
  is; without either, where their providers, partners or coordinator lie;
- a membership lies where its member lies.

A record counts in every Kommune it lies in and in all units above (``areas``): a Gemeinde's
offer counts in its Kreis, its Regierungsbezirk and NRW.

An index is never changed in place: ``update_index`` makes the index of a new snapshot from the
previous one, recomputing only the changed records and the records that depend on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import Field, dataclass, field, fields
from typing import Any

from ..folding import fold
from ..namespaces import BG, SCHEMA, WGS
from .snapshot import Snapshot
from .values import iris, python, text

Point = tuple[float, float]  # (lat, long)

# kind → (property, the index field that maps its object back to the record)
_LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "offers": ((str(BG.provider), "actor_offers"),),
    "cooperations": ((str(BG.partner), "actor_cooperations"),),
    "memberships": (
        (str(BG.member), "actor_memberships"),
        (str(BG.network), "network_memberships"),
    ),
    "networks": ((str(BG.coordinator), "actor_networks"),),
}
# kind → the property naming the actors whose places it takes when it has none of its own
_FALLBACK = {
    "offers": BG.provider,
    "cooperations": BG.partner,
    "networks": BG.coordinator,
    "memberships": BG.member,
}
SEARCHED_KINDS = ("actors", "offers", "cooperations", "networks")
LOCATED_KINDS = ("sites", "actors", "offers", "cooperations", "networks", "memberships")


@dataclass
class Index:
    """Reverse links, locations and folded search text per record (values never mutated)."""

    snapshot: Snapshot
    site_actor: dict[str, str] = field(default_factory=dict)
    actor_offers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actor_cooperations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actor_memberships: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actor_networks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # coordinated
    network_memberships: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kommunen: dict[str, frozenset[str]] = field(default_factory=dict)  # record → its places
    points: dict[str, tuple[Point, ...]] = field(default_factory=dict)  # record → coordinates
    areas: dict[str, frozenset[str]] = field(default_factory=dict)  # places and units above
    search_text: dict[str, str] = field(default_factory=dict)  # record → folded text
    sort_name: dict[str, str] = field(default_factory=dict)  # record → folded name

    def kind_of(self, iri: str) -> str | None:
        return kind_of(self.snapshot, iri)


def kind_of(snapshot: Snapshot, iri: str) -> str | None:
    """The record kind of an IRI in a snapshot (None when it is no record there)."""
    return next((kind for kind, found in snapshot.records.items() if iri in found), None)


def build_index(snapshot: Snapshot) -> Index:
    """The index of a whole snapshot."""
    index = Index(snapshot)
    for kind in _LINKS:
        for iri in snapshot.records[kind]:
            _link(index, kind, iri)
    for iri in snapshot.records["actors"]:
        _link_sites(index, iri)
    for kind in LOCATED_KINDS:
        for iri in snapshot.records[kind]:
            _locate(index, kind, iri)
    for kind in SEARCHED_KINDS:
        for iri in snapshot.records[kind]:
            _describe(index, kind, iri)
    return index


def update_index(old: Index, snapshot: Snapshot, changed: Iterable[str]) -> tuple[Index, set[str]]:
    """The index of ``snapshot``, which differs from ``old.snapshot`` in the ``changed``
    records; also returns every record whose entries may differ (``changed`` and those that
    take their places, names or links from them)."""
    index = Index(snapshot, **{f.name: dict(getattr(old, f.name)) for f in _fields()})
    changed = set(changed)
    for iri in changed:
        before, after = kind_of(old.snapshot, iri), kind_of(snapshot, iri)
        if before in _LINKS:
            _unlink(index, before, iri, old.snapshot)
        if before == "actors":
            _unlink_sites(index, iri, old.snapshot)
        if after in _LINKS:
            _link(index, after, iri)
        if after == "actors":
            _link_sites(index, iri)
    affected = set(changed) | set(_related(old, index, changed))
    for actor in [a for a in affected if kind_of(snapshot, a) == "actors"]:
        for links in (
            index.actor_offers,
            index.actor_cooperations,
            index.actor_memberships,
            index.actor_networks,
        ):
            affected.update(links.get(actor, ()))
    kind: str | None
    for kind in LOCATED_KINDS:  # sites before actors before what takes an actor's place
        for iri in affected:
            if kind_of(snapshot, iri) == kind:
                _locate(index, kind, iri)
    for iri in affected:
        kind = kind_of(snapshot, iri)
        if kind is None:
            for table in (
                index.kommunen,
                index.points,
                index.areas,
                index.search_text,
                index.sort_name,
            ):
                table.pop(iri, None)
        elif kind in SEARCHED_KINDS:
            _describe(index, kind, iri)
    return index, affected


def _fields() -> Iterator[Field[Any]]:
    return (f for f in fields(Index) if f.name != "snapshot")


def _related(old: Index, new: Index, changed: set[str]) -> Iterator[str]:
    """Records a changed record speaks about: a site's actor, the actors named by an offer,
    cooperation or membership (their life phases and school figures depend on it)."""
    for iri in changed:
        for index in (old, new):
            if iri in index.site_actor:
                yield index.site_actor[iri]
            kind = kind_of(index.snapshot, iri)
            props = index.snapshot.records[kind][iri] if kind else {}
            for predicate in (BG.provider, BG.partner, BG.member, BG.coordinator):
                yield from iris(props, predicate)


def _link(index: Index, kind: str, iri: str) -> None:
    props = index.snapshot.records[kind][iri]
    for predicate, name in _LINKS[kind]:
        table: dict[str, tuple[str, ...]] = getattr(index, name)
        for target in iris(props, predicate):  # type: ignore[arg-type]
            table[target] = tuple(sorted({*table.get(target, ()), iri}))


def _unlink(index: Index, kind: str, iri: str, snapshot: Snapshot) -> None:
    props = snapshot.records[kind][iri]
    for predicate, name in _LINKS[kind]:
        table: dict[str, tuple[str, ...]] = getattr(index, name)
        for target in iris(props, predicate):  # type: ignore[arg-type]
            remaining = tuple(r for r in table.get(target, ()) if r != iri)
            if remaining:
                table[target] = remaining
            else:
                table.pop(target, None)


def _link_sites(index: Index, actor: str) -> None:
    for site in iris(index.snapshot.records["actors"][actor], BG.hasSite):
        index.site_actor[site] = actor


def _unlink_sites(index: Index, actor: str, snapshot: Snapshot) -> None:
    for site in iris(snapshot.records["actors"][actor], BG.hasSite):
        if index.site_actor.get(site) == actor:
            del index.site_actor[site]


def _ancestors(snapshot: Snapshot, unit: str) -> list[str]:
    chain = [unit]
    while chain[-1] in snapshot.parents and len(chain) < 10:
        chain.append(snapshot.parents[chain[-1]])
    return chain


def _site_place(snapshot: Snapshot, site: str) -> tuple[set[str], list[Point]]:
    props = snapshot.props("sites", site) or {}
    lat, long = python(props, WGS.lat), python(props, WGS.long)
    points = (
        [(float(lat), float(long))]
        if isinstance(lat, int | float) and isinstance(long, int | float)
        else []
    )
    return set(iris(props, BG.municipality)), points


def _locate(index: Index, kind: str, iri: str) -> None:
    snapshot = index.snapshot
    props = snapshot.records[kind][iri]
    if kind == "sites":
        places, points = _site_place(snapshot, iri)
    else:
        places = set() if kind == "memberships" else set(iris(props, BG.areaServed))
        points = []
        venue = BG.hasSite if kind == "actors" else BG.location
        for site in iris(props, venue):
            site_places, site_points = _site_place(snapshot, site)
            places |= site_places
            points += site_points
        if kind != "actors":
            actors = iris(props, _FALLBACK[kind])
            if not places:
                for actor in actors:
                    places |= index.kommunen.get(actor, frozenset())
            if not points:
                for actor in actors:
                    points += index.points.get(actor, ())
    index.kommunen[iri] = frozenset(places)
    index.points[iri] = tuple(points)
    index.areas[iri] = frozenset(a for place in places for a in _ancestors(snapshot, place))


def _describe(index: Index, kind: str, iri: str) -> None:
    props = index.snapshot.records[kind][iri]
    name = text(props, SCHEMA.name) or ""
    index.sort_name[iri] = fold(name)
    index.search_text[iri] = fold(f"{name} {text(props, SCHEMA.description) or ''}")
