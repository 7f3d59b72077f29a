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
from .ties import matched_sentence, tie_meaning

ACTOR_PREFIX = ID_PREFIX + "actor/"
EGO_RADII = (1, 2)


def network_view_for(
    source: NetworkSource,
    flt: NetworkFilter,
    settings: ViewSettings,
    community: int | None = None,
) -> NetworkView:
    """The view of a filtered network graph, with what its ties mean and how many actors
    matched; ``community`` (a number from an aggregated view of the same filter) keeps the
    actors of that community."""
    graph = source.graph(flt)
    skip: tuple[str, ...] = ()
    if community is not None:
        membership = communities(graph, settings.seed)[0]
        members = [node for node, number in membership.items() if number == community]
        if not members:
            raise NotFoundError(f"community={community} gibt es nicht / does not exist")
        graph = graph.subgraph(members)
        skip = ("community",)
    parameters = flt.parameters()
    if community is not None:
        parameters["community"] = str(community)
    view = build_network_view(graph, settings, source.names(settings.lang), flt.kommune, skip)
    kept = source.graph(flt).graph  # what the filter kept, before a community is chosen
    matched, of = int(kept["matched"]), int(kept["scope_actors"])
    return replace(
        view,
        parameters=parameters,
        ties=flt.ties,
        confirmed_only=flt.confirmed_only,
        tie_meaning=tie_meaning(flt.ties, settings.lang),
        matched=matched,
        scope_actors=of,
        matched_text=matched_sentence(matched, of, settings.lang) if flt.keeps_matching else "",
    )


def ego_view_for(
    source: NetworkSource,
    kennung: str,
    radius: int,
    settings: ViewSettings,
    ties: str = "cooperation",
) -> NetworkView:
    """An actor and its partners up to ``radius`` (1 or 2) steps along the ``ties``;
    NotFoundError if unknown. A step through a network (actor, network, fellow member) is one
    step, as a cooperation is: the network is half a step away."""
    if radius not in EGO_RADII:
        raise InvalidParameterError(f"radius={radius}: erlaubt / allowed: 1, 2")
    iri = ACTOR_PREFIX + kennung
    actor = source.data.actors.get(iri)
    if actor is None:
        raise NotFoundError(f"Akteur {kennung!r} ist nicht bekannt / unknown actor")
    graph = source.graph(NetworkFilter(ties=ties))
    if iri not in graph:  # no ties: the actor alone
        graph = nx.Graph()
        graph.add_node(iri, **node_attributes(actor, iri, True))
    reached = nx.single_source_dijkstra_path_length(graph, iri, cutoff=radius, weight=_step)
    # the edges of the reached nodes: a membership edge is one hop of the drawing's distances
    hops = radius if ties == "cooperation" else 2 * radius
    view = build_ego_view(graph.subgraph(reached), iri, hops, settings, source.names(settings.lang))
    return replace(
        view,
        parameters={"actor": kennung, "radius": str(radius), "ties": ties},
        ties=ties,
        tie_meaning=tie_meaning(ties, settings.lang),
    )


def _step(_a: str, _b: str, attrs: dict[str, object]) -> float:
    """How far an edge reaches in an ego network: a membership half a step (see above)."""
    return 0.5 if attrs.get("kind") == "membership" else 1.0
