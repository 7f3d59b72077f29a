"""Closed schools of the official list and the records that still name them.

A school the latest update of the school list no longer has stays an actor (with its site) in
the graph ``graph/reference/schools-closed`` with ``bg:closedOn``; it counts in no figure
(``facts``), but cooperations, memberships, offers and networks may still name it until their
contributors correct them. The freshness view and ``bildungsgraph reference update schools``
list those records from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..namespaces import BG, SCHOOLS_CLOSED_GRAPH, SCHOOLS_GRAPH
from ..records.index import Index
from ..records.snapshot import Snapshot
from ..records.values import text
from .view import LAND, View

CLOSED = str(SCHOOLS_CLOSED_GRAPH)
OFFICIAL = str(SCHOOLS_GRAPH)
# record kind → the index table from a named actor to the records naming it, and the role
NAMING_LINKS = (
    ("cooperations", "actor_cooperations", "partner"),
    ("memberships", "actor_memberships", "member"),
    ("offers", "actor_offers", "provider"),
    ("networks", "actor_networks", "coordinator"),
)


@dataclass(frozen=True)
class Naming:
    """A record that names a school (``role``: as partner, member, provider, coordinator)."""

    school: str
    kind: str
    record: str
    role: str
    graphs: tuple[str, ...]  # where the record is stated (its contribution)

    @property
    def kennung(self) -> str:
        return self.record.rsplit("/", 1)[-1]


def is_closed(snapshot: Snapshot, iri: str) -> bool:
    """Whether a record is a closed school (or its site) and not back in the list."""
    graphs = snapshot.graphs.get(iri, frozenset())
    return CLOSED in graphs and OFFICIAL not in graphs


def closed_on(snapshot: Snapshot, iri: str) -> str | None:
    """The day (ISO) a school closed, if it is a closed school."""
    if not is_closed(snapshot, iri):
        return None
    props = snapshot.records["actors"].get(iri)
    return text(props, BG.closedOn) if props else None


def records_naming(index: Index, schools: Iterable[str]) -> list[Naming]:
    """The records of ``index`` that name one of ``schools``, by school and record."""
    found = []
    graphs = index.snapshot.graphs
    for school in sorted(set(schools)):
        for kind, table, role in NAMING_LINKS:
            for record in getattr(index, table).get(school, ()):
                found.append(
                    Naming(school, kind, record, role, tuple(sorted(graphs.get(record, ()))))
                )
    return found


def closed_schools(view: View) -> dict[str, str]:
    """Closed school IRI → the day it closed (ISO), for the whole store (memoised)."""

    def compute() -> dict[str, str]:
        snapshot = view.snapshot
        return {
            iri: day
            for iri in snapshot.records["actors"]
            if (day := closed_on(snapshot, iri)) is not None
        }

    return view.remember(("closed-schools",), [LAND], compute)


def closed_schools_named(view: View) -> list[Naming]:
    """The records that still name a closed school (memoised)."""
    return view.remember(
        ("closed-schools-named",),
        [LAND],
        lambda: records_naming(view.index, closed_schools(view)),
    )


def closed_schools_named_in(view: View, kommune: str) -> list[Naming]:
    """The records in a Kommune (IRI; with the units below it) that still name a closed
    school: what its freshness view flags."""
    areas = view.index.areas
    return [n for n in closed_schools_named(view) if kommune in areas.get(n.record, ())]
