"""Network views: aggregation above the limit, colours, sizes, safe JSON, seeded positions."""

from __future__ import annotations

import json
from datetime import date
from itertools import count

import networkx as nx
import pytest

from bildungsgraph.analysis.graphs import build_cooperation_graph
from bildungsgraph.analysis.model import (
    ID_PREFIX,
    KOMMUNE_PREFIX,
    Actor,
    Cooperation,
    Kommune,
    NetworkData,
    NetworkFilter,
)
from bildungsgraph.errors import InvalidParameterError, NotFoundError
from bildungsgraph.visualisation.builder import ViewSettings
from bildungsgraph.visualisation.explorer import ego_view_for, network_view_for
from bildungsgraph.visualisation.filters import network_choices, parse_filter
from bildungsgraph.visualisation.layout import LAYOUT_FROM, seeded_positions
from bildungsgraph.visualisation.palette import OTHER, PALETTE
from bildungsgraph.visualisation.source import FilterConcept, FilterVocabulary, NetworkSource

XSS = "<img src=x onerror=alert(1)>"
TYPES = "https://w3id.org/bildungsgraph/vocab/actor-type/"
GEMEINDEN = {"05166004": "Brüggen", "05166008": "Grefrath", "05166012": "Kempen"}


def _kommunen() -> dict[str, Kommune]:
    kreis = Kommune(KOMMUNE_PREFIX + "05166", "05166", "Viersen", "district", KOMMUNE_PREFIX + "05")
    city = Kommune(KOMMUNE_PREFIX + "05114", "05114", "Krefeld", "city", KOMMUNE_PREFIX + "05")
    units = [
        kreis,
        city,
        Kommune(
            KOMMUNE_PREFIX + "05114000", "05114000", "Krefeld, Stadt", "municipality", city.iri
        ),
    ]
    units += [
        Kommune(KOMMUNE_PREFIX + key, key, name, "municipality", kreis.iri)
        for key, name in GEMEINDEN.items()
    ]
    return {unit.iri: unit for unit in units}


def _landscape(per_gemeinde: int = 20, name: str | None = None) -> NetworkData:
    """Actors in three Gemeinden of Viersen and in Krefeld, each tied to the next ones."""
    actors: dict[str, Actor] = {}
    numbers = count()
    for key in [*GEMEINDEN, "05114000"]:
        for i in range(per_gemeinde):
            iri = f"{ID_PREFIX}actor/a{next(numbers):03d}"
            top = ("school", "childcare", "sport")[i % 3]
            actors[iri] = Actor(
                iri=iri,
                name=name if name and not actors else f"Akteur {len(actors)}",
                types={TYPES + (top if i % 2 else "primary-school" if top == "school" else top)},
                sectors={TYPES + top},
                municipalities={KOMMUNE_PREFIX + key},
                districts={KOMMUNE_PREFIX + key[:5]},
                areas=frozenset(KOMMUNE_PREFIX + k for k in (key, key[:5], "05")),
            )
    iris = sorted(actors)
    cooperations = [
        Cooperation(
            f"{ID_PREFIX}cooperation/c{i}",
            (iris[i], iris[(i + step) % len(iris)]),
            topics=frozenset({"t"} if i % 2 else set()),
        )
        for i in range(len(iris))
        for step in (1, 7)
    ]
    return NetworkData(actors, cooperations, [], _kommunen())


def _concepts() -> dict[str, list[FilterConcept]]:
    return {
        "actor-type": [
            FilterConcept(slug, "actor-type", slug.title(), slug, None)
            for slug in ("childcare", "school", "sport")
        ]
        + [FilterConcept("primary-school", "actor-type", "Grundschule", "Primary", "school")],
        "topic": [FilterConcept("stem", "topic", "MINT", "STEM")],
        "life-phase": [],
        "programme": [],
    }


def _vocabulary() -> FilterVocabulary:
    return FilterVocabulary(_concepts(), _kommunen())


def _source(data: NetworkData | None = None) -> NetworkSource:
    return NetworkSource(data or _landscape(), _vocabulary())


def _view(flt: NetworkFilter, **settings: object) -> object:
    return network_view_for(_source(), flt, ViewSettings(**settings))  # type: ignore[arg-type]


