"""The SPARQL endpoint: checks a request, runs it on the engine and returns the bytes to send."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import anyio
import pyoxigraph as ox

from ..config import Settings
from ..errors import TooManyRequestsError
from ..store import QueryResult
from ..store.terms import from_rdflib, triple_terms
from .budget import ClientBudget
from .engine import QueryEngine, Replicable
from .errors import (
    EndpointFault,
    MalformedQuery,
    NotAcceptable,
    QueryFailed,
    Refusal,
    SparqlError,
    UpdateRefused,
    error_class,
)
from .negotiation import choose_all
from .protocol import READ_ONLY, SparqlRequest
from .replica import QueryAnswer, QueryJob, Replica
from .safety import has_dataset_clause, looks_like_update, refuse_federation


@dataclass(frozen=True)
class Limits:
    """The endpoint's limits (from Settings); the client ones as in ``budget.py``."""

    timeout: float = 30.0
    max_rows: int = 100_000
    max_query_length: int = 100_000
    client_queries: int = 5  # in flight (running or waiting) per client
    client_seconds: float = 60.0  # query time per client in any minute

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            timeout=settings.query_timeout,
            max_rows=settings.max_result_rows,
            max_query_length=settings.max_query_length,
            client_queries=settings.sparql_client_queries,
            client_seconds=settings.sparql_client_seconds,
        )


# the reason counted when a client is over its budget (``budget.py``): no Refusal, a 429
CLIENT_BUDGET = "client-budget"


class RefusalCounter(Protocol):
    """Counts the queries the endpoint does not answer with results, by reason (a
    ``Refusal`` value, such as ``timeout``, or ``CLIENT_BUDGET``); the web layer gives one
    that feeds ``/metrics``."""

    def refused(self, reason: str) -> None: ...


class Uncounted:
    """The counter of an endpoint nobody counts for."""

    def refused(self, reason: str) -> None:
        pass


@contextmanager
def counted_refusals(counter: RefusalCounter) -> Iterator[None]:
    """Count the refusal raised inside, by its reason."""
    try:
        yield
    except SparqlError as exc:
        counter.refused(exc.refusal)
        raise
    except TooManyRequestsError:
        counter.refused(CLIENT_BUDGET)
        raise


class SparqlEndpoint:
    """Answers protocol requests read-only, within the limits, in the negotiated format.

    Call ``start`` at server start (the replica loads in the background) and ``apply`` after
    each store write; ``answer`` blocks, ``answer_async`` runs in the event loop. A request
    from a ``client`` (its address) counts against that client's budget; ``workers`` is how
    many queries one client may run at once. ``refusals`` counts what is not answered.
    """

    def __init__(self, store: Replicable, limits: Limits, workers: int = 2) -> None:
        self.limits = limits
        self.refusals: RefusalCounter = Uncounted()
        budget = ClientBudget(limits.client_queries, limits.client_seconds)
        self.engine = QueryEngine(store, workers=workers, budget=budget)

    def start(self) -> None:
        """Snapshot the store now and load the replica host in the background (idempotent)."""
        self.engine.start()

    def apply(self, changes: Mapping[str, bytes | None], state: str) -> None:
        """Follow a store write: ``changes`` maps each changed named graph to its complete new
        content as N-Triples (None: dropped), ``state`` is the store's state token after it.

        Returns when every query that starts afterwards sees the change.
        """
        self.engine.apply(changes, state)

    def reload(self, state: str) -> None:
        """Load the whole store again (a write of unknown extent, such as a bulk import);
        the replica answers as before until the new copy is ready. Returns once queries see
        it."""
        self.engine.reload(state)

    @property
    def state(self) -> str:
        """The store state token of the content the replica answers with."""
        return self.engine.state

    @property
    def ready(self) -> bool:
        """Whether the replica is loaded (queries run instead of waiting for it)."""
        return self.engine.host_pid is not None

    def answer(
        self,
        request: SparqlRequest,
        accept: str | None,
        base_iri: str | None = None,
        client: str | None = None,
    ) -> QueryAnswer:
        """The serialised result; raises a SparqlError (``errors.py``) or TooManyRequestsError.

        ``base_iri`` (the endpoint's URL) resolves relative IRIs in the query.
        """
        with counted_refusals(self.refusals):
            job = self._job(request, accept, base_iri)
            return _checked(self.engine.execute(job, client), request, accept)

    async def answer_async(
        self,
        request: SparqlRequest,
        accept: str | None,
        base_iri: str | None = None,
        client: str | None = None,
    ) -> QueryAnswer:
        """``answer`` for the event loop (no thread when a worker is idle)."""
        with counted_refusals(self.refusals):
            job = self._job(request, accept, base_iri)
            return _checked(await self.engine.execute_async(job, client), request, accept)

    def _job(self, request: SparqlRequest, accept: str | None, base_iri: str | None) -> QueryJob:
        assert request.query is not None
        dataset_in_query = _checked_query(request.query)
        media_types = choose_all(accept, request.format)
        if not any(media_types.values()):
            raise NotAcceptable(not_acceptable_message(accept, request.format))
        return QueryJob(
            query=request.query,
            media_types=media_types,
            max_rows=self.limits.max_rows,
            timeout=self.limits.timeout,
            default_graphs=request.default_graphs,
            named_graphs=request.named_graphs,
            dataset_in_query=dataset_in_query,
            base_iri=base_iri,
        )

    def close(self) -> None:
        self.engine.close()

    async def aclose(self) -> None:
        """``close`` for the event loop (closing saves the replica: a thread does it)."""
        await anyio.to_thread.run_sync(self.close)


