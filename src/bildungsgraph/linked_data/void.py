"""The VoID description of the dataset, with licences and attribution.

One ``void:Dataset`` for the whole graph (``DATASET_IRI``) with its size, a class partition per
class, a subset per named graph (with its size and its licence), the dumps and the SPARQL
endpoint. Official reference data are under dl-de/by-2-0 and need their attribution; the
vocabularies and shapes are CC0, the ontology CC BY 4.0; the example landscape is invented.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..namespaces import (
    BASE,
    DCT,
    EXAMPLE_GRAPH,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    PREFIXES,
    RDF,
    SHAPES_GRAPH,
    VOCAB_GRAPH_PREFIX,
)
from ..queries import get_query
from ..store import GraphStore

VOID = Namespace("http://rdfs.org/ns/void#")
CC = Namespace("http://creativecommons.org/ns#")
DUMPS_BASE = BASE + "dumps/"
DATASET_IRI = URIRef(DUMPS_BASE + "void.ttl#dataset")
SPARQL_ENDPOINT = URIRef(BASE + "sparql")
DUMP_NAMES: tuple[str, ...] = (
    "bildungsgraph.nq.gz",
    "bildungsgraph.ttl.gz",
    "bildungsgraph.jsonld.gz",
)

DL_DE_BY_2_0 = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
CC_BY_4_0 = URIRef("https://creativecommons.org/licenses/by/4.0/")

REFERENCE_ATTRIBUTION = (
    "© Statistisches Bundesamt (Destatis), 2021; © GeoBasis-DE / BKG 2021 (Daten verändert); "
    "Ministerium für Schule und Bildung NRW, Schulgrunddaten — "
    "Datenlizenz Deutschland – Namensnennung – Version 2.0"
)
EXAMPLE_NOTE = {
    "de": "Die Beispiel-Bildungslandschaft (Krefeld, Kreis Viersen) ist erfunden: keine echten "
    "Einrichtungen, Angebote oder Kooperationen.",
    "en": "The example landscape (Krefeld, Kreis Viersen) is invented: no real organisations, "
    "offers or cooperations.",
}


def _licence_of(graph: str) -> URIRef | None:
    """The licence a graph is published under when it does not state one itself."""
    if graph == str(ONTOLOGY_GRAPH):
        return CC_BY_4_0
    if graph == str(SHAPES_GRAPH) or graph.startswith(VOCAB_GRAPH_PREFIX):
        return CC0
    if graph == str(EXAMPLE_GRAPH):
        return CC0
    return None


def void_description(store: GraphStore) -> Graph:
    """The VoID graph for the store as it is now."""
    void = Graph()
    void.bind("void", VOID)
    void.bind("cc", CC)
    for prefix, namespace in PREFIXES.items():
        void.bind(prefix, namespace)
    sizes = store.graph_sizes()
    dataset = DATASET_IRI
    void.add((dataset, RDF.type, VOID.Dataset))
    void.add((dataset, DCT.title, Literal("bildungsgraph – Bildungslandschaft NRW", lang="de")))
    void.add((dataset, DCT.title, Literal("bildungsgraph – education landscape NRW", lang="en")))
    for lang, text in EXAMPLE_NOTE.items():
        void.add((dataset, DCT.description, Literal(text, lang=lang)))
    void.add((dataset, VOID.triples, Literal(sum(sizes.values()), datatype=XSD.integer)))
    void.add((dataset, VOID.sparqlEndpoint, SPARQL_ENDPOINT))
    void.add((dataset, VOID.uriSpace, Literal(BASE + "id/")))
    void.add((dataset, VOID.vocabulary, URIRef(ONTOLOGY_IRI)))
    void.add((dataset, DCT.license, DL_DE_BY_2_0))
    void.add((dataset, CC.attributionName, Literal(REFERENCE_ATTRIBUTION)))
    for name in DUMP_NAMES:
        void.add((dataset, VOID.dataDump, URIRef(DUMPS_BASE + name)))
    for row in store.select(get_query("void_class_partitions").text):
        partition = BNode()
        void.add((dataset, VOID.classPartition, partition))
        void.add((partition, VOID["class"], row["class"]))
        void.add((partition, VOID.entities, Literal(int(row["entities"]), datatype=XSD.integer)))
    stated: dict[str, list[tuple[Node, Node]]] = {}
    for row in store.select(get_query("void_graph_metadata").text):
        stated.setdefault(str(row["graph"]), []).append((row["predicate"], row["value"]))
    for graph, size in sorted(sizes.items()):
        _add_subset(void, dataset, graph, size, stated.get(graph, []))
    return void


def _add_subset(
    void: Graph, dataset: URIRef, graph: str, size: int, stated: list[tuple[Node, Node]]
) -> None:
    subset = URIRef(graph)
    void.add((dataset, VOID.subset, subset))
    void.add((subset, RDF.type, VOID.Dataset))
    void.add((subset, VOID.triples, Literal(size, datatype=XSD.integer)))
    for predicate, value in stated:
        if predicate == DCT.bibliographicCitation:
            void.add((subset, CC.attributionName, value))
        void.add((subset, predicate, value))
    if not any(predicate == DCT.license for predicate, _ in stated):
        licence = _licence_of(graph)
        if licence is not None:
            void.add((subset, DCT.license, licence))
    if graph == str(EXAMPLE_GRAPH):
        for lang, text in EXAMPLE_NOTE.items():
            void.add((subset, DCT.description, Literal(text, lang=lang)))
