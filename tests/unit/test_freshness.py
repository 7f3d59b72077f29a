"""Freshness: the basis rules of "last verified", the period, the shares and the flags of
references to closed schools (``readmodel.freshness``)."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from bildungsgraph.errors import InvalidParameterError, NotFoundError
from bildungsgraph.namespaces import BG, DCT, EXAMPLE_GRAPH, SCHOOLS_GRAPH, contribution_graph_iri
from bildungsgraph.readmodel import freshness as fresh
from bildungsgraph.readmodel import persist
from bildungsgraph.readmodel.sources import GraphDates
from bildungsgraph.readmodel.update import build_view
from bildungsgraph.records.snapshot import Snapshot
from bildungsgraph.service import BildungsGraph
from closedschool import CLOSED_SCHOOL, close_school

ACTOR = "https://w3id.org/bildungsgraph/id/actor/x"
CONTRIBUTION = str(contribution_graph_iri("abc"))
IMPORT = "https://w3id.org/bildungsgraph/graph/import/old"
CONFIRMATION = "https://w3id.org/bildungsgraph/graph/confirmation/0123456789abcdef"
DAY = date(2026, 12, 4)


def snapshot(graphs: frozenset[str], modified: str | None = None) -> Snapshot:
    props = {str(DCT.modified): [(modified, str(XSD.date))]} if modified else {}
    return Snapshot(
        records={"actors": {ACTOR: props}},
        concepts={},
        schemes={},
        population={},
        age_bands={},
        graphs={ACTOR: graphs},
    )


def stored(generated: str, verified: str | None = None) -> GraphDates:
    return GraphDates(generated=generated, verified=verified or generated, title="Beitrag X")


def test_months_before_counts_calendar_months_and_clamps_the_day() -> None:
    assert fresh.months_before(DAY, 12) == date(2025, 12, 4)
    assert fresh.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert fresh.months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert fresh.months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_letzte_aenderung_comes_first() -> None:
    dates = {CONTRIBUTION: stored("2026-11-01T10:00:00+00:00")}
    verified = fresh.last_verified(
        snapshot(frozenset({CONTRIBUTION}), "2024-05-06"), dates, "actors", ACTOR
    )
    assert verified == fresh.Verified(date(2024, 5, 6), "modified", CONTRIBUTION, "Beitrag X")


def test_without_letzte_aenderung_the_contribution_time_counts() -> None:
    dates = {CONTRIBUTION: stored("2025-02-03T10:00:00+00:00")}
    verified = fresh.last_verified(snapshot(frozenset({CONTRIBUTION})), dates, "actors", ACTOR)
    assert (verified.on, verified.basis) == (date(2025, 2, 3), "contribution")


def test_a_resubmission_notes_the_contribution_as_verified() -> None:
    dates = {CONTRIBUTION: stored("2025-02-03T10:00:00+00:00", "2026-11-30T08:00:00+00:00")}
    plain = fresh.last_verified(snapshot(frozenset({CONTRIBUTION})), dates, "actors", ACTOR)
    assert (plain.on, plain.basis) == (date(2026, 11, 30), "verified")
    # also later than an old Letzte Änderung: sending the files again confirms the record
    older = fresh.last_verified(
        snapshot(frozenset({CONTRIBUTION}), "2024-01-01"), dates, "actors", ACTOR
    )
    assert (older.on, older.basis) == (date(2026, 11, 30), "verified")
    # a Letzte Änderung after the verification stays the date
    newer = fresh.last_verified(
        snapshot(frozenset({CONTRIBUTION}), "2026-12-01"), dates, "actors", ACTOR
    )
    assert (newer.on, newer.basis) == (date(2026, 12, 1), "modified")


def test_graphs_that_only_state_something_about_a_record_do_not_own_it() -> None:
    dates = {CONTRIBUTION: stored("2025-02-03T10:00:00+00:00")}
    verified = fresh.last_verified(
        snapshot(frozenset({CONFIRMATION, CONTRIBUTION})), dates, "actors", ACTOR
    )
    assert verified.graph == CONTRIBUTION


def test_the_example_data_counts_as_a_contribution() -> None:
    dates = {str(EXAMPLE_GRAPH): stored("2026-06-01T00:00:00+00:00")}
    verified = fresh.last_verified(
        snapshot(frozenset({str(EXAMPLE_GRAPH)})), dates, "actors", ACTOR
    )
    assert (verified.on, verified.basis) == (date(2026, 6, 1), "contribution")


def test_imports_count_by_their_graph_or_are_unknown() -> None:
    dates = {IMPORT: GraphDates(modified="2023-04-05")}
    dated = fresh.last_verified(snapshot(frozenset({IMPORT})), dates, "actors", ACTOR)
    assert (dated.on, dated.basis) == (date(2023, 4, 5), "graph")
    made = {IMPORT: GraphDates(generated="2022-01-01T00:00:00+00:00")}
    generated = fresh.last_verified(snapshot(frozenset({IMPORT})), made, "actors", ACTOR)
    assert (generated.on, generated.basis) == (date(2022, 1, 1), "graph")
    unknown = fresh.last_verified(snapshot(frozenset({IMPORT})), {}, "actors", ACTOR)
    assert (unknown.on, unknown.basis, unknown.graph) == (None, "unknown", IMPORT)
    assert not fresh.is_fresh(unknown, date(1900, 1, 1))


@pytest.mark.parametrize("graph", [str(SCHOOLS_GRAPH), fresh.CLOSED_SCHOOLS_GRAPH])
def test_official_schools_count_by_the_lists_stichtag(graph: str) -> None:
    dates = {str(SCHOOLS_GRAPH): GraphDates(temporal="2021-09-08", title="Schulen")}
    verified = fresh.last_verified(snapshot(frozenset({graph})), dates, "actors", ACTOR)
    assert (verified.on, verified.basis, verified.graph) == (
        date(2021, 9, 8),
        "official-list",
        graph,
    )


# -- a Kommune of the example landscape ----------------------------------------------------


def test_shares_follow_the_period_and_leave_out_the_official_list(
    loaded_service: BildungsGraph,
) -> None:
    view = loaded_service.readmodel.current()
    loaded = date.fromisoformat(view.graph_dates[str(EXAMPLE_GRAPH)].generated[:10])
    soon = fresh.freshness(view, "05114", 12, loaded)
    later = fresh.freshness(view, "05114", 12, date(loaded.year + 3, 1, 1))
    tally = view.tally("https://w3id.org/bildungsgraph/id/kommune/05114")
    located = sum(tally.count("records", kind) for kind in fresh.KINDS)
    assert soon.total.records + soon.official_records == located
    assert soon.official_records > 0 and soon.official_list == date(2021, 9, 8)
    assert soon.total.records == sum(s.records for s in soon.shares[:-1])
    assert soon.total.fresh == sum(s.fresh for s in soon.shares[:-1])
    # the example's records without Letzte Änderung are fresh on the day they were loaded ...
    assert soon.share("sites").fresh == soon.share("sites").records > 0
    assert 0 < soon.total.fresh < soon.total.records
    assert len(soon.outdated) == soon.total.records - soon.total.fresh
    assert all(e.verified.basis == "modified" for e in soon.outdated)
    assert [e.verified.on for e in soon.outdated] == sorted(e.verified.on for e in soon.outdated)
    # ... and three years later nothing is
    assert later.total.fresh == 0 and later.total.percent == 0
    assert len(later.outdated) == later.total.records
    # a longer period lets more records count as fresh
    assert fresh.freshness(view, "05114", 60, loaded).total.fresh > soon.total.fresh
    assert fresh.freshness(view, "05114", 12, loaded) is soon  # memoised per view


def test_outdated_page_filters_by_kind(loaded_service: BildungsGraph) -> None:
    view = loaded_service.readmodel.current()
    result = fresh.freshness(view, "05166", 1, date(2030, 1, 1))
    items, total = fresh.outdated_page(result, "offers", 2, 10)
    assert total == result.share("offers").records
    assert len(items) == 10 and {e.kind for e in items} == {"offers"}
    assert items == [e for e in result.outdated if e.kind == "offers"][10:20]


def test_unknown_kommune_and_bad_period_are_refused(loaded_service: BildungsGraph) -> None:
    view = loaded_service.readmodel.current()
    with pytest.raises(NotFoundError):
        fresh.freshness(view, "05999", 12, DAY)
    with pytest.raises(InvalidParameterError):
        fresh.freshness(view, "05114", 0, DAY)


def test_references_to_closed_schools_are_flagged(loaded_service: BildungsGraph) -> None:
    before = fresh.freshness(loaded_service.readmodel.current(), "05114", 12, DAY)
    assert before.closed == ()
    close_school(loaded_service, CLOSED_SCHOOL, "2026-07-31")
    view = loaded_service.readmodel.current()
    assert view.snapshot.records["actors"][CLOSED_SCHOOL]  # still an actor, now closed
    result = fresh.freshness(view, "05114", 12, DAY)
    flagged = {(c.kind, c.kennung) for c in result.closed}
    assert ("cooperations", "05114-koop-0001") in flagged
    assert {c.school for c in result.closed} == {CLOSED_SCHOOL}
    assert {c.closed_on for c in result.closed} == {"2026-07-31"}
    # the closed school is no contributed record: the shares stay as they were
    assert all(e.iri != CLOSED_SCHOOL for e in result.outdated)
    assert result.shares == before.shares
    assert set(result.closed) <= set(fresh.freshness(view, "05", 12, DAY).closed)  # the Land
    assert fresh.freshness(view, "05166", 12, DAY).closed == ()


def test_graph_dates_follow_writes_and_are_saved(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    store = loaded_service.store
    graph = str(EXAMPLE_GRAPH)
    node = URIRef(graph)
    verified = Literal("2027-01-02T03:04:05+00:00", datatype=XSD.dateTime)
    loaded_service.writer.write(
        [graph], lambda: store.set_value(graph, node, BG.lastVerified, verified)
    )
    view = loaded_service.readmodel.current()
    assert view.graph_dates[graph].verified == str(verified)
    assert view.graph_dates == build_view(store).graph_dates  # incremental = a full read
    # the example's records without Letzte Änderung count as verified then
    sites = fresh.freshness(view, "05114", 1, date(2027, 1, 10)).share("sites")
    assert sites.fresh == sites.records > 0
    persist.save_view(view, tmp_path)
    loaded = persist.load_view(tmp_path)
    assert loaded is not None and loaded.graph_dates == view.graph_dates
    # a view saved before graph dates existed is of another format: the start builds anew
    with (tmp_path / persist.VIEW_FILE).open("wb") as handle:
        pickle.dump({"format": 1, "state": view.state}, handle)
    assert persist.load_view(tmp_path) is None
