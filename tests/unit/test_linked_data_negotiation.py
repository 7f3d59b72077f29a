"""Linked Data building blocks without a store: negotiation, terms, serialisation."""

from __future__ import annotations

import json
import warnings

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from bildungsgraph.linked_data import (
    HTML,
    REPRESENTATIONS,
    choose_representation,
    representation_for_format,
    serialize,
)
from bildungsgraph.linked_data.negotiation import JSONLD, NTRIPLES, RDFXML, TURTLE
from bildungsgraph.linked_data.terms import compact, local_path
from bildungsgraph.namespaces import GEO, SCHEMA

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (BROWSER, HTML),
        ("text/turtle", TURTLE),
        ("application/ld+json", JSONLD),
        ("application/n-triples", NTRIPLES),
        ("application/rdf+xml", RDFXML),
        ("*/*", TURTLE),
        (None, TURTLE),
        ("application/ld+json;q=0.5, text/turtle;q=0.9", TURTLE),
        ("text/turtle;q=0.2, application/n-triples", NTRIPLES),
        ("text/html;q=0, */*", TURTLE),
        ("text/*", TURTLE),
        ("application/json", JSONLD),
    ],
)
def test_accept_header_with_q_values_picks_the_representation(accept, expected) -> None:
    assert choose_representation(accept) is expected


@pytest.mark.parametrize("accept", ["application/pdf", "image/png, text/csv", "text/turtle;q=0"])
def test_nothing_acceptable_is_none(accept: str) -> None:
    assert choose_representation(accept) is None


def test_format_parameter_values() -> None:
    assert representation_for_format("ttl") is TURTLE
    assert representation_for_format("jsonld") is JSONLD
    assert representation_for_format("nt") is NTRIPLES
    assert representation_for_format("rdf") is RDFXML
    assert representation_for_format("html") is HTML
    assert representation_for_format("pdf") is None


def test_project_iris_map_to_local_paths_and_prefixed_names() -> None:
    assert local_path("https://w3id.org/bildungsgraph/id/actor/x") == "/id/actor/x"
    assert local_path("https://schema.org/name") is None
    assert compact("https://w3id.org/bildungsgraph/ontology#actorType") == "bg:actorType"
    assert compact("https://w3id.org/bildungsgraph/id/kommune/05166") == "kommune:05166"
    assert compact("http://example.org/x") == "http://example.org/x"


_PARSER = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}


@pytest.mark.parametrize("representation", [r for r in REPRESENTATIONS if r.is_rdf])
def test_serialisations_round_trip_with_blank_nodes(representation) -> None:
    graph = Graph()
    subject = URIRef("https://w3id.org/bildungsgraph/id/actor/x")
    graph.add((subject, SCHEMA.name, Literal("<script>alert(1)</script>")))
    graph.add((subject, SCHEMA.description, Literal("Schule", lang="de")))
    geometry = BNode()
    graph.add((subject, GEO.hasGeometry, geometry))
    graph.add((geometry, GEO.asWKT, Literal("POINT (6 51)", datatype=GEO.wktLiteral)))
    data = serialize(graph, representation)
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser uses its deprecated ConjunctiveGraph internally.
        warnings.simplefilter("ignore", DeprecationWarning)
        parsed = Graph().parse(data=data, format=_PARSER[representation.name])
    assert parsed.isomorphic(graph)


def test_jsonld_has_an_inline_context() -> None:
    graph = Graph()
    graph.add((URIRef("https://w3id.org/bildungsgraph/id/actor/x"), SCHEMA.name, Literal("X")))
    document = json.loads(serialize(graph, JSONLD))
    assert isinstance(document["@context"], dict)
    assert document["@context"]["schema"] == "https://schema.org/"
