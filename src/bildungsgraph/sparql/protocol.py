"""The SPARQL 1.1 Protocol's query operation: from an HTTP request to a SparqlRequest.

Three ways to send a query: GET with ``query=``, POST of a form
(``application/x-www-form-urlencoded``) and POST of the bare query
(``application/sparql-query``). ``default-graph-uri`` and ``named-graph-uri`` may repeat.
Every form of update (``application/sparql-update``, an ``update=`` parameter) is refused:
the endpoint is read-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox

from .errors import (
    MethodNotAllowed,
    ProtocolError,
    QueryTooLong,
    UnsupportedMediaType,
    UpdateRefused,
)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
_UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")
METHODS = ("GET", "POST")
ALLOWED = (*METHODS, "OPTIONS")  # the server answers OPTIONS itself (CORS preflight)
_BYTES_PER_CHARACTER = 12  # a percent-encoded UTF-8 character takes up to 12 bytes

READ_ONLY = (
    "Dieser Endpunkt ist schreibgeschützt: SPARQL Update wird nicht angenommen. / "
    "This endpoint is read-only: SPARQL Update is not accepted."
)


@dataclass(frozen=True)
class SparqlRequest:
    """A query with its protocol parameters (``query`` is None: no query was sent)."""

    query: str | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    format: str | None = None


def parse_request(
    method: str,
    content_type: str | None,
    body: bytes,
    url_params: Sequence[tuple[str, str]],
    max_length: int,
) -> SparqlRequest:
    """Read a GET or POST request; raises a ProtocolError for what the protocol forbids."""
    if method not in METHODS:
        raise MethodNotAllowed(
            f"Der Endpunkt nimmt {' und '.join(METHODS)} an, nicht {method}. / "
            f"The endpoint takes {' and '.join(METHODS)}, not {method}.",
            ALLOWED,
        )
    params = list(url_params)
    if method == "POST":
        media_type, charset = _media_type(content_type)
        if media_type == SPARQL_UPDATE:
            raise UpdateRefused(READ_ONLY)
        if media_type == FORM:
            _refuse_updates(params)
            text = _decode(body, charset)
            params += parse_qsl(text, keep_blank_values=True)
        elif media_type == SPARQL_QUERY:
            _refuse_updates(params)
            if any(name == "query" for name, _ in params):
                raise ProtocolError("query given both in the URL and in the request body")
            params.append(("query", _decode(body, charset)))
        else:
            raise UnsupportedMediaType(
                f"POST needs Content-Type {FORM} or {SPARQL_QUERY}, not {media_type or 'none'}"
            )
    _refuse_updates(params)
    queries = [value for name, value in params if name == "query"]
    if len(queries) > 1:
        raise ProtocolError("more than one query parameter / mehr als ein query-Parameter")
    if method == "POST" and not queries:
        raise ProtocolError("no query parameter / kein query-Parameter")
    query = queries[0] if queries else None
    if query is not None and len(query) > max_length:
        raise _too_long(max_length)
    default_graphs = _graphs(params, "default-graph-uri")
    named_graphs = _graphs(params, "named-graph-uri")
    formats = [value for name, value in params if name == "format" and value]
    return SparqlRequest(
        query=query,
        default_graphs=default_graphs or None,
        named_graphs=named_graphs or None,
        format=formats[0] if formats else None,
    )


def check_body_size(size: int, max_length: int) -> None:
    """Refuse a request body of ``size`` bytes (declared, or read so far) that cannot hold a
    query of at most ``max_length`` characters (QueryTooLong), before it is read whole."""
    if size > max_length * _BYTES_PER_CHARACTER + 4096:
        raise _too_long(max_length)


def _too_long(max_length: int) -> QueryTooLong:
    return QueryTooLong(
        f"Die Anfrage ist länger als {max_length:,} Zeichen. / "
        f"The query is longer than {max_length:,} characters."
    )


def _graphs(params: Sequence[tuple[str, str]], name: str) -> tuple[str, ...]:
    """The IRIs given for a dataset parameter, each checked (a worker takes them as IRIs)."""
    iris = tuple(value for key, value in params if key == name)
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise ProtocolError(
                f"{name}: keine gültige IRI / not a valid IRI: {iri!r} ({exc})"
            ) from exc
    return iris


def _refuse_updates(params: Sequence[tuple[str, str]]) -> None:
    if any(name in _UPDATE_PARAMS for name, _ in params):
        raise UpdateRefused(READ_ONLY)


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    media_type, *parameters = (part.strip() for part in content_type.split(";"))
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaType(f"only UTF-8 is accepted, not charset={charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(f"the request body is not valid UTF-8: {exc}") from exc
