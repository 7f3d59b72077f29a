"""Confirmation standings in the network: edge attributes, the best-of rule for a pair,
``confirmed_only`` in graphs, measures and filters, and how views draw and explain them."""

from __future__ import annotations

import pytest

from bildungsgraph.analysis import network_analysis
from bildungsgraph.analysis.graphs import build_cooperation_graph
from bildungsgraph.analysis.model import (
    KOMMUNE_PREFIX,
    Actor,
    Cooperation,
    NetworkData,
    NetworkFilter,
)
from bildungsgraph.visualisation.builder import ViewSettings, build_network_view
from bildungsgraph.visualisation.grouping import Names

P = "https://w3id.org/bildungsgraph/id/actor/"
A, B, C, D = (P + k for k in ("05114-a", "05114-b", "05114-c", "05114-d"))
HOSTILE = "<script>alert(1)</script>"


def _data(*cooperations: Cooperation) -> NetworkData:
    actors = {
        iri: Actor(iri, iri.rsplit("-", 1)[-1].upper(), areas=frozenset({KOMMUNE_PREFIX + "05114"}))
        for iri in (A, B, C, D)
    }
    return NetworkData(actors, list(cooperations), [], {})


CLAIMED_C = Cooperation("c1", (A, B, C), pending=frozenset({C}))
CONFIRMED_AC = Cooperation("c2", (A, C))
DISPUTED_BD = Cooperation("c3", (B, D), disputed=frozenset({D}), reasons=((D, HOSTILE),))


def test_a_tie_is_confirmed_unless_one_of_its_two_ends_waits_or_disputes() -> None:
    assert CLAIMED_C.tie_standing(A, B) == "confirmed"
    assert CLAIMED_C.tie_standing(A, C) == "claimed"
    assert DISPUTED_BD.tie_standing(B, D) == "disputed"
    both = Cooperation("x", (A, B), pending=frozenset({A}), disputed=frozenset({B}))
    assert both.tie_standing(A, B) == "disputed"


def test_every_cooperation_edge_says_how_far_it_is_confirmed() -> None:
    graph = build_cooperation_graph(_data(CLAIMED_C, DISPUTED_BD))
    ab, bc, bd = graph.edges[A, B], graph.edges[B, C], graph.edges[B, D]
    assert (ab["confirmation"], ab["confirmed"], ab["claimed"]) == ("confirmed", 1, 0)
    assert (bc["confirmation"], bc["claimed"], bc["pending_by"]) == ("claimed", 1, C)
    assert (bd["confirmation"], bd["disputed"], bd["disputed_by"]) == ("disputed", 1, D)
    assert bd["reasons"] == f"{D}: {HOSTILE}"
    for _, _, attrs in graph.edges(data=True):  # plain values: every export takes them
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values())


def test_one_confirmed_cooperation_confirms_the_pair_and_the_counts_stay() -> None:
    graph = build_cooperation_graph(_data(CLAIMED_C, CONFIRMED_AC))
    ac = graph.edges[A, C]
    assert ac["confirmation"] == "confirmed"
    assert (ac["cooperations"], ac["confirmed"], ac["claimed"], ac["disputed"]) == (2, 1, 1, 0)


def test_disputed_is_worse_than_claimed_for_a_pair_without_a_confirmed_one() -> None:
    disputed = Cooperation("c4", (A, C), disputed=frozenset({C}))
    graph = build_cooperation_graph(_data(CLAIMED_C, disputed))
    assert graph.edges[A, C]["confirmation"] == "claimed"
    only = build_cooperation_graph(_data(disputed))
    assert only.edges[A, C]["confirmation"] == "disputed"


def test_confirmed_only_keeps_the_confirmed_ties() -> None:
    data = _data(CLAIMED_C, CONFIRMED_AC, DISPUTED_BD)
    graph = build_cooperation_graph(data, NetworkFilter(confirmed_only=True))
    assert {frozenset(e) for e in graph.edges()} == {frozenset((A, B)), frozenset((A, C))}
    assert graph.edges[A, C]["weight"] == 1  # the claimed cooperation is not counted
    assert build_cooperation_graph(data).edges[A, C]["weight"] == 2


