"""Two kinds of ties (cooperations, network memberships) and filters that keep actors."""

from __future__ import annotations

from datetime import date

import pytest

from bildungsgraph.analysis.engine import network_analysis
from bildungsgraph.analysis.graphs import build_cooperation_graph, matching_actors
from bildungsgraph.analysis.model import (
    ID_PREFIX,
    KOMMUNE_PREFIX,
    TIES,
    Actor,
    Cooperation,
    Kommune,
    Membership,
    NetworkData,
    NetworkFilter,
    Period,
    kennung,
)
from bildungsgraph.errors import InvalidParameterError
from bildungsgraph.namespaces import BG
from bildungsgraph.readmodel.network import _neighbourhood, ego_view
from bildungsgraph.records.values import iris
from bildungsgraph.service import BildungsGraph
from bildungsgraph.visualisation.builder import ViewSettings
from bildungsgraph.visualisation.explorer import ego_view_for, network_view_for
from bildungsgraph.visualisation.filters import parse_filter
from bildungsgraph.visualisation.source import FilterConcept, FilterVocabulary, NetworkSource
from bildungsgraph.visualisation.ties import TIE_MEANINGS, matched_sentence, tie_meaning

VOCAB = "https://w3id.org/bildungsgraph/vocab/"
TOPIC, OTHER_TOPIC = VOCAB + "topic/language-literacy", VOCAB + "topic/stem"
EARLY = VOCAB + "life-phase/early-childhood"
KITA, SCHOOL = VOCAB + "actor-type/childcare", VOCAB + "actor-type/school"
INSIDE, OUTSIDE = "05166008", "05114000"  # Grefrath (Kreis Viersen), Krefeld
NET = ID_PREFIX + "network/"


def actor(name: str) -> str:
    return ID_PREFIX + "actor/" + name


def _kommunen() -> dict[str, Kommune]:
    units = [
        Kommune(KOMMUNE_PREFIX + "05166", "05166", "Viersen", "district", KOMMUNE_PREFIX + "05"),
        Kommune(
            KOMMUNE_PREFIX + INSIDE, INSIDE, "Grefrath", "municipality", KOMMUNE_PREFIX + "05166"
        ),
        Kommune(KOMMUNE_PREFIX + "05114", "05114", "Krefeld", "city", KOMMUNE_PREFIX + "05"),
        Kommune(
            KOMMUNE_PREFIX + OUTSIDE,
            OUTSIDE,
            "Krefeld, Stadt",
            "municipality",
            KOMMUNE_PREFIX + "05114",
        ),
    ]
    return {unit.iri: unit for unit in units}


def _actor(name: str, key: str, kind: str, *offers: frozenset[str]) -> Actor:
    return Actor(
        iri=actor(name),
        name=name.title(),
        types={kind},
        sectors={kind},
        municipalities={KOMMUNE_PREFIX + key},
        districts={KOMMUNE_PREFIX + key[:5]},
        areas=frozenset(KOMMUNE_PREFIX + k for k in (key, key[:5], "05")),
        offers=offers,
    )


def _landscape() -> NetworkData:
    """Grefrath: a Kita with a language offer for small children (a), a Kita with a STEM offer
    (b), a school (c), a school without any tie (d); Krefeld: a Kita (k) with a language offer,
    a school (s). Cooperations a–b (language), a–c, a–k (language), c–s; one network of
    a, b, c, s and one of b, d."""
    actors = [
        _actor("a", INSIDE, KITA, frozenset({TOPIC, EARLY})),
        _actor("b", INSIDE, KITA, frozenset({OTHER_TOPIC, EARLY})),
        _actor("c", INSIDE, SCHOOL),
        _actor("d", INSIDE, SCHOOL),
        _actor("k", OUTSIDE, KITA, frozenset({TOPIC})),
        _actor("s", OUTSIDE, SCHOOL),
    ]
    language = frozenset({TOPIC})
    cooperations = [
        Cooperation(
            ID_PREFIX + "cooperation/ab",
            (actor("a"), actor("b")),
            topics=language,
            life_phases=frozenset({EARLY}),
        ),
        Cooperation(ID_PREFIX + "cooperation/ac", (actor("a"), actor("c"))),
        Cooperation(ID_PREFIX + "cooperation/ak", (actor("a"), actor("k")), topics=language),
        Cooperation(
            ID_PREFIX + "cooperation/cs",
            (actor("c"), actor("s")),
            period=Period(date(2020, 1, 1), date(2021, 1, 1)),
        ),
    ]
    memberships = [
        Membership(
            ID_PREFIX + f"membership/{n}{m}",
            NET + n,
            actor(m),
            network_name=f"Netz {n}",
            topics=language if n == "lang" else frozenset(),
        )
        for n, members in (("lang", "abcs"), ("rest", "bd"))
        for m in members
    ]
    return NetworkData({a.iri: a for a in actors}, cooperations, memberships, _kommunen())


