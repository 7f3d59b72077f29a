"""The SPARQL side: the protocol endpoint (its replica follows every write) and queries run
directly on the store (the command line)."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.term import Identifier

from ..errors import ConfigurationError
from ..sparql import Limits, SparqlEndpoint, answer_in_process, answer_result
from ..store import GraphStore, OxigraphStore, QueryResult
from .writes import GraphWriter


class Sparql:
    """Starts and stops endpoints over the store; runs queries in process."""

    def __init__(self, store: GraphStore, writer: GraphWriter) -> None:
        self.store = store
        self.writer = writer

    def start(self, limits: Limits, workers: int = 2) -> SparqlEndpoint:
        """A read-only endpoint whose replica loads now and follows every write from its
        snapshot on (close it with ``stop``)."""
        endpoint = SparqlEndpoint(self._oxigraph(), limits, workers)
        with self.writer.lock:  # no write between the snapshot and following
            endpoint.start()
            self.writer.follow(endpoint)
        return endpoint

    def serialise(self, text: str, fmt: str) -> bytes:
        """Run a query over the union of all graphs, in process (no limits), and write its
        result as ``/sparql?format=fmt`` does (e.g. csv, tsv, json, xml, ttl)."""
        if isinstance(self.store, OxigraphStore):
            return answer_in_process(self.store.native, self.store.state, text, fmt).body
        return answer_result(self.store.query(text), self.store.state, fmt).body

    def _oxigraph(self) -> OxigraphStore:
        if not isinstance(self.store, OxigraphStore):
            raise ConfigurationError("the SPARQL endpoint needs the embedded Oxigraph store")
        return self.store

    def stop(self, endpoint: SparqlEndpoint) -> None:
        self.writer.unfollow(endpoint)
        endpoint.close()

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run any query over the union of all graphs, in process (no limits)."""
        return self.store.query(text, bindings)

    def graph_names(self) -> list[str]:
        """The IRIs of all named graphs, sorted."""
        return self.store.graph_names()
