"""The one-Kreis mini store holds what its cut promises, loaded like the shipped data."""

from __future__ import annotations

from bildungsgraph.namespaces import EXAMPLE_GRAPH, KOMMUNEN_GRAPH, SCHOOLS_GRAPH
from bildungsgraph.service import BildungsGraph
from ministore import MINI_GEMEINDE, MINI_KREIS

PREFIXES = """
PREFIX bg: <https://w3id.org/bildungsgraph/ontology#>
PREFIX kommune: <https://w3id.org/bildungsgraph/id/kommune/>
"""


def keys(service: BildungsGraph, query: str) -> set[str]:
    return {str(row["key"]) for row in service.store.select(PREFIXES + query)}


def test_the_reference_data_is_one_kreis_with_its_land_and_bezirk(
    mini_service: BildungsGraph,
) -> None:
    units = keys(
        mini_service,
        f"SELECT ?key WHERE {{ GRAPH <{KOMMUNEN_GRAPH}> {{ ?u a bg:AdministrativeUnit ; "
        "bg:ars ?ars } BIND(REPLACE(STR(?u), '^.*/', '') AS ?key) }",
    )
    gemeinden = {key for key in units if len(key) == 8}
    assert units - gemeinden == {"05", "051", MINI_KREIS}
    assert MINI_GEMEINDE in gemeinden and len(gemeinden) == 9
    assert all(key.startswith(MINI_KREIS) for key in gemeinden)
    places = keys(
        mini_service,
        f"SELECT DISTINCT ?key WHERE {{ GRAPH <{SCHOOLS_GRAPH}> {{ ?site bg:municipality ?m }} "
        "BIND(REPLACE(STR(?m), '^.*/', '') AS ?key) }",
    )
    assert places and places <= gemeinden
    assert mini_service.store.ask(
        f"ASK {{ GRAPH <{KOMMUNEN_GRAPH}> {{ <{KOMMUNEN_GRAPH}> ?p ?o }} }}"
    )  # the dataset's own description stays


def test_the_example_keeps_only_records_of_the_kreis(mini_service: BildungsGraph) -> None:
    records = keys(
        mini_service,
        f"SELECT DISTINCT ?key WHERE {{ GRAPH <{EXAMPLE_GRAPH}> {{ ?r a ?type }} "
        "FILTER(REGEX(STR(?r), '/id/(actor|site|offer|cooperation|network|membership)/')) "
        "BIND(REPLACE(STR(?r), '^.*/', '') AS ?key) }",
    )
    assert f"{MINI_KREIS}-bildungsbuero" in records
    assert all(key.startswith(f"{MINI_KREIS}-") for key in records)
    view = mini_service.readmodel.current()
    assert view.state == mini_service.store.state
