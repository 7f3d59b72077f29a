"""Read RDF files (Turtle, N-Triples, JSON-LD, RDF/XML) without touching the network.

JSON-LD that names a remote ``@context`` (a string/IRI instead of an inline object) or uses
``@import`` is refused before parsing, so rdflib never fetches anything; so is JSON nested deeper
than ``MAX_JSON_DEPTH`` (checked on the text, before any recursive parser sees it) and an ``@id``
that is no IRI (rdflib would drop that record silently). RDF/XML with a DOCTYPE (entity
declarations) is refused as well. Parsing stops once the contribution's triple budget is
spent. Triples with an invalid IRI (a space, an angle bracket, a quote and the like, or no
scheme) are refused, since no RDF serialisation can write them. Only records (subjects under
``id/``) are accepted.
"""

from __future__ import annotations

import codecs
import json
import re
import warnings
from collections.abc import Iterator
from itertools import accumulate
from typing import Any
from urllib.parse import quote

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.plugins.stores.memory import Memory

from ..errors import BildungsgraphError
from ..namespaces import BASE, ID
from ..shapes.report import Problem
from .limits import MAX_JSON_DEPTH, ReadBudget, ReadingStopped, german_number
from .result import MappedContribution, SourceLocation, ingest_problem
from .tables import binary_kind, utf16_without_bom

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
_IRI_CHARACTERS = r"[^\x00-\x20<>\"{}|\\^`\x7f]*"  # no control, space or <>"{}|\^` (RFC 3987)
_IRI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:" + _IRI_CHARACTERS)
_IRI_REFERENCE_RE = re.compile(_IRI_CHARACTERS)  # relative ones too (JSON-LD)
_JSON_STRING_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET_RE = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


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


