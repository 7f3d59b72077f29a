"""The SPARQL 1.1 Protocol endpoint: protocol parsing, content negotiation, the sandboxed query
engine over an in-memory replica, the budget per client, and the service description."""

from __future__ import annotations

from .budget import client_key
from .endpoint import Limits, SparqlEndpoint, answer_in_process, answer_result
from .errors import ProtocolError, QueryTimeout, Refusal, SparqlError
from .negotiation import prefers_html
from .protocol import SparqlRequest, parse_request
from .replica import QueryAnswer

__all__ = [
    "Limits",
    "ProtocolError",
    "QueryAnswer",
    "QueryTimeout",
    "Refusal",
    "SparqlEndpoint",
    "SparqlError",
    "SparqlRequest",
    "answer_in_process",
    "answer_result",
    "client_key",
    "parse_request",
    "prefers_html",
]
