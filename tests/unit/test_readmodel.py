"""The read model: updated by delta per write (only the touched Kommunen), equal to a build
from scratch after any sequence of writes, the old state whole for readers during a write,
kept over a restart (saved view and journal), single flight."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from bildungsgraph.readmodel import ReadModel, pages
from bildungsgraph.readmodel.memo import Memo
from bildungsgraph.readmodel.persist import Journal
from bildungsgraph.readmodel.update import build_view
from bildungsgraph.readmodel.view import View
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

pytestmark = pytest.mark.slow
KOMMUNE = "https://w3id.org/bildungsgraph/id/kommune/"
ACTORS = "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
SITES = "Kennung,Akteur,Bezeichnung,Straße,PLZ,Ort,Gemeinde\n"
OFFERS = "Kennung,Titel,Anbieter,Lebensphase,Themenfeld,Format,Angebotsart,Gebiet\n"
COOPERATIONS = "Kennung,Bezeichnung,Partner,Kooperationsform,Gebiet\n"


def _files(**tables: str) -> list[tuple[str, bytes]]:
    return [(f"{name}.csv", text.encode()) for name, text in tables.items()]


def _library(kennung: str, gemeinde: str) -> list[tuple[str, bytes]]:
    return _files(
        akteure=f"{ACTORS}{kennung},Bücherei {kennung},library,{gemeinde}\n",
        angebote=f"{OFFERS}{kennung}-a,Lesestart,{kennung},early-childhood,language-literacy,"
        f"presence,course,{gemeinde}\n",
    )


def _same_figures(incremental: View, fresh: View) -> None:
    """Everything a face shows agrees with a view built from the whole store."""
    assert incremental.snapshot.records == fresh.snapshot.records
    assert incremental.snapshot.graphs == fresh.snapshot.graphs
    for name in (
        "site_actor",
        "actor_offers",
        "actor_cooperations",
        "actor_memberships",
        "actor_networks",
        "network_memberships",
        "kommunen",
        "points",
        "areas",
        "search_text",
        "sort_name",
    ):
        assert getattr(incremental.index, name) == getattr(fresh.index, name), name
    assert incremental.search == fresh.search
    assert {k: t.sections for k, t in incremental.tallies.items()} == {
        k: t.sections for k, t in fresh.tallies.items()
    }
    assert incremental.graph_sizes == fresh.graph_sizes


def test_a_write_updates_only_the_kommunen_it_touches(loaded_service: BildungsGraph) -> None:
    model = loaded_service.readmodel
    before = model.current()
    assert model.builds == 0  # the copy started from the saved view
    outcome = loaded_service.contributions.contribute(_library("rm-probe", "05166008"), "Test")
    assert outcome.stored
    after = model.current()
    touched = {KOMMUNE + k for k in ("05166008", "05166", "051", "05")}
    assert set(model.recomputed) == touched and model.builds == 0
    assert after.state == loaded_service.store.state != before.state
    for iri, tally in before.tallies.items():
        if iri not in touched:
            assert after.tallies[iri] is tally  # not recomputed, not even copied
    grefrath = pages.kommune(after, "05166008")["counts"]
    assert grefrath["actors"] == pages.kommune(before, "05166008")["counts"]["actors"] + 1
    assert grefrath["offers"] == pages.kommune(before, "05166008")["counts"]["offers"] + 1
    # the old view is untouched: a reader that took it still sees the state before, whole
    assert pages.kommune(before, "05166")["counts"] != pages.kommune(after, "05166")["counts"]
    assert "https://w3id.org/bildungsgraph/id/actor/rm-probe" not in before.index.areas


def test_incremental_equals_a_build_from_scratch(loaded_service: BildungsGraph) -> None:
    """After adds, a replacement that moves and renames records, ties across Kommunen, a
    withdrawal and a restore, the view made by deltas is the view of the whole store."""
    service = loaded_service
    account, _ = service.accounts.create("Probe", ["05166", "05114"])
    first = service.contributions.contribute_as(
        _library("rm-a", "05166008")
        + _files(
            standorte=f"{SITES}rm-a-s1,rm-a,Haus,Weg 1,47929,Grefrath,05166008\n",
            kooperationen=f"{COOPERATIONS}rm-k,Lesepartner,rm-a | 05114-bildungsbuero,"
            "Projektpartnerschaft,05166008\n",
        ),
        account,
    )
    assert first.stored, first.report.to_text("en")
    moved = service.contributions.contribute_as(
        _files(akteure=f"{ACTORS}rm-a,Bücherei Neu,library,05114000\n"),
        account,
        replace=first.graph.rsplit("/", 1)[-1],
    )
    assert moved.stored and moved.graph == first.graph
    second = service.contributions.contribute(_library("rm-b", "05166032"), "Test")
    _same_figures(service.readmodel.current(), build_view(service.store))
    service.contributions.withdraw(second.graph.rsplit("/", 1)[-1])
    _same_figures(service.readmodel.current(), build_view(service.store))
    admin, _ = service.accounts.create("Admin", [], admin=True)
    service.contributions.restore(second.graph.rsplit("/", 1)[-1], admin)
    _same_figures(service.readmodel.current(), build_view(service.store))
    assert service.readmodel.builds == 0


def test_readers_see_one_state_whole_while_writes_land(loaded_service: BildungsGraph) -> None:
    """Every view a reader gets has figures that belong to its state: counted again from
    scratch for that state's records, never half of one write."""
    service = loaded_service
    seen: list[View] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.append(service.readmodel.current())

    reader = threading.Thread(target=read)
    reader.start()
    for number in range(3):
        service.contributions.contribute(_library(f"rm-r{number}", "05166004"), "Test")
    stop.set()
    reader.join()
    states = {view.state: view for view in seen}
    assert len(states) >= 2
    for view in states.values():
        actors = view.snapshot.records["actors"]
        located = sum(1 for a in actors if KOMMUNE + "05166004" in view.index.areas.get(a, ()))
        assert pages.kommune(view, "05166004")["counts"]["actors"] == located