def _ids(node: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    """Yield (JSON path, value) for every ``@id`` string (the depth is checked before)."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key == "@id" and isinstance(value, str):
                yield here, value
            yield from _ids(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _ids(item, f"{path}[{index}]")


def json_depth(text: str) -> int:
    """The deepest nesting of objects and arrays in a JSON text, without parsing it (strings
    are cut out first, so their brackets do not count).

        >>> json_depth('{"a": [1, {"b": "[[["}]}')
        3
    """
    brackets = _NOT_BRACKET_RE.sub("", _JSON_STRING_RE.sub("", text))
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0)


def _decode(name: str, data: bytes) -> tuple[str | None, Problem | None]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(data):
        return None, ingest_problem(
            "encoding",
            "Die RDF-Datei ist UTF-16-kodiert; RDF-Dateien müssen UTF-8-kodiert sein. Speichern "
            "Sie sie als UTF-8.",
            "The RDF file is UTF-16 encoded; RDF files must be UTF-8 encoded. Save it as UTF-8.",
            file=name,
        )
    kind = binary_kind(data)
    if kind is not None:
        return None, ingest_problem(
            "encoding",
            f"Die Datei {kind[0]}. Laden Sie eine RDF-Datei (Turtle, N-Triples, JSON-LD oder "
            "RDF/XML, UTF-8) hoch.",
            f"The file {kind[1]}. Upload an RDF file (Turtle, N-Triples, JSON-LD or RDF/XML, "
            "UTF-8).",
            file=name,
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, ingest_problem(
            "encoding",
            f"Die RDF-Datei ist nicht UTF-8-kodiert: sie enthält ungültige Bytes (Byte "
            f"{exc.start}, Zeile {line}). Speichern Sie sie als UTF-8.",
            f"The RDF file is not UTF-8 encoded: it contains invalid bytes (byte {exc.start}, "
            f"line {line}). Save it as UTF-8.",
            file=name,
        )


def check_jsonld(name: str, text: str) -> list[Problem]:
    """Problems if the JSON-LD text is nested too deeply, is not JSON, would need a remote
    context or has an ``@id`` that is no IRI."""
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        return [
            ingest_problem(
                "json-depth",
                f"Die JSON-LD-Datei ist {german_number(depth)} Ebenen tief verschachtelt; erlaubt "
                f"sind {MAX_JSON_DEPTH}. Geben Sie verschachtelte Knoten als eigene Datensätze mit "
                "@id an und verweisen Sie auf sie.",
                f"The JSON-LD file is nested {depth:,} levels deep; {MAX_JSON_DEPTH} are allowed. "
                "Give nested nodes as records of their own with an @id and refer to them.",
                file=name,
                value=str(depth),
            )
        ]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return [
            ingest_problem(
                "syntax",
                f"Die JSON-LD-Datei ist kein gültiges JSON (Zeile {exc.lineno}, "
                f"Spalte {exc.colno}): {exc.msg}.",
                f"The JSON-LD file is not valid JSON (line {exc.lineno}, column {exc.colno}): "
                f"{exc.msg}.",
                file=name,
            )
        ]
    remote = next(_remote_contexts(document), None)
    if remote is not None:
        where, value = remote
        return [
            ingest_problem(
                "remote-context",
                f"Die JSON-LD-Datei verweist auf einen externen @context ({value}). "
                "Externe Kontexte werden aus Sicherheitsgründen nicht geladen; "
                "fügen Sie den Kontext direkt in die Datei ein (als Objekt).",
                f"The JSON-LD file refers to a remote @context ({value}). Remote contexts are not "
                "fetched for security reasons; embed the context in the file (as an object).",
                file=name,
                value=value,
                path=where,
            )
        ]
    bad = [
        (where, value)
        for where, value in _ids(document)
        if not value.startswith(("_:", "@")) and not _IRI_REFERENCE_RE.fullmatch(value)
    ]
    return [
        ingest_problem(
            "invalid-iri",
            f"Die @id „{value}“ ({where}) ist keine gültige IRI: "
            f"sie enthält {_iri_flaw(value)[0]}. Der Datensatz würde beim Lesen verworfen; "
            "korrigieren Sie die @id (Leerzeichen als "
            "%20 oder Bindestrich).",
            f"The @id “{value}” ({where}) is not a valid IRI: it contains {_iri_flaw(value)[1]}. "
            "The record would be dropped when reading; correct the @id (a space as %20 or a "
            "hyphen).",
            file=name,
            value=value,
            path=where,
        )
        for where, value in bad[:MAX_LISTED]
    ]


def _iri_flaw(iri: str) -> tuple[str, str]:
    """What makes ``iri`` invalid, in plain words (German, English)."""
    for char in iri:
        if char.isspace():
            return "ein Leerzeichen", "a space"
        if ord(char) < 0x20 or char == "\x7f":
            return "ein Steuerzeichen", "a control character"
        if char in '<>"{}|\\^`':
            return f"das Zeichen „{char}“", f"the character “{char}”"
    return "kein Schema (wie https:) am Anfang", "no scheme (such as https:) at its start"


class _CountingStore(Memory):
    """An in-memory store that counts every triple the parser adds against the budget, so
    parsing stops (ReadingStopped) as soon as the contribution's triple limit is passed."""

    def __init__(self, budget: ReadBudget, file: str) -> None:
        super().__init__()
        self._budget, self._file = budget, file

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        self._budget.count_triple(self._file)
        super().add(triple, context, quoted)


def parse_rdf(
    name: str, data: bytes, rdf_format: str, budget: ReadBudget | None = None
) -> tuple[Graph | None, list[Problem]]:
    """Parse one RDF file; refuse remote contexts, deep JSON, DOCTYPEs and invalid IRIs;
    report parser errors. ReadingStopped once ``budget``'s triple limit is passed."""
    text, problem = _decode(name, data)
    if text is None:
        return None, [problem] if problem else []
    if rdf_format == "json-ld":
        problems = check_jsonld(name, text)
        if problems:
            return None, problems
    if rdf_format == "xml" and re.search(r"<!(DOCTYPE|ENTITY)", text):
        return None, [
            ingest_problem(
                "doctype",
                "Die RDF/XML-Datei enthält eine DOCTYPE-/ENTITY-Deklaration; "
                "das ist nicht erlaubt.",
                "The RDF/XML file contains a DOCTYPE/ENTITY declaration; this is not allowed.",
                file=name,
            )
        ]
    graph = Graph(store=_CountingStore(budget or ReadBudget(), name))
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser warns about its own internals
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(data=text, format=rdf_format, publicID=f"{BASE}upload/{quote(name)}")
    except (ReadingStopped, BildungsgraphError):
        raise
    except RecursionError:
        return None, [
            ingest_problem(
                "nesting",
                "Die RDF-Datei ist zu tief verschachtelt (Listen oder Blankknoten in Blankknoten). "
                "Geben Sie verschachtelte Knoten als eigene Datensätze mit IRI an.",
                "The RDF file is nested too deeply (lists or blank nodes inside blank nodes). Give "
                "nested nodes as records of their own with an IRI.",
                file=name,
            )
        ]
    except Exception as exc:  # rdflib parsers raise many different exception types
        if isinstance(exc.__context__, (ReadingStopped, BildungsgraphError)):
            raise exc.__context__ from None  # a parser wrapped the limit's signal
        raw = str(exc).strip() or type(exc).__name__
        line = _LINE_RE.search(raw)
        message = _short_message(raw)
        where_de = f" (Zeile {line[1]})" if line else ""
        where_en = f" (line {line[1]})" if line else ""
        return None, [
            ingest_problem(
                "syntax",
                f"Die RDF-Datei kann nicht gelesen werden{where_de}: {message}",
                f"The RDF file cannot be parsed{where_en}: {message}",
                file=name,
                value=line[1] if line else None,
            )
        ]
    return graph, _drop_invalid_iris(name, graph)


def _drop_invalid_iris(name: str, graph: Graph) -> list[Problem]:
    """Remove the triples that use an invalid IRI; one Violation per IRI."""
    bad: dict[str, int] = {}
    doomed = []
    for triple in graph:
        iris = [t for t in triple if isinstance(t, URIRef)]
        obj = triple[2]
        if isinstance(obj, Literal) and obj.datatype is not None:
            iris.append(obj.datatype)
        invalid = [str(iri) for iri in iris if not _IRI_RE.fullmatch(iri)]
        if invalid:
            doomed.append(triple)
            for iri in invalid:
                bad[iri] = bad.get(iri, 0) + 1
    for triple in doomed:
        graph.remove(triple)
    problems = [
        ingest_problem(
            "invalid-iri",
            f"Die IRI „{iri}“ ist ungültig: sie enthält {_iri_flaw(iri)[0]}. IRIs dürfen keine "
            'Leerzeichen und keines der Zeichen < > " { } | \\ ^ ` enthalten und beginnen mit '
            f"einem Schema wie https:. {count} Tripel damit wurden nicht gelesen.",
            f"The IRI “{iri}” is invalid: it contains {_iri_flaw(iri)[1]}. IRIs may contain no "
            'spaces and none of the characters < > " { } | \\ ^ ` and start with a scheme such '
            f"as https:. {count} triples using it were not read.",
            file=name,
            value=iri,
        )
        for iri, count in sorted(bad.items())[:MAX_LISTED]
    ]
    if len(bad) > MAX_LISTED:
        problems.append(
            ingest_problem(
                "invalid-iri",
                f"… und {len(bad) - MAX_LISTED} weitere ungültige IRIs.",
                f"… and {len(bad) - MAX_LISTED} more invalid IRIs.",
                file=name,
            )
        )
    return problems


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
    for index, (key, count) in enumerate(sorted(outside.items())):
        if index == MAX_LISTED:
            rest = len(outside) - MAX_LISTED
            out.problems.append(
                ingest_problem(
                    "not-a-record",
                    f"… und {rest} weitere Subjekte außerhalb von {ID} (verworfen).",
                    f"… and {rest} more subjects outside {ID} (dropped).",
                    file=name,
                )
            )
            break
        out.problems.append(_outside_problem(name, key, count))
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
