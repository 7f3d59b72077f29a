"""Errors of the SPARQL endpoint: one class per ``Refusal``, the closed set of reasons it
answers a request with an error instead of results.

A query worker names what went wrong by a ``Refusal`` in its answer (``QueryAnswer.error``);
the endpoint raises the matching class (``refused``). Each class derives from ``QueryError``
(the request's fault), ``StoreError`` (the endpoint cannot answer now; try again later) or
``BildungsgraphError`` (a fault of the endpoint itself), so a caller that does not know them
still maps them sensibly. Statuses and titles are the web layer's (``web/problems.py``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from ..errors import BildungsgraphError, QueryError, StoreError


class Refusal(StrEnum):
    """Why the endpoint does not answer a request with results."""

    BAD_REQUEST = "bad-request"  # a request the protocol does not allow
    MALFORMED = "malformed"  # the query text does not parse
    SERVICE_FORBIDDEN = "service-forbidden"  # SERVICE: the endpoint never connects anywhere
    UPDATE_FORBIDDEN = "update-forbidden"  # any form of SPARQL Update: read-only
    METHOD_NOT_ALLOWED = "method-not-allowed"  # neither GET nor POST
    TOO_LONG = "too-long"  # the query text is over the length limit
    UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type"  # a POST body that is not a query
    NOT_ACCEPTABLE = "not-acceptable"  # no result format the client accepts
    TOO_LARGE = "too-large"  # more result rows than the limit
    QUERY_FAILED = "query-failed"  # the query parsed but failed while it ran
    TIMEOUT = "timeout"  # the query ran past the time limit
    BUSY = "busy"  # every worker stayed busy until the time limit
    LOADING = "loading"  # the replica is still loading
    REMOTE_FAILED = "remote-failed"  # the remote store failed or could not be reached
    INTERNAL = "internal"  # the worker failed in an unforeseen way (a bug)


class SparqlError(BildungsgraphError):
    """An error of the endpoint; ``refusal`` says which."""

    refusal: ClassVar[Refusal]


class ProtocolError(SparqlError, QueryError):
    """A request the endpoint cannot answer as asked."""

    refusal = Refusal.BAD_REQUEST


class MalformedQuery(ProtocolError):
    """The query text does not parse (the parser's message is the detail)."""

    refusal = Refusal.MALFORMED


class UpdateRefused(ProtocolError):
    """Any form of SPARQL Update: the endpoint is read-only."""

    refusal = Refusal.UPDATE_FORBIDDEN


class FederationRefused(ProtocolError):
    """SERVICE: the endpoint never contacts other servers."""

    refusal = Refusal.SERVICE_FORBIDDEN


class MethodNotAllowed(ProtocolError):
    """An HTTP method other than those in ``allowed``."""

    refusal = Refusal.METHOD_NOT_ALLOWED

    def __init__(self, message: str, allowed: tuple[str, ...]) -> None:
        super().__init__(message)
        self.allowed = allowed


class QueryTooLong(ProtocolError):
    refusal = Refusal.TOO_LONG


class UnsupportedMediaType(ProtocolError):
    refusal = Refusal.UNSUPPORTED_MEDIA_TYPE


class NotAcceptable(ProtocolError):
    refusal = Refusal.NOT_ACCEPTABLE


class ResultTooLarge(ProtocolError):
    refusal = Refusal.TOO_LARGE


class QueryFailed(ProtocolError):
    """The query parsed but Oxigraph failed to evaluate or serialise it (its message)."""

    refusal = Refusal.QUERY_FAILED


class Unavailable(SparqlError, StoreError):
    """The endpoint cannot answer now; ``retry_after`` seconds until it likely can."""

    retry_after: ClassVar[int]


class QueryTimeout(Unavailable):
    """The query ran past the time limit and was stopped."""

    refusal = Refusal.TIMEOUT
    retry_after = 10


class EndpointBusy(Unavailable):
    """Every query worker stayed busy for longer than the time limit."""

    refusal = Refusal.BUSY
    retry_after = 5


class ReplicaLoading(Unavailable):
    """The replica host is still loading the data (at server start, or after a crash)."""

    refusal = Refusal.LOADING
    retry_after = 10


class RemoteStoreFailed(Unavailable):
    """The remote store answered with a server error, or not at all (``forward.py``); what
    it said went to the server's log."""

    refusal = Refusal.REMOTE_FAILED
    retry_after = 10


class EndpointFault(SparqlError):
    """A worker failed in a way nobody foresaw; its traceback went to the server's log, the
    client learns nothing about it."""

    refusal = Refusal.INTERNAL


_CLASSES: dict[Refusal, type[SparqlError]] = {
    error.refusal: error
    for error in (
        ProtocolError, MalformedQuery, UpdateRefused, FederationRefused, MethodNotAllowed,
        QueryTooLong, UnsupportedMediaType, NotAcceptable, ResultTooLarge, QueryFailed,
        QueryTimeout, EndpointBusy, ReplicaLoading, RemoteStoreFailed, EndpointFault,
    )
}  # fmt: skip


def timed_out(timeout: float) -> QueryTimeout:
    """The error of a query stopped at the time limit of ``timeout`` seconds."""
    return QueryTimeout(
        f"Die Anfrage hat das Zeitlimit von {timeout:g} s überschritten und wurde "
        f"abgebrochen. / The query exceeded the time limit of {timeout:g} s and was stopped."
    )


def error_class(refusal: Refusal) -> type[SparqlError]:
    """The error class raised for ``refusal`` (exactly one each)."""
    return _CLASSES[refusal]
