"""Making views: the first one from the whole store, each next one from the records a write
touched (re-read from the store) and the previous view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..records.index import build_index, kind_of, update_index
from ..records.search import search_entries, updated_entries
from ..records.snapshot import Properties, Snapshot
from ..store import GraphStore
from .facts import record_facts
from .memo import Stale
from .sources import (
    RECORD_KINDS,
    Reference,
    load_graph_dates,
    load_records,
    load_reference,
    reload_records,
)
from .tally import TallyUpdate, build_tallies
from .view import View


def snapshot_of(
    reference: Reference,
    records: dict[str, dict[str, Properties]],
    graphs: dict[str, frozenset[str]],
) -> Snapshot:
    return Snapshot(
        records={**records, "kommunen": reference.kommunen},
        concepts=reference.concepts,
        schemes=reference.schemes,
        population=reference.population,
        age_bands=reference.age_bands,
        narrower=reference.narrower,
        parents=reference.parents,
        graphs=graphs,
    )


def build_view(store: GraphStore) -> View:
    """The view of the whole store (read once: a first start, or after reference changes)."""
    state = store.state
    reference = load_reference(store)
    records, graphs = load_records(store)
    snapshot = snapshot_of(reference, records, graphs)
    index = build_index(snapshot)
    tallies = build_tallies(
        fact
        for kind in RECORD_KINDS
        for iri in snapshot.records[kind]
        for fact in record_facts(index, kind, iri)
    )
    return View(
        state=state,
        reference=reference,
        snapshot=snapshot,
        index=index,
        search=search_entries(index),
        tallies=tallies,
        versions={},
        graph_sizes=store.graph_sizes(),
        graph_dates=load_graph_dates(store),
    )


def updated_view(
    old: View, store: GraphStore, subjects: Iterable[str], graphs: Iterable[str]
) -> tuple[View, set[str], list[Stale]]:
    """The view after a write of ``graphs`` that touched ``subjects`` (before or after it),
    the IRIs of the Kommunen whose figures changed (their tallies were updated, nothing
    else) and the results of the old view the write made stale that readers asked for."""
    subjects = set(subjects)
    fresh, fresh_graphs = reload_records(store, subjects)
    records = {kind: dict(old.snapshot.records[kind]) for kind in RECORD_KINDS}
    record_graphs = dict(old.snapshot.graphs)
    changed: set[str] = set()
    for subject in subjects:
        before = kind_of(old.snapshot, subject)
        after = next((kind for kind in RECORD_KINDS if subject in fresh[kind]), None)
        if before is None and after is None:
            continue
        changed.add(subject)
        if before is not None and before != "kommunen":
            del records[before][subject]
        if after is not None:
            records[after][subject] = fresh[after][subject]
            record_graphs[subject] = fresh_graphs[subject]
        else:
            record_graphs.pop(subject, None)
    snapshot = replace(
        old.snapshot, records={**records, "kommunen": old.reference.kommunen}, graphs=record_graphs
    )
    index, affected = update_index(old.index, snapshot, changed)
    tallies = TallyUpdate(old.tallies)
    touched: set[str] = set()
    for iri in affected:
        before_kind, after_kind = kind_of(old.snapshot, iri), kind_of(snapshot, iri)
        old_facts = record_facts(old.index, before_kind, iri) if before_kind else set()
        new_facts = record_facts(index, after_kind, iri) if after_kind else set()
        tallies.apply(old_facts - new_facts, new_facts - old_facts)
        touched |= old.index.areas.get(iri, frozenset()) | index.areas.get(iri, frozenset())
    versions = dict(old.versions)
    for area in touched:
        versions[area] = versions.get(area, 0) + 1
    written = set(graphs)
    sizes = {g: n for g, n in old.graph_sizes.items() if g not in written}
    sizes.update(store.graph_sizes(written))
    # a graph's own dates change only when it is written: those graphs alone are read again
    dates = {g: d for g, d in old.graph_dates.items() if g not in written}
    dates.update(load_graph_dates(store, written))
    memo, stale = old.memo.carried_over(versions)
    models = dict(old.actor_models)
    for iri in affected:
        models.pop(iri, None)
    view = View(
        state=store.state,
        reference=old.reference,
        snapshot=snapshot,
        index=index,
        search=updated_entries(old.search, index, affected),
        tallies=tallies.tallies,
        versions=versions,
        graph_sizes=sizes,
        graph_dates=dates,
        memo=memo,
        actor_models=models,
    )
    return view, touched, stale


def reference_changed(old: View, subjects: Iterable[str]) -> bool:
    """Whether a write touched a Kommune, a concept or a scheme (then the view is rebuilt)."""
    reference = old.reference
    return any(
        s in reference.kommunen or s in reference.concepts or s in reference.schemes
        for s in subjects
    )