def test_below_the_limit_every_actor_is_drawn_with_legend_counts() -> None:
    view = _view(NetworkFilter(kommune="05166004"), max_nodes=300)
    assert not view.aggregated and view.aggregated_by is None and not view.truncated
    inside = [n for n in view.nodes if n.in_scope]
    assert len(inside) == 20 and len(view.nodes) == view.total_nodes
    assert all(n.actor == n.id and n.count == 1 and n.expand is None for n in view.nodes)
    assert sum(entry.count for entry in view.legend) == len(view.nodes)
    assert {e.label for e in view.legend} <= {"School", "Childcare", "Sport"}


def test_above_the_limit_the_kreis_is_aggregated_by_gemeinde() -> None:
    view = _view(NetworkFilter(kommune="05166"), max_nodes=30)
    assert view.aggregated and view.aggregated_by == "kommune"
    assert view.total_nodes > 30 and sum(n.count for n in view.nodes) == view.total_nodes
    expands = {n.expand for n in view.nodes}
    assert {("kommune", key) for key in GEMEINDEN} <= expands
    assert ("kommune", "05114") in expands  # the partners in Krefeld: their own group
    brueggen = next(n for n in view.nodes if n.expand == ("kommune", "05166004"))
    assert brueggen.label == "Brüggen (20)" and brueggen.actor is None
    assert "Brüggen" in brueggen.title and "20 Akteure" in brueggen.title
    assert sum(e.weight for e in view.edges) + sum(int(n.value) for n in view.nodes) == (
        view.total_edges
    )


def test_a_gemeinde_above_the_limit_falls_back_to_actor_types() -> None:
    view = _view(NetworkFilter(kommune="05166004"), max_nodes=10)
    assert view.aggregated_by == "actor_type"
    assert {n.expand for n in view.nodes} >= {("actor_type", "school"), ("actor_type", "sport")}
    by_community = _view(NetworkFilter(kommune="05166004"), max_nodes=10, group_by="community")
    assert by_community.aggregated_by == "community"
    assert all(n.expand[0] == "community" for n in by_community.nodes if n.expand)


def test_expanding_a_community_keeps_its_actors() -> None:
    grouped = _view(NetworkFilter(kommune="05166"), max_nodes=30, group_by="community")
    first = next(n for n in grouped.nodes if n.expand)
    number = int(first.expand[1])
    expanded = network_view_for(
        _source(), NetworkFilter(kommune="05166"), ViewSettings(max_nodes=300), community=number
    )
    assert expanded.total_nodes == first.count and expanded.parameters["community"] == str(number)
    with pytest.raises(NotFoundError):  # a well-formed number that names no community: 404
        network_view_for(_source(), NetworkFilter(), ViewSettings(), community=999)


def test_actor_type_colours_are_fixed_and_sizes_follow_the_measure() -> None:
    one = _view(NetworkFilter(kommune="05166004"))
    other = _view(NetworkFilter(kommune="05166008"))
    colour = {n.group: n.colour for n in [*one.nodes, *other.nodes]}
    names = sorted(colour)
    assert [colour[k] for k in names] == list(PALETTE[: len(names)])  # palette order = slug order
    degree = {n.id: n for n in one.nodes}
    graph = build_cooperation_graph(_landscape(), NetworkFilter(kommune="05166004"))
    biggest = max(graph.degree(), key=lambda item: item[1])[0].rsplit("/", 1)[-1]
    assert degree[biggest].size == max(n.size for n in one.nodes)
    uniform = _view(NetworkFilter(kommune="05166004"), size_by=None)
    assert len({n.size for n in uniform.nodes}) == 1 and uniform.size_label == ""


def test_community_colours_give_the_largest_communities_the_palette() -> None:
    view = _view(NetworkFilter(kommune="05166004"), colour_by="community")
    assert {n.colour for n in view.nodes} <= {*PALETTE, OTHER}
    assert view.legend[0].count >= view.legend[-1].count


