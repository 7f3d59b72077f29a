"""JSON-LD for API answers: the records' own triples, compacted with the served context.

The context is served by the application at ``/api/context.jsonld`` (no remote context); the
documents name it by URL, and a client that inlines it gets exactly the store's triples.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rdflib import Graph, URIRef

from ..namespaces import BG, DCT, ID, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, VOC, WGS, XSD
from .snapshot import Snapshot
from .terms import term_of

CONTEXT_PATH = "/api/context.jsonld"

_PREFIXES = {
    "bg": str(BG),
    "schema": str(SCHEMA),
    "voc": str(VOC),
    "id": str(ID),
    "skos": str(SKOS),
    "dct": str(DCT),
    "prov": str(PROV),
    "wgs": str(WGS),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "org": str(ORG),
}
_LINKS = [
    "actorType",
    "parentOrganization",
    "hasSite",
    "municipality",
    "areaServed",
    "provider",
    "lifePhase",
    "topic",
    "offerFormat",
    "offerKind",
    "targetGroup",
    "location",
    "programme",
    "partner",
    "cooperationForm",
    "cooperationStatus",
    "coordinator",
    "member",
    "network",
    "membershipRole",
    "parentUnit",
]
_TYPED = {
    "startDate": ("schema:startDate", "xsd:date"),
    "endDate": ("schema:endDate", "xsd:date"),
    "modified": ("dct:modified", "xsd:date"),
    "lat": ("wgs:lat", "xsd:decimal"),
    "long": ("wgs:long", "xsd:decimal"),
    "minAge": ("bg:minAge", "xsd:integer"),
    "maxAge": ("bg:maxAge", "xsd:integer"),
    "price": ("bg:price", "xsd:decimal"),
    "isFree": ("bg:isFree", "xsd:boolean"),
    "url": ("schema:url", "xsd:anyURI"),
    "onlineUrl": ("bg:onlineUrl", "xsd:anyURI"),
    "sourceDocument": ("bg:sourceDocument", "xsd:anyURI"),
}
_PLAIN = {
    "name": "schema:name",
    "description": "schema:description",
    "email": "schema:email",
    "telephone": "schema:telephone",
    "inLanguage": "schema:inLanguage",
    "schoolNumber": "bg:schoolNumber",
    "legalStatus": "bg:legalStatus",
    "streetAddress": "bg:streetAddress",
    "postalCode": "bg:postalCode",
    "locality": "bg:locality",
    "schedule": "bg:schedule",
    "label": "rdfs:label",
}


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context document served at ``/api/context.jsonld``."""
    terms: dict[str, Any] = dict(_PREFIXES)
    terms.update({name: {"@id": f"bg:{name}", "@type": "@id"} for name in _LINKS})
    terms.update({name: {"@id": iri, "@type": kind} for name, (iri, kind) in _TYPED.items()})
    terms.update(_PLAIN)
    return {"@context": terms}


def records_graph(snapshot: Snapshot, kind: str, iris: Iterable[str]) -> Graph:
    """The statements the store holds about each record (subject = the record)."""
    graph = Graph()
    for iri in iris:
        for predicate, objects in (snapshot.props(kind, iri) or {}).items():
            for obj in objects:
                graph.add((URIRef(iri), URIRef(predicate), term_of(obj)))
    return graph


def to_jsonld(graph: Graph, context_url: str = CONTEXT_PATH) -> dict[str, Any]:
    """Compact ``graph`` with the context and name the context by its URL."""
    context = jsonld_context()["@context"]
    document: dict[str, Any] | list[Any] = json.loads(
        graph.serialize(format="json-ld", context=context, auto_compact=True)
    )
    if isinstance(document, list):
        document = {"@graph": document}
    document["@context"] = context_url
    return document
