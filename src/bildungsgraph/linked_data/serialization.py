"""Serialising small graphs (a resource's description) for Linked Data clients.

JSON-LD carries an inline context made of the project's prefixes: nothing is fetched.
"""

from __future__ import annotations

from rdflib import Graph

from ..namespaces import PREFIXES
from .negotiation import JSONLD, NTRIPLES, RDFXML, TURTLE, Representation

_RDFLIB_FORMATS = {
    TURTLE.name: "turtle",
    NTRIPLES.name: "nt",
    RDFXML.name: "xml",
    JSONLD.name: "json-ld",
}


def jsonld_context() -> dict[str, str]:
    """The inline JSON-LD context: the project's prefix map."""
    return dict(PREFIXES)


def serialize(graph: Graph, representation: Representation) -> bytes:
    """The graph in an RDF representation (Turtle, JSON-LD, N-Triples, RDF/XML)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    fmt = _RDFLIB_FORMATS[representation.name]
    if representation is JSONLD:
        text = graph.serialize(format=fmt, context=jsonld_context(), auto_compact=True)
    else:
        text = graph.serialize(format=fmt)
    return text.encode("utf-8")
