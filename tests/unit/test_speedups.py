"""The pyshacl speed-ups change no result: the failing-record suite through both paths.

The reference is pyshacl unmodified, called as tests/unit/test_shapes.py calls it (advanced
mode, outside ``accelerated()``); the fast path is what ``validate_contribution`` runs. Both
validate the same data graph, and every validation result must come out the same: focus node,
path, value, constraint component, source shape, severity and messages, as often as before.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pyshacl
import pytest
from rdflib import RDF, BNode, Graph
from rdflib.term import Node

from bildungsgraph.ingest import read_contribution
from bildungsgraph.namespaces import SH
from bildungsgraph.shapes import load_shapes
from bildungsgraph.validation import load_validation_context_static, speedups
from bildungsgraph.validation.context import uses_shacl_af
from bildungsgraph.validation.speedups import accelerated

DATA = Path(__file__).resolve().parents[1] / "data"
SHAPES_DATA = DATA / "shapes"
INGEST = DATA / "ingest"


class Result(NamedTuple):
    focus: Node | None
    path: Node | None
    inverse: bool
    value: Node | None
    component: Node | None
    shape: Node | None
    severity: Node | None
    messages: tuple[Node, ...]
    details: int


def _results(report: Graph) -> Counter[Result]:
    """Every validation result (nested ones too) as a comparable tuple, with its count."""
    found: Counter[Result] = Counter()
    for node in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(node, SH.resultPath)
        inverse = isinstance(path, BNode)  # our shapes use no other complex path
        if inverse:
            path = report.value(path, SH.inversePath)
        messages = tuple(sorted(report.objects(node, SH.resultMessage)))
        details = sum(1 for _ in report.objects(node, SH.detail))
        found[
            Result(
                focus=report.value(node, SH.focusNode),
                path=path,
                inverse=inverse,
                value=report.value(node, SH.value),
                component=report.value(node, SH.sourceConstraintComponent),
                shape=report.value(node, SH.sourceShape),
                severity=report.value(node, SH.resultSeverity),
                messages=messages,
                details=details,
            )
        ] += 1
    return found


def _reference(data: Graph, shapes: Graph) -> tuple[bool, Counter[Result]]:
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    return conforms, _results(report)


def _fast(data: Graph, shapes: Graph) -> tuple[bool, Counter[Result]]:
    copy = Graph()
    copy += data
    with accelerated():
        conforms, report, _ = pyshacl.validate(
            copy,
            shacl_graph=shapes,
            inference="none",
            advanced=uses_shacl_af(shapes),
            allow_warnings=True,
        )
    return conforms, _results(report)


def _compare(data: Graph) -> Counter[Result]:
    shapes = load_shapes()
    expected = _reference(data, shapes)
    assert _fast(data, shapes) == expected
    return expected[1]


@pytest.fixture(scope="module")
def context() -> Graph:
    graph = Graph()
    graph += load_validation_context_static()
    graph.parse(SHAPES_DATA / "context.ttl")
    return graph


def test_speedups_are_active_for_the_pinned_pyshacl() -> None:
    # fails when pyshacl is upgraded: check its code again, then raise SUPPORTED_PYSHACL
    assert pyshacl.__version__ == speedups.SUPPORTED_PYSHACL
    assert speedups.ACTIVE


def test_shapes_use_no_advanced_features() -> None:
    assert not uses_shacl_af(load_shapes())
    rule = Graph()
    rule += load_shapes()
    rule.add((SH.x, SH.rule, SH.y))
    assert uses_shacl_af(rule)


@pytest.mark.slow
def test_failing_record_suite_gives_the_same_results(context: Graph) -> None:
    data = Graph()
    data += context
    for path in sorted((SHAPES_DATA / "invalid").glob("*.ttl")):
        data.parse(path)
    results = _compare(data)
    # every invalid file yields at least one result, so the comparison covers all of them
    assert sum(results.values()) >= len(list((SHAPES_DATA / "invalid").glob("*.ttl")))
    components = {r.component for r in results}
    assert SH.SPARQLConstraintComponent in components and SH.NodeConstraintComponent in components


def test_valid_landscape_conforms_both_ways(context: Graph) -> None:
    data = Graph()
    data += context
    data.parse(SHAPES_DATA / "valid" / "landscape.ttl")
    assert _compare(data) == Counter()


GOOD = sorted((INGEST / "good").iterdir())
ERRORS = [
    *sorted((INGEST / "good").glob("akteure.*")),
    *(
        INGEST / "errors" / name
        for name in ("angebote.csv", "kooperationen.csv", "angebote_ohne_anbieter.csv")
    ),
]


@pytest.mark.parametrize("paths", [GOOD, ERRORS], ids=["good-files", "error-files"])
def test_contribution_files_give_the_same_results(paths: list[Path]) -> None:
    """The inputs of tests/unit/test_validation.py, mapped as the pipeline maps them."""
    mapped = read_contribution([(p.name, p.read_bytes()) for p in paths])
    data = Graph()
    data += mapped.graph
    data += load_validation_context_static()
    assert sum(_compare(data).values()) > 0


def test_other_threads_run_pyshacl_unmodified() -> None:
    seen: list[object] = []
    with accelerated():
        assert speedups._RUN.get() is not None
        thread = threading.Thread(target=lambda: seen.append(speedups._RUN.get()))
        thread.start()
        thread.join()
    assert seen == [None]
    assert speedups._RUN.get() is None


def test_prepared_queries_are_not_shared_between_threads() -> None:
    # rdflib keeps the evaluation context on a prepared query's expressions while it runs
    text = "SELECT ?s WHERE { ?s ?p ?o FILTER (?o > 0) }"
    here = speedups._prepared(text)
    assert speedups._prepared(text) is here
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(speedups._prepared(text)))
    thread.start()
    thread.join()
    assert other and other[0] is not here