def test_a_restart_reads_the_saved_view_and_replays_the_journal(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    path = loaded_service.store.path
    assert path is not None
    loaded_service.contributions.contribute(_library("rm-saved", "05166012"), "Test")
    loaded_service.close()  # saves the view of this state
    again = BildungsGraph(open_store(path))
    assert again.readmodel.current().state == again.store.state and again.readmodel.builds == 0
    # a write whose process dies before it saves: only the journal knows about it
    again.contributions.contribute(_library("rm-journal", "05166012"), "Test")
    crashed_state = again.store.state
    again.accounts.close()  # closed without saving the read model: as after a crash
    again.store.close()
    restarted = BildungsGraph(open_store(path))
    view = restarted.readmodel.current()
    assert view.state == crashed_state and restarted.readmodel.builds == 0
    assert "https://w3id.org/bildungsgraph/id/actor/rm-journal" in view.index.areas
    _same_figures(view, build_view(restarted.store))
    restarted.close()


def test_a_write_outside_the_journal_means_a_rebuild(loaded_service: BildungsGraph) -> None:
    path = loaded_service.store.path
    assert path is not None
    loaded_service.close()
    store = open_store(path)  # e.g. another tool writing the store directly
    thing = URIRef("https://example.org/thing")
    store.replace_graph("https://example.org/other", [(thing, RDFS.label, Literal("x"))])
    again = BildungsGraph(store)
    assert again.readmodel.current().state == store.state and again.readmodel.builds == 1
    again.close()


def test_single_flight() -> None:
    memo: Memo[object] = Memo()
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(memo.get("k", (), {}, slow)))
        for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 5 and len(calls) == 1


def test_results_are_carried_over_unless_their_kommune_changed() -> None:
    memo: Memo[object] = Memo()
    memo.get("a", ["x"], {"x": 1}, lambda: "A", lambda view: None)
    memo.get("b", ["y"], {"y": 1}, lambda: "B", lambda view: None)
    kept, stale = memo.carried_over({"x": 2, "y": 1})
    assert len(kept) == 1 and kept.get("b", ["y"], {"y": 1}, lambda: "new") == "B"
    assert len(stale) == 1


def test_a_journal_line_cut_by_a_crash_ends_the_journal(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.append("s0", ["g"], ["a"])
    journal.append("s1", ["g"], ["b"])
    with journal.path.open("a", encoding="utf-8") as handle:
        handle.write('{"after": "s2", "gra')
    entries = journal.since("s0")
    assert entries is not None and [e.after for e in entries] == ["s0", "s1"]
    assert journal.since("s9") is None
    journal.drop_before("s1")
    assert [e.after for e in journal.since("s1") or []] == ["s1"]


def test_a_memory_store_has_no_files(memory_store: object) -> None:
    model = ReadModel(memory_store)  # type: ignore[arg-type]
    assert model.current().state == memory_store.state  # type: ignore[attr-defined]
    model.close()
