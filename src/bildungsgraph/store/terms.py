"""Terms between rdflib and pyoxigraph, and RDF terms written as N-Triples: shared by the
embedded store and the remote one (whose requests carry N-Triples terms)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from ..errors import QueryError, StoreError
from .base import DumpFormat, Triple

XSD_STRING = str(XSD.string)
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

OX_FORMATS = {
    DumpFormat.NQUADS: ox.RdfFormat.N_QUADS,
    DumpFormat.TRIG: ox.RdfFormat.TRIG,
    DumpFormat.TURTLE: ox.RdfFormat.TURTLE,
    DumpFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    DumpFormat.JSONLD: ox.RdfFormat.JSON_LD,
}


def to_rdflib(
    term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | ox.Triple,
) -> Identifier:
    """Convert a pyoxigraph term to the equal rdflib term (xsd:string literals become plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"unsupported term {term!r}")


def named_node(iri: str) -> ox.NamedNode:
    """An Oxigraph IRI term; QueryError (a client's mistake) when ``iri`` is not an IRI."""
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"not a valid IRI: {iri!r} ({exc})") from exc


def from_rdflib(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != RDF_LANG_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"unsupported term {term!r}")


def triple_terms(
    subject: Node, predicate: Node, obj: Node
) -> tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]:
    try:
        ox_subject = from_rdflib(subject)
        ox_predicate = from_rdflib(predicate)
        ox_object = from_rdflib(obj)
    except ValueError as exc:
        raise StoreError(f"invalid RDF term in ({subject}, {predicate}, {obj}): {exc}") from exc
    if isinstance(ox_subject, ox.Literal) or not isinstance(ox_predicate, ox.NamedNode):
        raise StoreError(f"not a valid RDF triple: ({subject}, {predicate}, {obj})")
    return ox_subject, ox_predicate, ox_object


def subject_key(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    """A subject as the key the read side uses: the IRI, or ``_:id`` for a blank node."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise StoreError(f"unsupported subject {term!r}")


def ntriples_lines(triples: Iterable[Triple]) -> Iterator[str]:
    seen: set[str] = set()
    for subject, predicate, obj in triples:
        ox_subject, ox_predicate, ox_object = triple_terms(subject, predicate, obj)
        line = f"{ox_subject} {ox_predicate} {ox_object} ."
        if line not in seen:
            seen.add(line)
            yield line


def replace_request(name: str, lines: list[str]) -> str:
    """One Update request replacing graph ``name`` by the N-Triples ``lines``."""
    graph_term = str(ox.NamedNode(name))
    request = f"DROP SILENT GRAPH {graph_term}"
    if lines:
        request += f" ;\nINSERT DATA {{ GRAPH {graph_term} {{\n" + "\n".join(lines) + "\n} }"
    return request


def set_value_request(graph: str, subject: Node, predicate: Node, value: Node) -> str:
    """One Update request replacing the values of ``predicate`` of ``subject`` in ``graph``
    by ``value``."""
    ox_subject, ox_predicate, ox_value = triple_terms(subject, predicate, value)
    graph_term = named_node(graph)
    return (
        f"DELETE WHERE {{ GRAPH {graph_term} {{ {ox_subject} {ox_predicate} ?old }} }} ;\n"
        f"INSERT DATA {{ GRAPH {graph_term} {{ {ox_subject} {ox_predicate} {ox_value} }} }}"
    )
