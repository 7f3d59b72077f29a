"""Resolving an IRI to its description: the triples for clients, a readable model for pages.

The triples are those with the resource as subject plus the triples of its blank nodes
(``resource_description.rq``). The page model adds labels of predicates, types and objects
(from the ontology, the vocabularies and the records), links to the resource (at most
``INCOMING_LIMIT``) and the named graphs it comes from with their provenance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..errors import NotFoundError
from ..namespaces import DCT, PROV, RDF, SCHEMA
from ..queries import get_query
from ..store import GraphStore
from .terms import LABEL_PREDICATES, Labels, PropertyValues, Term, labels_from, make_term, ordered

INCOMING_LIMIT = 50

# What a named graph states about itself that a page shows as provenance.
PROVENANCE_PREDICATES: tuple[URIRef, ...] = (
    DCT.title,
    DCT.description,
    DCT.license,
    DCT.bibliographicCitation,
    DCT.issued,
    PROV.generatedAtTime,
    PROV.wasAttributedTo,
)


@dataclass
class SourceGraph:
    """A named graph a resource is described in, with what it says about its origin."""

    iri: str
    href: str
    title: Labels = field(default_factory=dict)
    description: Labels = field(default_factory=dict)
    license: str | None = None
    attribution: list[str] = field(default_factory=list)
    generated: str | None = None
    contributor: Term | None = None


@dataclass
class ResourceDescription:
    """Everything a page about one resource shows."""

    iri: str
    labels: Labels
    types: list[Term]
    properties: list[PropertyValues]
    incoming: list[tuple[Term, Term]] = field(default_factory=list)
    more_incoming: bool = False
    graphs: list[SourceGraph] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)

    def label(self, lang: str) -> str:
        return Term(self.iri, "iri", labels=self.labels).label(lang)


def resource_graph(store: GraphStore, iri: str) -> Graph:
    """The triples describing ``iri``; NotFoundError when the store says nothing about it."""
    graph = store.construct(get_query("resource_description").text, {"resource": URIRef(iri)})
    if len(graph) == 0:
        raise NotFoundError(f"no resource {iri}")
    return graph


def fetch_labels(store: GraphStore, iris: Iterable[str]) -> dict[str, Labels]:
    """Labels (skos:prefLabel, rdfs:label, schema:name, dct:title) of IRIs, by language."""
    wanted = sorted(set(iris))
    found = store.describe_resources(wanted, [str(p) for p in LABEL_PREDICATES])
    labels: dict[str, Labels] = {}
    for iri in wanted:
        for predicate in LABEL_PREDICATES:
            values = labels_from(found.objects(URIRef(iri), predicate))
            if values:
                labels[iri] = values
                break
    return labels


def describe_resource(store: GraphStore, iri: str) -> ResourceDescription:
    """The page model of ``iri``; NotFoundError when the store says nothing about it."""
    graph = resource_graph(store, iri)
    subject = URIRef(iri)
    incoming_rows = store.select(get_query("resource_incoming").text, {"resource": subject})
    graph_rows = store.select(get_query("resource_graphs").text, {"resource": subject})
    incoming = [(row["subject"], row["predicate"]) for row in incoming_rows]
    graphs = [str(row["graph"]) for row in graph_rows]

    iris = {str(node) for node in graph.all_nodes() if isinstance(node, URIRef)}
    iris |= {str(p) for p in graph.predicates()}
    iris |= {str(node) for pair in incoming for node in pair}
    labels = fetch_labels(store, iris)

    types = [make_term(node, labels) for node in ordered(graph.objects(subject, RDF.type))]
    properties = _properties(graph, subject, labels, skip={RDF.type})
    pairs = sorted(
        ((make_term(s, labels), make_term(p, labels)) for s, p in incoming),
        key=lambda pair: (pair[1].curie or "", pair[0].value),
    )
    return ResourceDescription(
        iri=iri,
        labels=labels.get(iri, {}),
        types=types,
        properties=properties,
        incoming=pairs[:INCOMING_LIMIT],
        more_incoming=len(pairs) > INCOMING_LIMIT,
        graphs=source_graphs(store, graphs),
        graph=graph,
    )


def _properties(
    graph: Graph, subject: Node, labels: dict[str, Labels], skip: set[URIRef]
) -> list[PropertyValues]:
    by_predicate: dict[Node, list[Node]] = defaultdict(list)
    for predicate, obj in graph.predicate_objects(subject):
        if predicate not in skip:
            by_predicate[predicate].append(obj)
    rows: list[PropertyValues] = []
    for predicate, objects in by_predicate.items():
        values = []
        for obj in ordered(objects):
            term = make_term(obj, labels)
            if isinstance(obj, BNode):
                term.nested = _properties(graph, obj, labels, skip=set())
            values.append(term)
        rows.append(PropertyValues(make_term(predicate, labels), values))
    label_order = {str(p): i for i, p in enumerate(LABEL_PREDICATES)}
    return sorted(
        rows,
        key=lambda row: (label_order.get(row.predicate.value, 99), row.predicate.label("en")),
    )


def source_graphs(store: GraphStore, graphs: list[str]) -> list[SourceGraph]:
    """The named graphs with their self-description (title, licence, attribution, PROV)."""
    stated = store.describe_resources(graphs, [str(p) for p in PROVENANCE_PREDICATES])
    contributors = [str(o) for o in stated.objects(None, PROV.wasAttributedTo)]
    names = store.describe_resources(contributors, [str(SCHEMA.name)])
    contributor_labels = {
        iri: labels_from(names.objects(URIRef(iri), SCHEMA.name)) for iri in contributors
    }
    result = []
    for iri in graphs:
        node = URIRef(iri)

        def first(predicate: URIRef, node: URIRef = node) -> str | None:
            value = stated.value(node, predicate)
            return str(value) if value is not None else None

        contributor = stated.value(node, PROV.wasAttributedTo)
        result.append(
            SourceGraph(
                iri=iri,
                href=make_term(node, {}).href or iri,
                title=labels_from(stated.objects(node, DCT.title)),
                description=labels_from(stated.objects(node, DCT.description)),
                license=first(DCT.license),
                attribution=sorted(str(o) for o in stated.objects(node, DCT.bibliographicCitation)),
                generated=first(PROV.generatedAtTime) or first(DCT.issued),
                contributor=make_term(contributor, contributor_labels) if contributor else None,
            )
        )
    return result
