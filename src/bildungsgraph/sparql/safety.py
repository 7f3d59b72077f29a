"""Lexical checks that keep the endpoint from ever opening a connection.

Oxigraph evaluates ``SERVICE`` by fetching from the remote endpoint, and pyoxigraph offers no
way to switch that off. So a query naming ``SERVICE`` is refused before it runs. The scan here
gives the clear message; the query workers cannot open sockets at all (see ``host.py``), so a
query that slipped past the scan still fails without a connection.

The scan reads the query as the SPARQL lexer does (``store/sparqltext.py``): comments and
strings are skipped, IRIs are examined on their own (a ``<`` may be the less-than operator, so
a span that only looks like an IRI is checked too). Codepoint escapes (``\\u0053``) are
checked both raw and decoded.
"""

from __future__ import annotations

import re

from ..store.sparqltext import after_prologue, code_and_iris, decoded
from .errors import FederationRefused

# SERVICE as a keyword: not part of a name, followed by SILENT, an IRI, a variable or a
# prefixed name.
_SERVICE = re.compile(
    r"(?<![\w:?$\-\u00b7])SERVICE(?=\s*(?:SILENT\b|[<?$:]|[^\W\d][\w.\-]*:))",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"(?<![\w:?$\-\u00b7])FROM(?=\s*(?:NAMED\b|[<:]|[^\W\d][\w.\-]*:))", re.IGNORECASE
)
_UPDATE_START = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)


def mentions_service(query: str) -> bool:
    """Whether ``SERVICE`` may occur as a keyword of the query."""
    for text in {query, decoded(query)}:
        if "service" not in text.lower():
            continue
        code, iris = code_and_iris(text)
        if any(_SERVICE.search(part) for part in [code, *iris]):
            return True
    return False


def refuse_federation(query: str) -> None:
    """Raise FederationRefused for a query with SERVICE."""
    if mentions_service(query):
        raise FederationRefused(
            "SERVICE (föderierte Abfrage) wird nicht unterstützt: dieser Endpunkt stellt keine "
            "Verbindungen zu anderen Servern her. / SERVICE (federated query) is not supported: "
            "this endpoint never connects to other servers."
        )


def looks_like_update(text: str) -> bool:
    """Whether the text starts (after its prologue) like a SPARQL Update request."""
    return bool(_UPDATE_START.match(after_prologue(text)))


def mentions_schemes(query: str, schemes: tuple[str, ...]) -> bool:
    """Whether an IRI of the query (also a prefix's) begins with one of ``schemes``
    (lower case, with the colon)."""
    return any(iri.lower().startswith(schemes) for iri in code_and_iris(decoded(query))[1])


def has_dataset_clause(query: str) -> bool:
    """Whether the query chooses its own dataset with FROM or FROM NAMED."""
    if "from" not in query.lower():
        return False
    code, _ = code_and_iris(decoded(query))
    return bool(_FROM.search(code))
