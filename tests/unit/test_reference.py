"""The committed reference RDF (data/reference/rdf/) against the official figures.

The three Turtle files are loaded once into an in-memory pyoxigraph store (one named graph each);
the checks are SPARQL queries. The drift check rebuilds the files into tmp_path and compares bytes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from bildungsgraph.namespaces import KOMMUNEN_GRAPH, POPULATION_GRAPH, SCHOOLS_GRAPH
from bildungsgraph.reference import REFERENCE_GRAPHS, ReferenceDataError, build_reference
from bildungsgraph.reference.load import load_sources

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = ROOT / "data" / "reference"
RDF_DIR = SOURCE_DIR / "rdf"
VOCAB_DIR = ROOT / "ontology" / "vocab"

PREFIXES = """
PREFIX bg: <https://w3id.org/bildungsgraph/ontology#>
PREFIX at: <https://w3id.org/bildungsgraph/vocab/actor-type/>
PREFIX ab: <https://w3id.org/bildungsgraph/vocab/age-band/>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX k: <https://w3id.org/bildungsgraph/id/kommune/>
"""
STICHTAGE = [f"{year}-12-31" for year in range(2015, 2021)]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for graph, path in REFERENCE_GRAPHS.items():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
    return store


def rows(store: ox.Store, query: str) -> list[tuple]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    return [tuple(None if t is None else t.value for t in solution) for solution in result]


def value(store: ox.Store, query: str) -> str:
    (row,) = rows(store, query)
    return row[0]


def count(store: ox.Store, where: str) -> int:
    return int(value(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))


# --- files and graphs ---------------------------------------------------------------------


def test_reference_graphs_map_the_three_committed_files() -> None:
    assert REFERENCE_GRAPHS == {
        KOMMUNEN_GRAPH: RDF_DIR / "kommunen.ttl",
        POPULATION_GRAPH: RDF_DIR / "population.ttl",
        SCHOOLS_GRAPH: RDF_DIR / "schools.ttl",
    }
    assert all(path.is_file() for path in REFERENCE_GRAPHS.values())


@pytest.mark.slow
def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    counts = build_reference(SOURCE_DIR, tmp_path)
    assert set(counts) == {"kommunen", "population", "schools"}
    for path in REFERENCE_GRAPHS.values():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} is out of date: run `python -m bildungsgraph.reference`"
        )


def test_each_graph_describes_itself_as_a_licensed_dataset(store: ox.Store) -> None:
    for graph in REFERENCE_GRAPHS:
        where = f"GRAPH <{graph}> {{ <{graph}> a dcat:Dataset ; dct:title ?t ; dct:source ?s ; "
        where += "dct:license <http://dcat-ap.de/def/licenses/dl-by-de/2.0> ; "
        where += "dct:bibliographicCitation ?c ; dct:issued ?i ; dct:temporal ?p }"
        assert count(store, where) > 0, graph
    citations = {r[0] for r in rows(store, "SELECT ?c WHERE { ?d dct:bibliographicCitation ?c }")}
    assert citations == {
        "© Statistisches Bundesamt (Destatis), 2021",
        "© GeoBasis-DE / BKG 2021 (Daten verändert)",
        "Ministerium für Schule und Bildung NRW, Schulgrunddaten",
    }


# --- Kommunen -----------------------------------------------------------------------------


def test_counts_of_administrative_units(store: ox.Store) -> None:
    assert count(store, "?x a bg:State") == 1
    assert count(store, "?x a bg:GovernmentDistrict") == 5
    assert count(store, "?x a bg:DistrictLevelUnit") == 53
    assert count(store, "?x a bg:District") == 31
    assert count(store, "?x a bg:IndependentCity") == 22
    assert count(store, "?x a bg:Municipality") == 396
    assert count(store, "?x a bg:AdministrativeUnit") == 1 + 5 + 53 + 396
    assert value(store, "SELECT ?n WHERE { k:05 bg:stateKey '05' ; schema:name ?n }") == (
        "Nordrhein-Westfalen"
    )
    keys = [
        r[0] for r in rows(store, "SELECT ?k WHERE { ?x bg:governmentDistrictKey ?k } ORDER BY ?k")
    ]
    assert keys == ["051", "053", "055", "057", "059"]


def test_keys_have_the_official_formats(store: ox.Store) -> None:
    checks = {
        "bg:ags": "^05[0-9]{6}$",
        "bg:ars": "^05[0-9]{10}$",
        "bg:districtKey": "^05[0-9]{3}$",
        "bg:governmentDistrictKey": "^05[0-9]$",
    }
    for prop, pattern in checks.items():
        assert count(store, f"?x {prop} ?v FILTER(!REGEX(?v, '{pattern}'))") == 0, prop
    assert (
        count(
            store,
            "?x a bg:Municipality ; bg:ags ?a ; bg:ars ?r ; bg:areaKm2 ?f ; "
            "wgs:lat ?lat ; wgs:long ?lon ; skos:exactMatch ?m ; schema:name ?n "
            "FILTER(STRENDS(STR(?m), ?a) && CONCAT(SUBSTR(?r, 1, 5), SUBSTR(?r, 10)) = ?a "
            "&& STRENDS(STR(?x), ?a) && DATATYPE(?lat) = xsd:decimal)",
        )
        == 396
    )


def test_every_unit_below_the_land_has_exactly_one_parent_of_the_right_level(
    store: ox.Store,
) -> None:
    levels = {
        "bg:Municipality": "bg:DistrictLevelUnit",
        "bg:DistrictLevelUnit": "bg:GovernmentDistrict",
        "bg:GovernmentDistrict": "bg:State",
    }
    for child, parent in levels.items():
        bad = rows(
            store,
            f"""SELECT ?x (COUNT(?p) AS ?n) WHERE {{
            ?x a {child} . OPTIONAL {{ ?x bg:parentUnit ?p . ?p a {parent} }}
        }} GROUP BY ?x HAVING (COUNT(?p) != 1)""",
        )
        assert bad == [], child
        assert count(store, f"?x a {child} ; bg:parentUnit ?p") == count(store, f"?x a {child}")
    assert count(store, "?x a bg:State ; bg:parentUnit ?p") == 0
    # Each kreisfreie Stadt exists twice: district-level unit and Gemeinde below it.
    assert (
        count(
            store,
            "?c a bg:IndependentCity ; bg:districtKey ?k . ?g a bg:Municipality ; "
            "bg:parentUnit ?c ; bg:ags ?a FILTER(?a = CONCAT(?k, '000'))",
        )
        == 22
    )
    assert count(store, "k:05111000 bg:parentUnit k:05111") == 1


def test_every_district_and_municipality_has_a_boundary(store: ox.Store) -> None:
    for cls, n in (("bg:DistrictLevelUnit", 53), ("bg:Municipality", 396)):
        where = f"?x a {cls} ; geo:hasGeometry [ a geo:Geometry ; geo:asWKT ?w ] "
        where += "FILTER(DATATYPE(?w) = geo:wktLiteral && STRSTARTS(STR(?w), 'POLYGON (('))"
        assert count(store, where) == n


def test_spot_checks_from_the_official_figures(store: ox.Store) -> None:
    by_size = rows(
        store,
        """SELECT ?name ?p WHERE {
        ?g a bg:Municipality ; schema:name ?name .
        ?o bg:refArea ?g ; bg:population ?p ; bg:referenceDate '2019-12-31'^^xsd:date
    } ORDER BY DESC(?p)""",
    )
    assert len(by_size) == 396
    assert by_size[0] == ("Köln, Stadt", "1087863")
    assert by_size[-1] == ("Dahlem", "4215")
    assert (
        count(
            store,
            "?s bg:districtKey '05566' ; schema:name 'Steinfurt' . "
            "?g a bg:Municipality ; bg:parentUnit ?s",
        )
        == 24
    )
    area = value(store, "SELECT ?a WHERE { k:05 bg:areaKm2 ?a }")
    assert area == "34112.33"


# --- population ---------------------------------------------------------------------------


def test_population_counts_per_area_and_stichtag(store: ox.Store) -> None:
    assert count(store, "?o a bg:PopulationCount") == 53 * 6 * 18 + 396 + 5 + 1
    for day in STICHTAGE:
        where = f"?o bg:referenceDate '{day}'^^xsd:date ; bg:refArea ?k . ?k a bg:DistrictLevelUnit"
        assert count(store, where) == 53 * 18, day
    assert count(
        store,
        "?o a bg:PopulationCount ; bg:refArea ?a ; bg:referenceDate ?d ; "
        "bg:ageBand ?b ; bg:population ?p FILTER(DATATYPE(?p) = xsd:integer)",
    ) == (count(store, "?o a bg:PopulationCount"))


def test_nrw_total_2019_agrees_across_levels(store: ox.Store) -> None:
    def total(kind: str) -> int:
        return int(
            value(
                store,
                f"""SELECT (SUM(?p) AS ?s) WHERE {{
            ?o bg:refArea ?a ; bg:referenceDate '2019-12-31'^^xsd:date ;
               bg:ageBand ab:total ; bg:population ?p . ?a a {kind} }}""",
            )
        )

    assert total("bg:Municipality") == 17_947_221
    assert total("bg:DistrictLevelUnit") == 17_947_221
    assert total("bg:State") == 17_947_221
    assert total("bg:GovernmentDistrict") == 17_947_221
    mismatched = rows(
        store,
        """SELECT ?rb WHERE {
        { SELECT ?rb (SUM(?p) AS ?sum) WHERE {
            ?g a bg:Municipality ; bg:parentUnit/bg:parentUnit ?rb .
            ?o bg:refArea ?g ; bg:population ?p } GROUP BY ?rb }
        ?t bg:refArea ?rb ; bg:population ?total FILTER(?total != ?sum) }""",
    )
    assert mismatched == []


def test_age_bands_sum_to_the_total_for_every_kreis_and_stichtag(store: ox.Store) -> None:
    groups = rows(
        store,
        """SELECT ?k ?d (SUM(?p) AS ?bands) (SAMPLE(?t) AS ?total) (COUNT(?o) AS ?n)
    WHERE {
        ?k a bg:DistrictLevelUnit .
        ?o bg:refArea ?k ; bg:referenceDate ?d ; bg:ageBand ?b ; bg:population ?p
        FILTER(?b != ab:total)
        ?t0 bg:refArea ?k ; bg:referenceDate ?d ; bg:ageBand ab:total ; bg:population ?t
    } GROUP BY ?k ?d""",
    )
    assert len(groups) == 53 * 6
    for kreis, day, bands, total, n in groups:
        assert (int(n), int(bands)) == (17, int(total)), (kreis, day)


def vocabulary_concepts(scheme: str) -> set[str]:
    vocab = ox.Store()
    vocab.bulk_load(path=str(VOCAB_DIR / f"{scheme}.ttl"), format=ox.RdfFormat.TURTLE)
    query = "SELECT ?c WHERE { ?c a <http://www.w3.org/2004/02/skos/core#Concept> }"
    return {str(solution[0].value) for solution in vocab.query(query)}


def test_age_band_concepts_exist_in_the_vocabulary(store: ox.Store) -> None:
    used = {r[0] for r in rows(store, "SELECT DISTINCT ?b WHERE { ?o bg:ageBand ?b }")}
    assert len(used) == 18
    assert used - vocabulary_concepts("age-band") == set()


# --- schools ------------------------------------------------------------------------------


def test_school_records_in_operation(store: ox.Store) -> None:
    assert count(store, "?s a bg:EducationActor") == 5424
    assert count(store, "?s a bg:EducationActor ; bg:actorType at:school-supervision") == 59
    assert (
        count(
            store,
            "?s a bg:EducationActor ; bg:actorType ?t "
            "FILTER(STRSTARTS(STR(?t), CONCAT(STR(at:), 'school-form-')))",
        )
        == 5365
    )
    assert count(store, "?s bg:legalStatus 'öffentlich'") == 4879
    assert count(store, "?s bg:legalStatus 'privat'") == 545
    assert (
        count(
            store,
            "?s a bg:EducationActor ; bg:schoolNumber ?n ; schema:name ?name ; "
            "dct:source ?src ; bg:hasSite ?site . ?site a bg:Site "
            "FILTER(STRENDS(STR(?s), CONCAT('school-', ?n)) && REGEX(?n, '^[0-9]{6}$'))",
        )
        == 5424
    )
    assert (
        count(
            store,
            "?s schema:url ?u FILTER(!REGEX(STR(?u), '^https?://[^ <>\"]+$') "
            "|| DATATYPE(?u) != xsd:anyURI)",
        )
        == 0
    )
    assert count(store, "?s bg:actorType at:school-form-02") == 2787


def test_every_site_lies_in_an_existing_municipality(store: ox.Store) -> None:
    assert count(store, "?site a bg:Site") == 5424
    assert count(store, "?site a bg:Site ; bg:municipality ?g . ?g a bg:Municipality") == 5424
    assert count(store, "?site bg:postalCode ?p FILTER(!REGEX(?p, '^[0-9]{5}$'))") == 0
    assert (
        count(
            store,
            "?site a bg:Site ; wgs:lat ?lat ; wgs:long ?lon "
            "FILTER(?lat >= 50.32 && ?lat <= 52.54 && ?lon >= 5.86 && ?lon <= 9.47)",
        )
        == 5424
    )


def test_every_school_actor_type_exists_in_the_vocabulary(store: ox.Store) -> None:
    used = {r[0] for r in rows(store, "SELECT DISTINCT ?t WHERE { ?s bg:actorType ?t }")}
    assert used - vocabulary_concepts("actor-type") == set()


# --- the build fails loudly ---------------------------------------------------------------


def test_inconsistent_sources_are_rejected(tmp_path: Path) -> None:
    for path in SOURCE_DIR.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    gemeinden = tmp_path / "nrw_gemeinden_2020.csv"
    text = gemeinden.read_text(encoding="utf-8")
    gemeinden.write_text(text.replace("\n05111000,", "\n0511100,", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="AGS '0511100'"):
        load_sources(tmp_path)
    gemeinden.write_text(text.replace(",4215,", ",4216,", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="population sum"):
        load_sources(tmp_path)
    (tmp_path / "nrw_schulen_2021.csv").unlink()
    gemeinden.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="not found"):
        load_sources(tmp_path)