def test_confirmed_only_draws_no_partner_from_elsewhere_without_a_confirmed_tie() -> None:
    outside = P + "05166-x"
    data = _data(Cooperation("c5", (A, outside), pending=frozenset({outside})))
    data.actors[outside] = Actor(outside, "X", areas=frozenset({KOMMUNE_PREFIX + "05166"}))
    flt = NetworkFilter(kommune="05114")
    assert outside in build_cooperation_graph(data, flt)
    assert outside not in build_cooperation_graph(
        data, NetworkFilter(kommune="05114", confirmed_only=True)
    )


def test_confirmed_only_changes_the_measures() -> None:
    data = _data(CLAIMED_C, DISPUTED_BD)
    every = network_analysis(data, NetworkFilter())
    confirmed = network_analysis(data, NetworkFilter(confirmed_only=True))
    assert every.measures.edge_count == 4
    assert confirmed.measures.edge_count == 1
    assert confirmed.parameters["confirmed_only"] == "true"
    assert "confirmed_only" not in every.parameters
    degree = {n.iri: n.degree for n in confirmed.measures.nodes}
    assert degree[D] == 0 and degree[A] == 1


def test_the_filter_is_the_memo_key() -> None:
    assert NetworkFilter(confirmed_only=True) != NetworkFilter()
    assert hash(NetworkFilter(confirmed_only=True)) != hash(NetworkFilter())
    assert NetworkFilter.from_slugs(confirmed_only=True).parameters() == {
        "ties": "cooperation",
        "confirmed_only": "true",
    }


def test_listing_edges_carry_the_standing() -> None:
    listing = network_analysis(_data(DISPUTED_BD), NetworkFilter()).listing()
    [edge] = listing["edges"]
    assert edge["confirmation"] == "disputed" and edge["disputed_by"] == D


@pytest.mark.parametrize("lang", ["de", "en"])
def test_views_dash_unconfirmed_ties_and_name_who_and_why(lang: str) -> None:
    graph = build_cooperation_graph(_data(CLAIMED_C, CONFIRMED_AC, DISPUTED_BD))
    view = build_network_view(graph, ViewSettings(lang=lang), Names({}, {}))
    assert view.confirmations == {"confirmed": 2, "claimed": 1, "disputed": 1}
    assert view.unconfirmed
    edges = {frozenset((e["from"], e["to"])): e for e in view.data()["edges"]}
    solid = edges[frozenset(("05114-a", "05114-b"))]
    assert "dashes" not in solid and "color" not in solid
    claimed = edges[frozenset(("05114-b", "05114-c"))]
    assert claimed["dashes"] and "color" not in claimed
    awaiting = "wartet auf Bestätigung durch C" if lang == "de" else "awaiting confirmation by C"
    assert awaiting in claimed["title"]
    disputed = edges[frozenset(("05114-b", "05114-d"))]
    assert disputed["dashes"] and disputed["color"]["color"] == "#c62828"
    by = "bestritten von D" if lang == "de" else "disputed by D"
    assert f"⚠ {by}: {HOSTILE}" in disputed["title"]  # plain text: the page shows textContent
    assert disputed["title"].startswith("⚠")


def test_a_view_of_confirmed_ties_only_needs_no_explanation() -> None:
    graph = build_cooperation_graph(_data(CONFIRMED_AC))
    view = build_network_view(graph, ViewSettings(), Names({}, {}))
    assert view.confirmations == {"confirmed": 1}
    assert not view.unconfirmed
    [edge] = view.data()["edges"]
    assert edge["title"] == "Kooperationen: 1"


def test_the_view_json_escapes_a_hostile_reason() -> None:
    graph = build_cooperation_graph(_data(DISPUTED_BD))
    text = build_network_view(graph, ViewSettings(), Names({}, {})).data_json()
    assert "<script>" not in text and "\\u003cscript\\u003e" in text


def test_aggregated_views_count_the_standings_of_every_tie() -> None:
    data = _data(CLAIMED_C, CONFIRMED_AC, DISPUTED_BD)
    for iri, place in ((A, "05114000"), (B, "05114000"), (C, "05166004"), (D, "05166004")):
        data.actors[iri].municipalities = {KOMMUNE_PREFIX + place}
    graph = build_cooperation_graph(data)
    view = build_network_view(graph, ViewSettings(max_nodes=2), Names({}, {}))
    assert view.aggregated
    assert view.confirmations == {"confirmed": 2, "claimed": 1, "disputed": 1}
    # a–c (two cooperations), b–c (claimed) and b–d (disputed) join the two Gemeinden
    [between] = view.edges
    assert between.title == "Verbindungen: 4\nnoch nicht bestätigt: 1\nbestritten: 1"
