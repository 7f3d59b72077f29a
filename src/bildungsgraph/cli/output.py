"""Rendering results for the terminal: query results, validation reports, statistics."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import URIRef
from rdflib.term import Identifier

from ..namespaces import PREFIXES
from ..shapes import ValidationReport
from ..store import QueryResult

# "table" is for people; the others are SPARQL result formats, written by Oxigraph as the
# endpoint writes them (``/sparql?format=...``).
QUERY_FORMATS = ("table", "csv", "tsv", "json", "ttl")


def render_query_table(result: QueryResult) -> str:
    """A query result for the terminal: a table of its rows, true or false, or Turtle."""
    if result.kind == "graph":
        assert result.graph is not None
        for prefix, iri in PREFIXES.items():
            result.graph.bind(prefix, iri)
        return result.graph.serialize(format="turtle")
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    return render_table(
        result.variables, [[_short(row.get(v)) for v in result.variables] for row in result.rows]
    )


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain text table with aligned columns."""
    widths = [len(h) for h in header]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.append(f"({len(rows)} Zeilen / rows)")
    return "\n".join(lines)


def render_report(report: ValidationReport, lang: str) -> str:
    """A validation report for people: a summary line and one block per problem."""
    return report.to_text(lang)


def _short(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, iri in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if text.startswith(iri):
                return f"{prefix}:{text[len(iri) :]}"
        return f"<{text}>"
    return str(term)
