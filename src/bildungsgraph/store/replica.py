"""An in-memory replica of the store that answers SPARQL queries as serialised bytes.

The durable store on disk is the one written; a replica is a read-only copy in memory, built
from a snapshot (``OxigraphStore.snapshot``), because Oxigraph's in-memory store answers
aggregates about eight times faster than its RocksDB store. Results are serialised by
Oxigraph itself (no Python loop over rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..namespaces import PREFIXES
from .oxigraph import dataset_options

SOLUTIONS, BOOLEAN, GRAPH = "solutions", "boolean", "graph"

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


@dataclass(frozen=True)
class QueryJob:
    """One query to answer: text, dataset, the media type wanted per result kind, limits."""

    query: str
    media_types: dict[str, str | None]
    max_rows: int
    timeout: float
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    dataset_in_query: bool = False  # the query has FROM / FROM NAMED
    base_iri: str | None = None  # resolves relative IRIs (the endpoint's URL)


@dataclass(frozen=True)
class QueryAnswer:
    """A serialised answer, or an error (``error`` names the kind: syntax, rows, format)."""

    kind: str = ""
    media_type: str = ""
    body: bytes = b""
    rows: int = 0
    error: str | None = None
    message: str = ""
    available: tuple[str, ...] = field(default_factory=tuple)


class Replica:
    """An in-memory Oxigraph store loaded from a snapshot."""

    def __init__(self, snapshot: Path) -> None:
        self._store = ox.Store()
        if snapshot.is_dir():
            source = ox.Store.read_only(str(snapshot))
            data = source.dump(format=ox.RdfFormat.N_QUADS)
            del source
            self._store.load(data, format=ox.RdfFormat.N_QUADS)
        else:
            self._store.load(path=str(snapshot), format=ox.RdfFormat.N_QUADS)

    def __len__(self) -> int:
        return len(self._store)

    def evaluate(self, job: QueryJob) -> QueryAnswer:
        """Run the query and serialise its result in the wanted media type."""
        try:
            result = self._store.query(
                job.query,
                base_iri=job.base_iri,
                prefixes=PREFIXES,
                **dataset_options(job.default_graphs, job.named_graphs, not job.dataset_in_query),  # type: ignore[arg-type]
            )
        except SyntaxError as exc:
            return QueryAnswer(error="syntax", message=str(exc))
        except (OSError, RuntimeError, ValueError) as exc:
            return QueryAnswer(error="failed", message=str(exc))
        kind = (
            BOOLEAN
            if isinstance(result, ox.QueryBoolean)
            else GRAPH
            if isinstance(result, ox.QueryTriples)
            else SOLUTIONS
        )
        media_type = job.media_types.get(kind)
        if media_type is None:
            return QueryAnswer(kind=kind, error="format", available=tuple(RESULT_FORMATS[kind]))
        try:
            return _serialise(result, kind, media_type, job.max_rows)
        except (OSError, RuntimeError, ValueError) as exc:
            return QueryAnswer(kind=kind, error="failed", message=str(exc))


def _serialise(result: object, kind: str, media_type: str, max_rows: int) -> QueryAnswer:
    fmt = RESULT_FORMATS[kind][media_type]
    if isinstance(result, ox.QueryBoolean):
        body = result.serialize(format=fmt)  # type: ignore[arg-type]
        return QueryAnswer(kind=kind, media_type=media_type, body=body, rows=1)
    if isinstance(result, ox.QueryTriples):
        triples = list(result)  # built in C; counted before anything is written
        if len(triples) > max_rows:
            return _too_many(kind, max_rows)
        prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        body = ox.serialize(triples, format=fmt, prefixes=prefixes)  # type: ignore[arg-type]
        return QueryAnswer(kind=kind, media_type=media_type, body=body, rows=len(triples))
    assert isinstance(result, ox.QuerySolutions)
    # TSV writes one line per solution (newlines in literals are escaped) and keeps every
    # term exactly, so it counts the rows and converts losslessly into the wanted format.
    tsv = result.serialize(format=ox.QueryResultsFormat.TSV)
    rows = tsv.count(b"\n") - 1
    if rows > max_rows:
        return _too_many(kind, max_rows)
    if fmt == ox.QueryResultsFormat.TSV:
        body = tsv
    else:
        parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        body = parsed.serialize(format=fmt)  # type: ignore[arg-type,union-attr]
    return QueryAnswer(kind=kind, media_type=media_type, body=body, rows=rows)


def _too_many(kind: str, max_rows: int) -> QueryAnswer:
    return QueryAnswer(
        kind=kind,
        error="rows",
        message=(
            f"Das Ergebnis hat mehr als {max_rows:,} Zeilen; bitte mit LIMIT/OFFSET blättern. "
            f"The result has more than {max_rows:,} rows; page through it with LIMIT/OFFSET."
        ),
    )