def _kinds(graph: object) -> set[str]:
    return {kind for *_, kind in graph.edges(data="kind")}  # type: ignore[attr-defined]


def _networks(graph: object) -> set[str]:
    return {n for n, kind in graph.nodes(data="node_kind") if kind == "network"}  # type: ignore[attr-defined]


# --- tie kinds ---------------------------------------------------------------------------


def test_the_default_is_cooperations_only() -> None:
    graph = build_cooperation_graph(_landscape(), NetworkFilter(kommune=INSIDE))
    assert NetworkFilter().ties == "cooperation" and graph.graph["ties"] == "cooperation"
    assert _kinds(graph) == {"cooperation"} and not _networks(graph)
    assert not graph.has_edge(actor("b"), actor("c"))  # only a shared network: no tie
    assert graph.has_edge(actor("a"), actor("k")) and graph.has_edge(actor("c"), actor("s"))
    assert graph.degree(actor("d")) == 0  # drawn, but alone
    assert all(attrs["networks"] == 0 for *_, attrs in graph.edges(data=True))


def test_a_cooperation_with_three_partners_joins_each_pair() -> None:
    data = _landscape()
    data.cooperations.append(
        Cooperation(ID_PREFIX + "cooperation/bcd", (actor("b"), actor("c"), actor("d")))
    )
    graph = build_cooperation_graph(data, NetworkFilter(kommune=INSIDE))
    assert all(graph.has_edge(actor(x), actor(y)) for x, y in ("bc", "bd", "cd"))


def test_memberships_are_a_bipartite_graph_with_one_node_per_network() -> None:
    graph = build_cooperation_graph(_landscape(), NetworkFilter(kommune=INSIDE, ties="membership"))
    assert _networks(graph) == {NET + "lang", NET + "rest"} and _kinds(graph) == {"membership"}
    for a, b in graph.edges():
        assert (a in _networks(graph)) != (b in _networks(graph))  # never actor–actor
    lang = graph.nodes[NET + "lang"]
    assert lang["label"] == "Netz lang" and lang["kennung"] == "lang" and lang["members"] == 4
    assert set(graph[NET + "lang"]) == {actor(m) for m in "abcs"}
    assert graph.nodes[actor("a")]["node_kind"] == "actor"
    assert not graph.nodes[actor("s")]["in_scope"]  # a member from Krefeld
    assert graph.edges[actor("a"), NET + "lang"]["weight"] == 1


def test_all_is_the_union_of_both_kinds() -> None:
    data = _landscape()
    cooperation = build_cooperation_graph(data, NetworkFilter(kommune=INSIDE))
    membership = build_cooperation_graph(data, NetworkFilter(kommune=INSIDE, ties="membership"))
    both = build_cooperation_graph(data, NetworkFilter(kommune=INSIDE, ties="all"))
    assert set(both) == set(cooperation) | set(membership)
    edges = {frozenset(e) for e in both.edges()}
    assert edges == {frozenset(e) for e in cooperation.edges()} | {
        frozenset(e) for e in membership.edges()
    }
    assert _kinds(both) == {"cooperation", "membership"}


def test_unknown_ties_are_refused() -> None:
    with pytest.raises(ValueError, match="ties"):
        NetworkFilter(ties="bogus")
    with pytest.raises(InvalidParameterError, match="cooperation, membership, all"):
        parse_filter(_vocabulary(), ties="bogus")
    assert parse_filter(_vocabulary(), ties="").ties == "cooperation"
    assert {parse_filter(_vocabulary(), ties=t).ties for t in TIES} == set(TIES)


def test_measures_say_their_ties_and_leave_networks_out_of_the_actor_measures() -> None:
    data = _landscape()
    for ties in TIES:
        result = network_analysis(data, NetworkFilter(kommune=INSIDE, ties=ties))
        assert result.ties == ties == result.measures.ties
        assert result.parameters["ties"] == ties
        assert all(not n.iri.startswith(NET) for n in result.measures.nodes)
        networks = result.measures.network_nodes
        assert networks == (0 if ties == "cooperation" else 2)
        assert result.measures.node_count == len(result.graph)
    membership = network_analysis(data, NetworkFilter(kommune=INSIDE, ties="membership"))
    by_iri = membership.measures.by_iri()
    assert not by_iri[actor("d")].isolated and by_iri[actor("d")].degree == 1  # in "rest"
    assert not any(n.iri.startswith(NET) for n in membership.measures.brokers)
    cooperation = network_analysis(data, NetworkFilter(kommune=INSIDE))
    assert [n.kennung for n in cooperation.measures.isolated] == ["d"]


