"""The example queries: the catalogue contract, and each query's answer on the shipped data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from bildungsgraph.namespaces import BG, EXAMPLE_GRAPH, ID, SCHEMA, VOC
from bildungsgraph.queries import NamedQuery, get_query, list_examples, list_queries
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import OxigraphStore, QueryResult, open_store

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EXPECTED = json.loads(
    (PROJECT_ROOT / "data" / "example" / "expected_structure.json").read_text(encoding="utf-8")
)
EXAMPLES = list_examples()
# The text before the first WHERE / { of a SELECT: its projection.
_PROJECTION = re.compile(r"^\s*SELECT\b(?P<projection>.*?)\bWHERE\b", re.S | re.I | re.M)


def _body(query: NamedQuery) -> str:
    return "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))


# ---- contract -------------------------------------------------------------------------------


def test_there_are_at_least_15_examples() -> None:
    assert len(EXAMPLES) >= 15
    assert {q.name for q in EXAMPLES} <= {q.name for q in list_queries()}


def test_service_queries_are_not_examples() -> None:
    for name in ("contributions", "records_by_class", "population_by_date"):
        assert not get_query(name).is_example


@pytest.mark.parametrize("query", EXAMPLES, ids=lambda q: q.name)
def test_example_has_titles_and_descriptions_in_german_and_english(query: NamedQuery) -> None:
    for lang in ("de", "en"):
        assert query.title.get(lang), f"{query.name}: no title@{lang}"
        assert query.description.get(lang, "").endswith((".", "?", ")")), query.name
    assert query.title["de"] != query.title["en"]


@pytest.mark.parametrize("query", EXAMPLES, ids=lambda q: q.name)
def test_example_parses(query: NamedQuery, memory_store: OxigraphStore) -> None:
    # Running on an empty store parses and plans the query; a syntax error raises QueryError.
    memory_store.query(query.text)
    memory_store.query(query.with_values())


@pytest.mark.parametrize("query", EXAMPLES, ids=lambda q: q.name)
def test_declared_params_are_used_projected_and_have_a_default(query: NamedQuery) -> None:
    body = _body(query)
    projection = _PROJECTION.search(body)
    for name in query.params:
        assert re.search(rf"\?{name}\b", body), f"{query.name}: ?{name} not used"
        if projection:  # a SELECT: Oxigraph substitutes only projected variables
            assert re.search(rf"\?{name}\b", projection["projection"]), f"?{name} not projected"
        assert query.defaults.get(name, "").startswith("<"), f"{query.name}: no default"


def test_with_values_puts_the_defaults_at_the_start_of_the_where_group() -> None:
    query = get_query("population_pyramid")
    text = query.with_values()
    assert "VALUES (?kommune) { (<https://w3id.org/bildungsgraph/id/kommune/05166>) }" in text
    assert text.index("VALUES") > text.index("WHERE {")
    other = query.with_values({"kommune": "<https://w3id.org/bildungsgraph/id/kommune/05114>"})
    assert "VALUES (?kommune) { (<https://w3id.org/bildungsgraph/id/kommune/05114>) }" in other
    assert "{ (<https://w3id.org/bildungsgraph/id/kommune/05166>) }" not in other
    assert get_query("offers_by_topic").with_values() == get_query("offers_by_topic").text


# ---- answers on the shipped data ------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(
    loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OxigraphStore]:
    """A private copy of the loaded store for this module (read only)."""
    source = open_store(loaded_store_dir)
    copy = tmp_path_factory.mktemp("queries") / "store"
    source.backup(copy)
    source.close()
    store = open_store(copy)
    yield store
    store.close()


def run(store: OxigraphStore, name: str, **params: str) -> QueryResult:
    """The query with its parameters bound (defaults from the header)."""
    query = get_query(name)
    values = {key: value.strip("<>") for key, value in query.defaults.items()} | params
    return store.query(query.text, {key: URIRef(value) for key, value in values.items()})


def column(result: QueryResult, name: str) -> list[object]:
    return [row[name].toPython() if row.get(name) is not None else None for row in result.rows]


def by_key(result: QueryResult, key: str, value: str) -> dict[tuple[str, ...], int | float]:
    keys = key.split(",")
    return {
        tuple(str(row[k]).rsplit("/", 1)[-1] for k in keys): row[value].toPython()
        for row in result.rows
    }


@pytest.mark.parametrize("query", [q for q in EXAMPLES if q.params], ids=lambda q: q.name)
def test_editor_text_gives_the_same_answer_as_bound_parameters(
    query: NamedQuery, shipped: OxigraphStore
) -> None:
    bound = run(shipped, query.name)
    edited = shipped.query(query.with_values())
    if bound.kind == "graph":
        assert bound.graph is not None and edited.graph is not None
        assert len(bound.graph) == len(edited.graph) > 0
    else:
        assert sorted(map(str, bound.rows)) == sorted(map(str, edited.rows))
        assert bound.rows


def test_offers_by_life_phase_and_kreis(shipped: OxigraphStore) -> None:
    counts = by_key(run(shipped, "offers_by_life_phase_and_kreis"), "kreis,life_phase", "offers")
    assert len(counts) == 18  # 2 Kommunen x 9 life phases
    assert counts[("05114", "early-childhood")] == 65
    assert counts[("05166", "adult-education")] == 196
    assert counts[("05166", "primary")] == 147
    assert sum(counts.values()) == 1339  # offer-life phase pairs; README: 333+141+...+137


def test_offers_per_1000_inhabitants_uses_the_reference_age_bands(shipped: OxigraphStore) -> None:
    result = run(shipped, "offers_per_1000_inhabitants")
    rows = {(str(r["kreis"])[-5:], str(r["life_phase"]).rsplit("/", 1)[-1]): r for r in result.rows}
    assert len(rows) == 18
    primary = rows[("05114", "primary")]  # 106 offers, 8,116 children aged 6-9 in Krefeld
    assert (primary["offers"].toPython(), primary["inhabitants"].toPython()) == (106, 8116)
    assert float(primary["offers_per_1000"].toPython()) == pytest.approx(13.061)
    # non-formal refers to the total population: Kreis Viersen had 298,536 inhabitants
    assert rows[("05166", "non-formal")]["inhabitants"].toPython() == 298536


def test_gaps_are_exactly_the_deliberate_ones(shipped: OxigraphStore) -> None:
    result = run(shipped, "gemeinden_without_offer_in_life_phase")
    found = {(str(r["ags"]), str(r["life_phase"]).rsplit("/", 1)[-1]) for r in result.rows}
    expected = {
        (gap["ags"], gap["concept"])
        for gap in EXPECTED["gaps"]
        if gap["kind"] == "no-offer-life-phase"
    }
    assert (
        found
        == expected
        == {
            ("05166008", "early-childhood"),
            ("05166020", "early-childhood"),
        }
    )


def test_gap_query_finds_a_new_gap(loaded_service: BildungsGraph) -> None:
    # Drop the early-childhood life phase from every offer of Brüggen: a third gap appears.
    store = loaded_service.store
    graph = store.get_graph(str(EXAMPLE_GRAPH))
    bruggen = set(graph.subjects(BG.areaServed, ID["kommune/05166004"]))
    early = VOC["life-phase/early-childhood"]
    removed = [(s, p, o) for s, p, o in graph.triples((None, BG.lifePhase, early)) if s in bruggen]
    assert removed
    for triple in removed:
        graph.remove(triple)
    store.replace_graph(str(EXAMPLE_GRAPH), graph)
    result = run(store, "gemeinden_without_offer_in_life_phase")
    assert sorted(str(r["ags"]) for r in result.rows) == ["05166004", "05166008", "05166020"]


def test_digital_share_per_kommune(shipped: OxigraphStore) -> None:
    result = run(shipped, "digital_share_by_kreis")
    rows = {str(r["kreis"])[-5:]: r for r in result.rows}
    assert {
        k: (r["offers"].toPython(), r["digital"].toPython(), r["hybrid"].toPython())
        for k, r in rows.items()
    } == {"05166": (673, 127, 73), "05114": (500, 77, 49)}
    assert float(rows["05166"]["digital_or_hybrid_percent"].toPython()) == pytest.approx(29.7)
    # README: 27.8 % of all offers are digital or hybrid
    digital_or_hybrid = sum(column(result, "digital")) + sum(column(result, "hybrid"))
    assert round(100 * digital_or_hybrid / sum(column(result, "offers")), 1) == 27.8


def test_actors_without_cooperation(shipped: OxigraphStore) -> None:
    result = run(shipped, "actors_without_cooperation")
    assert len(result.rows) == 262
    isolated = {
        str(r["actor"]).rsplit("/", 1)[-1] for r in result.rows if not r["in_network"].toPython()
    }
    assert isolated == set(EXPECTED["isolated_actors"])  # 235: no cooperation, no network
    assert "05166-bildungsbuero" not in {str(r["actor"]) for r in result.rows}


def test_cross_sector_cooperations(shipped: OxigraphStore) -> None:
    result = run(shipped, "cross_sector_cooperations")
    assert len(result.rows) == 318  # of 345 cooperations
    assert min(column(result, "sectors")) == 2
    first = result.rows[0]
    assert first["sectors"].toPython() == 4
    assert len(str(first["sector_labels"]).split(" | ")) == 4


def test_cooperations_crossing_kreis_borders(shipped: OxigraphStore) -> None:
    result = run(shipped, "cross_kreis_cooperations")
    names = {str(r["cooperation"]).rsplit("/", 1)[-1] for r in result.rows}
    assert len(names) == 12  # README: 12 cross-Kreis cooperations
    assert {"x-koop-0001", "x-koop-0002", "x-koop-0003"} <= names
    assert set(column(result, "kreise")) == {2}


def test_primary_schools_per_1000_children(shipped: OxigraphStore) -> None:
    result = run(shipped, "primary_schools_per_1000_children")
    assert len(result.rows) == 53
    assert sum(column(result, "schools")) == 2787  # Grundschulen in the school list
    top = result.rows[0]
    assert str(top["kreis_name"]) == "Hochsauerlandkreis"
    assert (top["schools"].toPython(), top["children"].toPython()) == (51, 8832)
    assert float(top["schools_per_1000_children"].toPython()) == pytest.approx(5.774)


def test_actors_of_a_programme(shipped: OxigraphStore) -> None:
    kaoa = run(shipped, "programme_actors")
    assert len(kaoa.rows) == 67
    first = kaoa.rows[0]
    assert str(first["actor"]).endswith("/05166-kaoa") and first["links"].toPython() == 7
    assert set(str(first["roles"]).split(" | ")) == {
        "cooperation",
        "network member",
        "network coordinator",
    }
    rbn = run(
        shipped, "programme_actors", programme=str(VOC["programme/regional-education-network"])
    )
    assert {str(r["programme"]) for r in rbn.rows} == {
        str(VOC["programme/regional-education-network"])
    }
    assert str(ID["actor/05114-bildungsbuero"]) in {str(r["actor"]) for r in rbn.rows}


def test_offers_by_topic(shipped: OxigraphStore) -> None:
    result = run(shipped, "offers_by_topic")
    offers = by_key(result, "topic", "offers")
    gemeinden = by_key(result, "topic", "gemeinden")
    assert len(offers) == 17
    assert offers[("career-orientation",)] == 136
    # the Krefeld gap: basic-education-literacy is offered in 9 of the 10 Gemeinden
    assert (offers[("basic-education-literacy",)], gemeinden[("basic-education-literacy",)]) == (
        16,
        9,
    )
    assert {v for k, v in gemeinden.items() if k != ("basic-education-literacy",)} == {10}


def test_networks_and_members(shipped: OxigraphStore) -> None:
    result = run(shipped, "networks_and_members")
    members = by_key(result, "network", "members")
    assert len(members) == EXPECTED["counts"]["networks"] == 12
    assert members[("05114-rbn-bildungskonferenz",)] == 35
    assert members[("05166-kaoa-steuerungsgruppe",)] == 16


def test_population_pyramid(shipped: OxigraphStore) -> None:
    viersen = run(shipped, "population_pyramid")
    assert len(viersen.rows) == 17  # the age bands without "total"
    assert column(viersen, "age_from")[:3] == [0, 3, 6]
    assert sum(column(viersen, "inhabitants")) == 298536
    krefeld = run(shipped, "population_pyramid", kommune=str(ID["kommune/05114"]))
    assert sum(column(krefeld, "inhabitants")) == 226844


def test_actor_profile_is_a_fast_point_lookup(shipped: OxigraphStore) -> None:
    result = run(shipped, "actor_profile")
    assert len(result.rows) == 1
    row = result.rows[0]
    assert str(row["name"]) == "Regionales Bildungsbüro Kreis Viersen (Beispiel)"
    assert (
        row["offers"].toPython(),
        row["cooperations"].toPython(),
        row["memberships"].toPython(),
    ) == (58, 45, 5)
    run(shipped, "actor_profile", actor=str(ID["actor/05114-vhs"]))


def test_site_coordinate_coverage(shipped: OxigraphStore) -> None:
    result = run(shipped, "site_coordinate_coverage")
    rows = {str(r["graph"]).rsplit("/", 1)[-1]: r for r in result.rows}
    assert (
        rows["example"]["sites"].toPython(),
        rows["example"]["with_coordinates"].toPython(),
    ) == (689, 682)
    assert (
        rows["schools"]["sites"].toPython(),
        rows["schools"]["with_coordinates"].toPython(),
    ) == (5424, 5424)


def test_contributions_over_time(shipped: OxigraphStore) -> None:
    result = run(shipped, "contributions_over_time")
    assert len(result.rows) == 1
    row = result.rows[0]
    assert (row["contributions"].toPython(), row["files"].toPython()) == (1, 6)
    counts = EXPECTED["counts"]
    # every data row of the six example files: actors and sites (689 each), offers, ...
    assert (
        row["data_rows"].toPython()
        == 2 * counts["actors"]
        + counts["offers"]
        + counts["cooperations"]
        + counts["networks"]
        + counts["memberships"]
        == 3106
    )
    assert re.fullmatch(r"\d{4}-\d{2}", str(row["month"]))


def test_schools_by_form(shipped: OxigraphStore) -> None:
    result = run(shipped, "schools_by_form")
    schools = by_key(result, "school_form", "schools")
    assert sum(schools.values()) == 5424  # all school records of the official list
    assert schools[("school-form-02",)] == 2787
    assert schools[("school-form-20",)] == 623
    assert by_key(result, "school_form", "private_schools")[("school-form-02",)] == 75


def test_gemeinden_per_kreis(shipped: OxigraphStore) -> None:
    result = run(shipped, "gemeinden_per_kreis")
    assert len(result.rows) == 53
    assert sum(column(result, "gemeinden")) == 396
    krefeld = next(r for r in result.rows if str(r["district_key"]) == "05114")
    assert (krefeld["gemeinden"].toPython(), krefeld["inhabitants"].toPython()) == (1, 226844)
    viersen = next(r for r in result.rows if str(r["district_key"]) == "05166")
    assert viersen["gemeinden"].toPython() == 9


def test_cooperation_network_is_a_graph(shipped: OxigraphStore) -> None:
    result = run(shipped, "cooperation_network")
    assert result.kind == "graph" and result.graph is not None
    cooperations = set(result.graph.subjects(RDF.type, BG.Cooperation))
    partners = set(result.graph.objects(None, BG.partner))
    assert (len(cooperations), len(partners)) == (41, 81)
    assert all(result.graph.value(p, SCHEMA.name) for p in partners)
