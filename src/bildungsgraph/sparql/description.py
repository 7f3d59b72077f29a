"""The SPARQL 1.1 Service Description of the endpoint (Turtle)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from .replica import RESULT_FORMATS

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

# W3C format IRIs (http://www.w3.org/ns/formats/) of the media types we serve.
_FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON-LD",
}

UNION_COMMENT_DE = (
    "Der Standardgraph ist die Vereinigung aller benannten Graphen. default-graph-uri und "
    "named-graph-uri (oder FROM / FROM NAMED) wählen nur lokale Graphen aus; es wird nie etwas "
    "geladen. Nur lesender Zugriff; SERVICE wird nicht unterstützt."
)
UNION_COMMENT_EN = (
    "The default graph is the union of all named graphs. default-graph-uri and named-graph-uri "
    "(or FROM / FROM NAMED) only select local graphs; nothing is ever fetched. Read-only; "
    "SERVICE is not supported."
)


def service_description(endpoint: str, graph_names: Iterable[str], timeout: float) -> str:
    """The description of the endpoint at ``endpoint`` serving ``graph_names``, as Turtle."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, RDFS.label, Literal("bildungsgraph SPARQL-Endpunkt", lang="de")))
    graph.add((service, RDFS.label, Literal("bildungsgraph SPARQL endpoint", lang="en")))
    graph.add((service, RDFS.comment, Literal(UNION_COMMENT_DE, lang="de")))
    graph.add(
        (
            service,
            RDFS.comment,
            Literal(f"{UNION_COMMENT_EN} Query time limit: {timeout:g} s.", lang="en"),
        )
    )
    media_types = {media_type for formats in RESULT_FORMATS.values() for media_type in formats}
    for media_type in sorted(media_types):
        graph.add((service, SD.resultFormat, FORMATS[_FORMAT_IRIS[media_type]]))
    dataset = BNode()
    default_graph = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add(
        (default_graph, RDFS.comment, Literal("Vereinigung aller benannten Graphen", lang="de"))
    )
    graph.add((default_graph, RDFS.comment, Literal("union of all named graphs", lang="en")))
    for name in graph_names:
        named = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
    return graph.serialize(format="turtle")
