"""Errors of the SPARQL protocol, each with its HTTP status and a bilingual title.

They derive from ``QueryError`` (400) or ``StoreError`` (503), so a caller that does not know
them still maps them sensibly; the SPARQL router answers each with its own status.
"""

from __future__ import annotations

from typing import ClassVar

from ..errors import QueryError, StoreError


class ProtocolError(QueryError):
    """A request the endpoint cannot answer as asked."""

    status = 400
    title = "Ungültige Anfrage / Bad request"
    headers: ClassVar[dict[str, str]] = {}


class MalformedQuery(ProtocolError):
    """The query text does not parse (the parser's message is the detail)."""

    title = "Fehlerhafte SPARQL-Anfrage / Malformed SPARQL query"


class UpdateRefused(ProtocolError):
    """Any form of SPARQL Update: the endpoint is read-only."""

    status = 403
    title = "Nur lesender Zugriff / Read-only endpoint"


class FederationRefused(ProtocolError):
    """SERVICE: the endpoint never contacts other servers."""

    title = "SERVICE nicht unterstützt / SERVICE not supported"


class QueryTooLong(ProtocolError):
    status = 413
    title = "Anfrage zu lang / Query too long"


class UnsupportedMediaType(ProtocolError):
    status = 415
    title = "Nicht unterstützter Inhaltstyp / Unsupported media type"


class NotAcceptable(ProtocolError):
    status = 406
    title = "Format nicht lieferbar / Not acceptable"


class ResultTooLarge(ProtocolError):
    title = "Ergebnis zu groß / Result too large"


class QueryTimeout(StoreError):
    """The query ran past the time limit and was stopped."""

    status = 503
    title = "Zeitlimit überschritten / Query time limit exceeded"
    headers: ClassVar[dict[str, str]] = {"Retry-After": "10"}


class EndpointBusy(StoreError):
    """Every query worker stayed busy for longer than the time limit."""

    status = 503
    title = "Endpunkt ausgelastet / Endpoint busy"
    headers: ClassVar[dict[str, str]] = {"Retry-After": "5"}


class ReplicaLoading(EndpointBusy):
    """The replica host is still loading the data (at server start, or after a crash)."""

    title = "Endpunkt startet / Endpoint starting"
    headers: ClassVar[dict[str, str]] = {"Retry-After": "10"}
