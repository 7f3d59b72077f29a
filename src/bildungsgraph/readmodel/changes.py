"""Development over time: a Kommune as of two dates, and what started and ended between them.

Dates are the records' ``schema:startDate`` and ``schema:endDate``. A record is *active* on a
day when it started on or before it and ends on or after it (``Period.active_on``, the date
filter of the network views); a record without a start date counts as there from the
beginning, one without an end date as still running. For a period from ``first`` to ``last``
(``first`` ≤ ``last``; equal days make an empty period):

- *started*: the start date is after ``first`` and on or before ``last`` — not yet active on
  the first day, active on the last (unless it ended in between as well);
- *ended*: the end date is on or after ``first`` and before ``last`` — active on the first
  day, no longer on the last;
- *new actors*: actors of the Kommune whose first offer, cooperation or membership (wherever
  that lies) starts in the period. Actors carry no founding date in the data model (the
  templates have none, and ``dct:modified`` is the last change, not a beginning), so an
  actor appears with its first dated record; an actor with an undated record counts as there
  from the beginning and is never new.

The cooperations, offers and memberships are those that lie in the Kommune (``records.index``,
as the key figures: read from its tally; the Land holds all of them). The figures as of a day:
the records of each kind active that day, and the network of that day (``network_graph`` with
the date filter and the default ties, so a tie is what it is in the network views: two actors
joined by a cooperation running that day): the Kommune's actors with at least one tie, the ties
and the density.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from ..analysis.model import NetworkFilter, Period
from ..errors import InvalidParameterError
from ..namespaces import BG, SCHEMA
from ..records.overview import kommune_name
from ..records.values import iris, local_id, name_of, text
from ..visualisation.filters import WHOLE_STATE
from . import network
from .figures import kommune_iri
from .view import LAND, View

DATED_KINDS = ("cooperations", "offers", "memberships")
LIMIT = 100  # records listed per kind and direction (the totals count all)
MOST_LISTED = 100_000  # the largest limit one may ask for (the Land at 1M triples: ~15,000)
# who a record names, per kind: cooperations their partners, offers their providers,
# memberships their member (and the network, named apart)
_NAMES_ACTORS = {"cooperations": BG.partner, "offers": BG.provider, "memberships": BG.member}


@dataclass(frozen=True)
class Dated:
    """A record with its period."""

    iri: str
    period: Period


@dataclass(frozen=True)
class Timeline:
    """The dated records of a Kommune, and when each of its actors first appears."""

    records: dict[str, tuple[Dated, ...]]  # kind → the records that lie in the Kommune
    first_seen: dict[str, date]  # actor → start of its first record (actors with undated
    # records or with none are left out: they cannot be new)


@dataclass(frozen=True)
class NetworkFigures:
    """The figures of one network graph (the cooperation graph of a Kommune, maybe as of a
    day): its actors with at least one tie, ties (pairs of actors), density and connected
    parts, computed as ``analysis.measures`` computes them for the whole graph."""

    actors_with_ties: int  # actors of the Kommune itself (partners from elsewhere not counted)
    ties: int
    density: float
    components: int


@dataclass(frozen=True)
class DayFigures:
    """A Kommune as of one day."""

    day: str
    cooperations: int  # active that day
    offers: int
    memberships: int
    actors_with_ties: int
    ties: int
    density: float


@dataclass(frozen=True)
class Named:
    id: str
    iri: str
    name: str


@dataclass(frozen=True)
class ChangedRecord:
    """A record that started or ended in the period."""

    id: str
    iri: str
    name: str
    start_date: str | None
    end_date: str | None
    actors: list[Named]  # partners, providers or the member
    network: Named | None  # memberships: the network


@dataclass(frozen=True)
class ChangedRecords:
    total: int
    items: list[ChangedRecord]  # the first ``limit``, by date and name


@dataclass(frozen=True)
class NewActor:
    id: str
    iri: str
    name: str
    first_date: str


@dataclass(frozen=True)
class NewActors:
    total: int
    items: list[NewActor]


@dataclass(frozen=True)
class Changes:
    """A Kommune as of two days, and what started and ended between them."""

    kommune: str  # key; ``05``: NRW
    kommune_name: str
    from_date: str
    to_date: str
    before: DayFigures
    after: DayFigures
    started: dict[str, ChangedRecords]  # kind (``DATED_KINDS``) → records
    ended: dict[str, ChangedRecords]
    new_actors: NewActors


def year_before(day: date) -> date:
    """The first day of the period a page shows by default: a year before its last."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: the 28th
        return day.replace(year=day.year - 1, day=28)


