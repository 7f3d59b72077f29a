"""Closing a school of the official list by hand, as ``reference update schools`` does: the
school and its site move to ``graph/reference/schools-closed`` with ``bg:closedOn``."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from bildungsgraph.namespaces import BG, SCHOOLS_CLOSED_GRAPH, SCHOOLS_GRAPH
from bildungsgraph.service import BildungsGraph

CLOSED_SCHOOL = "https://w3id.org/bildungsgraph/id/actor/school-600114"  # in 05114-koop-0001


def close_school(service: BildungsGraph, school: str, closed_on: str) -> None:
    """Move ``school`` (and its site) to the graph of closed schools, through the writer."""
    store = service.store
    schools, closed_graph = str(SCHOOLS_GRAPH), str(SCHOOLS_CLOSED_GRAPH)
    moved = {URIRef(school), URIRef(school.replace("/actor/", "/site/"))}
    kept, closed = Graph(), Graph()
    for triple in store.get_graph(schools):
        (closed if triple[0] in moved else kept).add(triple)
    closed.add((URIRef(school), BG.closedOn, Literal(closed_on, datatype=XSD.date)))
    graphs = {schools: kept, closed_graph: closed}
    service.writer.write(graphs, lambda: store.replace_graphs(graphs))
