"""networkx graphs from the analysis model: the network graph, actor–network graph, Kommune graph.

The network graph (``build_cooperation_graph``) has the ties the filter names (``flt.ties``):

- ``cooperation``: actors are nodes; every cooperation joins each pair of its partners (a
  clique); an edge's ``weight`` and ``cooperations`` count the pair's cooperations. Each
  cooperation edge says how far the pair's cooperations are confirmed: ``confirmed``,
  ``claimed`` and ``disputed`` count them by the standing of their tie (``Cooperation.
  tie_standing``), ``confirmation`` is the best of them (one confirmed cooperation confirms
  the tie), ``pending_by`` / ``disputed_by`` name the ends ("|"-joined IRIs) that have not
  confirmed / dispute one, ``reasons`` their reasons ("IRI: reason" per line). With
  ``flt.confirmed_only`` only confirmed ties are drawn.
- ``membership``: every network (Gremium) is a node of its own (``node_kind`` "network",
  label, kennung, ``members``) joined to each member (bipartite, no cliques); weight 1.
- ``all``: both in one graph; actor–actor edges are cooperations, actor–network edges
  memberships.

Every node has ``node_kind`` ("actor" | "network"), every edge ``kind`` ("cooperation" |
"membership"). A Kommune keeps the actors that lie there (``Actor.areas``, the read model's
one definition: a Kreis includes its Gemeinden); topic, life phase, programme and actor type
keep the actors that match (``matching_actors``). Ties need one end among the kept actors of
the Kommune and the filtered values; their other ends are drawn when they match too
(partners from elsewhere: ``in_scope`` False). With ``flt.partners`` every active tie of a
kept actor is drawn, with the partner at its other end, whatever it is. The schools of the
official list join only through ties. The graph attributes ``ties``, ``matched`` (actors of the
Kommune that match) and ``scope_actors`` (actors of the Kommune) say what was kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import combinations
from typing import Any

import networkx as nx

from .model import (
    CONFIRMED,
    KOMMUNE_PREFIX,
    STANDINGS,
    Actor,
    Cooperation,
    Membership,
    NetworkData,
    NetworkFilter,
    local_name,
)


def in_kommune(actor: Actor | None, key: str | None) -> bool:
    """Whether an actor lies in the Kommune ``key`` (None: everywhere)."""
    return key is None or (actor is not None and KOMMUNE_PREFIX + key in actor.areas)


def _has_type(actor: Actor, actor_type: str) -> bool:
    """The actor has the type or a narrower one (the vocabulary has two levels)."""
    return actor_type in actor.types or actor_type in actor.sectors


def _cooperation_passes(coop: Cooperation, flt: NetworkFilter) -> bool:
    return (
        (flt.topic is None or flt.topic in coop.topics)
        and (flt.life_phase is None or flt.life_phase in coop.life_phases)
        and (flt.programme is None or flt.programme in coop.programmes)
        and coop.period.active_on(flt.as_of)
    )


def _membership_passes(membership: Membership, flt: NetworkFilter) -> bool:
    return (
        flt.life_phase is None  # networks carry no life phase
        and (flt.topic is None or flt.topic in membership.topics)
        and (flt.programme is None or flt.programme in membership.programmes)
        and membership.period.active_on(flt.as_of)
    )


def matching_actors(data: NetworkData, flt: NetworkFilter) -> set[str]:
    """The actors (anywhere) that match the topic, life phase, programme and actor type of the
    filter: of the type, with an offer that has every filtered value, or a partner of a
    cooperation (a member of a network) that passes the filter. Without these filters: all."""
    typed = {
        iri
        for iri, actor in data.actors.items()
        if flt.actor_type is None or _has_type(actor, flt.actor_type)
    }
    wanted = flt.concepts
    if not wanted:
        return typed
    found = {
        iri for iri, actor in data.actors.items() if any(wanted <= offer for offer in actor.offers)
    }
    for coop in data.cooperations:
        if _cooperation_passes(coop, flt):
            found.update(coop.partners)
    for membership in data.memberships:
        if _membership_passes(membership, flt):
            found.add(membership.member)
    return typed & found


def node_attributes(actor: Actor | None, iri: str, in_scope: bool) -> dict[str, object]:
    if actor is None:
        return {
            "node_kind": "actor",
            "label": local_name(iri),
            "kennung": local_name(iri),
            "sector": "",
            "types": "",
            "municipality": "",
            "district": "",
            "official": False,
            "in_scope": in_scope,
        }
    return {
        "node_kind": "actor",
        "label": actor.name,
        "kennung": actor.kennung,
        "sector": local_name(actor.sector) if actor.sector else "",
        "types": "|".join(sorted(local_name(t) for t in actor.types)),
        "municipality": local_name(actor.municipality) if actor.municipality else "",
        "district": local_name(actor.district) if actor.district else "",
        "official": actor.official,
        "in_scope": in_scope,
    }


def network_node_attributes(network: str, name: str, members: int) -> dict[str, object]:
    """A network (Gremium) as a node: the actor attributes empty, so groupings still work."""
    return {
        **node_attributes(None, network, True),
        "node_kind": "network",
        "label": name or local_name(network),
        "members": members,
    }


def _add_tie(graph: nx.Graph, a: str, b: str, kind: str, form: str, start: str) -> None:
    if graph.has_edge(a, b):
        data = graph.edges[a, b]
    else:
        graph.add_edge(a, b, kind=kind, weight=0, cooperations=0, networks=0, forms=set(), since="")
        data = graph.edges[a, b]
    data["weight"] += 1
    data["cooperations" if kind == "cooperation" else "networks"] += 1
    if form:
        data["forms"].add(form)
    if start and (not data["since"] or start < data["since"]):
        data["since"] = start


def _add_standing(data: dict[str, Any], coop: Cooperation, a: str, b: str, standing: str) -> None:
    """Count one cooperation of a pair by the standing of its tie a–b, noting which of
    the two has not confirmed it yet or disputes it (and why)."""
    if "confirmation" not in data:
        data.update(
            confirmation="",
            confirmed=0,
            claimed=0,
            disputed=0,
            pending_by=set(),
            disputed_by=set(),
            reasons=set(),
        )
    data[standing] += 1
    data["pending_by"].update(p for p in (a, b) if p in coop.pending)
    data["disputed_by"].update(p for p in (a, b) if p in coop.disputed)
    # one line per reason: its own line breaks would split it
    data["reasons"].update(
        f"{p}: {' '.join(why.split())}" for p, why in coop.reasons if p in (a, b) and why.strip()
    )


def _finish_standing(attrs: dict[str, Any]) -> None:
    """The best standing of a pair's cooperations (one confirmed cooperation confirms the
    tie); partners and reasons as plain strings (IRIs joined by "|", one "IRI: reason" per
    line), which every export format takes."""
    attrs["confirmation"] = next(s for s in STANDINGS if attrs[s])
    attrs["pending_by"] = "|".join(sorted(attrs["pending_by"]))
    attrs["disputed_by"] = "|".join(sorted(attrs["disputed_by"]))
    attrs["reasons"] = "\n".join(sorted(attrs["reasons"]))


def _start(record: Membership | Cooperation) -> str:
    return record.period.start.isoformat() if record.period.start else ""


def build_cooperation_graph(data: NetworkData, flt: NetworkFilter | None = None) -> nx.Graph:
    """The weighted, typed, dated network graph of the ties ``flt.ties`` of a subset."""
    flt = flt or NetworkFilter()
    matching = matching_actors(data, flt)
    scope = {iri for iri, actor in data.actors.items() if in_kommune(actor, flt.kommune)}
    kept = scope & matching  # the actors the filter keeps: ties need one of them

    def drawn(iri: str) -> bool:
        return flt.partners or iri in matching

    def add_actor(iri: str) -> None:
        if iri not in graph:
            graph.add_node(iri, **node_attributes(data.actors.get(iri), iri, iri in kept))

    # With partners, every active tie of a kept actor counts, not only those with the values.
    ties_filter = NetworkFilter(as_of=flt.as_of) if flt.partners else flt

    def passes(coop: Cooperation) -> bool:
        return _cooperation_passes(coop, ties_filter)

    graph: nx.Graph[str] = nx.Graph(ties=flt.ties, matched=len(kept), scope_actors=len(scope))
    for iri in sorted(kept):
        # Schools of the official list join only through ties (coverage is reported apart).
        if not data.actors[iri].official:
            add_actor(iri)
    if flt.with_cooperations:
        for coop in data.cooperations:
            members = [m for m in coop.partners if drawn(m)]
            if not passes(coop) or not any(m in kept for m in members):
                continue
            for member in members if not flt.confirmed_only else ():
                add_actor(member)
            for a, b in combinations(dict.fromkeys(members), 2):
                standing = coop.tie_standing(a, b)
                if flt.confirmed_only:
                    if standing != CONFIRMED:
                        continue  # nor its ends: a partner without a confirmed tie is not drawn
                    add_actor(a)
                    add_actor(b)
                _add_tie(graph, a, b, "cooperation", local_name(coop.form or ""), _start(coop))
                _add_standing(graph.edges[a, b], coop, a, b, standing)
    if flt.with_memberships:
        _add_memberships(graph, data, ties_filter, kept, drawn, add_actor)
    for _, _, attrs in graph.edges(data=True):
        attrs["forms"] = "|".join(sorted(attrs["forms"]))
        if attrs["kind"] == "cooperation":
            _finish_standing(attrs)
    if flt.hide_isolated:
        graph.remove_nodes_from([n for n, degree in graph.degree() if degree == 0])
    return graph


def _add_memberships(
    graph: nx.Graph,
    data: NetworkData,
    flt: NetworkFilter,
    kept: set[str],
    drawn: Callable[[str], bool],
    add_actor: Callable[[str], None],
) -> None:
    """Each passing network with a kept member as a node, joined to its drawn members."""
    by_network: dict[str, list[Membership]] = defaultdict(list)
    for membership in data.memberships:
        if _membership_passes(membership, flt):
            by_network[membership.network].append(membership)
    for network, memberships in sorted(by_network.items()):
        members = {m.member for m in memberships}
        if not members & kept:
            continue
        graph.add_node(
            network, **network_node_attributes(network, memberships[0].network_name, len(members))
        )
        for membership in memberships:
            if drawn(membership.member):
                add_actor(membership.member)
                _add_tie(
                    graph,
                    membership.member,
                    network,
                    "membership",
                    "network-membership",
                    _start(membership),
                )


def build_bipartite_graph(data: NetworkData, flt: NetworkFilter | None = None) -> nx.Graph:
    """Actors (bipartite=0) and networks (bipartite=1), joined by memberships."""
    flt = flt or NetworkFilter()
    by_network: dict[str, list[Membership]] = defaultdict(list)
    for membership in data.memberships:
        if _membership_passes(membership, flt):
            by_network[membership.network].append(membership)
    graph: nx.Graph[str] = nx.Graph()
    for network, memberships in by_network.items():
        members = {m.member for m in memberships}
        if not any(in_kommune(data.actors.get(m), flt.kommune) for m in members):
            continue
        graph.add_node(
            network, bipartite=1, label=memberships[0].network_name, kennung=local_name(network)
        )
        for member in members:
            actor = data.actors.get(member)
            graph.add_node(
                member,
                bipartite=0,
                label=actor.name if actor else local_name(member),
                kennung=local_name(member),
            )
            graph.add_edge(member, network)
    return graph


def build_kommune_graph(
    data: NetworkData, cooperation_graph: nx.Graph, level: str = "district"
) -> nx.Graph:
    """Kommunen as nodes (``district`` or ``municipality`` level), ties between their actors
    as weighted edges; ties inside one Kommune are counted in the node attribute ``internal``."""
    graph: nx.Graph[str] = nx.Graph()

    def place(iri: str) -> str | None:
        actor = data.actors.get(iri)
        if actor is None:
            return None
        return actor.district if level == "district" else actor.municipality

    for a, b, attrs in cooperation_graph.edges(data=True):
        pa, pb = place(a), place(b)
        if pa is None or pb is None:
            continue
        for p in (pa, pb):
            if p not in graph:
                kommune = data.kommunen.get(p)
                graph.add_node(
                    p,
                    label=kommune.name if kommune else local_name(p),
                    key=local_name(p),
                    internal=0,
                )
        if pa == pb:
            graph.nodes[pa]["internal"] += attrs["weight"]
        elif graph.has_edge(pa, pb):
            graph.edges[pa, pb]["weight"] += attrs["weight"]
        else:
            graph.add_edge(pa, pb, weight=attrs["weight"])
    return graph