def test_the_ego_network_follows_the_chosen_ties() -> None:
    source = NetworkSource(_landscape(), _vocabulary())
    settings = ViewSettings()
    cooperation = ego_view_for(source, "b", 1, settings)
    assert {n.id for n in cooperation.nodes} == {"a", "b"}
    assert cooperation.ties == "cooperation" and cooperation.parameters["ties"] == "cooperation"
    membership = ego_view_for(source, "b", 1, settings, "membership")
    # one step through a network: the networks and their fellow members
    assert {n.id for n in membership.nodes} == {
        "b",
        "network:lang",
        "network:rest",
        "a",
        "c",
        "d",
        "s",
    }
    assert {e.kind for e in membership.edges} == {"membership"}
    assert next(n for n in membership.nodes if n.id == "network:lang").kind == "network"
    both = ego_view_for(source, "b", 1, settings, "all")
    assert {n.id for n in both.nodes} == {n.id for n in membership.nodes}
    assert {e.kind for e in both.edges} == {"cooperation", "membership"}
    assert both.tie_meaning == tie_meaning("all") != membership.tie_meaning


# --- filters that keep actors -------------------------------------------------------------


def test_a_topic_keeps_the_actors_with_a_matching_offer_cooperation_or_network() -> None:
    data = _landscape()
    language = NetworkFilter(kommune=INSIDE, topic=TOPIC)
    # a: offer; b: cooperation a–b and the network; c, s: the language network; k: offer
    assert matching_actors(data, language) == {actor(m) for m in "abcks"}
    graph = build_cooperation_graph(data, language)
    assert graph.graph["matched"] == 3 and graph.graph["scope_actors"] == 4
    assert set(graph) == {actor(m) for m in "abck"}  # k: a matching partner from Krefeld
    assert set(graph.edges()) == {(actor("a"), actor("b")), (actor("a"), actor("k"))}
    assert not graph.nodes[actor("k")]["in_scope"]


def test_topic_and_life_phase_need_one_offer_with_both() -> None:
    data = _landscape()
    both = NetworkFilter(kommune=INSIDE, topic=TOPIC, life_phase=EARLY)
    # a has the offer; b's offer is STEM, but the cooperation a–b has both values
    assert matching_actors(data, both) & {actor(m) for m in "abcd"} == {actor("a"), actor("b")}
    stem = NetworkFilter(kommune=INSIDE, topic=OTHER_TOPIC, life_phase=EARLY)
    assert matching_actors(data, stem) == {actor("b")}


def test_the_actor_type_keeps_its_actors_and_partners_come_on_request() -> None:
    data = _landscape()
    schools = build_cooperation_graph(data, NetworkFilter(kommune=INSIDE, actor_type=SCHOOL))
    assert set(schools) == {actor("c"), actor("d"), actor("s")}  # s: a school from Krefeld
    with_partners = build_cooperation_graph(
        data, NetworkFilter(kommune=INSIDE, actor_type=SCHOOL, partners=True)
    )
    assert set(with_partners) == {actor(m) for m in "acds"}
    assert not with_partners.nodes[actor("a")]["in_scope"]  # a partner, not a match


def test_partners_bring_every_active_tie_of_the_matching_actors() -> None:
    data = _landscape()
    language = NetworkFilter(kommune=INSIDE, topic=TOPIC, partners=True)
    graph = build_cooperation_graph(data, language)
    assert graph.has_edge(actor("a"), actor("c"))  # a tie without the topic, to a partner
    assert graph.graph["matched"] == 3  # partners are not counted as matches
    dated = build_cooperation_graph(
        data, NetworkFilter(kommune=INSIDE, topic=TOPIC, partners=True, as_of=date(2026, 1, 1))
    )
    assert not dated.has_edge(actor("c"), actor("s"))  # ended in 2021


