"""The SPARQL side: the protocol endpoint (its replica follows every write, or it forwards to
the remote store) and queries run directly on the store (the command line)."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.term import Identifier

from ..config import Settings
from ..errors import ConfigurationError
from ..sparql import (
    Endpoint,
    ForwardingEndpoint,
    Limits,
    SparqlEndpoint,
    answer_in_process,
    answer_result,
)
from ..store import GraphStore, OxigraphStore, QueryResult
from ..store.connection import RemoteConnection
from .writes import GraphWriter


class Sparql:
    """Starts and stops endpoints over the store; runs queries in process."""

    def __init__(self, store: GraphStore, writer: GraphWriter) -> None:
        self.store = store
        self.writer = writer

    def start(self, settings: Settings) -> Endpoint:
        """A read-only endpoint within the settings' limits (close it with ``stop``): over a
        remote store, one that forwards to it; else one whose replica loads now and follows
        every write from its snapshot on."""
        limits = Limits.from_settings(settings)
        connection = RemoteConnection.from_settings(settings)
        if connection is not None:
            return ForwardingEndpoint(connection, limits, lambda: self.store.state)
        endpoint = SparqlEndpoint(self._oxigraph(), limits, settings.query_workers)
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

    async def stop(self, endpoint: Endpoint) -> None:
        if isinstance(endpoint, SparqlEndpoint):
            self.writer.unfollow(endpoint)
        await endpoint.aclose()

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run any query over the union of all graphs, in process (no limits)."""
        return self.store.query(text, bindings)

    def graph_names(self) -> list[str]:
        """The IRIs of all named graphs, sorted."""
        return self.store.graph_names()