def period_filters(
    view: View, key: str | None, first: str | None, last: str | None, today: date | None = None
) -> tuple[NetworkFilter, NetworkFilter]:
    """The network filters of the Kommune as of each day (the pages' parser: unknown keys
    and bad dates are an InvalidParameterError); without ``last``: today, without
    ``first``: a year before ``last``."""
    last = last or (today or date.today()).isoformat()
    after = network.parse_filter(view, kommune=key, as_of=last)
    assert after.as_of is not None
    before = network.parse_filter(
        view, kommune=key, as_of=first or year_before(after.as_of).isoformat()
    )
    assert before.as_of is not None
    if before.as_of > after.as_of:
        raise InvalidParameterError(
            f"Beginn {before.as_of} liegt nach dem Ende {after.as_of} / "
            f"from {before.as_of} is after to {after.as_of}"
        )
    return before, after


def changes(
    view: View,
    key: str | None,
    first: str | None = None,
    last: str | None = None,
    limit: int = LIMIT,
    today: date | None = None,
) -> Changes:
    """The Kommune ``key`` (a Kreis with its Gemeinden; ``05`` or None: NRW) as of the days
    ``first`` and ``last`` (ISO dates; empty ``last``: today, empty ``first``: a year before
    ``last``) and what changed between them; InvalidParameterError for an unknown Kommune, a
    bad date or ``first`` > ``last``."""
    before, after = period_filters(view, key, first, last, today)
    assert before.as_of is not None and after.as_of is not None
    start, end = before.as_of, after.as_of
    scope = _scope(before)
    line = timeline(view, scope)
    started, ended = {}, {}
    for kind in DATED_KINDS:
        records = line.records[kind]
        began = [r for r in records if r.period.start and start < r.period.start <= end]
        stopped = [r for r in records if r.period.end and start <= r.period.end < end]
        started[kind] = _listed(view, kind, began, lambda r: r.period.start or start, limit)
        ended[kind] = _listed(view, kind, stopped, lambda r: r.period.end or end, limit)
    new = sorted(
        ((day, actor) for actor, day in line.first_seen.items() if start < day <= end),
        key=lambda found: (found[0], view.index.sort_name.get(found[1], ""), found[1]),
    )
    shown = before.kommune or WHOLE_STATE
    return Changes(
        kommune=shown,
        kommune_name=kommune_name(view.index, shown),
        from_date=start.isoformat(),
        to_date=end.isoformat(),
        before=day_figures(view, before),
        after=day_figures(view, after),
        started=started,
        ended=ended,
        new_actors=NewActors(
            len(new),
            [
                NewActor(
                    local_id(actor), actor, name_of(view.snapshot, "actors", actor), day.isoformat()
                )
                for day, actor in new[:limit]
            ],
        ),
    )


def _scope(flt: NetworkFilter) -> str:
    return kommune_iri(flt.kommune) if flt.kommune else LAND


def timeline(view: View, scope: str) -> Timeline:
    """The dated records of a Kommune (IRI; the Land: everything), made once per state of it."""

    def build() -> Timeline:
        tally = view.tally(scope)
        records = view.snapshot.records
        periods: dict[str, Period] = {}  # each record's dates read once

        def period(kind: str, iri: str) -> Period:
            found = periods.get(iri)
            if found is None:
                found = periods[iri] = network.record_period(records[kind][iri])
            return found

        dated = {
            kind: tuple(
                Dated(iri, period(kind, iri)) for iri in sorted(tally.members("records", kind))
            )
            for kind in DATED_KINDS
        }
        first_seen = {}
        for actor in tally.members("records", "actors"):
            day = _first_start(view, actor, period)
            if day is not None:
                first_seen[actor] = day
        return Timeline(dated, first_seen)

    return view.remember(("timeline", scope), (scope,), build, lambda v: timeline(v, scope))