def test_hide_isolated_drops_actors_without_a_tie() -> None:
    data = _landscape()
    shown = build_cooperation_graph(data, NetworkFilter(kommune=INSIDE))
    hidden = build_cooperation_graph(data, NetworkFilter(kommune=INSIDE, hide_isolated=True))
    assert actor("d") in shown and actor("d") not in hidden
    assert all(degree > 0 for _, degree in hidden.degree())
    assert hidden.graph["matched"] == shown.graph["matched"]
    assert parse_filter(_vocabulary(), isolated="hide").hide_isolated
    with pytest.raises(InvalidParameterError):
        parse_filter(_vocabulary(), isolated="maybe")
    with pytest.raises(InvalidParameterError):
        parse_filter(_vocabulary(), partners="yes please")


def test_the_view_reports_the_matched_actors_and_what_a_tie_means() -> None:
    source = NetworkSource(_landscape(), _vocabulary())
    flt = parse_filter(_vocabulary(), kommune=INSIDE, topic="language-literacy")
    view = network_view_for(source, flt, ViewSettings())
    assert view.matched == 3 and view.scope_actors == 4
    assert view.matched_text == "3 von 4 Akteuren passen zum Filter"
    assert view.ties == "cooperation" and view.tie_meaning == tie_meaning("cooperation")
    english = network_view_for(source, flt, ViewSettings(lang="en"))
    assert english.matched_text == "3 of 4 actors match the filter"
    assert english.tie_meaning == TIE_MEANINGS["cooperation"][1]
    plain = network_view_for(source, parse_filter(_vocabulary(), kommune=INSIDE), ViewSettings())
    assert plain.matched_text == "" and plain.matched == plain.scope_actors == 4


def test_network_nodes_and_membership_edges_reach_the_view() -> None:
    source = NetworkSource(_landscape(), _vocabulary())
    view = network_view_for(source, NetworkFilter(kommune=INSIDE, ties="all"), ViewSettings())
    lang = next(n for n in view.nodes if n.id == "network:lang")
    assert lang.kind == "network" and lang.actor is None and lang.label == "Netz lang"
    assert "4 Mitglieder" in lang.title and lang.vis()["kind"] == "network"
    kinds = {(e.source, e.target): e.kind for e in view.edges}
    assert "membership" in kinds.values() and "cooperation" in kinds.values()
    assert all(("network:" in s + t) == (k == "membership") for (s, t), k in kinds.items())
    assert {e.vis()["kind"] for e in view.edges} == {"cooperation", "membership"}
    assert "Mitgliedschaft" in view.tie_meaning


def test_every_tie_kind_has_a_sentence_in_both_languages() -> None:
    assert set(TIE_MEANINGS) == set(TIES)
    for ties in TIES:
        assert tie_meaning(ties).startswith("Eine Verbindung ist")
        assert tie_meaning(ties, "en").startswith("A tie is")
    assert matched_sentence(1234, 5678) == "1.234 von 5.678 Akteuren passen zum Filter"


def _vocabulary() -> FilterVocabulary:
    concepts = {
        "actor-type": [
            FilterConcept("childcare", "actor-type", "Kita", "Childcare"),
            FilterConcept("school", "actor-type", "Schule", "School"),
        ],
        "topic": [
            FilterConcept("language-literacy", "topic", "Sprache", "Language"),
            FilterConcept("stem", "topic", "MINT", "STEM"),
        ],
        "life-phase": [FilterConcept("early-childhood", "life-phase", "Früh", "Early")],
        "programme": [],
    }
    return FilterVocabulary(concepts, _kommunen())


@pytest.mark.slow
def test_the_read_models_ego_neighbourhood_follows_the_ties(loaded_service: BildungsGraph) -> None:
    view = loaded_service.readmodel.current()
    iri = actor("05166-bildungsbuero")
    records, index = view.snapshot.records, view.index
    partners = {
        p
        for c in index.actor_cooperations[iri]
        for p in iris(records["cooperations"][c], BG.partner)
    }
    networks = {
        n for m in index.actor_memberships[iri] for n in iris(records["memberships"][m], BG.network)
    }
    members = {
        a
        for n in networks
        for m in index.network_memberships[n]
        for a in iris(records["memberships"][m], BG.member)
    }
    cooperation = _neighbourhood(view, iri, 1, "cooperation")
    membership = _neighbourhood(view, iri, 1, "membership")
    assert cooperation == partners | {iri} and membership == members | {iri}
    assert _neighbourhood(view, iri, 1, "all") == cooperation | membership
    assert membership - cooperation  # fellow members that are no partners
    ego = ego_view(view, "05166-bildungsbuero", 1, ViewSettings(max_nodes=1000), "cooperation")
    assert {n.actor for n in ego.nodes} == {kennung(a) for a in cooperation}
