"""The in-memory replica that answers SPARQL queries as serialised bytes, and its job types.

The durable store on disk is the one written; the replica is a read-only copy in memory,
because Oxigraph's in-memory store answers aggregates about eight times faster than its
RocksDB store. It is built once from a snapshot (``OxigraphStore.snapshot``, see
``loading.py``) and then follows the store by deltas: ``apply`` replaces whole named graphs
with their new content. Results are serialised by Oxigraph itself (no Python loop over rows).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from ..namespaces import PREFIXES
from ..store.oxigraph import dataset_options
from .errors import Refusal
from .loading import save_image

SOLUTIONS, BOOLEAN, GRAPH = "solutions", "boolean", "graph"
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")

# Result kind → media type → Oxigraph format, in the server's order of preference.
RESULT_FORMATS: dict[str, dict[str, ox.QueryResultsFormat | ox.RdfFormat]] = {
    SOLUTIONS: {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    },
    BOOLEAN: {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    },
    GRAPH: {
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
        "application/ld+json": ox.RdfFormat.JSON_LD,
    },
}

# The fewest bytes one solution takes in a format (``{},`` / ``<result></result>``): a body
# shorter than this times the row limit cannot exceed the limit, so it is not counted.
_MIN_ROW_BYTES = {ox.QueryResultsFormat.JSON: 2, ox.QueryResultsFormat.XML: 17}

# A change to the replica: named-graph IRI → its complete new content (N-Triples), or None
# when the graph was dropped.
Changes = Mapping[str, bytes | None]


# Jobs and answers are named tuples: per query, each is built and pickled once on its way
# between the server and a worker, three times cheaper than a frozen dataclass.


class QueryJob(NamedTuple):
    """One query to answer: text, dataset, the media type wanted per result kind, limits."""

    query: str
    media_types: dict[str, str | None]
    max_rows: int
    timeout: float
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    dataset_in_query: bool = False  # the query has FROM / FROM NAMED
    base_iri: str | None = None  # resolves relative IRIs (the endpoint's URL)


class QueryAnswer(NamedTuple):
    """A serialised answer, or why there is none (``error``; ``message`` from Oxigraph or the
    row limit, ``available``: the media types of the result kind when none was acceptable).

    ``state`` is the store state token of the replica content that answered; ``rows`` is
    -1 when the rows were not counted (a result too short to exceed the row limit).
    """

    kind: str = ""
    media_type: str = ""
    body: bytes = b""
    rows: int = 0
    error: Refusal | None = None
    message: str = ""
    available: tuple[str, ...] = ()
    state: str = ""


class Replica:
    """An in-memory Oxigraph store and the store state token of its content."""

    def __init__(self, store: ox.Store, state: str) -> None:
        self._store = store
        self.state = state

    def __len__(self) -> int:
        return len(self._store)

    def save(self, path: Path) -> None:
        """Write the replica as an image of its state for the next start (``loading.py``)."""
        save_image(self._store, path, self.state)

    def apply(self, changes: Changes, state: str) -> None:
        """Give each named graph in ``changes`` its new content (None: drop it).

        Blank node labels are kept as written (as the durable store keeps them), so a blank
        node shared with another graph stays the same node.
        """
        parsed: list[tuple[ox.NamedNode, bytes | list[ox.Quad] | None]] = []
        for name, data in changes.items():
            graph = ox.NamedNode(name)
            if not data:
                parsed.append((graph, None))
            elif b"_:" in data:
                quads = [
                    ox.Quad(t.subject, t.predicate, t.object, graph)
                    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
                ]
                parsed.append((graph, quads))
            else:  # no blank nodes: Oxigraph's loader is faster than Quad objects
                parsed.append((graph, data))
        for graph, content in parsed:
            self._store.remove_graph(graph)
            if isinstance(content, bytes):
                self._store.load(content, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            elif content:
                self._store.extend(content)
        self.state = state

    def evaluate(self, job: QueryJob) -> QueryAnswer:
        """Run the query and serialise its result in the wanted media type."""
        try:
            result = self._store.query(
                job.query,
                base_iri=job.base_iri,
                prefixes=PREFIXES if _may_use_prefixes(job.query) else None,
                **dataset_options(job.default_graphs, job.named_graphs, not job.dataset_in_query),  # type: ignore[arg-type]
            )
        except SyntaxError as exc:
            return QueryAnswer(error=Refusal.MALFORMED, message=str(exc), state=self.state)
        except (OSError, RuntimeError, ValueError) as exc:
            return QueryAnswer(error=Refusal.QUERY_FAILED, message=str(exc), state=self.state)
        kind = (
            BOOLEAN
            if isinstance(result, ox.QueryBoolean)
            else GRAPH
            if isinstance(result, ox.QueryTriples)
            else SOLUTIONS
        )
        media_type = job.media_types.get(kind)
        if media_type is None:
            return QueryAnswer(
                kind=kind,
                error=Refusal.NOT_ACCEPTABLE,
                available=tuple(RESULT_FORMATS[kind]),
                state=self.state,
            )
        try:
            return _serialise(result, kind, media_type, job.max_rows, self.state)
        except (OSError, RuntimeError, ValueError) as exc:
            return QueryAnswer(
                kind=kind, error=Refusal.QUERY_FAILED, message=str(exc), state=self.state
            )


def _may_use_prefixes(query: str) -> bool:
    """Whether the query may use a prefixed name (a ``:`` outside IRIs): Oxigraph takes a
    quarter of a point lookup's time to read the predeclared prefixes."""
    return ":" in _IRIREF.sub("", query) if ":" in query else False


