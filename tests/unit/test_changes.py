"""Development over time on the example landscape: what started and ended between two days
(boundaries included), the figures as of each day, new actors, and the checks of the period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bildungsgraph.analysis.model import NetworkFilter
from bildungsgraph.errors import InvalidParameterError
from bildungsgraph.namespaces import BG, SCHEMA
from bildungsgraph.readmodel import changes, network
from bildungsgraph.readmodel.view import View
from bildungsgraph.records.values import iris, text
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from storecopy import copy_store

pytestmark = pytest.mark.slow
KREFELD, VIERSEN, GREFRATH = "05114", "05166", "05166008"
COOPERATION = "https://w3id.org/bildungsgraph/id/cooperation/"
KOMMUNE = "https://w3id.org/bildungsgraph/id/kommune/"


@pytest.fixture(scope="module")
def view(loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[View]:
    copy = copy_store(loaded_store_dir, tmp_path_factory.mktemp("changes") / "store")
    service = BildungsGraph(open_store(copy))
    yield service.readmodel.current()
    service.close()


def _ids(found: changes.ChangedRecords) -> set[str]:
    return {item.id for item in found.items}


def _day(props: dict, predicate: object) -> date | None:
    value = text(props, predicate)
    return date.fromisoformat(value) if value else None


def test_cooperations_that_started_and_ended_in_krefeld(view: View) -> None:
    # kooperationen.csv: 05114-koop-0010 runs 2025-06-03 – 2026-03-08, 0034 2025-02-20 –
    # 2025-10-28, 0029 2020-12-22 – 2024-12-25
    found = changes.changes(view, KREFELD, "2025-01-01", "2026-01-01", limit=1000)
    started, ended = _ids(found.started["cooperations"]), _ids(found.ended["cooperations"])
    assert {"05114-koop-0010", "05114-koop-0034"} <= started
    assert "05114-koop-0034" in ended and "05114-koop-0010" not in ended
    assert "05114-koop-0029" not in ended  # ended before the period
    assert found.kommune == KREFELD and found.kommune_name.startswith("Krefeld")
    assert (found.from_date, found.to_date) == ("2025-01-01", "2026-01-01")


def test_the_lists_are_every_record_of_the_kommune_with_a_date_in_the_period(view: View) -> None:
    first, last = date(2023, 3, 1), date(2026, 6, 30)
    found = changes.changes(view, VIERSEN, first.isoformat(), last.isoformat(), limit=10_000)
    records = view.snapshot.records
    for kind in changes.DATED_KINDS:
        inside = view.tally(KOMMUNE + VIERSEN).members("records", kind)
        starts = {iri: _day(records[kind][iri], SCHEMA.startDate) for iri in inside}
        ends = {iri: _day(records[kind][iri], SCHEMA.endDate) for iri in inside}
        began = {i for i, d in starts.items() if d and first < d <= last}
        stopped = {i for i, d in ends.items() if d and first <= d < last}
        assert {r.iri for r in found.started[kind].items} == began, kind
        assert {r.iri for r in found.ended[kind].items} == stopped, kind
        assert found.started[kind].total == len(began)
    assert found.started["cooperations"].total and found.started["memberships"].total
    listed = found.started["cooperations"].items
    assert [r.start_date for r in listed] == sorted(r.start_date for r in listed)


def test_the_period_excludes_its_first_day_for_starts_and_its_last_for_ends(view: View) -> None:
    # 05114-koop-0010 starts 2025-06-03 (active that day); 0034 ends 2025-10-28 (active that day)
    on_start = changes.changes(view, KREFELD, "2025-06-03", "2025-07-01")
    assert "05114-koop-0010" not in _ids(on_start.started["cooperations"])
    day_before = changes.changes(view, KREFELD, "2025-06-02", "2025-06-03")
    assert "05114-koop-0010" in _ids(day_before.started["cooperations"])
    on_end = changes.changes(view, KREFELD, "2025-10-28", "2025-11-01")
    assert "05114-koop-0034" in _ids(on_end.ended["cooperations"])
    up_to_end = changes.changes(view, KREFELD, "2025-10-01", "2025-10-28")
    assert "05114-koop-0034" not in _ids(up_to_end.ended["cooperations"])


def test_an_empty_period_changes_nothing(view: View) -> None:
    found = changes.changes(view, VIERSEN, "2025-05-05", "2025-05-05")
    assert all(not listed.total for listed in (*found.started.values(), *found.ended.values()))
    assert found.new_actors.total == 0
    assert found.before == found.after


def test_from_after_to_and_bad_values_are_rejected(view: View) -> None:
    with pytest.raises(InvalidParameterError, match="2026-01-02.*2026-01-01"):
        changes.changes(view, VIERSEN, "2026-01-02", "2026-01-01")
    with pytest.raises(InvalidParameterError, match="05999"):
        changes.changes(view, "05999", "2025-01-01", "2026-01-01")
    with pytest.raises(InvalidParameterError, match="2025-02-30"):
        changes.changes(view, VIERSEN, "2025-02-30", "2026-01-01")
    with pytest.raises(InvalidParameterError, match="1900"):
        changes.changes(view, VIERSEN, "1899-12-31", "2026-01-01")


def test_the_figures_as_of_a_day(view: View) -> None:
    day = date(2025, 3, 1)
    found = changes.changes(view, VIERSEN, "2024-03-01", day.isoformat())
    records = view.snapshot.records
    inside = view.tally(KOMMUNE + VIERSEN).members("records", "cooperations")

    def active(iri: str) -> bool:
        start = _day(records["cooperations"][iri], SCHEMA.startDate)
        end = _day(records["cooperations"][iri], SCHEMA.endDate)
        return (start is None or start <= day) and (end is None or day <= end)

    after = found.after
    assert after.day == "2025-03-01"
    assert after.cooperations == sum(1 for iri in inside if active(iri))
    graph = network.network_graph(view, NetworkFilter(kommune=VIERSEN, as_of=day))
    assert after.ties == graph.number_of_edges() > 0

    # the ties of that day: pairs of partners of a cooperation active that day, one of them
    # in the Kommune
    def located(actor: str) -> bool:
        return KOMMUNE + VIERSEN in view.index.areas.get(actor, ())

    partners = [
        iris(records["cooperations"][iri], BG.partner)
        for iri in records["cooperations"]
        if active(iri)
    ]
    assert {frozenset(pair) for pair in graph.edges} == {
        frozenset((a, b))
        for group in partners
        if any(located(p) for p in group)
        for a in group
        for b in group
        if a < b
    }
    in_scope = {n for n, inside_ in graph.nodes(data="in_scope") if inside_}
    assert after.actors_with_ties == sum(1 for n in in_scope if graph.degree(n))
    assert found.before.ties < after.ties  # the example network grows
    assert 0 < after.density < 1


def test_new_actors_start_with_their_first_dated_record(view: View) -> None:
    found = changes.changes(view, GREFRATH, "2020-01-01", "2026-12-01", limit=1000)
    assert found.new_actors.total == len(found.new_actors.items) > 0
    index, records = view.index, view.snapshot.records
    for actor in found.new_actors.items:
        starts = [
            _day(records[kind][iri], SCHEMA.startDate)
            for kind, links in (
                ("offers", index.actor_offers),
                ("cooperations", index.actor_cooperations),
                ("memberships", index.actor_memberships),
            )
            for iri in links.get(actor.iri, ())
        ]
        assert None not in starts and min(starts).isoformat() == actor.first_date
        assert "2020-01-01" < actor.first_date <= "2026-12-01"
    later = changes.changes(view, GREFRATH, "2026-12-01", "2027-12-01", limit=1000)
    assert not {a.iri for a in found.new_actors.items} & {a.iri for a in later.new_actors.items}


def test_the_land_holds_every_kommune(view: View) -> None:
    land = changes.changes(view, "05", "2024-01-01", "2026-01-01", limit=10_000)
    assert land.kommune == "05" and land.kommune_name == "Nordrhein-Westfalen"
    for key in (KREFELD, VIERSEN):
        kommune = changes.changes(view, key, "2024-01-01", "2026-01-01", limit=10_000)
        for kind in changes.DATED_KINDS:
            assert _ids(kommune.started[kind]) <= _ids(land.started[kind])
    assert changes.changes(view, None, "2024-01-01", "2026-01-01").after == land.after


def test_limit_and_defaults(view: View) -> None:
    found = changes.changes(view, VIERSEN, "2020-01-01", "2026-12-01", limit=2)
    listed = found.started["cooperations"]
    assert len(listed.items) == 2 < listed.total
    today = date(2026, 6, 15)
    default = changes.changes(view, VIERSEN, today=today)
    assert (default.from_date, default.to_date) == ("2025-06-15", "2026-06-15")
    only_to = changes.changes(view, VIERSEN, None, "2024-02-29")
    assert only_to.from_date == "2023-02-28"
    assert changes.year_before(date(2025, 3, 1)) == date(2024, 3, 1)


def test_computed_once_per_state(view: View) -> None:
    changes.changes(view, KREFELD, "2021-01-01", "2022-01-01")
    computed = view.memo.computed
    again = changes.changes(view, KREFELD, "2021-01-01", "2022-01-01")
    assert view.memo.computed == computed  # timeline and figures of both days are memoised
    assert again.before.day == "2021-01-01"
