"""The SPARQL 1.1 Protocol endpoint: protocol parsing, content negotiation, the sandboxed query
engine over an in-memory replica, and the service description."""

from __future__ import annotations

from .endpoint import Limits, SparqlEndpoint
from .errors import ProtocolError, QueryTimeout
from .negotiation import prefers_html
from .protocol import SparqlRequest, parse_request

__all__ = [
    "Limits",
    "ProtocolError",
    "QueryTimeout",
    "SparqlEndpoint",
    "SparqlRequest",
    "parse_request",
    "prefers_html",
]