def answer_in_process(store: ox.Store, state: str, query: str, fmt: str) -> QueryAnswer:
    """Answer ``query`` on ``store`` (at ``state``) in this process and without limits,
    serialised as ``/sparql`` serialises it for ``format=fmt``: the command line's ``query``.
    Raises a SparqlError; SERVICE is the operator's to use here."""
    request = SparqlRequest(query=query, format=fmt)
    media_types = choose_all(None, fmt)
    job = QueryJob(
        query, media_types, max_rows=sys.maxsize, timeout=0.0,
        dataset_in_query=has_dataset_clause(query),
    )  # fmt: skip
    return _checked(Replica(store, state).evaluate(job), request, None)


def answer_result(result: QueryResult, state: str, fmt: str) -> QueryAnswer:
    """Serialise a result another store computed (a remote one) for ``format=fmt``, with the
    writers ``answer_in_process`` uses, so the command line prints the same either way."""
    scratch = ox.Store()
    if result.kind == "graph":
        assert result.graph is not None
        scratch.extend(
            ox.Quad(*triple_terms(*triple), ox.DefaultGraph()) for triple in result.graph
        )
        return answer_in_process(scratch, state, "CONSTRUCT WHERE { ?s ?p ?o }", fmt)
    if result.kind == "ask":
        return answer_in_process(
            scratch, state, f"ASK {{ FILTER({str(bool(result.boolean)).lower()}) }}", fmt
        )
    # Each row becomes a node with one triple per bound variable (blank nodes cannot be
    # written in VALUES); the query reads them back in order.
    order = ox.NamedNode("urn:bildungsgraph:row-order")
    slots = {
        name: ox.NamedNode(f"urn:bildungsgraph:variable:{index}")
        for index, name in enumerate(result.variables)
    }
    quads = []
    for number, row in enumerate(result.rows):
        node = ox.BlankNode()
        quads.append(ox.Quad(node, order, ox.Literal(str(number), datatype=_XSD_INTEGER)))
        quads += [
            ox.Quad(node, slots[name], from_rdflib(value))
            for name, value in row.items()
            if name in slots
        ]
    scratch.extend(quads)
    patterns = " ".join(f"OPTIONAL {{ ?row {slot} ?{name} }}" for name, slot in slots.items())
    projection = " ".join(f"?{name}" for name in result.variables) or "*"
    query = (
        f"SELECT {projection} WHERE {{ ?row {order} ?rowNumber {patterns} }} ORDER BY ?rowNumber"
    )
    return answer_in_process(scratch, state, query, fmt)


_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _checked(answer: QueryAnswer, request: SparqlRequest, accept: str | None) -> QueryAnswer:
    """The answer, or the error its worker named raised."""
    if answer.error is None:
        return answer
    assert request.query is not None
    if answer.error is Refusal.MALFORMED:
        if looks_like_update(request.query):
            raise UpdateRefused(READ_ONLY)
        raise MalformedQuery(
            f"Fehlerhafte SPARQL-Anfrage / malformed SPARQL query: {answer.message}"
        )
    if answer.error is Refusal.NOT_ACCEPTABLE:
        raise NotAcceptable(
            f"{not_acceptable_message(accept, request.format)} "
            f"Available / verfügbar: {', '.join(answer.available)}"
        )
    if answer.error is Refusal.QUERY_FAILED:
        raise QueryFailed(f"Anfrage fehlgeschlagen / query failed: {answer.message}")
    if answer.error is Refusal.INTERNAL:
        raise EndpointFault(
            "Interner Fehler beim Beantworten der Anfrage. / "
            "Internal error while answering the query."
        )
    raise error_class(answer.error)(answer.message)


def _checked_query(query: str) -> bool:
    """Refuse SERVICE (FederationRefused); whether the query has FROM / FROM NAMED.

    Cached for short queries: clients send the same queries again and again.
    """
    if len(query) > _CACHED_QUERY_LENGTH:
        return _scan(query)
    return _scan_cached(query)


def _scan(query: str) -> bool:
    refuse_federation(query)
    return has_dataset_clause(query)


_CACHED_QUERY_LENGTH = 2000
_scan_cached = lru_cache(maxsize=256)(_scan)  # a refusal is raised again, not cached


def not_acceptable_message(accept: str | None, fmt: str | None) -> str:
    """What a NotAcceptable says when no served format matches ``Accept`` or ``format``."""
    asked = f"format={fmt}" if fmt else f"Accept: {accept}"
    return f"Kein lieferbares Format für {asked}. / No format we serve matches {asked}."
