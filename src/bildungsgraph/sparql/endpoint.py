"""The SPARQL endpoint: checks a request, runs it on the engine and returns the bytes to send."""

from __future__ import annotations

from dataclasses import dataclass

from ..store.replica import QueryAnswer, QueryJob
from .engine import QueryEngine, Replicable
from .errors import MalformedQuery, NotAcceptable, ProtocolError, ResultTooLarge, UpdateRefused
from .negotiation import choose_all
from .protocol import READ_ONLY, SparqlRequest
from .safety import has_dataset_clause, looks_like_update, refuse_federation


@dataclass(frozen=True)
class Limits:
    """The endpoint's limits (from Settings)."""

    timeout: float = 30.0
    max_rows: int = 100_000
    max_query_length: int = 100_000


class SparqlEndpoint:
    """Answers protocol requests read-only, within the limits, in the negotiated format."""

    def __init__(self, store: Replicable, limits: Limits, workers: int = 2) -> None:
        self.limits = limits
        self.engine = QueryEngine(store, workers=workers)

    def answer(
        self, request: SparqlRequest, accept: str | None, base_iri: str | None = None
    ) -> QueryAnswer:
        """The serialised result; raises a ProtocolError (or QueryTimeout, EndpointBusy).

        ``base_iri`` (the endpoint's URL) resolves relative IRIs in the query.
        """
        assert request.query is not None
        refuse_federation(request.query)
        media_types = choose_all(accept, request.format)
        if not any(media_types.values()):
            raise NotAcceptable(_not_acceptable(accept, request.format))
        answer = self.engine.execute(
            QueryJob(
                query=request.query,
                media_types=media_types,
                max_rows=self.limits.max_rows,
                timeout=self.limits.timeout,
                default_graphs=request.default_graphs,
                named_graphs=request.named_graphs,
                dataset_in_query=has_dataset_clause(request.query),
                base_iri=base_iri,
            )
        )
        if answer.error == "syntax":
            if looks_like_update(request.query):
                raise UpdateRefused(READ_ONLY)
            raise MalformedQuery(answer.message)
        if answer.error == "rows":
            raise ResultTooLarge(answer.message)
        if answer.error == "format":
            raise NotAcceptable(
                f"{_not_acceptable(accept, request.format)} "
                f"Available / verfügbar: {', '.join(answer.available)}"
            )
        if answer.error is not None:
            raise ProtocolError(f"query failed / Anfrage fehlgeschlagen: {answer.message}")
        return answer

    def warm_up(self) -> int:
        return self.engine.warm_up()

    def close(self) -> None:
        self.engine.close()


def _not_acceptable(accept: str | None, fmt: str | None) -> str:
    asked = f"format={fmt}" if fmt else f"Accept: {accept}"
    return f"Kein lieferbares Format für {asked}. / No format we serve matches {asked}."
