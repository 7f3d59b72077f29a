"""The SPARQL 1.1 Protocol endpoint: protocol parsing, content negotiation, the sandboxed query
engine over an in-memory replica (or the forwarding to a remote store), the budget per client,
and the service description."""

from __future__ import annotations

from .budget import client_key
from .endpoint import (
    CLIENT_BUDGET,
    Limits,
    RefusalCounter,
    SparqlEndpoint,
    answer_in_process,
    answer_result,
)
from .errors import ProtocolError, QueryTimeout, Refusal, SparqlError
from .forward import Endpoint, ForwardingEndpoint, StreamedAnswer
from .negotiation import prefers_html
from .protocol import SparqlRequest, parse_request
from .replica import QueryAnswer

__all__ = [
    "CLIENT_BUDGET",
    "Endpoint",
    "ForwardingEndpoint",
    "Limits",
    "ProtocolError",
    "QueryAnswer",
    "QueryTimeout",
    "Refusal",
    "RefusalCounter",
    "SparqlEndpoint",
    "SparqlError",
    "SparqlRequest",
    "StreamedAnswer",
    "answer_in_process",
    "answer_result",
    "client_key",
    "parse_request",
    "prefers_html",
]
