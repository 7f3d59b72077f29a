"""Looking into an RDF file before it is loaded as it is (``bildungsgraph load FILE``)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..namespaces import RDF

_CHUNK = 1 << 20
_TYPE = ox.NamedNode(str(RDF.type))


def states_terms(path: Path, classes: Collection[str], predicates: Collection[str]) -> bool:
    """Whether the file has an instance of one of ``classes`` or a statement with one of
    ``predicates``. The bytes are scanned for the terms' local names first, so a file that
    does not name them costs one read; only one that does (e.g. a dump with the ontology,
    which declares them) is parsed."""
    terms = (*classes, *predicates)
    names = [term.rsplit("#", 1)[-1].rsplit("/", 1)[-1].encode() for term in terms]
    if not _names_any(path, names):
        return False
    try:
        quads = ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:]))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc
    wanted_classes = {ox.NamedNode(c) for c in classes}
    wanted_predicates = {ox.NamedNode(p) for p in predicates}
    try:
        return any(
            quad.predicate in wanted_predicates
            or (quad.predicate == _TYPE and quad.object in wanted_classes)
            for quad in quads
        )
    except SyntaxError as exc:
        raise StoreError(f"cannot load {path}: {exc}") from exc


def _names_any(path: Path, names: list[bytes]) -> bool:
    longest = max(len(name) for name in names)
    tail = b""
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            window = tail + chunk
            if any(name in window for name in names):
                return True
            tail = window[-longest:]
    return False
