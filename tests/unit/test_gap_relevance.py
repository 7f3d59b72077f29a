"""Gaps that mean something: which life phase × topic pairs are relevant is data in the topic
vocabulary (bg:relevantLifePhase), only relevant pairs can be gaps; a Gemeinde without any
recorded offer is judged; candidate partners come from the same Gemeinde first."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from bildungsgraph.analysis.gaps import (
    Gap,
    gaps_from_cells,
    is_relevant,
    kommune_cells,
    pair_cells,
    rank_and_flag,
    topic_relevance,
)
from bildungsgraph.analysis.model import Actor, Concept, Kommune
from bildungsgraph.analysis.partners import (
    PHASE_ACTOR_TYPES,
    LocalActor,
    Offering,
    candidate_partners,
    fitting_actor_types,
)
from bildungsgraph.analysis.population import Population
from bildungsgraph.config import ONTOLOGY_FILE, VOCAB_DIR
from bildungsgraph.namespaces import BG, concept_iri
from bildungsgraph.readmodel.figures import kommune_iri
from bildungsgraph.readmodel.gaps import gap_analysis
from bildungsgraph.service import BildungsGraph

TOPICS = VOCAB_DIR / "topic.ttl"
LIFE_PHASES = VOCAB_DIR / "life-phase.ttl"
KREIS, GREFRATH, NIEDERKRUECHTEN = "05166", "05166008", "05166020"


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    graph = Graph()
    graph.parse(TOPICS, format="turtle")
    graph.parse(LIFE_PHASES, format="turtle")
    return graph


def _scheme_concepts(graph: Graph, scheme: str) -> set[URIRef]:
    iri = URIRef(f"https://w3id.org/bildungsgraph/vocab/{scheme}")
    return {c for c in graph.subjects(SKOS.inScheme, iri) if isinstance(c, URIRef)}


def _analysis_concepts(graph: Graph) -> dict[str, Concept]:
    """The vocabulary as the read model loads it (``analysis_concepts.rq``)."""
    concepts = {}
    for scheme in ("life-phase", "topic"):
        for iri in _scheme_concepts(graph, scheme):
            phases = tuple(
                sorted(str(p).rsplit("/", 1)[-1] for p in graph.objects(iri, BG.relevantLifePhase))
            )
            concepts[str(iri)] = Concept(
                str(iri), scheme, str(iri), str(iri), relevant_phases=phases
            )
    return concepts


# -- the property and the vocabulary ------------------------------------------------------


def test_the_property_is_defined_in_the_ontology() -> None:
    onto = Graph().parse(ONTOLOGY_FILE, format="turtle")
    term = BG.relevantLifePhase
    assert (term, RDF.type, OWL.ObjectProperty) in onto
    for prop in (RDFS.label, SKOS.definition, RDFS.comment):
        assert {o.language for o in onto.objects(term, prop) if isinstance(o, Literal)} == {
            "de",
            "en",
        }, prop
    assert onto.value(term, RDFS.domain) == SKOS.Concept
    assert onto.value(term, RDFS.range) == SKOS.Concept


def test_every_topic_names_life_phases_with_its_reasoning(vocabulary: Graph) -> None:
    phases = _scheme_concepts(vocabulary, "life-phase")
    topics = _scheme_concepts(vocabulary, "topic")
    assert len(topics) == 17
    general_school = concept_iri("life-phase", "general-school")
    school_parts = {concept_iri("life-phase", s) for s in ("primary", "secondary-1", "secondary-2")}
    for topic in topics:
        named = set(vocabulary.objects(topic, BG.relevantLifePhase))
        assert named, f"{topic}: no relevant life phase"
        assert named <= phases, f"{topic}: {named - phases}"
        if named & school_parts:
            assert general_school in named, f"{topic}: a school phase without general school"
        notes = {
            n.language for n in vocabulary.objects(topic, SKOS.scopeNote) if isinstance(n, Literal)
        }
        assert notes == {"de", "en"}, f"{topic}: reasoning in skos:scopeNote de and en"


def test_the_reasoned_examples(vocabulary: Graph) -> None:
    relevance = topic_relevance(_analysis_concepts(vocabulary))
    assert not is_relevant(relevance, "higher-education", "all-day-school")
    assert not is_relevant(relevance, "early-childhood", "all-day-school")
    assert is_relevant(relevance, "primary", "all-day-school")
    assert not is_relevant(relevance, "early-childhood", "career-orientation")
    assert is_relevant(relevance, "secondary-1", "career-orientation")
    assert is_relevant(relevance, "vocational", "career-orientation")
    assert all(relevance[t] for t in relevance)  # every topic has a relevant life phase


def test_a_topic_without_the_property_applies_everywhere() -> None:
    base = "https://w3id.org/bildungsgraph/vocab/"
    concepts = {
        f"{base}life-phase/a": Concept(f"{base}life-phase/a", "life-phase", "A", "A"),
        f"{base}life-phase/b": Concept(f"{base}life-phase/b", "life-phase", "B", "B"),
        f"{base}topic/x": Concept(f"{base}topic/x", "topic", "X", "X"),
        f"{base}topic/y": Concept(f"{base}topic/y", "topic", "Y", "Y", relevant_phases=("b",)),
    }
    relevance = topic_relevance(concepts)
    assert relevance == {"x": frozenset({"a", "b"}), "y": frozenset({"b"})}
    assert is_relevant(relevance, "a", "unknown-topic")


def test_cells_that_are_not_relevant_are_never_gaps(vocabulary: Graph) -> None:
    concepts = _analysis_concepts(vocabulary)
    relevance = topic_relevance(concepts)
    phases = sorted(c.slug for c in concepts.values() if c.scheme == "life-phase")
    topics = sorted(c.slug for c in concepts.values() if c.scheme == "topic")
    pairs = pair_cells({}, phases, topics, relevance)  # nothing recorded anywhere
    assert len(pairs) == 9 * 17
    irrelevant = [p for p in pairs if not p.relevant]
    assert irrelevant and not any(p.gap for p in irrelevant)
    assert all(p.gap for p in pairs if p.relevant)
    assert sum(p.relevant for p in pairs) == 116
    offered = pair_cells({"higher-education": {"all-day-school": 3}}, phases, topics, relevance)
    odd = next(
        p for p in offered if (p.life_phase, p.topic) == ("higher-education", "all-day-school")
    )
    assert odd.offers == 3 and not odd.relevant and not odd.gap


# -- a Gemeinde without any recorded offer ------------------------------------------------


def _kommune(key: str, name: str) -> Kommune:
    return Kommune(kommune_iri(key), key, name, "municipality", parent=kommune_iri(KREIS))


def _phase_concepts() -> dict[str, Concept]:
    base = "https://w3id.org/bildungsgraph/vocab/"
    found = [
        Concept(f"{base}life-phase/{s}", "life-phase", s, s) for s in ("early-childhood", "primary")
    ]
    found.append(Concept(f"{base}topic/stem", "topic", "MINT", "STEM"))
    return {c.iri: c for c in found}


def test_an_empty_gemeinde_of_a_covered_kreis_has_its_life_phase_gaps() -> None:
    concepts, population = _phase_concepts(), Population({}, {})
    empty = _kommune(NIEDERKRUECHTEN, "Niederkrüchten")
    other = _kommune(GREFRATH, "Grefrath")
    counts = {
        ("life-phase", "early-childhood"): (4, 2, 4),
        ("life-phase", "primary"): (2, 1, 2),
        ("topic", "stem"): (3, 2, 3),
        ("format", "presence"): (6, 2, 6),
    }
    assert kommune_cells(empty, {}, concepts, population) == []  # a blank spot of the data
    empty_cells = kommune_cells(empty, {}, concepts, population, judged=True)
    other_cells = kommune_cells(other, counts, concepts, population)
    assert empty_cells and other_cells
    rank_and_flag([*empty_cells, *other_cells])
    flagged = {(c.dimension, c.concept) for c in empty_cells if c.flags}
    assert flagged == {("life-phase", "early-childhood"), ("life-phase", "primary")}
    assert all(c.rank is None for c in empty_cells)  # no comparison point for the others
    gaps = gaps_from_cells(empty_cells)
    assert {(g.kind, g.kommune, g.concept) for g in gaps} == {
        ("no-offer", NIEDERKRUECHTEN, "early-childhood"),
        ("no-offer", NIEDERKRUECHTEN, "primary"),
    }
    assert gaps[0].text_de.startswith("Niederkrüchten: kein erfasstes Angebot – ")
    assert gaps[0].text_en.startswith("Niederkrüchten: no recorded offer – ")


@pytest.mark.slow
def test_a_gemeinde_whose_offers_are_gone_is_reported(loaded_service: BildungsGraph) -> None:
    view = loaded_service.readmodel.current()
    tally = view.tally(kommune_iri(NIEDERKRUECHTEN))
    before = gap_analysis(view, KREIS, reference_date=date(2026, 10, 1))
    assert {g.kommune for g in before.gaps if g.dimension == "life-phase"} != {NIEDERKRUECHTEN}
    # take away every offer that counts in the Gemeinde (and every statement naming one)
    offers = set(tally.members("records", "offers"))
    assert offers
    store = loaded_service.store
    graphs = {g for offer in offers for g in view.snapshot.graphs.get(offer, ())}
    for graph in graphs:
        kept = [
            t for t in store.get_graph(graph) if str(t[0]) not in offers and str(t[2]) not in offers
        ]
        store.replace_graph(graph, kept)
    loaded_service.readmodel.rebuild()
    after = gap_analysis(
        loaded_service.readmodel.current(), KREIS, reference_date=date(2026, 10, 1)
    )
    empty = [g for g in after.gaps if g.kommune == NIEDERKRUECHTEN]
    phases = {c.slug for c in view.reference.analysis_concepts.values() if c.scheme == "life-phase"}
    assert {g.concept for g in empty if g.dimension == "life-phase"} == phases
    assert all(g.kind == "no-offer" for g in empty if g.dimension == "life-phase")
    assert not [g for g in empty if g.dimension in ("topic", "format")]  # said by the phases


# -- candidate partners -------------------------------------------------------------------


def _gap(
    kind: str = "no-offer", dimension: str = "life-phase", concept: str = "early-childhood"
) -> Gap:
    return Gap(
        kind,
        GREFRATH,
        "Grefrath",
        "municipality",
        dimension,
        concept,
        "Frühkindliche Bildung",
        "Early childhood education",
        "",
        "",
    )


def _actor(name: str, place: str) -> Actor:
    return Actor(
        iri=f"https://w3id.org/bildungsgraph/id/actor/{name.lower()}",
        name=name,
        municipalities={kommune_iri(place)},
    )


def test_candidates_from_the_same_gemeinde_come_first_each_with_its_reason() -> None:
    kita_a, kita_b = _actor("Kita Anton", GREFRATH), _actor("Kita Berta", GREFRATH)
    near, tied = _actor("Familienzentrum Nachbar", "05166016"), _actor("Verbunden", "05166016")
    far_more = _actor("Aaa Vielanbieter", "05166016")
    actors = {a.iri: a for a in (kita_a, kita_b, near, tied, far_more)}
    kommunen = {
        kommune_iri(k): _kommune(k, n) for k, n in ((GREFRATH, "Grefrath"), ("05166016", "Kempen"))
    }
    offerings = [
        Offering(near.iri, "05166016", 2),
        Offering(tied.iri, "05166016", 5),
        Offering(far_more.iri, "05166016", 4),
    ]
    local = [
        LocalActor(kita_b.iri, "Kita", "day-care centre"),
        LocalActor(kita_a.iri, "Kita", "day-care centre"),
    ]
    found = candidate_partners(_gap(), offerings, {tied.iri}, actors, kommunen, local=local)
    assert [c.name for c in found] == [
        "Kita Anton",
        "Kita Berta",
        "Aaa Vielanbieter",
        "Familienzentrum Nachbar",
    ]
    assert [c.neighbouring for c in found] == [False, False, True, True]
    assert found[0].reason_de == (
        "in derselben Gemeinde, Kita ohne erfasstes Angebot zu „Frühkindliche Bildung“"
    )
    assert found[0].reason_en.startswith(
        "in the same Gemeinde, day-care centre without a recorded offer"
    )
    assert found[2].reason_de.startswith("Nachbargemeinde Kempen: macht 4 Angebot(e)")
    assert "Grefrath" in found[2].reason_de and tied.iri not in {c.iri for c in found}
    # without fitting local actors the neighbours still come, ranked by offers
    alone = candidate_partners(_gap(), offerings, set(), actors, kommunen)
    assert [c.name for c in alone] == ["Verbunden", "Aaa Vielanbieter", "Familienzentrum Nachbar"]


def test_fitting_actor_types() -> None:
    assert fitting_actor_types(_gap(), ()) == ("childcare",)
    topic = _gap(dimension="topic", concept="all-day-school")
    assert set(fitting_actor_types(topic, {"primary", "secondary-1"})) == {
        *PHASE_ACTOR_TYPES["primary"],
        *PHASE_ACTOR_TYPES["secondary-1"],
    }
    assert fitting_actor_types(_gap("no-actor-type", "actor-type", "library"), ()) == ()
    assert fitting_actor_types(_gap("only-digital", "format", "presence"), ()) == ()


@pytest.mark.slow
def test_grefrath_kitas_are_asked_first(loaded_service: BildungsGraph) -> None:
    report = gap_analysis(
        loaded_service.readmodel.current(), GREFRATH, reference_date=date(2026, 10, 1)
    )
    gap = next(g for g in report.gaps if (g.kind, g.concept) == ("no-offer", "early-childhood"))
    local = [c for c in gap.candidates if not c.neighbouring]
    assert len(local) == 8 and all(c.kommune == GREFRATH for c in local)
    assert all(c.reason_de.startswith("in derselben Gemeinde, ") for c in local)
    assert gap.candidates[: len(local)] == local  # the same Gemeinde first
    assert any(
        c.neighbouring and c.reason_de.startswith("Nachbargemeinde ") for c in gap.candidates
    )
