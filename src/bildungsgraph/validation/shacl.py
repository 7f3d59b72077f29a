"""Validate a mapped contribution with pyshacl and turn every result into a located Problem.

The data graph is the contribution plus the context (ontology, vocabularies and the
``rdf:type``/``skos:inScheme`` of store resources the records point to). Results about context
nodes are ignored; each remaining result is traced back to file, row and column through
``MappedContribution.locations``.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import ConfigurationError
from ..ingest.result import MappedContribution
from ..namespaces import BGSH, ID, SH
from ..shapes.files import load_shapes
from ..shapes.model import ColumnSpec, TemplateSpec, load_template_model, template_model
from ..shapes.report import INFO, VIOLATION, WARNING, Problem, ValidationReport
from .context import uses_shacl_af
from .speedups import accelerated

_SEVERITIES: dict[Node | None, str] = {SH.Violation: VIOLATION, SH.Warning: WARNING, SH.Info: INFO}
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
    return "sh:" + text[len(str(SH)) :] if text.startswith(str(SH)) else text


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
        rest = text[len(str(ID)) :]
        return rest.split("/", 1)[1] if "/" in rest else rest
    return text


class _Columns:
    """Find the template (and its column for a path) of a record."""

    def __init__(self, model: Sequence[TemplateSpec], data: Graph) -> None:
        self.by_class = {t.target_class: t for t in model}
        self.data = data

    def templates(self, focus: URIRef) -> list[TemplateSpec]:
        found = (self.by_class.get(t) for t in self.data.objects(focus, RDF.type))  # type: ignore[call-overload]
        return [t for t in found if t is not None]

    def find(self, focus: URIRef, path: str | None, inverse: bool) -> ColumnSpec | None:
        if path is None:
            return None
        for template in self.templates(focus):
            column = template.column_for_path(path, inverse)
            if column is not None:
                return column
        return None


def german_columns(message_en: str, templates: Sequence[TemplateSpec]) -> str:
    """An English message with each quoted English column header replaced by the template's
    German one, so that a coordinator with the German template finds the column.

        >>> from bildungsgraph.shapes import find_template, template_model
        >>> akteure = find_template(template_model(), "akteure")
        >>> german_columns("In the column “Phone” enter a number.", [akteure])
        'In the column “Telefon” enter a number.'
    """
    for template in templates:
        for column in template.columns:
            if column.header_en != column.header_de:
                message_en = message_en.replace(f"“{column.header_en}”", f"“{column.header_de}”")
    return message_en


def _entered(
    mapped: MappedContribution, focus: URIRef, path: str | None, inverse: bool
) -> str | None:
    """The value(s) a record has for ``path`` in the contribution, as text."""
    if path is None:
        return None
    predicate = URIRef(path)
    nodes = (
        mapped.graph.subjects(predicate, focus)
        if inverse
        else mapped.graph.objects(focus, predicate)
    )
    shown = sorted(text for text in (_display_value(n) for n in nodes) if text)
    return " | ".join(shown) if shown else None


def _order_key(mapped: MappedContribution) -> dict[str, int]:
    return {info.name: index for index, info in enumerate(mapped.files)}


def shacl_problems(
    mapped: MappedContribution,
    report: Graph,
    shapes: Graph,
    model: Sequence[TemplateSpec],
) -> list[Problem]:
    """Convert the results of a SHACL report about contributed records into Problems.

    Each names the record's file, sheet, row and Kennung, the template's German column name
    and the value entered (the offending value, else what the cell or record holds). A result
    on a field that reading already refused (e.g. an unknown Schulnummer) is left out: the
    reader's message names the cause.
    """
    columns = _Columns(model, mapped.graph)
    refused = {
        (p.focus_node, p.path)
        for p in mapped.problems
        if p.severity == VIOLATION and p.focus_node and p.path
    }
    problems: list[Problem] = []
    seen: set[tuple[str | None, ...]] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = _one(report, result, SH.focusNode)
        if not isinstance(focus, URIRef) or str(focus) not in mapped.subjects:
            continue
        path, inverse = _path(report, result)
        if (str(focus), path) in refused:
            continue
        value = _one(report, result, SH.value)
        shape = _one(report, result, SH.sourceShape)
        component = _one(report, result, SH.sourceConstraintComponent)
        severity = _SEVERITIES.get(_one(report, result, SH.resultSeverity), VIOLATION)
        messages = _messages(report, result, SH.resultMessage)
        if shape is not None and not ({"de", "en"} <= messages.keys()):
            messages = {**_messages(shapes, shape, SH.message), **messages}
        component_name = (_compact(component) or "").removeprefix("sh:")
        message_en = messages.get("en") or messages.get("") or component_name
        message_de = messages.get("de") or _GENERIC_DE.get(component_name) or message_en
        templates = columns.templates(focus)
        message_en = german_columns(message_en, templates)
        column = columns.find(focus, path, inverse)
        location = mapped.locations.get((str(focus), path or "")) if path else None
        record = mapped.subjects[str(focus)]
        shape_column = _one(shapes, shape, BGSH.column) if shape is not None else None
        if path is None:  # node-level results (e.g. the Kennung pattern)
            header = "Kennung" if record.row is not None else None
        else:
            header = column.header_de if column else (str(shape_column) if shape_column else None)
        if isinstance(value, Literal) and column is not None and column.kind == "concept":
            allowed = ", ".join(column.allowed_values[:MAX_ALLOWED_LISTED])
            more = " …" if len(column.allowed_values) > MAX_ALLOWED_LISTED else ""
            if allowed:
                message_de += f" Zulässige Werte: {allowed}{more}"
                message_en += f" Allowed values: {allowed}{more}"
        shown = _display_value(value) if value is not None and value != focus else None
        if shown is None or (location is not None and column is not None and not column.multiple):
            shown = (location.value if location is not None else None) or shown
        if shown is None:
            shown = _entered(mapped, focus, path, inverse)
        where = location or record
        problem = Problem(
            severity=severity,
            message_de=message_de,
            message_en=message_en,
            file=where.file,
            sheet=where.sheet,
            row=where.row,
            kennung=_display_value(focus),
            column=header,
            value=shown,
            focus_node=str(focus),
            path=path,
            constraint=_compact(component),
            shape=str(shape) if isinstance(shape, URIRef) else None,
        )
        key = (
            problem.severity,
            problem.focus_node,
            problem.path,
            problem.value,
            problem.message_de,
        )
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    order = _order_key(mapped)
    problems.sort(
        key=lambda p: (
            order.get(p.file or "", len(order)),
            p.sheet or "",
            p.row or 0,
            p.focus_node or "",
            p.column or "",
            p.severity != VIOLATION,
        )
    )
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

    if shapes is None:
        shapes = load_shapes()
        templates = list(model) if model is not None else template_model()
    else:
        templates = list(model) if model is not None else load_template_model(shapes)
    data = Graph()
    data += mapped.graph
    data += context
    advanced = uses_shacl_af(shapes)
    # the speed-ups rely on the data graph staying as it is during a run; SHACL rules change it
    with nullcontext() if advanced else accelerated():
        _conforms, report_graph, text = validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=advanced,
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
