"""Rendering results for the terminal: query results, validation reports, statistics."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from ..namespaces import PREFIXES
from ..shapes import ValidationReport
from ..store import QueryResult

QUERY_FORMATS = ("table", "csv", "tsv", "json", "ttl")


def render_query_result(result: QueryResult, fmt: str) -> str:
    """A query result as text in one of QUERY_FORMATS."""
    if result.kind == "graph":
        assert result.graph is not None
        if fmt not in ("ttl", "table"):
            raise ValueError("CONSTRUCT/DESCRIBE results can be shown as ttl (or table)")
        for prefix, iri in PREFIXES.items():
            result.graph.bind(prefix, iri)
        return result.graph.serialize(format="turtle")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if fmt == "json":
        return json.dumps(_results_json(result), ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([str(row[v]) if v in row else "" for v in result.variables])
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        for row in result.rows:
            lines.append("\t".join(row[v].n3() if v in row else "" for v in result.variables))
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return render_table(
            result.variables,
            [[_short(row.get(v)) for v in result.variables] for row in result.rows],
        )
    raise ValueError(f"unknown format {fmt!r} for SELECT results")


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


def _results_json(result: QueryResult) -> dict[str, object]:
    bindings = []
    for row in result.rows:
        binding: dict[str, dict[str, str]] = {}
        for name, term in row.items():
            if isinstance(term, URIRef):
                binding[name] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[name] = {"type": "bnode", "value": str(term)}
            elif isinstance(term, Literal):
                entry = {"type": "literal", "value": str(term)}
                if term.language:
                    entry["xml:lang"] = term.language
                elif term.datatype is not None:
                    entry["datatype"] = str(term.datatype)
                binding[name] = entry
        bindings.append(binding)
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
