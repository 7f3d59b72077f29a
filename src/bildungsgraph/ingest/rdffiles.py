"""Read RDF files (Turtle, N-Triples, JSON-LD, RDF/XML) without touching the network.

JSON-LD that names a remote ``@context`` (a string/IRI instead of an inline object) or uses
``@import`` is refused before parsing, so rdflib never fetches anything. RDF/XML with a DOCTYPE
(entity declarations) is refused as well. Only records (subjects under ``id/``) are accepted.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from typing import Any

from rdflib import RDF, BNode, Graph, URIRef

from ..namespaces import BASE, ID
from ..validation.report import Problem
from .result import MappedContribution, SourceLocation, ingest_problem

RDF_FORMATS = {
    ".ttl": ("turtle", "text/turtle"),
    ".nt": ("nt", "application/n-triples"),
    ".jsonld": ("json-ld", "application/ld+json"),
    ".json": ("json-ld", "application/ld+json"),
    ".rdf": ("xml", "application/rdf+xml"),
    ".owl": ("xml", "application/rdf+xml"),
    ".xml": ("xml", "application/rdf+xml"),
}
MAX_LISTED = 20  # problems listed one by one before they are summarised
_LINE_RE = re.compile(r"line[: ]+(\d+)", re.IGNORECASE)


def _remote_contexts(node: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    """Yield (JSON path, value) for every ``@context`` that is not inline, and ``@import``."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key == "@import":
                yield here, str(value)
            if key == "@context":
                items = value if isinstance(value, list) else [value]
                for item in items:
                    if isinstance(item, str):
                        yield here, item
                    elif item is not None and not isinstance(item, dict):
                        yield here, json.dumps(item)
            yield from _remote_contexts(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _remote_contexts(item, f"{path}[{index}]")


def _decode(name: str, data: bytes) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, ingest_problem(
            "encoding",
            f"Die RDF-Datei ist nicht UTF-8-kodiert (Byte {exc.start}). Speichern Sie sie "
            "als UTF-8.",
            f"The RDF file is not UTF-8 encoded (byte {exc.start}). Save it as UTF-8.",
            file=name,
        )


def check_jsonld(name: str, text: str) -> Problem | None:
    """A problem if the JSON-LD text is not JSON or would need a remote context."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return ingest_problem(
            "syntax",
            f"Die JSON-LD-Datei ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno}): "
            f"{exc.msg}.",
            f"The JSON-LD file is not valid JSON (line {exc.lineno}, column {exc.colno}): "
            f"{exc.msg}.",
            file=name,
        )
    remote = next(_remote_contexts(document), None)
    if remote is not None:
        where, value = remote
        return ingest_problem(
            "remote-context",
            f"Die JSON-LD-Datei verweist auf einen externen @context ({value}). Externe Kontexte "
            "werden aus Sicherheitsgründen nicht geladen; fügen Sie den Kontext direkt in die "
            "Datei ein (als Objekt).",
            f"The JSON-LD file refers to a remote @context ({value}). Remote contexts are not "
            "fetched for security reasons; embed the context in the file (as an object).",
            file=name,
            value=value,
            path=where,
        )
    return None


def parse_rdf(name: str, data: bytes, rdf_format: str) -> tuple[Graph | None, Problem | None]:
    """Parse one RDF file; refuse remote contexts and DOCTYPEs; report parser errors."""
    text, problem = _decode(name, data)
    if text is None:
        return None, problem
    if rdf_format == "json-ld":
        problem = check_jsonld(name, text)
        if problem is not None:
            return None, problem
    if rdf_format == "xml" and re.search(r"<!(DOCTYPE|ENTITY)", text):
        return None, ingest_problem(
            "doctype",
            "Die RDF/XML-Datei enthält eine DOCTYPE-/ENTITY-Deklaration; das ist nicht erlaubt.",
            "The RDF/XML file contains a DOCTYPE/ENTITY declaration; this is not allowed.",
            file=name,
        )
    graph = Graph()
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser warns about its own internals
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(data=text, format=rdf_format, publicID=f"{BASE}upload/{name}")
    except Exception as exc:  # rdflib parsers raise many different exception types
        raw = str(exc).strip() or type(exc).__name__
        line = _LINE_RE.search(raw)
        message = _short_message(raw)
        where_de = f" (Zeile {line[1]})" if line else ""
        where_en = f" (line {line[1]})" if line else ""
        return None, ingest_problem(
            "syntax",
            f"Die RDF-Datei kann nicht gelesen werden{where_de}: {message}",
            f"The RDF file cannot be parsed{where_en}: {message}",
            file=name,
            value=line[1] if line else None,
        )
    return graph, None


def _short_message(raw: str) -> str:
    """The gist of a parser message (rdflib's Turtle errors carry a long byte-string excerpt)."""
    syntax = re.search(r"Bad syntax \(([^)]*)\)", raw)
    if syntax:
        return syntax[1]
    first = " ".join(raw.split())
    return first if len(first) <= 300 else first[:297] + "..."


def add_rdf_records(name: str, graph: Graph, out: MappedContribution) -> int:
    """Copy the records of a parsed RDF file into ``out``; returns the number of records.

    Triples whose subject is not an IRI under ``id/`` are dropped with a Violation
    ("only records may be contributed"); records without ``rdf:type`` are refused too.
    """
    outside: dict[str, int] = {}
    for subject, predicate, obj in graph:
        if isinstance(subject, URIRef) and str(subject).startswith(str(ID)):
            out.graph.add((subject, predicate, obj))
            location = SourceLocation(name, None, None)
            out.locations.setdefault((str(subject), str(predicate)), location)
        else:
            key = f"_:{subject}" if isinstance(subject, BNode) else str(subject)
            outside[key] = outside.get(key, 0) + 1
    for index, (subject, count) in enumerate(sorted(outside.items())):
        if index == MAX_LISTED:
            rest = len(outside) - MAX_LISTED
            out.problems.append(ingest_problem(
                "not-a-record",
                f"… und {rest} weitere Subjekte außerhalb von {ID} (verworfen).",
                f"… and {rest} more subjects outside {ID} (dropped).",
                file=name,
            ))
            break
        out.problems.append(_outside_problem(name, subject, count))
    records = 0
    for subject in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}, key=str):
        if not str(subject).startswith(str(ID)):
            continue
        records += 1
        out.subjects.setdefault(str(subject), SourceLocation(name, None, None))
        if (subject, RDF.type, None) not in graph:
            out.problems.append(
                ingest_problem(
                    "untyped-record",
                    "Der Datensatz hat keinen Typ (rdf:type) und kann nicht geprüft werden.",
                    "The record has no type (rdf:type) and cannot be validated.",
                    file=name,
                    focus_node=str(subject),
                )
            )
    return records


def _outside_problem(name: str, subject: str, count: int) -> Problem:
    return ingest_problem(
        "not-a-record",
        "Es dürfen nur Datensätze beigetragen werden (Subjekte unter "
        f"{ID}); {count} Tripel über „{subject}“ wurden verworfen.",
        f"Only records may be contributed (subjects under {ID}); {count} triples about "
        f"“{subject}” were dropped.",
        file=name,
        focus_node=subject,
        value=subject,
    )
