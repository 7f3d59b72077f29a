"""The shapes and vocabulary files, parsed once per process.

Cached graphs are shared: copy them (``Graph() + cached``) before adding triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from ..config import SHAPES_FILE, VOCAB_DIR, require_file


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
