"""The life phase × topic heat map model: steps, gaps, descriptions, legend."""

from __future__ import annotations

from bildungsgraph.visualisation.heatmap import STEPS, build_heatmap, step_bounds, step_of

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
    assert [s.label for s in view.steps][0] == "Lücke: kein Angebot"
    assert view.title.endswith("Grefrath")
    english = build_heatmap("05166008", "Grefrath", {}, PHASES, TOPICS, "en")
    assert english.gaps == 4 and english.steps[0].label == "gap: no offer"
    assert english.rows[0].cells[0].description.endswith("0 offers (gap: no offer)")
