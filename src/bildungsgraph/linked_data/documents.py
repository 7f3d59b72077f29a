"""Documents served as a whole: the ontology, the shapes, each vocabulary and every named graph.

The ontology (``/ontology``), the shapes (``/shapes``) and a concept scheme (``/vocab/{slug}``)
are each held in one named graph; their RDF representation is that graph. A named graph
(``/graph/...``) is described on its page by its size, its classes and what it states about
itself, and sent whole to RDF clients.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from ..errors import NotFoundError
from ..namespaces import (
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    SHAPES_GRAPH,
    SHAPES_IRI,
    VOC,
    vocab_graph_iri,
)
from ..queries import get_query
from ..store import GraphStore
from .resource import (
    ResourceDescription,
    SourceGraph,
    describe_resource,
    fetch_labels,
    source_graphs,
)
from .terms import Term, make_term


@dataclass
class GraphDescription:
    """What the page of a named graph shows."""

    iri: str
    source: SourceGraph
    triples: int
    classes: list[tuple[Term, int]]
    about: ResourceDescription | None = None
    activity: ResourceDescription | None = None


def document_graph(iri: str) -> str | None:
    """The named graph that is the document ``iri`` (ontology, shapes, scheme), if any."""
    if iri == ONTOLOGY_IRI:
        return str(ONTOLOGY_GRAPH)
    if iri == SHAPES_IRI:
        return str(SHAPES_GRAPH)
    slug = iri.removeprefix(str(VOC))
    if iri.startswith(str(VOC)) and slug and "/" not in slug:
        return str(vocab_graph_iri(slug))
    return None


def require_graph(store: GraphStore, graph: str) -> str:
    """``graph`` if the store holds it, else NotFoundError."""
    if not store.has_graph(graph):
        raise NotFoundError(f"no named graph {graph}")
    return graph


def describe_named_graph(store: GraphStore, iri: str) -> GraphDescription:
    """The page model of a named graph; NotFoundError if there is no such graph."""
    require_graph(store, iri)
    rows = store.select(get_query("resource_graph_classes").text, {"graph": URIRef(iri)})
    labels = fetch_labels(store, [str(row["class"]) for row in rows])
    classes = [(make_term(row["class"], labels), int(row["entities"])) for row in rows]
    return GraphDescription(
        iri=iri,
        source=source_graphs(store, [iri])[0],
        triples=store.graph_sizes().get(iri, 0),
        classes=classes,
        about=_maybe_describe(store, iri),
        activity=_maybe_describe(store, iri + "#activity"),
    )


def _maybe_describe(store: GraphStore, iri: str) -> ResourceDescription | None:
    try:
        return describe_resource(store, iri)
    except NotFoundError:
        return None
