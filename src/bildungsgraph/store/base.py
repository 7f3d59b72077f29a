"""The narrow interface every triple store behind bildungsgraph implements.

Two stores implement it: the embedded Oxigraph store (``oxigraph.py``) and a remote SPARQL 1.1
store (``remote.py``: queries over the protocol, writes as Update requests).
All terms crossing this interface are rdflib terms, so no caller depends on the store library.
"""

from __future__ import annotations

import secrets
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

from rdflib import Graph
from rdflib.term import Identifier, Node

from ..errors import QueryError

Triple = tuple[Node, Node, Node]
Row = dict[str, Identifier]
# (subject IRI or ``_:id``, predicate IRI, object, named graph IRI)
Statement = tuple[str, str, Identifier, str]


@dataclass
class QueryResult:
    """The answer to a SPARQL query: rows (SELECT), a boolean (ASK) or a graph."""

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class DumpFormat(StrEnum):
    """Serialisations the store can dump; the value is the usual file extension."""

    NQUADS = "nq"
    TRIG = "trig"
    TURTLE = "ttl"
    NTRIPLES = "nt"
    JSONLD = "jsonld"

    @property
    def keeps_graphs(self) -> bool:
        """Whether the format keeps the named graphs (otherwise all graphs are merged)."""
        return self in (DumpFormat.NQUADS, DumpFormat.TRIG, DumpFormat.JSONLD)


class GraphStore(Protocol):
    """Query, write named graphs atomically, dump."""

    path: Path | None  # the directory of a store on disk (files beside it belong to it)
    writable: bool  # False for a read-only copy (writes raise StoreError)
    shared: bool  # other processes may write it too (a remote store)

    def query(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run any SPARQL query over the union of all named graphs.

        ``default_graphs`` / ``named_graphs`` (the protocol's ``default-graph-uri`` and
        ``named-graph-uri``) replace the dataset: only those local graphs are visible.
        """
        ...

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        """Run a SELECT query over the union of all graphs, variables bound from ``bindings``."""
        ...

    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> bool:
        """Run an ASK query over the union of all named graphs."""
        ...

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query over the union of all named graphs."""
        ...

    def describe_resources(self, iris: Iterable[str], predicates: Iterable[str]) -> Graph:
        """The triples ``(iri, predicate, value)`` held for the given IRIs and predicates."""
        ...

    def subjects(self, graphs: Iterable[str]) -> set[str]:
        """The subjects (IRIs, blank nodes as ``_:id``) of the triples in these named graphs."""
        ...

    def statements_about(self, subjects: Iterable[str]) -> Iterator[Statement]:
        """Every triple about these subjects, in any named graph, with its graph."""
        ...

    def statements(self, subjects: Container[str] | None = None) -> Iterator[Statement]:
        """Every triple of every named graph (about one of ``subjects``), with its graph: one
        pass over the store, for a read side's first build."""
        ...

    def graph_names(self) -> list[str]:
        """The IRIs of all named graphs, sorted."""
        ...

    def has_graph(self, name: str) -> bool:
        """Whether a named graph exists."""
        ...

    def graph_sizes(self, names: Iterable[str] | None = None) -> dict[str, int]:
        """Triples per named graph (of the existing ones among ``names``)."""
        ...

    def get_graph(self, name: str) -> Graph:
        """A copy of one named graph as an rdflib Graph."""
        ...

    def replace_graph_from_file(self, name: str, path: Path) -> int:
        """Replace a named graph by the triples of an RDF file in one transaction."""
        ...

    def bulk_load(self, path: Path, graph: str | None = None) -> None:
        """Load a large RDF file fast, without a transaction: for imports by administrators.

        Quads keep their graphs; triples go to ``graph``.
        """
        ...

    def replace_graph(self, name: str, triples: Iterable[Triple]) -> int:
        """Replace a named graph by ``triples`` in one transaction; returns the triple count."""
        ...

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> dict[str, int]:
        """Replace several named graphs in one transaction."""
        ...

    def set_value(self, graph: str, subject: Node, predicate: Node, value: Node) -> None:
        """Replace the values of ``predicate`` of ``subject`` in ``graph`` by ``value``, in one
        transaction (a small change of a large graph, e.g. when a contribution was verified)."""
        ...

    def drop_graph(self, name: str) -> None:
        """Remove a named graph; NotFoundError if it does not exist."""
        ...

    def dump(self, output: BinaryIO, fmt: DumpFormat, graph: str | None = None) -> None:
        """Write the whole store (or one graph) to ``output``."""
        ...

    @property
    def state(self) -> str:
        """A token for the store's current content: it changes with every write, before the
        write happens, and survives restarts (derived figures record the token they show)."""
        ...

    def sync(self) -> None:
        """Forget what is cached about the store (its state), so that the next read sees the
        writes of every process: called with the write lock held, before a write."""
        ...

    def close(self) -> None:
        """Release the store (file locks, caches)."""
        ...


class QueryShortcuts:
    """``select``, ``ask`` and ``construct`` of a GraphStore, from its ``query``."""

    def query(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        raise NotImplementedError

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        result = self.query(query, bindings)
        if result.kind != "select":
            raise QueryError("not a SELECT query")
        return result.rows

    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> bool:
        result = self.query(query, bindings)
        if result.kind != "ask":
            raise QueryError("not an ASK query")
        return bool(result.boolean)

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        result = self.query(query, bindings)
        if result.graph is None:
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return result.graph


def new_state(counter: int) -> str:
    """A state token: a write counter (for people reading logs) and a random part (unique
    across stores and restarts)."""
    return f"{counter}-{secrets.token_hex(4)}"


def next_state(state: str) -> str:
    """The token after ``state``: its counter plus one."""
    counter = int(state.split("-", 1)[0]) if state[:1].isdigit() else 0
    return new_state(counter + 1)
