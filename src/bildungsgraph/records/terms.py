"""Values on the read side: plain Python, so that the read model loads from disk in seconds.

An IRI is its string and a blank node ``_:id``; a literal is the pair (lexical form, tag), the
tag being ``@lang`` for a language-tagged string, ``""`` for ``xsd:string`` and otherwise the
datatype IRI. rdflib terms are only made where RDF leaves the read side (the JSON-LD of a page
of records): building a million rdflib terms takes seconds, reading a million strings does not.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, TypeGuard

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from ..namespaces import XSD

Value = str | tuple[str, str]

_XSD = str(XSD)
_XSD_STRING = str(XSD.string)
_INTEGERS = {
    f"{_XSD}{name}"
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_DECIMALS = {f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"}
_BOOLEAN = f"{_XSD}boolean"


def value_of(term: Identifier) -> Value:
    """The read-side value of an rdflib term."""
    if isinstance(term, Literal):
        if term.language:
            return (str(term), f"@{term.language}")
        datatype = str(term.datatype) if term.datatype is not None else ""
        return (str(term), "" if datatype == _XSD_STRING else datatype)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def term_of(value: Value) -> Identifier:
    """The rdflib term of a read-side value."""
    if isinstance(value, tuple):
        lexical, tag = value
        if tag.startswith("@"):
            return Literal(lexical, lang=tag[1:])
        return Literal(lexical, datatype=URIRef(tag)) if tag else Literal(lexical)
    if value.startswith("_:"):
        return BNode(value[2:])
    return URIRef(value)


def is_iri(value: Value) -> TypeGuard[str]:
    return isinstance(value, str) and not value.startswith("_:")


def lexical(value: Value) -> str:
    """The text of a value: a literal's lexical form, an IRI as it is."""
    return value[0] if isinstance(value, tuple) else value


def native(value: Value) -> Any:
    """A JSON-ready Python value: numbers and booleans as such, everything else as text."""
    if not isinstance(value, tuple):
        return value
    text, tag = value
    try:
        if tag in _INTEGERS:
            return int(text)
        if tag in _DECIMALS:
            return float(Decimal(text.strip()))
    except (ValueError, InvalidOperation):
        return text
    if tag == _BOOLEAN and text.strip() in ("true", "false", "1", "0"):
        return text.strip() in ("true", "1")
    return text


def order(value: Value) -> tuple[int, str, str]:
    """A sort key: IRIs before literals, then by text (so ``first`` is deterministic)."""
    if isinstance(value, tuple):
        return (1, value[0], value[1])
    return (0, value, "")