def _first_start(view: View, actor: str, period: Callable[[str, str], Period]) -> date | None:
    """The start of an actor's first offer, cooperation or membership; None when it has
    none, or one without a start date (there from the beginning)."""
    index = view.index
    linked = (
        ("offers", index.actor_offers),
        ("cooperations", index.actor_cooperations),
        ("memberships", index.actor_memberships),
    )
    starts = []
    for kind, links in linked:
        for iri in links.get(actor, ()):
            start = period(kind, iri).start
            if start is None:
                return None
            starts.append(start)
    return min(starts, default=None)


def day_figures(view: View, flt: NetworkFilter) -> DayFigures:
    """The Kommune of a filter as of its day (``flt.as_of``): active records and network."""
    assert flt.as_of is not None
    day, scope = flt.as_of, _scope(flt)

    def build() -> DayFigures:
        records = timeline(view, scope).records
        active = {
            kind: sum(1 for r in records[kind] if r.period.active_on(day)) for kind in DATED_KINDS
        }
        net = network_figures(view, flt)
        return DayFigures(
            day=day.isoformat(),
            cooperations=active["cooperations"],
            offers=active["offers"],
            memberships=active["memberships"],
            actors_with_ties=net.actors_with_ties,
            ties=net.ties,
            density=net.density,
        )

    return view.remember(("day-figures", flt), (scope,), build, lambda v: day_figures(v, flt))


def network_figures(view: View, flt: NetworkFilter) -> NetworkFigures:
    """The figures of the cooperation graph of a filter (``network.network_graph``), made
    once per state of its Kommune; no node measures are computed for them."""
    scope = _scope(flt)

    def build() -> NetworkFigures:
        graph = network.network_graph(view, flt)
        nodes = graph.number_of_nodes()
        return NetworkFigures(
            actors_with_ties=sum(
                1
                for node, degree in graph.degree()
                if degree and graph.nodes[node].get("in_scope", True)
            ),
            ties=graph.number_of_edges(),
            density=nx.density(graph) if nodes > 1 else 0.0,
            components=nx.number_connected_components(graph),
        )

    return view.remember(
        ("network-figures", flt), (scope,), build, lambda v: network_figures(v, flt)
    )


def whole_network(view: View, key: str) -> NetworkFigures:
    """The figures of a Kommune's network with every tie, whatever its dates."""
    return network_figures(view, network.parse_filter(view, kommune=key))


def _listed(
    view: View, kind: str, found: Iterable[Dated], when: Callable[[Dated], date], limit: int
) -> ChangedRecords:
    names = view.index.sort_name
    ordered = sorted(found, key=lambda r: (when(r), names.get(r.iri, ""), r.iri))
    return ChangedRecords(len(ordered), [_changed(view, kind, r) for r in ordered[:limit]])


def _changed(view: View, kind: str, record: Dated) -> ChangedRecord:
    snapshot = view.snapshot
    props = snapshot.records[kind][record.iri]
    actors = [
        Named(local_id(a), a, name_of(snapshot, "actors", a))
        for a in iris(props, _NAMES_ACTORS[kind])
    ]
    networks = iris(props, BG.network) if kind == "memberships" else []
    period = record.period
    return ChangedRecord(
        id=local_id(record.iri),
        iri=record.iri,
        name=_record_name(view, kind, record.iri, actors, networks),
        start_date=period.start.isoformat() if period.start else None,
        end_date=period.end.isoformat() if period.end else None,
        actors=actors,
        network=Named(
            local_id(networks[0]), networks[0], name_of(snapshot, "networks", networks[0])
        )
        if networks
        else None,
    )


def _record_name(view: View, kind: str, iri: str, actors: list[Named], networks: list[str]) -> str:
    """The record's name; a membership has none of its own: "member – network"."""
    name = text(view.snapshot.records[kind][iri], SCHEMA.name)
    if name or kind != "memberships":
        return name or local_id(iri)
    parts = [a.name for a in actors[:1]]
    parts += [name_of(view.snapshot, "networks", n) for n in networks[:1]]
    return " – ".join(parts) or local_id(iri)
