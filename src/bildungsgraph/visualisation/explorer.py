"""The network explorer's view and ego views, built from a cached :class:`NetworkSource`."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx

from ..analysis.graphs import node_attributes
from ..analysis.measures import communities
from ..analysis.model import ID_PREFIX, NetworkFilter
from ..errors import InvalidParameterError, NotFoundError
from .builder import ViewSettings, build_ego_view, build_network_view
from .network_view import NetworkView
from .source import NetworkSource

ACTOR_PREFIX = ID_PREFIX + "actor/"
EGO_RADII = (1, 2)


def network_view_for(
    source: NetworkSource,
    flt: NetworkFilter,
    settings: ViewSettings,
    community: int | None = None,
) -> NetworkView:
    """The view of a filtered cooperation graph; ``community`` (a number from an aggregated
    view of the same filter) keeps the actors of that community."""
    graph = source.graph(flt)
    skip: tuple[str, ...] = ()
    if community is not None:
        membership = communities(graph, settings.seed)[0]
        members = [node for node, number in membership.items() if number == community]
        if not members:
            raise NotFoundError(f"community={community} gibt es nicht / does not exist")
        graph = graph.subgraph(members)
        skip = ("community",)
    parameters = {key: value for key, value in flt.parameters().items() if key != "memberships"}
    if community is not None:
        parameters["community"] = str(community)
    view = build_network_view(graph, settings, source.names(settings.lang), flt.kommune, skip)
    return replace(view, parameters=parameters)


def ego_view_for(
    source: NetworkSource, kennung: str, radius: int, settings: ViewSettings
) -> NetworkView:
    """An actor and its partners up to ``radius`` (1 or 2) steps; NotFoundError if unknown."""
    if radius not in EGO_RADII:
        raise InvalidParameterError(f"radius={radius}: erlaubt / allowed: 1, 2")
    iri = ACTOR_PREFIX + kennung
    actor = source.data.actors.get(iri)
    if actor is None:
        raise NotFoundError(f"Akteur {kennung!r} ist nicht bekannt / unknown actor")
    graph = source.full_graph
    if iri not in graph:  # no ties: the actor alone
        graph = nx.Graph()
        graph.add_node(iri, **node_attributes(actor, iri, True))
    view = build_ego_view(graph, iri, radius, settings, source.names(settings.lang))
    return replace(view, parameters={"actor": kennung, "radius": str(radius)})
