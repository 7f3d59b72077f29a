"""A small, deterministic Turtle writer for the generated reference graphs.

rdflib's serializer is correct but its layout depends on reference counts and it is slow on
100,000 triples. The reference files are committed, so a rebuild must give byte-identical output:
this writer sorts everything (subjects by IRI with the ``lead`` subjects first; ``a`` first,
then predicates by their written form; then objects), prints only the prefixes it uses and
inlines blank nodes as ``[ … ]``. A blank node must be used exactly once as an object;
anything else is an error, not a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .errors import ReferenceDataError

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_INTEGER = re.compile(r"^-?[0-9]+$")
_DECIMAL = re.compile(r"^-?[0-9]*\.[0-9]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}

Term = URIRef | BNode | Literal


class _Writer:
    def __init__(self, graph: Graph, prefixes: Mapping[str, str]) -> None:
        self.graph = graph
        # Longest namespace first, so that e.g. "voc:" never shadows a longer match.
        self.prefixes = sorted(prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        self.used: set[str] = set()
        self.by_subject: dict[Term, dict[URIRef, list[Term]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for s, p, o in graph:
            # rdflib types the terms as Node; a parsed graph holds only these three kinds
            self.by_subject[s][p].append(o)  # type: ignore[index, arg-type]

    def iri(self, iri: URIRef) -> str:
        if iri == RDF.type:
            return "a"
        text = str(iri)
        for prefix, namespace in self.prefixes:
            if text.startswith(namespace) and _LOCAL.match(text[len(namespace) :]):
                self.used.add(prefix)
                return f"{prefix}:{text[len(namespace) :]}"
        if any(c in text for c in '<>"{}|^`\\ '):
            raise ReferenceDataError(f"IRI {text!r} cannot be written in Turtle")
        return f"<{text}>"

    def literal(self, literal: Literal) -> str:
        lexical = str(literal)
        quoted = '"' + "".join(_ESCAPES.get(c, c) for c in lexical) + '"'
        if any(ord(c) < 0x20 for c in lexical if c not in _ESCAPES):
            raise ReferenceDataError(f"control character in literal {lexical!r}")
        if literal.language:
            return f"{quoted}@{literal.language}"
        datatype = literal.datatype
        if datatype is None or datatype == XSD.string:
            return quoted
        if datatype == XSD.integer and _INTEGER.match(lexical):
            return lexical
        if datatype == XSD.decimal and _DECIMAL.match(lexical):
            return lexical
        return f"{quoted}^^{self.iri(datatype)}"

    def term(self, term: Term, indent: str) -> str:
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, Literal):
            return self.literal(term)
        return "[\n" + self.body(term, indent + "    ") + f"\n{indent}]"

    def body(self, subject: Term, indent: str) -> str:
        predicates = self.by_subject.get(subject)
        if not predicates:
            raise ReferenceDataError(f"blank node {subject} has no properties")
        lines = []
        for *_, predicate in sorted((p != RDF.type, self.iri(p), p) for p in predicates):
            rendered = [
                text
                for _, text in sorted(
                    (_kind(o), self.term(o, indent)) for o in predicates[predicate]
                )
            ]
            lines.append(f"{indent}{self.iri(predicate)} " + ", ".join(rendered))
        return " ;\n".join(lines)

    def blocks(self, lead: Iterable[URIRef]) -> list[str]:
        references: dict[BNode, int] = defaultdict(int)
        for o in self.graph.objects():
            if isinstance(o, BNode):
                references[o] += 1
        for subject in self.by_subject:
            if isinstance(subject, BNode) and references[subject] != 1:
                raise ReferenceDataError("blank nodes must be used exactly once as an object")
        lead = [s for s in lead if s in self.by_subject]
        rest = sorted(
            (s for s in self.by_subject if isinstance(s, URIRef) and s not in lead), key=str
        )
        return [f"{self.iri(s)}\n" + self.body(s, "    ") + " .\n" for s in [*lead, *rest]]


def _kind(term: Term) -> int:
    """Objects are ordered IRIs, then literals, then blank nodes; each by its Turtle text."""
    if isinstance(term, URIRef):
        return 0
    return 1 if isinstance(term, Literal) else 2


def to_turtle(
    graph: Graph,
    prefixes: Mapping[str, str],
    header: str = "",
    lead: Iterable[URIRef] = (),
) -> str:
    """Serialise ``graph`` as sorted Turtle; ``lead`` subjects come first (e.g. the dataset)."""
    writer = _Writer(graph, prefixes)
    blocks = writer.blocks(lead)
    head = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    prefix_lines = "".join(
        f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items()) if p in writer.used
    )
    return head + ("\n" if head else "") + prefix_lines + "\n" + "\n".join(blocks)
