"""The triple store: a narrow interface, the embedded Oxigraph store and a remote SPARQL store."""

from __future__ import annotations

from pathlib import Path

from ..config import Settings
from .base import DumpFormat, GraphStore, QueryResult, Row, Statement, Triple
from .connection import RemoteConnection
from .oxigraph import OxigraphStore
from .remote import RemoteSparqlStore

__all__ = [
    "DumpFormat",
    "GraphStore",
    "OxigraphStore",
    "QueryResult",
    "RemoteSparqlStore",
    "Row",
    "Statement",
    "Triple",
    "open_store",
    "store_for",
]


def open_store(path: Path | None) -> OxigraphStore:
    """Open the embedded store on disk at ``path`` (in memory when ``path`` is None)."""
    return OxigraphStore(path)


def store_for(settings: Settings) -> GraphStore:
    """The store the settings name: the remote one when ``store_url`` is set, else the
    embedded store at ``store_path``."""
    connection = RemoteConnection.from_settings(settings)
    if connection is None:
        return open_store(settings.store_path)
    return RemoteSparqlStore(connection)
