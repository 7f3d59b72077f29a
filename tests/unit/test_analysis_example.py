"""The analysis on the shipped example landscape: the deliberate gaps are found and nothing
else; the isolated actors and brokers of expected_structure.json; the analysis graph."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bildungsgraph.analysis import NetworkFilter
from bildungsgraph.config import EXAMPLE_DIR
from bildungsgraph.readmodel.gaps import gap_analysis
from bildungsgraph.readmodel.network import network
from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow
EXPECTED = json.loads((EXAMPLE_DIR / "expected_structure.json").read_text(encoding="utf-8"))
KIND = {
    "no-offer-life-phase": "no-offer",
    "no-offer-topic": "no-offer",
    "only-digital": "only-digital",
    "no-actor-type": "no-actor-type",
}


def test_exactly_the_deliberate_gaps(loaded_service: BildungsGraph) -> None:
    report = gap_analysis(loaded_service.readmodel.current(), reference_date=date(2026, 10, 1))
    found = {(g.kind, g.kommune, g.concept) for g in report.gaps}
    expected = {(KIND[g["kind"]], g["ags"], g["concept"]) for g in EXPECTED["gaps"]}
    assert found == expected
    for gap in report.gaps:
        assert gap.candidates, gap
        for candidate in gap.candidates:
            if candidate.neighbouring:
                assert gap.kommune_name in candidate.reason_de
            else:
                assert candidate.kommune == gap.kommune
                assert candidate.reason_de.startswith("in derselben Gemeinde")
        neighbouring = [c.neighbouring for c in gap.candidates]
        assert neighbouring == sorted(neighbouring), "the same Gemeinde first"


def test_relevance_of_the_heat_map_of_kreis_viersen(loaded_service: BildungsGraph) -> None:
    report = gap_analysis(loaded_service.readmodel.current(), "05166", None, date(2026, 10, 1))
    assert len(report.pairs) == 9 * 17
    relevant = [p for p in report.pairs if p.relevant]
    assert len(relevant) == 116
    assert not any(p.gap for p in report.pairs if not p.relevant)
    pair = {(p.life_phase, p.topic): p for p in report.pairs}
    assert not pair[("higher-education", "all-day-school")].relevant
    assert not pair[("early-childhood", "career-orientation")].relevant
    assert 0 < sum(p.gap for p in report.pairs) < 72  # 72 of 153 before relevance
    # a report for one life phase leaves out the topics that do not apply to it
    early = gap_analysis(
        loaded_service.readmodel.current(), "05166", "early-childhood", date(2026, 10, 1)
    )
    assert {p.life_phase for p in early.pairs} == {"early-childhood"}
    topics = {c.concept for c in early.cells if c.dimension == "topic"}
    assert "all-day-school" not in topics and "stem" in topics


def test_gap_matrix_ranks_and_population(loaded_service: BildungsGraph) -> None:
    view = loaded_service.readmodel.current()
    report = gap_analysis(view, "05166", "primary", date(2026, 10, 1))
    cells = [c for c in report.cells if c.dimension == "life-phase" and c.level == "municipality"]
    assert len(cells) == 9 and {c.concept for c in cells} == {"primary"}
    assert sorted(c.rank for c in cells) == list(range(1, 10))
    assert all(c.population_estimated and c.per_1000 for c in cells)
    kreis = next(c for c in report.cells if c.kommune == "05166" and c.concept == "primary")
    assert not kreis.population_estimated and kreis.offers == sum(c.offers for c in cells)
    supply = {s.kommune: s for s in report.schools}
    assert supply["05166"].children_per_school and supply["05166"].primary_schools > 0
    quality = {q.kommune: q for q in report.quality}
    assert 0 < quality["05166"].modified_recently < 1
    assert 0 < quality["05166"].school_coverage <= 1


def test_isolated_actors_and_brokers(loaded_service: BildungsGraph) -> None:
    # the generator's isolated actors have neither a cooperation nor a membership
    result = network(loaded_service.readmodel.current(), NetworkFilter(ties="all"))
    assert [n.kennung for n in result.measures.isolated] == sorted(EXPECTED["isolated_actors"])
    brokers = [b.kennung for b in result.measures.brokers]
    for expected in EXPECTED["brokers"][:6]:
        assert expected["kennung"] in brokers
    assert brokers[0] == "05166-bildungsbuero"
    assert result.cross_kreis.matching > 0


def test_analysis_graph_is_replaced(loaded_service: BildungsGraph) -> None:
    flt = NetworkFilter(kommune="05114")
    first = loaded_service.analysis.write_measures(loaded_service.readmodel.current(), flt)
    size = loaded_service.store.graph_sizes()[first]
    assert loaded_service.analysis.write_measures(loaded_service.readmodel.current(), flt) == first
    assert loaded_service.store.graph_sizes()[first] == size
    rows = loaded_service.store.select(
        """PREFIX bg: <https://w3id.org/bildungsgraph/ontology#>
        SELECT ?value WHERE { ?m bg:measuredResource
          <https://w3id.org/bildungsgraph/id/actor/05114-bildungsbuero> ;
          bg:measureName "broker" ; bg:measureValue ?value }"""
    )
    assert [float(r["value"]) for r in rows] == [1.0]


def test_report_markdown_and_html(loaded_service: BildungsGraph) -> None:
    view = loaded_service.readmodel.current()
    md = loaded_service.analysis.report(view, "05166", "md", date(2026, 10, 1))
    assert "Grefrath" in md and "## Heatmap" in md
    html = loaded_service.analysis.report(view, "05166", "html", date(2026, 10, 1))
    assert "<svg" in html and "@media print" in html and "http" not in html.split("<body>")[0]
    assert "nicht relevant" in md and "nicht relevant" in html  # the pairs without meaning
    assert '<td class="n na">–</td>' in html
