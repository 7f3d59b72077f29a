"""Updates of the official reference data from a new download, each one write of its graphs.

``population(path)`` replaces the Kreis observations of ``graph/reference/population`` from a
GENESIS 12411-0018 download (one transaction; the read model is rebuilt: reference tier).
``schools(path)`` reads an MSB ``schuldaten.csv``, compares it with the stored school list and
(unless a dry run) replaces ``graph/reference/schools`` and ``graph/reference/schools-closed``
in one transaction through the GraphWriter: the read model re-reads exactly the schools of both
graphs (records, followed record by record), the SPARQL replicas get both graphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from rdflib import BNode, URIRef
from rdflib.term import Node

from ..namespaces import (
    BG,
    POPULATION_GRAPH,
    SCHEMA,
    SCHOOLS_CLOSED_GRAPH,
    SCHOOLS_GRAPH,
    kommune_iri,
    school_actor_iri,
)
from ..readmodel import ReadModel, View
from ..readmodel.closed import closed_schools, records_naming
from ..records.values import text
from ..reference.errors import ReferenceDataError
from ..reference.genesis import (
    PopulationDiff,
    check_kreise,
    read_genesis_12411,
    update_population_graph,
)
from ..reference.msb import read_msb_schools
from ..reference.update import SchoolDiff, StillNamed, update_school_graphs
from ..store import GraphStore
from .writes import GraphWriter

SCHOOLS, CLOSED = str(SCHOOLS_GRAPH), str(SCHOOLS_CLOSED_GRAPH)
POPULATION = str(POPULATION_GRAPH)


class ReferenceUpdates:
    """Replace a reference graph by a new official download and say what changed."""

    def __init__(self, store: GraphStore, writer: GraphWriter, readmodel: ReadModel) -> None:
        self.store = store
        self.writer = writer
        self.readmodel = readmodel

    def schools(self, path: Path, *, on: date | None = None, dry_run: bool = False) -> SchoolDiff:
        """Update the school list from the MSB file ``path`` (``on``: the day it counts as,
        default today); raises ReferenceDataError, changing nothing, on a malformed file."""
        parsed = read_msb_schools(path)
        on = on or date.today()
        with self.writer.lock:  # what is compared is what is replaced
            view = self.readmodel.current()
            kommunen = view.reference.kommunen
            if not kommunen:
                raise ReferenceDataError(
                    "Der Speicher enthält noch keine Gemeinden: zuerst `bildungsgraph load`. / "
                    "The store holds no Gemeinden yet: run `bildungsgraph load` first."
                )
            unknown = sorted(
                {s.ags for s in parsed.schools if str(kommune_iri(s.ags)) not in kommunen}
            )
            if unknown:
                raise ReferenceDataError(
                    f"{path.name}: Gemeindeschlüssel, die der Speicher nicht kennt / keys of "
                    f"no stored Gemeinde: {', '.join(unknown[:10])} (Gemeinden zuerst "
                    "aktualisieren / update the Gemeinden first)"
                )
            result = update_school_graphs(
                parsed.schools, self._graph(SCHOOLS), self._graph(CLOSED), on
            )
            diff = result.diff
            diff.unknown_forms, diff.notes = parsed.unknown_forms, parsed.notes
            closing = {str(school_actor_iri(e.schulnummer)) for e in diff.closed}
            back = {str(school_actor_iri(e.schulnummer)) for e in diff.reopened}
            earlier = closed_schools(view)
            days = {**earlier, **dict.fromkeys(closing, diff.on)}
            names = {str(school_actor_iri(e.schulnummer)): e.name for e in diff.closed}
            for naming in records_naming(view.index, (closing | set(earlier)) - back):
                diff.still_named.append(
                    StillNamed(
                        school=naming.school.rsplit("/", 1)[-1].removeprefix("school-"),
                        name=names.get(naming.school) or _name(view, naming.school),
                        closed_on=days[naming.school],
                        kind=naming.kind,
                        kennung=naming.kennung,
                        role=naming.role,
                        record=naming.record,
                        graphs=naming.graphs,
                    )
                )
            if dry_run:
                return diff
            self.writer.write(
                [SCHOOLS, CLOSED],
                lambda: self.store.replace_graphs({SCHOOLS: result.schools, CLOSED: result.closed}),
                subjects=result.subjects,  # the read model re-reads what changed, not 5,400
            )
            diff.stored = True
        return diff

    def population(
        self, path: Path, *, on: date | None = None, dry_run: bool = False
    ) -> PopulationDiff:
        """Update the population by age band of the Kreise from a GENESIS 12411-0018 file;
        the Kreise of every Stichtag must be the stored ones. The population is reference
        data every figure is measured against: the read model is built again."""
        if not path.is_file():
            raise ReferenceDataError(f"{path}: file not found")
        rows = read_genesis_12411(path.read_bytes(), path.name)
        on = on or date.today()
        with self.writer.lock:
            kommunen = self.readmodel.current().reference.kommunen
            kreise = {
                iri.rsplit("/", 1)[-1]
                for iri, props in kommunen.items()
                if str(BG.districtKey) in props
            }
            check_kreise(rows, kreise)
            graph, diff = update_population_graph(rows, self._graph(POPULATION), on)
            if not dry_run:
                self.writer.write(
                    [POPULATION], lambda: self.store.replace_graphs({POPULATION: graph})
                )
                diff.stored = True
        return diff

    def _graph(self, name: str) -> Iterator[tuple[Node, Node, Node]]:
        """The triples of a named graph (none when it is not there)."""
        subjects = self.store.subjects([name])
        for subject, predicate, obj, graph in self.store.statements_about(subjects):
            if graph == name:
                node = BNode(subject[2:]) if subject.startswith("_:") else URIRef(subject)
                yield node, URIRef(predicate), obj


def _name(view: View, iri: str) -> str:
    return text(view.snapshot.records["actors"].get(iri, {}), SCHEMA.name) or ""
