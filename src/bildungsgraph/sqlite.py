"""The SQLite databases beside a store (accounts, contact persons): one way to open them."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: Path | None, schema: str) -> sqlite3.Connection:
    """Open (or create) the database at ``path`` (in memory for None) with ``schema``.

    Autocommit (transactions are explicit), shared across threads behind the caller's lock,
    and WAL on disk so the command line reads while a server writes."""
    db = sqlite3.connect(
        str(path) if path else ":memory:", check_same_thread=False, isolation_level=None
    )
    db.execute("PRAGMA journal_mode=WAL" if path else "PRAGMA journal_mode=MEMORY")
    db.executescript(schema)
    return db
