"""SPARQL read as text, the way its lexer reads it: comments and string literals skipped, IRIs
on their own (a ``<`` may be the less-than operator, so a span only looks like an IRI when it
is one). The remote store puts the prologue and bound values into a query with it; the SPARQL
endpoint's safety checks read queries with it.
"""

from __future__ import annotations

import re

from ..namespaces import PREFIXES

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
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)
_DECLARED = re.compile(r"PREFIX\s+([^\s:]*):", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")


def decoded(text: str) -> str:
    """The text with its codepoint escapes (``\\u0053``) decoded."""
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def code_and_iris(text: str) -> tuple[str, list[str]]:
    """The query with comments and strings blanked and IRIs emptied, each character kept at
    its position; and the IRI contents."""
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
            width = match.end() - position
            code.append("<" + " " * (width - 2) + ">" if char == "<" else " " * width)
            position = match.end()
        else:
            code.append(char)
            position += 1
    return "".join(code), iris


def after_prologue(text: str) -> str:
    """The code of the query after its PREFIX and BASE declarations."""
    code, _ = code_and_iris(decoded(text))
    prologue = _PROLOGUE.match(code)
    return code[prologue.end() if prologue else 0 :].lstrip()


def query_form(text: str) -> str:
    """The first word after the prologue, lower case (``select``, ``ask``, ``insert``, …;
    empty when none)."""
    word = _WORD.match(after_prologue(text))
    return word.group().lower() if word else ""


def declared_prefixes(query: str) -> set[str]:
    """The prefix names the query declares."""
    return set(_DECLARED.findall(code_and_iris(decoded(query))[0]))


def with_prologue(query: str, base_iri: str | None = None) -> str:
    """The query with the base IRI and the project's prefixes it does not declare itself (the
    embedded store knows them without a declaration), all on its first line, so that line
    numbers in a store's messages stay right."""
    declared = declared_prefixes(query)
    head = [f"BASE <{base_iri}>"] if base_iri else []
    head += [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name not in declared]
    return " ".join([*head, query])
