"""Lexical checks that keep the endpoint from ever opening a connection.

Oxigraph evaluates ``SERVICE`` by fetching from the remote endpoint, and pyoxigraph offers no
way to switch that off. So a query naming ``SERVICE`` is refused before it runs. The scan here
gives the clear message; the query workers cannot open sockets at all (see ``host.py``), so a
query that slipped past the scan still fails without a connection.

The scan reads the query as the SPARQL lexer does: comments and string literals are skipped,
IRIs are examined on their own (a ``<`` may be the less-than operator, so a span that only looks
like an IRI is checked too). Codepoint escapes (``\\u0053``) are checked both raw and decoded.
"""

from __future__ import annotations

import re

from .errors import FederationRefused

_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"',
    re.DOTALL,
)
_COMMENT = re.compile(r"#[^\n\r]*")
# SERVICE as a keyword: not part of a name, followed by SILENT, an IRI, a variable or a
# prefixed name.
_SERVICE = re.compile(
    r"(?<![\w:?$\-\u00b7])SERVICE(?=\s*(?:SILENT\b|[<?$:]|[^\W\d][\w.\-]*:))",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"(?<![\w:?$\-\u00b7])FROM(?=\s*(?:NAMED\b|[<:]|[^\W\d][\w.\-]*:))", re.IGNORECASE
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)
_DECLARED = re.compile(r"PREFIX\s+([^\s:]*):", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_UPDATE_START = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)


def _decode(text: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _code_and_iris(text: str) -> tuple[str, list[str]]:
    """The query with comments and strings blanked and IRIs emptied; the IRI contents."""
    code: list[str] = []
    iris: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        match = None
        if char == "#":
            match = _COMMENT.match(text, position)
        elif char in "'\"":
            match = _STRING.match(text, position)
        elif char == "<":
            match = _IRIREF.match(text, position)
            if match:
                iris.append(match.group()[1:-1])
        if match:
            code.append("<>" if char == "<" else " ")
            position = match.end()
        else:
            code.append(char)
            position += 1
    return "".join(code), iris


def mentions_service(query: str) -> bool:
    """Whether ``SERVICE`` may occur as a keyword of the query."""
    for text in {query, _decode(query)}:
        if "service" not in text.lower():
            continue
        code, iris = _code_and_iris(text)
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
    return bool(_UPDATE_START.match(_after_prologue(text)))


def query_form(text: str) -> str:
    """The first word after the prologue, lower case (``select``, ``ask``, ``insert``, …;
    empty when none)."""
    word = _WORD.match(_after_prologue(text))
    return word.group().lower() if word else ""


def _after_prologue(text: str) -> str:
    code, _ = _code_and_iris(_decode(text))
    prologue = _PROLOGUE.match(code)
    return code[prologue.end() if prologue else 0 :].lstrip()


def declared_prefixes(query: str) -> set[str]:
    """The prefix names the query declares."""
    return set(_DECLARED.findall(_code_and_iris(_decode(query))[0]))


def mentions_schemes(query: str, schemes: tuple[str, ...]) -> bool:
    """Whether an IRI of the query (also a prefix's) begins with one of ``schemes``
    (lower case, with the colon)."""
    return any(iri.lower().startswith(schemes) for iri in _code_and_iris(_decode(query))[1])


def has_dataset_clause(query: str) -> bool:
    """Whether the query chooses its own dataset with FROM or FROM NAMED."""
    if "from" not in query.lower():
        return False
    code, _ = _code_and_iris(_decode(query))
    return bool(_FROM.search(code))
