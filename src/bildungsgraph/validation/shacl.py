"""Validate a mapped contribution with pyshacl and turn every result into a located Problem.

The data graph is the contribution plus the context (ontology, vocabularies and the
``rdf:type``/``skos:inScheme`` of store resources the records point to). Results about context
nodes are ignored; each remaining result is traced back to file, row and column through
``MappedContribution.locations``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import ConfigurationError
from ..namespaces import BGSH, ID, SH
from .context import load_shapes
from .report import INFO, VIOLATION, WARNING, Problem, ValidationReport

if TYPE_CHECKING:
    from ..ingest.model import ColumnSpec, TemplateSpec
    from ..ingest.result import MappedContribution

_SEVERITIES = {SH.Violation: VIOLATION, SH.Warning: WARNING, SH.Info: INFO}
MAX_ALLOWED_LISTED = 25

# German fallbacks when a shape has no German sh:message (should not happen with our shapes).
_GENERIC_DE = {
    "MinCountConstraintComponent": "Eine Pflichtangabe fehlt.",
    "MaxCountConstraintComponent": "Hier sind zu viele Werte eingetragen.",
    "DatatypeConstraintComponent": "Der Wert hat nicht das erwartete Format.",
    "ClassConstraintComponent": "Der Verweis zeigt auf keinen bekannten Datensatz passenden Typs.",
    "NodeConstraintComponent": "Der Wert ist kein zulässiger Wert.",
    "NodeKindConstraintComponent": "Der Wert ist kein zulässiger Wert.",
    "PatternConstraintComponent": "Der Wert hat nicht das erwartete Format.",
    "InConstraintComponent": "Der Wert ist kein zulässiger Wert.",
    "LessThanOrEqualsConstraintComponent": "Die Reihenfolge der Werte stimmt nicht.",
    "LessThanConstraintComponent": "Die Reihenfolge der Werte stimmt nicht.",
    "MinInclusiveConstraintComponent": "Der Wert ist zu klein.",
    "MaxInclusiveConstraintComponent": "Der Wert ist zu groß.",
    "MinLengthConstraintComponent": "Der Text ist zu kurz.",
    "MaxLengthConstraintComponent": "Der Text ist zu lang.",
}


def _one(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    return next(iter(graph.objects(subject, predicate)), None)


def _messages(graph: Graph, node: Node, predicate: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in graph.objects(node, predicate):
        if isinstance(value, Literal):
            found.setdefault(value.language or "", str(value))
    return found


def _compact(iri: Node | None) -> str | None:
    if iri is None:
        return None
    text = str(iri)
    return "sh:" + text[len(str(SH)):] if text.startswith(str(SH)) else text


def _path(report: Graph, result: Node) -> tuple[str | None, bool]:
    path = _one(report, result, SH.resultPath)
    if isinstance(path, URIRef):
        return str(path), False
    if isinstance(path, BNode):
        inverse = _one(report, path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return str(inverse), True
    return None, False


def _display_value(value: Node | None) -> str | None:
    if value is None:
        return None
    text = str(value)
    if isinstance(value, URIRef) and text.startswith(str(ID)):
        rest = text[len(str(ID)):]
        return rest.split("/", 1)[1] if "/" in rest else rest
    return text


class _Columns:
    """Find the template column of a (record type, path) pair."""

    def __init__(self, model: Sequence[TemplateSpec], data: Graph) -> None:
        self.by_class = {t.target_class: t for t in model}
        self.data = data

    def find(self, focus: URIRef, path: str | None, inverse: bool) -> ColumnSpec | None:
        if path is None:
            return None
        for rdf_type in self.data.objects(focus, RDF.type):
            template = self.by_class.get(rdf_type)  # type: ignore[call-overload]
            if template is not None:
                column = template.column_for_path(path, inverse)
                if column is not None:
                    return column
        return None


def _order_key(mapped: MappedContribution) -> dict[str, int]:
    return {info.name: index for index, info in enumerate(mapped.files)}


def shacl_problems(
    mapped: MappedContribution,
    report: Graph,
    shapes: Graph,
    model: Sequence[TemplateSpec],
) -> list[Problem]:
    """Convert the results of a SHACL report about contributed records into Problems."""
    columns = _Columns(model, mapped.graph)
    problems: list[Problem] = []
    seen: set[tuple[str | None, ...]] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = _one(report, result, SH.focusNode)
        if not isinstance(focus, URIRef) or str(focus) not in mapped.subjects:
            continue
        path, inverse = _path(report, result)
        value = _one(report, result, SH.value)
        shape = _one(report, result, SH.sourceShape)
        component = _one(report, result, SH.sourceConstraintComponent)
        severity = _SEVERITIES.get(_one(report, result, SH.resultSeverity), VIOLATION)  # type: ignore[arg-type]
        messages = _messages(report, result, SH.resultMessage)
        if shape is not None and not ({"de", "en"} <= messages.keys()):
            messages = {**_messages(shapes, shape, SH.message), **messages}
        component_name = (_compact(component) or "").removeprefix("sh:")
        message_en = messages.get("en") or messages.get("") or component_name
        message_de = messages.get("de") or _GENERIC_DE.get(component_name) or message_en
        column = columns.find(focus, path, inverse)
        names = _messages(shapes, shape, SH.name) if shape is not None else {}
        field_de = names.get("de") or (column.name_de if column else None)
        field_en = names.get("en") or (column.name_en if column else None)
        location = mapped.locations.get((str(focus), path or "")) if path else None
        record = mapped.subjects[str(focus)]
        header = location.column if location else None
        if header is None and path is None:
            header = record.column  # node-level results (e.g. the Kennung pattern)
        elif header is None:
            shape_column = _one(shapes, shape, BGSH.column) if shape is not None else None
            header = str(shape_column) if shape_column else (column.header_de if column else None)
            if record.row is None:  # RDF files have no columns
                header = None
        if isinstance(value, Literal) and column is not None and column.kind == "concept":
            allowed = ", ".join(column.allowed_values[:MAX_ALLOWED_LISTED])
            more = " …" if len(column.allowed_values) > MAX_ALLOWED_LISTED else ""
            if allowed:
                message_de += f" Zulässige Werte: {allowed}{more}"
                message_en += f" Allowed values: {allowed}{more}"
        problem = Problem(
            severity=severity,
            message_de=message_de,
            message_en=message_en,
            file=(location or record).file,
            row=(location or record).row,
            column=header,
            field_de=field_de,
            field_en=field_en,
            value=_display_value(value),
            focus_node=str(focus),
            path=path,
            constraint=_compact(component),
            shape=str(shape) if isinstance(shape, URIRef) else None,
        )
        key = (problem.severity, problem.focus_node, problem.path, problem.value,
               problem.message_de)
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    order = _order_key(mapped)
    problems.sort(key=lambda p: (
        order.get(p.file or "", len(order)), p.row or 0, p.focus_node or "",
        p.column or "", p.severity != VIOLATION,
    ))
    return problems


def validate_contribution(
    mapped: MappedContribution,
    context: Graph,
    shapes: Graph | None = None,
    model: Sequence[TemplateSpec] | None = None,
) -> ValidationReport:
    """Validate the records of a contribution against the shapes.

    Args:
        mapped: the output of ``read_contribution``.
        context: ontology + vocabularies + descriptions of referenced store resources
            (see ``load_validation_context_static`` and ``referenced_iris``).
        shapes: the shapes graph (default: the shipped shapes file, cached).
        model: the template model of ``shapes`` (default: derived from ``shapes``).

    Returns:
        A report whose problems are the structural ones from reading, then the SHACL ones.
    """
    from pyshacl import validate

    from ..ingest.model import load_template_model, template_model

    if shapes is None:
        shapes = load_shapes()
        templates = list(model) if model is not None else template_model()
    else:
        templates = list(model) if model is not None else load_template_model(shapes)
    data = Graph()
    data += mapped.graph
    data += context
    _conforms, report_graph, text = validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
    if not isinstance(report_graph, Graph):  # pyshacl reports a broken shapes graph this way
        raise ConfigurationError(f"the SHACL shapes cannot be applied: {text}")
    problems = list(mapped.problems) + shacl_problems(mapped, report_graph, shapes, templates)
    return ValidationReport(
        problems=problems,
        triples=len(mapped.graph),
        records=len(mapped.subjects),
        shacl_report_ttl=report_graph.serialize(format="turtle"),
    )
