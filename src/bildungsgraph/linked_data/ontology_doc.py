"""The ontology documentation, generated from the labels and definitions in the store.

Reads the ontology graph and the vocabulary graphs (small: a few thousand triples) and builds
a model of classes, properties and concept schemes with German and English texts. Every term
has an anchor: the local name for ontology terms (``/ontology#EducationActor``), the concept
slug inside a scheme (``/vocab/life-phase#primary``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ..namespaces import (
    BG,
    DCT,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    OWL,
    RDF,
    RDFS,
    SKOS,
    VOC,
    VOCAB_GRAPH_PREFIX,
)
from ..store import GraphStore
from .terms import Labels, Term, labels_from, make_term, ordered

# Links from a term to terms of other vocabularies, shown as "alignment".
ALIGNMENT_PREDICATES: tuple[URIRef, ...] = (
    OWL.equivalentClass,
    OWL.equivalentProperty,
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
    RDFS.seeAlso,
)
PROPERTY_KINDS: tuple[tuple[URIRef, str], ...] = (
    (OWL.ObjectProperty, "object"),
    (OWL.DatatypeProperty, "datatype"),
    (OWL.AnnotationProperty, "annotation"),
)


@dataclass
class Alignment:
    """A link to another vocabulary: predicate (prefixed name) and target."""

    predicate: str
    target: Term


@dataclass
class TermDoc:
    """A class or property of the ontology."""

    iri: str
    anchor: str
    kind: str  # "class", "object", "datatype" or "annotation"
    labels: Labels
    definitions: Labels
    comments: Labels
    examples: list[str] = field(default_factory=list)
    parents: list[Term] = field(default_factory=list)
    children: list[Term] = field(default_factory=list)
    domain: list[Term] = field(default_factory=list)
    range: list[Term] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)


@dataclass
class ConceptDoc:
    """A concept of a scheme with its narrower concepts."""

    iri: str
    anchor: str
    notation: str | None
    labels: Labels
    alt_labels: dict[str, list[str]]
    definitions: Labels
    mappings: list[Alignment]
    extra: list[Alignment]
    narrower: list[ConceptDoc] = field(default_factory=list)


@dataclass
class SchemeDoc:
    """A concept scheme (one vocabulary)."""

    iri: str
    slug: str
    href: str
    titles: Labels
    descriptions: Labels
    license: str | None
    top_concepts: list[ConceptDoc]
    concept_count: int


@dataclass
class OntologyDocumentation:
    """The whole documentation page."""

    iri: str
    titles: Labels
    descriptions: Labels
    version: str | None
    license: str | None
    modified: str | None
    classes: list[TermDoc]
    properties: list[TermDoc]
    schemes: list[SchemeDoc]

    def terms(self) -> list[TermDoc]:
        return [*self.classes, *self.properties]


def ontology_documentation(store: GraphStore) -> OntologyDocumentation:
    """Build the documentation from the ontology and vocabulary graphs in the store."""
    ontology = store.get_graph(str(ONTOLOGY_GRAPH))
    labels = _all_labels(ontology)
    node = URIRef(ONTOLOGY_IRI)
    classes = [_term_doc(ontology, iri, "class", labels) for iri in _declared(ontology, OWL.Class)]
    properties = [
        _term_doc(ontology, iri, kind, labels)
        for rdf_class, kind in PROPERTY_KINDS
        for iri in _declared(ontology, rdf_class)
    ]
    _link_children(classes, RDFS.subClassOf, ontology, labels)
    _link_children(properties, RDFS.subPropertyOf, ontology, labels)
    return OntologyDocumentation(
        iri=ONTOLOGY_IRI,
        titles=labels_from(ontology.objects(node, DCT.title)),
        descriptions=labels_from(ontology.objects(node, DCT.description)),
        version=_text(ontology.value(node, OWL.versionInfo)),
        license=_text(ontology.value(node, DCT.license)),
        modified=_text(ontology.value(node, DCT.modified)),
        classes=classes,
        properties=properties,
        schemes=scheme_documentation(store),
    )


def scheme_documentation(store: GraphStore, slug: str | None = None) -> list[SchemeDoc]:
    """The concept schemes (all, or the one with ``slug``) from their vocabulary graphs."""
    names = [name for name in store.graph_names() if name.startswith(VOCAB_GRAPH_PREFIX)]
    if slug is not None:
        names = [name for name in names if name == VOCAB_GRAPH_PREFIX + slug]
    schemes: list[SchemeDoc] = []
    for name in names:
        graph = store.get_graph(name)
        for scheme in ordered(graph.subjects(RDF.type, SKOS.ConceptScheme)):
            if isinstance(scheme, URIRef):
                schemes.append(_scheme_doc(graph, scheme))
    return schemes


def _declared(graph: Graph, rdf_class: URIRef) -> list[URIRef]:
    """Terms of the ontology's namespace typed ``rdf_class``, in file-independent order."""
    found = {s for s in graph.subjects(RDF.type, rdf_class) if str(s).startswith(str(BG))}
    return sorted(found, key=lambda iri: str(iri).lower())  # type: ignore[arg-type]


