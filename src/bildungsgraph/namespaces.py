"""The namespaces of bildungsgraph and the one prefix map used everywhere.

Every IRI the project mints is built here, so that the patterns stay in one place::

    >>> kommune_iri("05166")
    rdflib.term.URIRef('https://w3id.org/bildungsgraph/id/kommune/05166')
    >>> concept_iri("life-phase", "primary")
    rdflib.term.URIRef('https://w3id.org/bildungsgraph/vocab/life-phase/primary')
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef

# Re-exported: the rest of the code takes every namespace from here.
from rdflib.namespace import OWL as OWL
from rdflib.namespace import RDF as RDF
from rdflib.namespace import RDFS as RDFS
from rdflib.namespace import SKOS as SKOS
from rdflib.namespace import XSD as XSD

BASE = "https://w3id.org/bildungsgraph/"
ONTOLOGY_IRI = BASE + "ontology"
SHAPES_IRI = BASE + "shapes"

BG = Namespace(ONTOLOGY_IRI + "#")
VOC = Namespace(BASE + "vocab/")
BGSH = Namespace(SHAPES_IRI + "#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
QB = Namespace("http://purl.org/linked-data/cube#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VANN = Namespace("http://purl.org/vocab/vann/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "bg": str(BG),
    "bgsh": str(BGSH),
    "dcat": str(DCAT),
    "dct": str(DCT),
    "elm": str(ELM),
    "foaf": str(FOAF),
    "geo": str(GEO),
    "id": str(ID),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "qb": str(QB),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sh": str(SH),
    "skos": str(SKOS),
    "vann": str(VANN),
    "vcard": str(VCARD),
    "voc": str(VOC),
    "wgs": str(WGS),
    "xsd": str(XSD),
}
# Record namespaces, because a "/" cannot stand in a prefixed name: kommune:05166, actor:vhs-x.
RECORD_PREFIXES: dict[str, str] = {
    name: f"{ID}{name}/"
    for name in ("actor", "cooperation", "kommune", "membership", "network", "offer", "site")
}
PREFIXES.update(RECORD_PREFIXES)

KENNUNG_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

# Named graphs with a fixed role.
ONTOLOGY_GRAPH = GRAPH["ontology"]
SHAPES_GRAPH = GRAPH["shapes"]
KOMMUNEN_GRAPH = GRAPH["reference/kommunen"]
POPULATION_GRAPH = GRAPH["reference/population"]
SCHOOLS_GRAPH = GRAPH["reference/schools"]
SCHOOLS_CLOSED_GRAPH = GRAPH["reference/schools-closed"]  # closed, with bg:closedOn
EXAMPLE_GRAPH = GRAPH["example"]
VOCAB_GRAPH_PREFIX = str(GRAPH) + "vocab/"
CONTRIBUTION_GRAPH_PREFIX = str(GRAPH) + "contribution/"
CONFIRMATION_GRAPH_PREFIX = str(GRAPH) + "confirmation/"  # a partner's decision each
CONFIRMATION_PREFIX = f"{ID}confirmation/"


def graph_iri(*parts: str) -> URIRef:
    """The IRI of a named graph, e.g. ``graph_iri("vocab", "topic")``."""
    return URIRef(str(GRAPH) + "/".join(parts))


def record_iri(prefix: str, kennung: str) -> URIRef:
    """The IRI of a contributed record, e.g. ``record_iri("actor", "vhs-viersen")``."""
    return URIRef(f"{ID}{prefix}/{kennung}")


def kommune_iri(key: str) -> URIRef:
    """The IRI of a Kommune by its official key (2, 3, 5 or 8 digits)."""
    return URIRef(f"{ID}kommune/{key}")


def scheme_iri(slug: str) -> URIRef:
    """The IRI of a SKOS concept scheme, e.g. ``scheme_iri("topic")``."""
    return URIRef(f"{VOC}{slug}")


def concept_iri(scheme_slug: str, concept_slug: str) -> URIRef:
    """The IRI of a concept in one of the project's schemes."""
    return URIRef(f"{VOC}{scheme_slug}/{concept_slug}")


def school_actor_iri(schulnummer: str) -> URIRef:
    """The IRI of a school from the state's school list."""
    return record_iri("actor", f"school-{schulnummer}")


def vocab_graph_iri(scheme_slug: str) -> URIRef:
    """The named graph that holds one vocabulary."""
    return URIRef(VOCAB_GRAPH_PREFIX + scheme_slug)


def contribution_graph_iri(contribution_id: str) -> URIRef:
    """The named graph that holds one contribution."""
    return URIRef(CONTRIBUTION_GRAPH_PREFIX + contribution_id)
