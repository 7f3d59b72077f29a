"""networkx graphs from the analysis model: cooperation graph, actor–network graph, Kommune graph.

Cooperation graph: actors are nodes; every cooperation joins each pair of its partners (a
clique), every network joins each pair of its members. An edge's ``weight`` is the number of
cooperations plus shared networks of the pair. A subset by Kommune (and/or actor type) keeps the
actors that lie there (``Actor.areas``, the read model's one definition: a Kreis includes its
Gemeinden) and every tie that involves one of them, so partners from outside stay visible (node
attribute ``in_scope`` = False). The schools of the official list join only through ties.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from .model import (
    KOMMUNE_PREFIX,
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
        flt.memberships
        and flt.life_phase is None  # networks carry no life phase
        and (flt.topic is None or flt.topic in membership.topics)
        and (flt.programme is None or flt.programme in membership.programmes)
        and membership.period.active_on(flt.as_of)
    )


def node_attributes(actor: Actor | None, iri: str, in_scope: bool) -> dict[str, object]:
    if actor is None:
        return {
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
        "label": actor.name,
        "kennung": actor.kennung,
        "sector": local_name(actor.sector) if actor.sector else "",
        "types": "|".join(sorted(local_name(t) for t in actor.types)),
        "municipality": local_name(actor.municipality) if actor.municipality else "",
        "district": local_name(actor.district) if actor.district else "",
        "official": actor.official,
        "in_scope": in_scope,
    }


def _add_tie(graph: nx.Graph, a: str, b: str, kind: str, form: str, start: str) -> None:
    if graph.has_edge(a, b):
        data = graph.edges[a, b]
    else:
        graph.add_edge(a, b, weight=0, cooperations=0, networks=0, forms=set(), since="")
        data = graph.edges[a, b]
    data["weight"] += 1
    data[kind] += 1
    if form:
        data["forms"].add(form)
    if start and (not data["since"] or start < data["since"]):
        data["since"] = start


def _groups(
    data: NetworkData, flt: NetworkFilter
) -> Iterable[tuple[tuple[str, ...], str, str, str]]:
    """(members, kind, form, start) of every cooperation and network that passes the filter."""
    for coop in data.cooperations:
        if _cooperation_passes(coop, flt):
            start = coop.period.start.isoformat() if coop.period.start else ""
            yield coop.partners, "cooperations", local_name(coop.form or ""), start
    networks: dict[str, set[str]] = defaultdict(set)
    for membership in data.memberships:
        if _membership_passes(membership, flt):
            networks[membership.network].add(membership.member)
    for members in networks.values():
        yield tuple(sorted(members)), "networks", "network-membership", ""


def build_cooperation_graph(data: NetworkData, flt: NetworkFilter | None = None) -> nx.Graph:
    """The weighted, typed, dated cooperation graph of a subset of the landscape."""
    flt = flt or NetworkFilter()

    def located(iri: str) -> bool:
        if flt.kommune is None and flt.actor_type is None:
            return True
        actor = data.actors.get(iri)
        return (
            actor is not None
            and in_kommune(actor, flt.kommune)
            and (flt.actor_type is None or _has_type(actor, flt.actor_type))
        )

    graph = nx.Graph()
    for iri, actor in data.actors.items():
        # Schools of the official list join only through ties (coverage is reported apart).
        if not actor.official and located(iri):
            graph.add_node(iri, **node_attributes(actor, iri, True))
    for members, kind, form, start in _groups(data, flt):
        if len(members) < 2 or not any(located(m) for m in members):
            continue
        for member in members:
            if member not in graph:
                graph.add_node(
                    member, **node_attributes(data.actors.get(member), member, located(member))
                )
        for a, b in combinations(members, 2):
            _add_tie(graph, a, b, kind, form, start)
    for _, _, attrs in graph.edges(data=True):
        attrs["forms"] = "|".join(sorted(attrs["forms"]))
    return graph


def build_bipartite_graph(data: NetworkData, flt: NetworkFilter | None = None) -> nx.Graph:
    """Actors (bipartite=0) and networks (bipartite=1), joined by memberships."""
    flt = flt or NetworkFilter()
    by_network: dict[str, list[Membership]] = defaultdict(list)
    for membership in data.memberships:
        if _membership_passes(membership, NetworkFilter(**{**flt.__dict__, "memberships": True})):
            by_network[membership.network].append(membership)
    graph = nx.Graph()
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
    graph = nx.Graph()

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