def _all_labels(graph: Graph) -> dict[str, Labels]:
    return {
        str(s): labels_from(graph.objects(s, RDFS.label))
        for s in set(graph.subjects(RDFS.label, None))
    }


def _text(value: Node | None) -> str | None:
    return str(value) if value is not None else None


def _class_terms(graph: Graph, node: Node, labels: dict[str, Labels]) -> list[Term]:
    """A class expression as terms: a named class, or the members of an owl:unionOf."""
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        if union is None:
            return []
        return [make_term(member, labels) for member in Collection(graph, union)]
    return [make_term(node, labels)]


def _term_doc(graph: Graph, iri: URIRef, kind: str, labels: dict[str, Labels]) -> TermDoc:
    parent_predicate = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
    return TermDoc(
        iri=str(iri),
        anchor=str(iri).removeprefix(str(BG)),
        kind=kind,
        labels=labels.get(str(iri), {}),
        definitions=labels_from(graph.objects(iri, SKOS.definition)),
        comments=labels_from(graph.objects(iri, RDFS.comment)),
        examples=sorted(str(example) for example in graph.objects(iri, SKOS.example)),
        parents=[make_term(p, labels) for p in ordered(graph.objects(iri, parent_predicate))],
        domain=[t for d in graph.objects(iri, RDFS.domain) for t in _class_terms(graph, d, labels)],
        range=[t for r in graph.objects(iri, RDFS.range) for t in _class_terms(graph, r, labels)],
        alignments=[
            Alignment(make_term(predicate, {}).curie or str(predicate), make_term(target, labels))
            for predicate in ALIGNMENT_PREDICATES
            for target in ordered(graph.objects(iri, predicate))
        ],
    )


def _link_children(
    docs: list[TermDoc], predicate: URIRef, graph: Graph, labels: dict[str, Labels]
) -> None:
    for doc in docs:
        doc.children = [
            make_term(child, labels)
            for child in ordered(graph.subjects(predicate, URIRef(doc.iri)))
        ]


def _scheme_doc(graph: Graph, scheme: URIRef) -> SchemeDoc:
    concepts: dict[Node, ConceptDoc] = {
        c: _concept_doc(graph, c, scheme)
        for c in graph.subjects(SKOS.inScheme, scheme)
        if isinstance(c, URIRef)
    }
    for concept, doc in concepts.items():
        narrower = set(graph.objects(concept, SKOS.narrower))
        narrower |= set(graph.subjects(SKOS.broader, concept))
        doc.narrower = sorted((concepts[n] for n in narrower if n in concepts), key=_concept_order)
    tops = set(graph.objects(scheme, SKOS.hasTopConcept)) | set(
        graph.subjects(SKOS.topConceptOf, scheme)
    )
    slug = str(scheme).removeprefix(str(VOC))
    return SchemeDoc(
        iri=str(scheme),
        slug=slug,
        href=f"/vocab/{slug}",
        titles=labels_from(graph.objects(scheme, DCT.title)),
        descriptions=labels_from(graph.objects(scheme, DCT.description)),
        license=_text(graph.value(scheme, DCT.license)),
        top_concepts=sorted((concepts[t] for t in tops if t in concepts), key=_concept_order),
        concept_count=len(concepts),
    )


def _concept_order(doc: ConceptDoc) -> list[tuple[int, str]]:
    # Natural order of notations, so that "6-10" comes before "10-15".
    key = doc.notation or "~" + doc.anchor
    return [(int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", key)]


def _concept_doc(graph: Graph, concept: URIRef, scheme: URIRef) -> ConceptDoc:
    alt_labels: dict[str, list[str]] = {}
    for value in graph.objects(concept, SKOS.altLabel):
        alt_labels.setdefault(getattr(value, "language", None) or "", []).append(str(value))
    extra = [
        Alignment(make_term(p, {}).curie or str(p), make_term(o, {}))
        for p, o in sorted(graph.predicate_objects(concept))
        if str(p).startswith(str(BG))
    ]
    return ConceptDoc(
        iri=str(concept),
        anchor=str(concept).removeprefix(str(scheme) + "/"),
        notation=_text(graph.value(concept, SKOS.notation)),
        labels=labels_from(graph.objects(concept, SKOS.prefLabel)),
        alt_labels=alt_labels,
        definitions=labels_from(graph.objects(concept, SKOS.definition)),
        mappings=[
            Alignment(make_term(predicate, {}).curie or str(predicate), make_term(target, {}))
            for predicate in ALIGNMENT_PREDICATES
            for target in ordered(graph.objects(concept, predicate))
        ],
        extra=extra,
    )
