"""The triple store: a narrow interface and its Oxigraph implementation."""

from __future__ import annotations

from pathlib import Path

from .base import DumpFormat, GraphStore, QueryResult, Row, Statement, Triple
from .oxigraph import OxigraphStore

__all__ = [
    "DumpFormat",
    "GraphStore",
    "OxigraphStore",
    "QueryResult",
    "Row",
    "Statement",
    "Triple",
    "open_store",
]


def open_store(path: Path | None) -> OxigraphStore:
    """Open the embedded store on disk at ``path`` (in memory when ``path`` is None)."""
    return OxigraphStore(path)
