"""Freshness: since when each record is verified, and per Kommune the records not verified for
longer than a period, the share of fresh records and the references to closed schools.

*Last verified* is defined once (``last_verified``), from the record and the graph that holds
it (``View.graph_dates``, read by ``readmodel_graph_dates.rq``):

=================  ===========================================================================
basis              date
=================  ===========================================================================
``modified``       the record's ``dct:modified`` ("Letzte Änderung")
``verified``       the contribution's ``bg:lastVerified``, when its files came again unchanged
                   after it was stored (later than its ``prov:generatedAtTime``) and later than
                   the record's ``dct:modified``: sending the same files again confirms them
``contribution``   the contribution's time (``bg:lastVerified``, else ``prov:generatedAtTime``);
                   the example data is loaded as a contribution and counts so too
``graph``          an imported graph's own ``dct:modified`` or ``prov:generatedAtTime``
``official-list``  the official school list's Stichtag (``dct:temporal``), also for the
                   schools closed since (``graph/reference/schools-closed``)
``unknown``        none of these (an import without provenance)
=================  ===========================================================================

The share of fresh records counts the *contributed* records (as the data-quality figures do):
no Bildungsbüro can verify the official list, which is renewed by ``bildungsgraph reference
update schools``; its date is shown beside the share. "Today" is always a parameter, so the
same view gives the same answer in tests on any day.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ..errors import InvalidParameterError
from ..namespaces import (
    BASE,
    BG,
    CONTRIBUTION_GRAPH_PREFIX,
    DCT,
    EXAMPLE_GRAPH,
    SCHOOLS_CLOSED_GRAPH,
    SCHOOLS_GRAPH,
)
from ..records.index import SEARCHED_KINDS
from ..records.overview import kommune_name
from ..records.snapshot import Snapshot
from ..records.values import day, iris, local_id, name_of, text
from .closed import closed_on
from .figures import kommune_iri
from .sources import GraphDates
from .tally import Tally
from .view import View

KINDS = ("actors", "sites", "offers", "cooperations", "networks", "memberships")
CLOSED_SCHOOLS_GRAPH = str(SCHOOLS_CLOSED_GRAPH)
OFFICIAL_GRAPHS = (str(SCHOOLS_GRAPH), CLOSED_SCHOOLS_GRAPH)
BASES = ("modified", "verified", "contribution", "graph", "official-list", "unknown")
# kind → the property that names the actors a record refers to (a closed school among them
# is flagged; as in ``closed.NAMING_LINKS``)
REFERRING = {
    "cooperations": BG.partner,
    "memberships": BG.member,
    "offers": BG.provider,
    "networks": BG.coordinator,
}
MAX_MONTHS = 240


@dataclass(frozen=True)
class Verified:
    """When a record was last verified, on what basis, and the graph that holds it."""

    on: date | None
    basis: str  # one of BASES
    graph: str | None = None
    owner: str | None = None  # the graph's title (or its contributor)


@dataclass(frozen=True)
class Entry:
    """A record of a Kommune with its last verification."""

    kind: str
    iri: str
    kennung: str
    name: str
    verified: Verified


@dataclass(frozen=True)
class ClosedReference:
    """A cooperation, membership, offer or network that names a school closed since."""

    kind: str
    iri: str
    kennung: str
    name: str
    school: str  # IRI
    school_kennung: str
    school_name: str
    closed_on: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Share:
    """How many contributed records of a kind are fresh."""

    kind: str  # a kind, or "all"
    records: int
    fresh: int

    @property
    def percent(self) -> int | None:
        """Whole per cent (rounded down, so 100 means every record); None without records."""
        return self.fresh * 100 // self.records if self.records else None


@dataclass(frozen=True)
class Freshness:
    """The freshness view of one Kommune on one day."""

    key: str
    name: str
    months: int
    today: date
    cutoff: date  # verified on or after it: fresh
    shares: tuple[Share, ...]  # per kind (KINDS order), then "all"
    outdated: tuple[Entry, ...]  # contributed records not fresh, oldest (and unknown) first
    closed: tuple[ClosedReference, ...]
    official_list: date | None  # the Stichtag of the official school list
    official_records: int  # the official list's records in the Kommune (not in the shares)

    @property
    def total(self) -> Share:
        return self.shares[-1]

    def share(self, kind: str) -> Share:
        return next(s for s in self.shares if s.kind == kind)


def months_before(day: date, months: int) -> date:
    """``day`` ``months`` months earlier (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_fresh(verified: Verified, cutoff: date) -> bool:
    return verified.on is not None and verified.on >= cutoff


def last_verified(
    snapshot: Snapshot, dates: dict[str, GraphDates], kind: str, iri: str
) -> Verified:
    """The one definition of when a record was last verified (see the module docstring)."""
    graphs = snapshot.graphs.get(iri, frozenset())
    official = next((g for g in OFFICIAL_GRAPHS if g in graphs), None)
    if official is not None:
        meta = dates.get(str(SCHOOLS_GRAPH)) or dates.get(official) or GraphDates()
        return Verified(day(meta.temporal or meta.modified), "official-list", official, meta.title)
    graph = _owner(graphs, dates)
    meta = dates.get(graph, GraphDates()) if graph else GraphDates()
    owner = meta.title or meta.contributor
    props = snapshot.props(kind, iri) or {}
    modified = day(text(props, DCT.modified))
    contribution = graph is not None and (
        graph.startswith(CONTRIBUTION_GRAPH_PREFIX) or graph == str(EXAMPLE_GRAPH)
    )
    reverified = _later(meta.verified, meta.generated)
    if modified is not None:
        again = day(meta.verified) if reverified else None
        if again is not None and again > modified:
            return Verified(again, "verified", graph, owner)
        return Verified(modified, "modified", graph, owner)
    if contribution and (meta.verified or meta.generated):
        basis = "verified" if reverified else "contribution"
        return Verified(day(meta.verified or meta.generated), basis, graph, owner)
    if meta.modified or meta.generated:
        return Verified(day(meta.modified or meta.generated), "graph", graph, owner)
    return Verified(None, "unknown", graph, owner)


def freshness(view: View, key: str, months: int, today: date) -> Freshness:
    """The freshness view of the Kommune ``key`` (NotFoundError when unknown); memoised per
    view while the Kommune is unchanged."""
    if not 1 <= months <= MAX_MONTHS:
        raise InvalidParameterError(
            f"months muss zwischen 1 und {MAX_MONTHS} liegen / must be 1 to {MAX_MONTHS}"
        )
    name = kommune_name(view.index, key)
    iri = kommune_iri(key)
    return view.remember(
        ("freshness", key, months, today),
        [iri],
        lambda: _freshness(view, key, name, months, today),
        again=lambda later: freshness(later, key, months, today),
    )


def outdated_page(
    result: Freshness, kind: str | None, page: int, page_size: int
) -> tuple[list[Entry], int]:
    """One page of the outdated records (of ``kind``), and how many there are in all."""
    chosen = [e for e in result.outdated if kind is None or e.kind == kind]
    start = (page - 1) * page_size
    return chosen[start : start + page_size], len(chosen)


def _freshness(view: View, key: str, name: str, months: int, today: date) -> Freshness:
    snapshot, dates = view.snapshot, view.graph_dates
    cutoff = months_before(today, months)
    tally = view.tally(kommune_iri(key))
    shares: list[Share] = []
    outdated: list[Entry] = []
    official = 0
    for kind in KINDS:
        records = fresh = 0
        for iri in tally.members("records", kind):
            verified = last_verified(snapshot, dates, kind, iri)
            if verified.basis == "official-list":
                official += 1
                continue
            records += 1
            if is_fresh(verified, cutoff):
                fresh += 1
            else:
                outdated.append(
                    Entry(kind, iri, local_id(iri), name_of(snapshot, kind, iri), verified)
                )
        shares.append(Share(kind, records, fresh))
    shares.append(Share("all", sum(s.records for s in shares), sum(s.fresh for s in shares)))
    outdated.sort(key=lambda e: (e.verified.on or date.min, KINDS.index(e.kind), e.kennung))
    meta = dates.get(str(SCHOOLS_GRAPH))
    return Freshness(
        key=key,
        name=name,
        months=months,
        today=today,
        cutoff=cutoff,
        shares=tuple(shares),
        outdated=tuple(outdated),
        closed=tuple(_closed(tally, snapshot)),
        official_list=day(meta.temporal or meta.modified) if meta else None,
        official_records=official,
    )


def _closed(tally: Tally, snapshot: Snapshot) -> list[ClosedReference]:
    """The records of a Kommune that name a closed school (``bg:closedOn``)."""
    found: list[ClosedReference] = []
    for kind, predicate in REFERRING.items():
        for iri in tally.members("records", kind):
            for school in iris(snapshot.props(kind, iri) or {}, predicate):
                day = closed_on(snapshot, school)
                if day:
                    found.append(
                        ClosedReference(
                            kind,
                            iri,
                            local_id(iri),
                            name_of(snapshot, kind, iri),
                            school,
                            local_id(school),
                            name_of(snapshot, "actors", school),
                            day[:10],
                        )
                    )
    found.sort(key=lambda c: (c.closed_on, c.school_kennung, c.kind, c.kennung))
    return found


def _owner(graphs: Collection[str], dates: dict[str, GraphDates]) -> str | None:
    """The graph that holds a record: its contribution (or the example data), else a graph
    that describes itself, else any (confirmations and measures written back add graphs that
    only state something about it)."""
    ordered = sorted(graphs)
    return next(
        (g for g in ordered if g.startswith(CONTRIBUTION_GRAPH_PREFIX) or g == str(EXAMPLE_GRAPH)),
        next((g for g in ordered if g in dates), ordered[0] if ordered else None),
    )


def _later(first: str | None, second: str | None) -> bool:
    """Whether the time ``first`` is after ``second`` (both xsd:dateTime)."""
    if not first or not second:
        return False
    try:
        return datetime.fromisoformat(first) > datetime.fromisoformat(second)
    except ValueError:
        return False


def today() -> date:
    """The reference day of the faces (UTC); the functions above take it as a parameter."""
    return datetime.now(UTC).date()


def to_json(result: Freshness, kind: str | None, page: int, page_size: int) -> dict[str, Any]:
    """The freshness view as the API returns it: shares, closed-school flags, one page of the
    outdated records (of ``kind``)."""
    items, total = outdated_page(result, kind, page, page_size)
    return {
        "kommune": {"key": result.key, "name": result.name, "href": f"/api/kommunen/{result.key}"},
        "months": result.months,
        "today": result.today.isoformat(),
        "cutoff": result.cutoff.isoformat(),
        "share": _share_json(result.total),
        "shares": [_share_json(s) for s in result.shares[:-1]],
        "official_list": {
            "date": result.official_list.isoformat() if result.official_list else None,
            "records": result.official_records,
            "fresh": result.official_list is not None and result.official_list >= result.cutoff,
        },
        "closed_schools": [
            {
                "kind": c.kind,
                "id": c.kennung,
                "iri": c.iri,
                "name": c.name,
                "href": _href(c.kind, c.iri),
                "closed_on": c.closed_on,
                "school": {
                    "id": c.school_kennung,
                    "iri": c.school,
                    "name": c.school_name,
                    "href": f"/api/actors/{c.school_kennung}",
                },
            }
            for c in result.closed
        ],
        "kind": kind,
        "total": total,
        "page": page,
        "page_size": page_size,
        "pages": (total + page_size - 1) // page_size,
        "items": [_entry_json(e) for e in items],
    }


def _href(kind: str, iri: str) -> str:
    """The record in the API (its listing kinds), else its Linked Data description."""
    if kind in SEARCHED_KINDS:
        return f"/api/{kind}/{local_id(iri)}"
    return iri.removeprefix(BASE.rstrip("/"))


def _share_json(share: Share) -> dict[str, Any]:
    return {
        "kind": share.kind,
        "records": share.records,
        "fresh": share.fresh,
        "outdated": share.records - share.fresh,
        "percent": share.percent,
    }


def _entry_json(entry: Entry) -> dict[str, Any]:
    verified = entry.verified
    return {
        "kind": entry.kind,
        "id": entry.kennung,
        "iri": entry.iri,
        "name": entry.name,
        "href": _href(entry.kind, entry.iri),
        "last_verified": verified.on.isoformat() if verified.on else None,
        "basis": verified.basis,
        "graph": verified.graph,
        "owner": verified.owner,
    }
