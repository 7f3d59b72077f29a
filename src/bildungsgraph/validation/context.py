"""The graphs validation needs besides the contribution: shapes, ontology and vocabularies.

The static part (ontology + every vocabulary) is parsed once per process and cached; callers add
the descriptions of store resources a contribution points to (see :func:`referenced_iris`).
Cached graphs are shared: copy them (``Graph() + cached``) before adding triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from ..config import ONTOLOGY_FILE, SHAPES_FILE, VOCAB_DIR, require_file
from ..namespaces import ID, SH


def parse_turtle_files(paths: Iterable[Path]) -> Graph:
    """Parse Turtle files into one plain rdflib graph."""
    graph = Graph()
    for path in paths:
        graph.parse(require_file(path), format="turtle")
    return graph


@lru_cache(maxsize=4)
def _load_shapes(path: Path) -> Graph:
    return parse_turtle_files([path])


def load_shapes(path: Path | None = None) -> Graph:
    """The SHACL shapes graph (cached; treat it as read-only)."""
    return _load_shapes(Path(path or SHAPES_FILE))


# SHACL Advanced Features pyshacl only applies with ``advanced=True``: rules, custom targets,
# node expressions and SHACL functions.
_SHACL_AF_PREDICATES = (SH.rule, SH.target, SH.expression)
_SHACL_AF_CLASSES = (SH.SPARQLFunction, SH.Function, SH.SPARQLTarget, SH.SPARQLTargetType)


def uses_shacl_af(shapes: Graph) -> bool:
    """True if the shapes use SHACL Advanced Features (then pyshacl needs ``advanced=True``).

    Without them, advanced mode changes no result but makes pyshacl copy the data graph first.

        >>> uses_shacl_af(load_shapes())
        False
    """
    return any((None, p, None) in shapes for p in _SHACL_AF_PREDICATES) or any(
        (None, RDF.type, c) in shapes for c in _SHACL_AF_CLASSES
    )


def vocab_files(vocab_dir: Path | None = None) -> list[Path]:
    """The vocabulary files, one Turtle file per concept scheme, sorted by name."""
    directory = Path(vocab_dir or VOCAB_DIR)
    return sorted(directory.glob("*.ttl")) if directory.is_dir() else []


@lru_cache(maxsize=4)
def _load_vocabularies(vocab_dir: Path) -> Graph:
    return parse_turtle_files(vocab_files(vocab_dir))


def load_vocabularies(vocab_dir: Path | None = None) -> Graph:
    """All vocabularies as one graph (cached; treat it as read-only)."""
    return _load_vocabularies(Path(vocab_dir or VOCAB_DIR))


@lru_cache(maxsize=4)
def _load_static(ontology_file: Path, vocab_dir: Path) -> Graph:
    graph = Graph()
    if ontology_file.exists():
        graph.parse(ontology_file, format="turtle")
    graph += _load_vocabularies(vocab_dir)
    return graph


def load_validation_context_static(
    ontology_file: Path | None = None, vocab_dir: Path | None = None
) -> Graph:
    """Ontology plus every vocabulary as one graph (cached; treat it as read-only)."""
    return _load_static(Path(ontology_file or ONTOLOGY_FILE), Path(vocab_dir or VOCAB_DIR))


def referenced_iris(graph: Graph, namespace: str | None = str(ID)) -> set[str]:
    """IRIs the records point to but do not describe themselves.

    These are the IRIs in record triples (objects, and subjects of inverse-column triples)
    that have no ``rdf:type`` in ``graph``; the caller fetches their ``rdf:type`` /
    ``skos:inScheme`` from the store and passes them as validation context. With ``namespace``
    set (default: the ``id/`` namespace), only IRIs under it are listed; ``None`` lists all.

        >>> g = Graph()
        >>> _ = g.add((ID["offer/a"], RDF.type, ID["Offer"]))
        >>> _ = g.add((ID["offer/a"], ID["p"], ID["actor/x"]))
        >>> sorted(referenced_iris(g))
        ['https://w3id.org/bildungsgraph/id/actor/x']
    """
    defined = set(graph.subjects(RDF.type, None))
    found: set[str] = set()
    for subject, predicate, obj in graph:
        if predicate == RDF.type:
            continue
        for node in (subject, obj):
            if isinstance(node, URIRef) and node not in defined:
                text = str(node)
                if namespace is None or text.startswith(namespace):
                    found.add(text)
    return found
