"""The networks of the read model: the actors, cooperations and memberships of a scope (a
Kommune with the partners of its actors, an actor's neighbourhood, the Land), their views and
their measures — each built once per state of the Kommunen it depends on.

A Kommune's network has the actors that lie in it (``records.index``, as every listing and key
figure) and every tie of one of them; partners from elsewhere come with their ties.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import networkx as nx

from ..analysis import NetworkResult, network_analysis
from ..analysis.engine import network_graph as build_network_graph
from ..analysis.model import (
    Actor,
    Cooperation,
    Membership,
    NetworkData,
    NetworkFilter,
    Period,
)
from ..errors import NotFoundError
from ..namespaces import BG, SCHEMA
from ..records.snapshot import Properties
from ..records.values import day, iris, text
from ..visualisation import filters
from ..visualisation.builder import ViewSettings
from ..visualisation.explorer import ACTOR_PREFIX, EGO_RADII, ego_view_for, network_view_for
from ..visualisation.filters import NetworkChoices
from ..visualisation.network_view import Coverage, NetworkView
from ..visualisation.source import FilterVocabulary, NetworkSource
from .apart import run_apart
from .confirmation_items import has_claims
from .confirmations import standing
from .facts import is_official
from .figures import kommune_iri
from .view import LAND, View

TOP_LEVELS = ("district", "city")
APART_FROM = 5_000  # actors from which the measures are computed in a process of their own


def vocabulary(view: View) -> FilterVocabulary:
    reference = view.reference
    return view.remember(
        ("vocabulary",),
        (),
        lambda: FilterVocabulary(reference.filter_concepts, reference.analysis_kommunen),
    )


def parse_filter(
    view: View,
    kommune: str | None = None,
    actor_type: str | None = None,
    topic: str | None = None,
    life_phase: str | None = None,
    programme: str | None = None,
    as_of: str | None = None,
    ties: str | None = None,
    partners: str | None = None,
    isolated: str | None = None,
    confirmed_only: str | None = None,
) -> NetworkFilter:
    """A filter from a page's query values (Kommune key, concept slugs, ISO date, ties,
    ``partners`` and ``confirmed_only`` true/false, ``isolated`` show/hide; empty = none or
    the default; ``05`` = all of NRW); InvalidParameterError for unknown values."""
    return filters.parse_filter(
        vocabulary(view),
        kommune,
        actor_type,
        topic,
        life_phase,
        programme,
        as_of,
        ties,
        partners,
        isolated,
        confirmed_only,
    )


def filter_form(view: View, lang: str = "de") -> NetworkChoices:
    """Kommunen, concepts and view options of the network filter form."""
    return view.remember(
        ("filter-form", lang), (), lambda: filters.network_choices(vocabulary(view), lang)
    )


_START, _END = SCHEMA.startDate, SCHEMA.endDate  # made once: a namespace lookup makes a URIRef


def record_period(props: Properties) -> Period:
    """A record's schema:startDate–schema:endDate; a value that is no date (imported data)
    counts as none."""
    return Period(day(text(props, _START)), day(text(props, _END)))


def actor_model(view: View, iri: str) -> Actor:
    """The analysis model of an actor (also of one the store does not describe), made once
    per view and kept by the next views while no write touches the actor."""
    model = view.actor_models.get(iri)
    if model is None:
        model = view.actor_models[iri] = _actor_model(view, iri)
    return model


def _actor_model(view: View, iri: str) -> Actor:
    snapshot, index = view.snapshot, view.index
    props = snapshot.records["actors"].get(iri, {})
    kommunen = view.reference.analysis_kommunen
    types = set(iris(props, BG.actorType))
    sectors = set()
    for actor_type in types:
        concept = snapshot.concepts.get(actor_type)
        sectors.add(concept.broader[0] if concept and concept.broader else actor_type)
    places = index.kommunen.get(iri, frozenset())
    areas = index.areas.get(iri, frozenset())
    offers = tuple(
        frozenset(
            concept
            for prop in (BG.topic, BG.lifePhase, BG.programme)
            for concept in iris(snapshot.records["offers"][offer], prop)
        )
        for offer in index.actor_offers.get(iri, ())
    )
    phases = {
        phase
        for offer in index.actor_offers.get(iri, ())
        for phase in iris(snapshot.records["offers"][offer], BG.lifePhase)
    }
    return Actor(
        iri=iri,
        name=text(props, SCHEMA.name) or iri.rsplit("/", 1)[-1],
        types=types,
        sectors=sectors,
        municipalities={p for p in places if p in kommunen and kommunen[p].is_municipality},
        districts={a for a in areas if a in kommunen and kommunen[a].level in TOP_LEVELS},
        official=is_official(snapshot, iri),
        life_phases=phases,
        areas=areas,
        offers=offers,
    )


def _cooperation(view: View, iri: str) -> Cooperation:
    props = view.snapshot.records["cooperations"][iri]
    forms = iris(props, BG.cooperationForm)
    status = iris(props, BG.cooperationStatus)
    pending = disputed = frozenset[str]()
    reasons: tuple[tuple[str, str], ...] = ()
    if has_claims(props):
        held = standing(view.snapshot, iri)
        pending, disputed = held.pending, held.disputed
        reasons = tuple(sorted((p, held.decisions[p].reason or "") for p in disputed))
    return Cooperation(
        iri=iri,
        partners=tuple(iris(props, BG.partner)),
        form=forms[0] if forms else None,
        period=record_period(props),
        status=status[0] if status else None,
        topics=frozenset(iris(props, BG.topic)),
        life_phases=frozenset(iris(props, BG.lifePhase)),
        programmes=frozenset(iris(props, BG.programme)),
        pending=pending,
        disputed=disputed,
        reasons=reasons,
    )


def _membership(view: View, iri: str) -> Membership | None:
    records = view.snapshot.records
    props = records["memberships"][iri]
    networks, members = iris(props, BG.network), iris(props, BG.member)
    if not networks or not members:
        return None
    network = records["networks"].get(networks[0], {})
    return Membership(
        iri=iri,
        network=networks[0],
        member=members[0],
        network_name=text(network, SCHEMA.name) or networks[0].rsplit("/", 1)[-1],
        period=record_period(props),
        topics=frozenset(iris(network, BG.topic)),
        programmes=frozenset(iris(network, BG.programme)),
    )


def _data_of(view: View, actors: Iterable[str]) -> NetworkData:
    """The network data of some actors: their cooperations, the networks they belong to with
    all members, and every actor these name."""
    index = view.index
    cooperations = sorted({c for a in actors for c in index.actor_cooperations.get(a, ())})
    networks = {
        n
        for a in actors
        for m in index.actor_memberships.get(a, ())
        for n in iris(view.snapshot.records["memberships"][m], BG.network)
    }
    memberships = sorted({m for n in networks for m in index.network_memberships.get(n, ())})
    ties = [_cooperation(view, c) for c in cooperations]
    joined = [m for m in (_membership(view, m) for m in memberships) if m is not None]
    named = set(actors) | {p for c in ties for p in c.partners} | {m.member for m in joined}
    return NetworkData(
        actors={iri: actor_model(view, iri) for iri in sorted(named)},
        cooperations=ties,
        memberships=joined,
        kommunen=view.reference.analysis_kommunen,
    )


def kommune_actors(view: View, key: str | None) -> list[str]:
    """The actors that lie in a Kommune (all of them for None: the Land)."""
    iri = kommune_iri(key) if key else LAND
    return sorted(view.tally(iri).members("records", "actors"))


def network_data(view: View, key: str | None) -> NetworkData:
    """The network data of a Kommune (None: the Land): its actors and all their ties."""
    if key is not None and kommune_iri(key) not in view.reference.analysis_kommunen:
        raise NotFoundError(f"Kommune {key!r} ist nicht bekannt / unknown Kommune")
    scope = kommune_iri(key) if key else LAND

    def build() -> NetworkData:
        everyone = key is None
        actors = sorted(view.snapshot.records["actors"]) if everyone else kommune_actors(view, key)
        return _data_of(view, actors)

    return view.remember(("network-data", key), (scope,), build, lambda v: network_data(v, key))


def _scope(flt: NetworkFilter) -> str:
    return kommune_iri(flt.kommune) if flt.kommune else LAND


def network(view: View, flt: NetworkFilter, seed: int = 42) -> NetworkResult:
    """The cooperation graph of a subset with all its measures (exact, igraph; a large one in
    a process of its own, see ``apart``)."""

    def build() -> NetworkResult:
        data = network_data(view, flt.kommune)
        if len(data.actors) > APART_FROM:
            return run_apart(network_analysis, data, flt, seed)
        return network_analysis(data, flt, seed)

    return view.remember(
        ("network", flt, seed), (_scope(flt),), build, lambda v: network(v, flt, seed)
    )


def network_graph(view: View, flt: NetworkFilter, kind: str = "cooperation") -> nx.Graph:
    """The cooperation, actor–network (bipartite) or Kommune graph of a subset."""
    return build_network_graph(network_data(view, flt.kommune), flt, kind)


def network_view(
    view: View, flt: NetworkFilter, settings: ViewSettings, community: int | None = None
) -> NetworkView:
    """The network view of a subset, with how it covers the Kommune's actors."""

    def build() -> NetworkView:
        source = NetworkSource(network_data(view, flt.kommune), vocabulary(view))
        drawn = network_view_for(source, flt, settings, community)
        if flt.kommune is None or community is not None:
            return drawn
        return replace(drawn, coverage=_coverage(view, flt, source))

    return view.remember(
        ("view", flt, settings, community),
        (_scope(flt),),
        build,
        lambda v: network_view(v, flt, settings, community),
    )


