"""The graphs validation needs besides the contribution and the shapes: ontology and vocabularies.

The static part (ontology + every vocabulary) is parsed once per process and cached; callers add
the descriptions of store resources a contribution points to (see :func:`referenced_iris`).
Cached graphs are shared: copy them (``Graph() + cached``) before adding triples.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from ..config import ONTOLOGY_FILE, VOCAB_DIR
from ..namespaces import ID, SH
from ..shapes import load_vocabularies

# SHACL Advanced Features pyshacl only applies with ``advanced=True``: rules, custom targets,
# node expressions and SHACL functions.
_SHACL_AF_PREDICATES = (SH.rule, SH.target, SH.expression)
_SHACL_AF_CLASSES = (SH.SPARQLFunction, SH.Function, SH.SPARQLTarget, SH.SPARQLTargetType)


def uses_shacl_af(shapes: Graph) -> bool:
    """True if the shapes use SHACL Advanced Features (then pyshacl needs ``advanced=True``).

    Without them, advanced mode changes no result but makes pyshacl copy the data graph first.

        >>> from bildungsgraph.shapes import load_shapes
        >>> uses_shacl_af(load_shapes())
        False
    """
    return any((None, p, None) in shapes for p in _SHACL_AF_PREDICATES) or any(
        (None, RDF.type, c) in shapes for c in _SHACL_AF_CLASSES
    )


@lru_cache(maxsize=4)
def _load_static(ontology_file: Path, vocab_dir: Path) -> Graph:
    graph = Graph()
    if ontology_file.exists():
        graph.parse(ontology_file, format="turtle")
    graph += load_vocabularies(vocab_dir)
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
