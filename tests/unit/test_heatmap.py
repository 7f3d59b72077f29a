"""The life phase × topic heat map model: steps, gaps, relevance, abbreviations, legend."""

from __future__ import annotations

from bildungsgraph.analysis.model import Concept
from bildungsgraph.visualisation.heatmap import (
    NOT_RELEVANT,
    STEPS,
    build_heatmap,
    step_bounds,
    step_of,
)

PHASES = [("early-childhood", "Frühkindliche Bildung"), ("primary", "Primarbereich")]
TOPICS = [("mint", "MINT"), ("reading", "Lesen")]


def test_steps_are_equal_intervals_and_zero_is_a_gap() -> None:
    assert step_of(0, 40) == 0
    assert step_of(1, 40) == 1
    assert step_of(40, 40) == STEPS
    assert step_of(1, 1) == STEPS  # a single offer is the maximum
    assert step_bounds(8) == [(1, 2), (3, 4), (5, 6), (7, 8)]
    assert step_bounds(2) == [(1, 1), (2, 2)]  # empty steps are left out


def test_build_heatmap_rows_gaps_and_texts() -> None:
    counts = {"primary": {"mint": 8, "reading": 1}, "early-childhood": {"reading": 3}}
    view = build_heatmap("05166008", "Grefrath", counts, PHASES, TOPICS, "de")
    assert [row.key for row in view.rows] == ["early-childhood", "primary"]
    first = view.rows[0]
    assert [c.count for c in first.cells] == [0, 3] and first.total == 3
    assert first.cells[0].step == 0 and "Lücke" in first.cells[0].description
    assert view.rows[1].cells[1].description == "Primarbereich × Lesen: 1 Angebot"
    assert view.gaps == 1 and view.maximum == 8
    assert [s.label for s in view.steps][0] == "Lücke: kein erfasstes Angebot"
    assert view.title.endswith("Grefrath")
    english = build_heatmap("05166008", "Grefrath", {}, PHASES, TOPICS, "en")
    assert english.gaps == 4 and english.steps[0].label == "gap: no recorded offer"
    assert english.rows[0].cells[0].description.endswith("0 offers (gap: no recorded offer)")
    # without concepts every pair is relevant and the headers are the full labels
    assert english.relevant == 4 and [h.abbreviation for h in english.headers or []] == [
        "MINT",
        "Lesen",
    ]


def _concepts() -> dict[str, Concept]:
    base = "https://w3id.org/bildungsgraph/vocab/"
    phases = [
        Concept(f"{base}life-phase/{slug}", "life-phase", label, label) for slug, label in PHASES
    ]
    topics = [
        Concept(
            f"{base}topic/mint",
            "topic",
            "MINT-Bildung",
            "STEM",
            notation="MINT",
            relevant_phases=("early-childhood", "primary"),
        ),
        Concept(
            f"{base}topic/reading",
            "topic",
            "Lesen",
            "Reading",
            notation="LES",
            relevant_phases=("primary",),
        ),
    ]
    return {c.iri: c for c in phases + topics}


def test_cells_not_relevant_are_greyed_and_never_gaps() -> None:
    view = build_heatmap("05166008", "Grefrath", {}, PHASES, TOPICS, "de", _concepts())
    early = view.rows[0]
    assert [c.step for c in early.cells] == [0, NOT_RELEVANT]
    assert early.cells[1].css_class == "heat-na" and not early.cells[1].relevant
    assert early.cells[1].description.endswith("(nicht relevant)")
    assert "Lücke" not in early.cells[1].description
    assert view.gaps == 3 and view.relevant == 3 and view.cell_count == 4
    assert view.steps[-1].label == "nicht relevant" and view.steps[-1].css_class == "heat-na"
    # an offer in a pair that is not relevant is shown, greyed, still no gap
    counted = build_heatmap(
        "k", "K", {"early-childhood": {"reading": 2}}, PHASES, TOPICS, "de", _concepts()
    )
    assert counted.rows[0].cells[1].count == 2 and counted.rows[0].cells[1].step == NOT_RELEVANT


def test_topic_headers_are_abbreviated_with_the_full_name() -> None:
    view = build_heatmap("k", "K", {}, PHASES, TOPICS, "de", _concepts())
    assert [(h.key, h.abbreviation, h.label) for h in view.headers or []] == [
        ("mint", "MINT", "MINT"),
        ("reading", "LES", "Lesen"),
    ]