def _serialise(
    result: object, kind: str, media_type: str, max_rows: int, state: str
) -> QueryAnswer:
    fmt = RESULT_FORMATS[kind][media_type]
    if isinstance(result, ox.QueryBoolean):
        assert isinstance(fmt, ox.QueryResultsFormat)
        body = _written(result.serialize(format=fmt))
        return QueryAnswer(kind=kind, media_type=media_type, body=body, rows=1, state=state)
    if isinstance(result, ox.QueryTriples):
        triples = list(result)  # built in C; counted before anything is written
        if len(triples) > max_rows:
            return _too_many(kind, max_rows, state)
        assert isinstance(fmt, ox.RdfFormat)
        prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        body = _written(ox.serialize(triples, format=fmt, prefixes=prefixes))
        return QueryAnswer(
            kind=kind, media_type=media_type, body=body, rows=len(triples), state=state
        )
    assert isinstance(result, ox.QuerySolutions)
    assert isinstance(fmt, ox.QueryResultsFormat)
    if fmt == ox.QueryResultsFormat.CSV:
        # CSV may quote line breaks, so its lines are not its rows: TSV writes one line per
        # solution (line breaks in literals escaped) and converts losslessly.
        tsv = _written(result.serialize(format=ox.QueryResultsFormat.TSV))
        rows = tsv.count(b"\n") - 1
        if rows > max_rows:
            return _too_many(kind, max_rows, state)
        parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        body = _written(parsed.serialize(format=fmt))
        return QueryAnswer(kind=kind, media_type=media_type, body=body, rows=rows, state=state)
    body = _written(result.serialize(format=fmt))
    rows = -1
    if fmt == ox.QueryResultsFormat.TSV:
        rows = body.count(b"\n") - 1
    elif len(body) >= _MIN_ROW_BYTES[fmt] * (max_rows + 1):  # else it cannot have too many
        parsed = ox.parse_query_results(body, format=fmt)
        rows = _written(parsed.serialize(format=ox.QueryResultsFormat.TSV)).count(b"\n") - 1
    if rows > max_rows:
        return _too_many(kind, max_rows, state)
    return QueryAnswer(kind=kind, media_type=media_type, body=body, rows=rows, state=state)


def _written(body: bytes | None) -> bytes:
    """What pyoxigraph wrote: without an output it returns the bytes (its stubs say ``| None``)."""
    assert body is not None
    return body


def _too_many(kind: str, max_rows: int, state: str) -> QueryAnswer:
    return QueryAnswer(
        kind=kind, error=Refusal.TOO_LARGE, message=too_many_rows(max_rows), state=state
    )


def too_many_rows(max_rows: int) -> str:
    """What a ResultTooLarge says about a result over ``max_rows``."""
    return (
        f"Das Ergebnis hat mehr als {max_rows:,} Zeilen; bitte mit LIMIT/OFFSET blättern. "
        f"The result has more than {max_rows:,} rows; page through it with LIMIT/OFFSET."
    )