def _coverage(view: View, flt: NetworkFilter, source: NetworkSource) -> Coverage:
    assert flt.kommune is not None
    graph = source.graph(flt)
    inside = set(kommune_actors(view, flt.kommune))
    drawn = {n for n, in_scope in graph.nodes(data="in_scope", default=True) if in_scope}
    missing = inside - drawn
    schools = {a for a in missing if source.data.actors[a].official}
    return Coverage(
        kommune=source.vocabulary.kommune_names.get(flt.kommune, flt.kommune),
        actors=len(inside),
        drawn=len(inside & drawn),
        schools_without_ties=len(schools),
        other_types=len(missing - schools),
        partners=graph.number_of_nodes() - len(drawn),
    )


def ego_view(
    view: View, kennung: str, radius: int, settings: ViewSettings, ties: str = "cooperation"
) -> NetworkView:
    """An actor with its partners 1 or 2 steps away along the ``ties`` (``TIES``);
    NotFoundError for an unknown actor, InvalidParameterError for another radius or ties."""
    iri = ACTOR_PREFIX + kennung
    if iri not in view.snapshot.records["actors"]:
        raise NotFoundError(f"Akteur {kennung!r} ist nicht bekannt / unknown actor")
    ties = filters.parse_ties(ties)
    reached = _neighbourhood(view, iri, min(radius, max(EGO_RADII)), ties)
    places = {p for actor in reached for p in view.index.kommunen.get(actor, ())}

    def build() -> NetworkView:
        source = NetworkSource(_data_of(view, sorted(reached)), vocabulary(view))
        return ego_view_for(source, kennung, radius, settings, ties)

    return view.remember(
        ("ego", kennung, radius, settings, ties),
        places or {LAND},
        build,
        lambda v: ego_view(v, kennung, radius, settings, ties),
    )


def _neighbourhood(view: View, iri: str, radius: int, ties: str = "cooperation") -> set[str]:
    """The actors within ``radius`` ties of an actor: partners of its cooperations
    (``ties`` cooperation or all) and fellow members of its networks (membership or all)."""
    index, records = view.index, view.snapshot.records
    kinds = NetworkFilter(ties=ties)
    cooperations, memberships = kinds.with_cooperations, kinds.with_memberships
    reached, frontier = {iri}, {iri}
    for _ in range(radius):
        found: set[str] = set()
        for actor in frontier:
            for cooperation in index.actor_cooperations.get(actor, ()) if cooperations else ():
                found.update(iris(records["cooperations"][cooperation], BG.partner))
            for membership in index.actor_memberships.get(actor, ()) if memberships else ():
                for network in iris(records["memberships"][membership], BG.network):
                    for other in index.network_memberships.get(network, ()):
                        found.update(iris(records["memberships"][other], BG.member))
        frontier = found - reached
        reached |= found
    return reached