def test_data_json_is_safe_inside_a_script_element_and_keeps_the_text() -> None:
    data = _landscape(name=f"</script>{XSS}")
    view = network_view_for(NetworkSource(data, _vocabulary()), NetworkFilter(), ViewSettings())
    text = view.data_json()
    assert "<" not in text and ">" not in text and "&" not in text
    parsed = json.loads(text)
    node = next(n for n in parsed["nodes"] if n["label"].startswith("</script>"))
    assert node["label"] == f"</script>{XSS}" and node["title"].startswith(f"</script>{XSS}\n")
    assert parsed["options"]["physics"]["enabled"] is False  # 80 nodes: positions from the server


def test_small_views_settle_in_the_browser_with_bounded_iterations() -> None:
    view = _view(NetworkFilter(kommune="05166004"), max_nodes=10)
    options = view.data()["options"]
    assert (
        options["physics"]["enabled"] and options["physics"]["stabilization"]["iterations"] <= 500
    )
    assert options["edges"]["smooth"]["enabled"] is False
    assert all("x" not in node for node in view.data()["nodes"])


def test_seeded_positions_are_deterministic_and_cover_every_node() -> None:
    graph = nx.relabel_nodes(nx.gnm_random_graph(LAYOUT_FROM + 10, 90, seed=3), str)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(graph)))
    shuffled.add_edges_from(reversed(list(graph.edges())))
    first = seeded_positions(graph, 42)
    assert first == seeded_positions(shuffled, 42) and set(first) == set(graph)
    assert first != seeded_positions(graph, 7)
    view = _view(NetworkFilter(), max_nodes=300)
    assert not view.physics and all(n.x is not None and n.y is not None for n in view.nodes)
    assert view == _view(NetworkFilter(), max_nodes=300)


def test_the_actor_type_filter_includes_narrower_types() -> None:
    data = _landscape()
    schools = build_cooperation_graph(data, NetworkFilter.from_slugs(actor_type="school"))
    primary = build_cooperation_graph(data, NetworkFilter.from_slugs(actor_type="primary-school"))
    inside = {n for n, s in schools.nodes(data="in_scope") if s}
    inside_primary = {n for n, s in primary.nodes(data="in_scope") if s}
    assert inside_primary < inside
    assert all(TYPES + "school" in data.actors[n].sectors for n in inside)
    assert all(s for _, s in schools.nodes(data="in_scope"))  # only the matching actors
    with_partners = build_cooperation_graph(
        data, NetworkFilter.from_slugs(actor_type="school", partners=True)
    )
    assert any(not s for _, s in with_partners.nodes(data="in_scope"))  # partners on request


def test_page_values_are_parsed_and_checked() -> None:
    source = _vocabulary()
    flt = parse_filter(
        source, kommune="05166", actor_type="school", topic="stem", as_of="2024-05-01"
    )
    assert flt.kommune == "05166" and flt.actor_type == TYPES + "school"
    assert flt.as_of == date(2024, 5, 1) and flt.topic.endswith("/topic/stem")
    assert parse_filter(source, kommune="05", topic="") == NetworkFilter()
    for bad in (
        {"kommune": "05999"},
        {"kommune": "x"},
        {"topic": "nope"},
        {"actor_type": "<b>"},
        {"as_of": "2024-13-01"},
        {"as_of": "1800-01-01"},
    ):
        with pytest.raises(InvalidParameterError):
            parse_filter(source, **bad)
    with pytest.raises(InvalidParameterError):
        ViewSettings(colour_by="nope")
    choices = network_choices(source, "en")
    assert [c.label for c in choices.kommunen][:2] == ["Krefeld", "Viersen"]
    assert any(c.level == 1 and c.value == "primary-school" for c in choices.actor_types)


def test_ego_views_have_the_actor_in_the_centre() -> None:
    source = _source()
    one = ego_view_for(source, "a000", 1, ViewSettings())
    two = ego_view_for(source, "a000", 2, ViewSettings())
    centre = [n for n in one.nodes if n.highlight]
    assert [n.id for n in centre] == ["a000"] and len(one.nodes) == 5 < len(two.nodes)
    limited = ego_view_for(source, "a000", 2, ViewSettings(max_nodes=6))
    assert len(limited.nodes) == 6 and limited.truncated and "a000" in {n.id for n in limited.nodes}
    with pytest.raises(NotFoundError):
        ego_view_for(source, "nobody", 1, ViewSettings())
    with pytest.raises(InvalidParameterError):
        ego_view_for(source, "a000", 3, ViewSettings())
