"""Exact speed-ups for pyshacl 0.40.1, in effect only inside :func:`accelerated`.

pyshacl 0.40 repeats, for every focus node, work that does not depend on the focus node. On a
1,000-row contribution that was over 90 % of the validation time (about 20 s), mostly in
rdflib's pyparsing-based SPARQL parser. Each speed-up below wraps one pyshacl method and changes
how often the same work is done, never what is decided:

1. ``SPARQLBasedConstraint._validate_sparql_query`` parses the SELECT of an ``sh:sparql``
   constraint again for each focus node → the parsed and translated query is cached per text
   and thread (rdflib's expression nodes store the evaluation context on themselves, so a
   prepared query must not be evaluated by two threads at once). The text already carries its
   ``PREFIX`` lines from ``sh:prefixes``, the only prefixes SHACL lets a constraint rely on, so
   no namespace of the data graph is needed.
2. ``SPARQLQueryHelper.check_invalid_sparql`` runs eight regular expressions over that same text
   for each focus node → a text that passed is remembered (a failing one is checked, and fails,
   every time as before).
3. ``PropertyConstraintComponent._evaluate_property_shape`` validates a node shape's property
   shapes once per focus node, and every call re-reads the shape and rebuilds its constraint
   components → one call with all focus nodes. Only when the nodes are distinct: a batched call
   would merge duplicates, so those keep the per-node calls.
4. ``Shape.validate`` compares every predicate of a shape with ``==`` against a list of ~40
   constraint parameters → the same membership test against a set.
5. ``sh:node`` validates each value again (the same few concepts thousands of times) → within one
   run, a node that conformed to a node shape with no result is not validated again; a node that
   failed is validated each time, so every result keeps its own details.

Outside :func:`accelerated` — and with any other pyshacl version, where nothing is patched —
pyshacl runs unmodified: that is the reference. ``tests/unit/test_speedups.py`` runs the
failing-record suite through both and compares focus nodes, paths, components and severities.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import pyshacl
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import IdentifiedNode, Literal, Node

SUPPORTED_PYSHACL = "0.40.1"

_log = logging.getLogger(__name__)


@dataclass
class _Run:
    """State of one accelerated validation run (one pyshacl call in one thread)."""

    conforming: set[tuple[Node, Node]] = field(default_factory=set)  # (node shape, focus)


_RUN: ContextVar[_Run | None] = ContextVar("bildungsgraph_shacl_run", default=None)
_checked_sparql: set[tuple[str, bool, tuple[str, ...]]] = set()
_per_thread = threading.local()
MAX_PREPARED = 128  # per thread; a shapes graph has a handful of sh:sparql constraints


def _prepared(text: str) -> Query:
    cache: dict[str, Query] | None = getattr(_per_thread, "queries", None)
    if cache is None or len(cache) >= MAX_PREPARED:
        cache = _per_thread.queries = {}
    query = cache.get(text)
    if query is None:
        query = cache[text] = prepareQuery(text)
    return query


class _ParameterList(list[Any]):
    """pyshacl's list of constraint parameters, with a hashed ``in`` inside :func:`accelerated`."""

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        if _RUN.get() is None:
            return super().__contains__(item)
        return item in self._members


def _install() -> bool:
    if pyshacl.__version__ != SUPPORTED_PYSHACL:
        _log.warning(
            "pyshacl %s is not %s: validation runs without speed-ups (correct, but slow)",
            pyshacl.__version__,
            SUPPORTED_PYSHACL,
        )
        return False
    import pyshacl.shape as shape_module
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    from pyshacl.constraints.core.shape_based_constraints import PropertyConstraintComponent
    from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
    from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
    from pyshacl.shape import Shape

    run_query = SPARQLBasedConstraint._validate_sparql_query
    check_sparql = SPARQLQueryHelper.check_invalid_sparql
    evaluate_property_shape = PropertyConstraintComponent._evaluate_property_shape
    validate_shape = Shape.validate

    def _validate_sparql_query(self: Any, query: Any, init_binds: Any, target_graph: Any) -> Any:
        if _RUN.get() is not None and isinstance(query, str):
            query = _prepared(query)
        return run_query(self, query, init_binds, target_graph)

    def _check_invalid_sparql(
        self: Any, sparql_text: str, valuenode: Any = None, extravars: Any = None
    ) -> Any:
        if _RUN.get() is None:
            return check_sparql(self, sparql_text, valuenode=valuenode, extravars=extravars)
        key = (sparql_text, valuenode is not None, tuple(sorted(extravars or ())))
        if key not in _checked_sparql:
            check_sparql(self, sparql_text, valuenode=valuenode, extravars=extravars)
            _checked_sparql.add(key)
        return True

    def _evaluate_property_shape(
        self: Any,
        executor: Any,
        prop_shape: Any,
        target_graph: Any,
        focus_value_nodes: Any,
        potentially_recursive: Any,
        evaluation_path: Any,
    ) -> Any:
        nodes = [v for values in focus_value_nodes.values() for v in values]
        found = self.shape.get_other_shape(prop_shape)
        if (
            _RUN.get() is None
            or executor.abort_on_first  # stops after the first result: keep pyshacl's order
            or len(nodes) < 2
            or len(set(nodes)) != len(nodes)
            or not found
            or not found.is_property_shape
            or (potentially_recursive and found in potentially_recursive)
        ):  # pyshacl's own path, also for the cases it reports as errors or warnings
            return evaluate_property_shape(
                self,
                executor,
                prop_shape,
                target_graph,
                focus_value_nodes,
                potentially_recursive,
                evaluation_path,
            )
        conforms, reports = found.validate(
            executor, target_graph, focus=nodes, _evaluation_path=evaluation_path[:]
        )
        return not conforms, reports

    def _validate(
        self: Any,
        executor: Any,
        target_graph: Any,
        focus: Any = None,
        _evaluation_path: Any = None,
    ) -> Any:
        run = _RUN.get()
        single = isinstance(focus, IdentifiedNode | Literal)
        if run is None or not single or self.is_property_shape:
            return validate_shape(
                self, executor, target_graph, focus=focus, _evaluation_path=_evaluation_path
            )
        key = (self.node, focus)
        if key in run.conforming:
            return True, []
        conforms, reports = validate_shape(
            self, executor, target_graph, focus=focus, _evaluation_path=_evaluation_path
        )
        if conforms and not reports:
            run.conforming.add(key)
        return conforms, reports

    SPARQLBasedConstraint._validate_sparql_query = _validate_sparql_query  # type: ignore[method-assign]
    SPARQLQueryHelper.check_invalid_sparql = _check_invalid_sparql  # type: ignore[method-assign]
    PropertyConstraintComponent._evaluate_property_shape = _evaluate_property_shape  # type: ignore[method-assign]
    Shape.validate = _validate  # type: ignore[method-assign]
    # pyshacl fills this module attribute lazily with the same two objects; a list subclass
    # keeps every list operation it does (copy, append in advanced mode) working.
    shape_module.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
        _ParameterList(ALL_CONSTRAINT_PARAMETERS),
        CONSTRAINT_PARAMETERS_MAP,
    )
    return True


ACTIVE = _install()


@contextmanager
def accelerated() -> Iterator[None]:
    """Run the pyshacl call inside this block with the speed-ups (one block = one run).

    Not for shapes with SHACL rules: remembering what conformed assumes that the data graph
    does not change during the run. The state is held in a context variable, so validations in
    other threads (and any pyshacl call outside the block, such as the reference in the tests)
    are unaffected.
    """
    token = _RUN.set(_Run() if ACTIVE else None)
    try:
        yield
    finally:
        _RUN.reset(token)
