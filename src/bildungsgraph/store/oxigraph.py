"""GraphStore on the embedded Oxigraph store through pyoxigraph.

Graph writes are SPARQL Update requests, because Oxigraph runs one update request in one
transaction: ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`` either lands whole or
not at all, also when the process is killed in the middle (RocksDB's write-ahead log).
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier, Node

from ..errors import NotFoundError, QueryError, StoreError
from ..namespaces import PREFIXES
from .base import (
    DumpFormat,
    QueryResult,
    QueryShortcuts,
    Row,
    Statement,
    Triple,
    new_state,
    next_state,
)
from .terms import (
    OX_FORMATS,
    from_rdflib,
    named_node,
    ntriples_lines,
    replace_request,
    set_value_request,
    subject_key,
    to_rdflib,
    triple_terms,
)


def dataset_options(
    default_graphs: Sequence[str] | None,
    named_graphs: Sequence[str] | None,
    union: bool = True,
) -> dict[str, object]:
    """Query keyword arguments for a dataset: the union of all named graphs unless one is given.

    A dataset given by the protocol (``default-graph-uri`` / ``named-graph-uri``) replaces the
    query's own ``FROM`` / ``FROM NAMED``; IRIs only ever select local graphs. ``union=False``
    leaves the dataset to the query's ``FROM`` clauses (Oxigraph's union flag overrides them).
    """
    if default_graphs is None and named_graphs is None:
        return {"use_default_graph_as_union": union}
    return {
        "default_graph": [named_node(iri) for iri in default_graphs or ()],
        "named_graphs": [named_node(iri) for iri in named_graphs or ()],
    }


def state_file(path: Path) -> Path:
    """Where the state token of the store at ``path`` is kept: ``{store}-state`` beside it."""
    return path.parent / f"{path.name}-state"


class OxigraphStore(QueryShortcuts):
    """An Oxigraph store on disk (or in memory when ``path`` is None)."""

    writable = True  # False for a checkpoint opened read-only
    shared = False  # one process holds the store on disk

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        try:
            if path is None:
                self._store = ox.Store()
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(
                f"cannot open the store at {path}: {exc} "
                "(is another bildungsgraph process using it?)"
            ) from exc
        self.state = self._read_state()

    @classmethod
    def open_read_only(cls, path: Path, state: str) -> OxigraphStore:
        """A store that is never written (a checkpoint at ``state``), opened read-only: any
        number of processes may read it while another writes the store it was taken from."""
        store = cls.__new__(cls)
        store.path, store.state = path, state
        try:
            store._store = ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the checkpoint at {path}: {exc}") from exc
        store.writable = False
        return store

    @property
    def native(self) -> ox.Store:
        """The Oxigraph store itself, to read only: ``bildungsgraph.sparql`` answers queries on
        it in process with Oxigraph's result writers (the command line's ``query``)."""
        return self._store

    # -- state -----------------------------------------------------------------------------

    def _read_state(self) -> str:
        if self.path is None:
            return new_state(0)
        try:
            return state_file(self.path).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            state = new_state(0)  # a store from before state tokens: give it one for good
            self._write_state(state)
            return state

    def _write_state(self, state: str) -> None:
        assert self.path is not None
        target = state_file(self.path)
        scratch = target.with_name(target.name + ".tmp")
        with scratch.open("w", encoding="ascii") as handle:
            handle.write(state)
            handle.flush()
            os.fsync(handle.fileno())
        scratch.replace(target)

    def _advance_state(self) -> None:
        """Give the store a new state token, durably, *before* a write.

        Whoever keeps figures derived from the store (the read model beside it) records the
        token they were computed for. Writing the token first means a crash between the token
        and the write can only make a reader recompute needlessly, never trust stale figures.
        """
        if not self.writable:
            raise StoreError(
                "Dies ist eine schreibgeschützte Kopie des Speichers (ein Server benutzt ihn). / "
                "This is a read-only copy of the store (a server is using it)."
            )
        self.state = next_state(self.state)
        if self.path is not None:
            self._write_state(self.state)

    # -- queries ---------------------------------------------------------------------------

    def _run(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> object:
        try:
            substitutions: (
                dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None
            ) = (
                {ox.Variable(name): from_rdflib(value) for name, value in bindings.items()}
                if bindings
                else None
            )
            return self._store.query(
                query,
                prefixes=PREFIXES,
                substitutions=substitutions,
                **dataset_options(default_graphs, named_graphs),  # type: ignore[arg-type]
            )
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def query(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        result = self._run(query, bindings, default_graphs, named_graphs)
        try:
            if isinstance(result, ox.QueryBoolean):
                return QueryResult(kind="ask", boolean=bool(result))
            if isinstance(result, ox.QueryTriples):
                graph = Graph()
                for triple in result:
                    graph.add(
                        (
                            to_rdflib(triple.subject),
                            to_rdflib(triple.predicate),
                            to_rdflib(triple.object),
                        )
                    )
                return QueryResult(kind="graph", graph=graph)
            assert isinstance(result, ox.QuerySolutions)
            names = [variable.value for variable in result.variables]
            rows: list[Row] = []
            for solution in result:
                row: Row = {}
                for name in names:
                    value = solution[name]
                    if value is not None:
                        row[name] = to_rdflib(value)
                rows.append(row)
            return QueryResult(kind="select", variables=names, rows=rows)
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def describe_resources(self, iris: Iterable[str], predicates: Iterable[str]) -> Graph:
        graph = Graph()
        wanted = [named_node(predicate) for predicate in predicates]
        for iri in iris:
            subject = named_node(iri)
            for predicate in wanted:
                for quad in self._store.quads_for_pattern(subject, predicate, None, None):
                    graph.add((URIRef(iri), URIRef(predicate.value), to_rdflib(quad.object)))
        return graph

    def subjects(self, graphs: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for name in graphs:
            if not self.has_graph(name):
                continue
            for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
                found.add(subject_key(quad.subject))
        return found

    def statements_about(self, subjects: Iterable[str]) -> Iterator[Statement]:
        for iri in subjects:
            subject = named_node(iri) if not iri.startswith("_:") else ox.BlankNode(iri[2:])
            for quad in self._store.quads_for_pattern(subject, None, None, None):
                if isinstance(quad.graph_name, ox.NamedNode):
                    yield iri, quad.predicate.value, to_rdflib(quad.object), quad.graph_name.value

    def statements(self, subjects: Container[str] | None = None) -> Iterator[Statement]:
        for quad in self._store.quads_for_pattern(None, None, None, None):
            if not isinstance(quad.graph_name, ox.NamedNode):
                continue
            subject = subject_key(quad.subject)
            if subjects is None or subject in subjects:
                yield subject, quad.predicate.value, to_rdflib(quad.object), quad.graph_name.value

    # -- graphs ----------------------------------------------------------------------------

    def graph_names(self) -> list[str]:
        return sorted(
            graph.value for graph in self._store.named_graphs() if isinstance(graph, ox.NamedNode)
        )

    def has_graph(self, name: str) -> bool:
        try:
            graph = ox.NamedNode(name)
        except ValueError:
            return False  # no graph can have a name that is not an IRI
        return bool(self._store.contains_named_graph(graph))

    def graph_sizes(self, names: Iterable[str] | None = None) -> dict[str, int]:
        if names is not None:
            return {
                name: sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph))
                for name in names
                if self.has_graph(name) and (graph := ox.NamedNode(name))
            }
        result = self._store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        assert isinstance(result, ox.QuerySolutions)
        return {solution["g"].value: int(solution["n"].value) for solution in result}

    def get_graph(self, name: str) -> Graph:
        if not self.has_graph(name):
            raise NotFoundError(f"no named graph {name}")
        graph = Graph()
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return graph

    def replace_graph_from_file(self, name: str, path: Path) -> int:
        graph = ox.NamedNode(name)
        try:
            quads = {
                ox.Quad(quad.subject, quad.predicate, quad.object, graph)
                for quad in ox.parse(path=str(path))
            }
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot read {path}: {exc}") from exc
        if self.has_graph(name):
            lines = [f"{quad.subject} {quad.predicate} {quad.object} ." for quad in quads]
            self._update(replace_request(name, lines))
        else:
            self._extend(quads)
        return len(quads)

    def bulk_load(self, path: Path, graph: str | None = None) -> None:
        self._advance_state()
        try:
            self._store.bulk_load(path=str(path), to_graph=ox.NamedNode(graph) if graph else None)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load {path}: {exc}") from exc

    def replace_graph(self, name: str, triples: Iterable[Triple]) -> int:
        return self.replace_graphs({name: triples})[name]

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> dict[str, int]:
        if not any(self.has_graph(name) for name in graphs):
            return self._add_new_graphs(graphs)
        counts: dict[str, int] = {}
        requests: list[str] = []
        for name, triples in graphs.items():
            lines = list(ntriples_lines(triples))
            counts[name] = len(lines)
            requests.append(replace_request(name, lines))
        self._update(" ;\n".join(requests))
        return counts

    def _add_new_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> dict[str, int]:
        # Nothing to drop: one transactional extend is several times faster than an update.
        counts: dict[str, int] = {}
        quads: set[ox.Quad] = set()
        for name, triples in graphs.items():
            graph = ox.NamedNode(name)
            before = len(quads)
            for subject, predicate, obj in triples:
                quads.add(ox.Quad(*triple_terms(subject, predicate, obj), graph))
            counts[name] = len(quads) - before
        self._extend(quads)
        return counts

    def _extend(self, quads: Iterable[ox.Quad]) -> None:
        self._advance_state()
        try:
            self._store.extend(quads)
        except OSError as exc:
            raise StoreError(f"store write failed, nothing was changed: {exc}") from exc

    def set_value(self, graph: str, subject: Node, predicate: Node, value: Node) -> None:
        self._update(set_value_request(graph, subject, predicate, value))

    def drop_graph(self, name: str) -> None:
        if not self.has_graph(name):
            raise NotFoundError(f"no named graph {name}")
        self._update(f"DROP GRAPH {ox.NamedNode(name)}")

    def _update(self, request: str) -> None:
        self._advance_state()
        try:
            self._store.update(request)
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            raise StoreError(f"store write failed, nothing was changed: {exc}") from exc

    # -- dumps -----------------------------------------------------------------------------

    def dump(self, output: BinaryIO, fmt: DumpFormat, graph: str | None = None) -> None:
        ox_format = OX_FORMATS[fmt]
        prefixes = PREFIXES if fmt in (DumpFormat.TURTLE, DumpFormat.TRIG) else None
        if graph is not None:
            self._store.dump(output, ox_format, from_graph=ox.NamedNode(graph), prefixes=prefixes)
        elif fmt.keeps_graphs:
            self._store.dump(output, ox_format, prefixes=prefixes)
        else:
            union = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            assert isinstance(union, ox.QueryTriples)
            ox.serialize(union, output, ox_format, prefixes=prefixes)

    def snapshot(self, directory: Path) -> Path:
        """A consistent copy of the store for readers in other processes, inside ``directory``.

        On disk a checkpoint (hard links, milliseconds); in memory an N-Quads file.
        """
        if self.path is not None:
            target = directory / "store"
            self._store.backup(str(target))
            return target
        target = directory / "store.nq"
        self._store.dump(str(target), ox.RdfFormat.N_QUADS)
        return target

    def backup(self, target: Path) -> None:
        """Copy the on-disk store to an empty directory (hard links where possible)."""
        self._store.backup(str(target))

    def flush(self) -> None:
        """Write buffered data to disk."""
        self._store.flush()

    def sync(self) -> None:
        """Nothing is cached: the process holding the store is the only writer."""

    def close(self) -> None:
        # Dropping the last reference releases the on-disk lock; closing twice is harmless.
        store = self.__dict__.pop("_store", None)
        if store is not None and self.path is not None and self.writable:
            store.flush()
