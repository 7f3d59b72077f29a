"""The shipped data, loaded into a store: official counts, conformance, the example landscape."""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import Graph

from bildungsgraph.namespaces import (
    EXAMPLE_GRAPH,
    KOMMUNEN_GRAPH,
    ONTOLOGY_GRAPH,
    POPULATION_GRAPH,
    SCHOOLS_GRAPH,
    SHAPES_GRAPH,
    VOCAB_GRAPH_PREFIX,
)
from bildungsgraph.readmodel import pages
from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow


def count(service: BildungsGraph, query: str) -> int:
    return int(service.store.select(query)[0]["n"])


def test_official_counts(loaded_service: BildungsGraph) -> None:
    stats = pages.stats(loaded_service.readmodel.current())
    assert stats.records["Municipality"] == 396
    assert stats.records["District"] == 31
    assert stats.records["IndependentCity"] == 22
    assert stats.records["GovernmentDistrict"] == 5
    assert stats.records["State"] == 1
    assert stats.population["2019-12-31"] == 17_947_221
    schools = count(
        loaded_service,
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{SCHOOLS_GRAPH}> {{ ?s a bg:EducationActor }} }}",
    )
    assert schools == 5_424
    supervision = count(
        loaded_service,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s bg:actorType <https://w3id.org/bildungsgraph/vocab/actor-type/school-supervision> }",
    )
    assert supervision == 59


def test_every_part_in_its_own_named_graph(loaded_service: BildungsGraph) -> None:
    names = set(loaded_service.store.graph_names())
    assert {
        str(g)
        for g in (
            ONTOLOGY_GRAPH,
            SHAPES_GRAPH,
            KOMMUNEN_GRAPH,
            POPULATION_GRAPH,
            SCHOOLS_GRAPH,
            EXAMPLE_GRAPH,
        )
    } <= names
    vocabularies = {name for name in names if name.startswith(VOCAB_GRAPH_PREFIX)}
    assert len(vocabularies) >= 11


def test_example_landscape_is_marked_invented_and_large_enough(
    loaded_service: BildungsGraph,
) -> None:
    graph = f"<{EXAMPLE_GRAPH}>"
    assert loaded_service.store.ask(
        f"ASK {{ GRAPH {graph} {{ {graph} a bg:Contribution ; dct:description ?d . FILTER(CONTAINS(?d, 'Erfundene')) }} }}"
    )
    offers = count(
        loaded_service,
        f"SELECT (COUNT(?o) AS ?n) WHERE {{ GRAPH {graph} {{ ?o a bg:EducationOffer }} }}",
    )
    links = count(
        loaded_service,
        f"SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH {graph} {{ {{ ?c a bg:Cooperation }} UNION {{ ?c a bg:Membership }} }} }}",
    )
    assert offers >= 1_000
    assert links >= 400


def test_reference_data_conforms_to_the_shapes(loaded_service: BildungsGraph) -> None:
    store = loaded_service.store
    data = Graph()
    for name in store.graph_names():
        if name.startswith(VOCAB_GRAPH_PREFIX) or name in (
            str(ONTOLOGY_GRAPH),
            str(KOMMUNEN_GRAPH),
            str(POPULATION_GRAPH),
            str(SCHOOLS_GRAPH),
        ):
            data += store.get_graph(name)
    shapes = store.get_graph(str(SHAPES_GRAPH))
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    violations = [line for line in text.splitlines() if "Severity: sh:Violation" in line]
    assert not violations, text[:3000]
