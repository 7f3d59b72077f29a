"""Accounts and withdrawn contributions in a small SQLite file beside the triple store.

Accounts stay out of the public graph. Tokens are random, shown once and stored only as
SHA-256 hashes; a presented token is compared in constant time. Withdrawn contributions are
kept here (as N-Triples) for a retention period, so that a withdrawal can be undone. The
validation report of a contribution is noted as pending before its store write and kept once
the write is done; the service settles what a crash left pending against the store.
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import json
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import NotFoundError
from ..sqlite import connect
from .model import Account, check_kommune_key
from .sessions import SessionStore

TOKEN_PREFIX = "bg_"  # noqa: S105 - a visible prefix, not a secret
_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kommunen TEXT NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0,
    token_sha256 TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS reports (
    graph TEXT PRIMARY KEY,
    report TEXT NOT NULL,
    account_id INTEGER
);
CREATE TABLE IF NOT EXISTS withdrawn (
    graph TEXT PRIMARY KEY,
    ntriples TEXT NOT NULL,
    withdrawn_at TEXT NOT NULL,
    account_id INTEGER
);
CREATE TABLE IF NOT EXISTS pending_reports (
    graph TEXT PRIMARY KEY,
    report TEXT NOT NULL,
    account_id INTEGER,
    sha256 TEXT NOT NULL
);
"""


def accounts_path(store_path: Path) -> Path:
    """The SQLite file that belongs to a store directory (beside it, not inside)."""
    return store_path.parent / f"{store_path.name}-accounts.sqlite3"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class WithdrawnGraph:
    graph: str
    ntriples: str
    withdrawn_at: str
    account_id: int | None


class AccountStore:
    """Create, list, revoke and authenticate accounts; keep withdrawn graphs for undo."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = connect(path, _SCHEMA)
        self.sessions = SessionStore(self._db, self._lock)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def create(self, name: str, kommunen: list[str], admin: bool = False) -> tuple[Account, str]:
        """A new account and its token (the only time the token is available)."""
        keys = tuple(check_kommune_key(key) for key in kommunen)
        if not name.strip():
            raise ValueError("an account needs a name")
        if not keys and not admin:
            raise ValueError("an account needs at least one Kommune (or --admin)")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO accounts (name, kommunen, admin, token_sha256, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (name.strip(), ",".join(keys), int(admin), hash_token(token), _now()),
            )
        return self.get(int(cursor.lastrowid or 0)), token

    def get(self, account_id: int) -> Account:
        for account in self.list():
            if account.id == account_id:
                return account
        raise NotFoundError(f"no account {account_id}")

    def list(self) -> list[Account]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, name, kommunen, admin, created, revoked FROM accounts ORDER BY id"
            ).fetchall()
        return [
            Account(
                row[0],
                row[1],
                tuple(k for k in row[2].split(",") if k),
                bool(row[3]),
                row[4],
                row[5],
            )
            for row in rows
        ]

    def revoke(self, account_id: int) -> Account:
        self.get(account_id)
        with self._lock:
            self._db.execute(
                "UPDATE accounts SET revoked = ? WHERE id = ? AND revoked IS NULL",
                (_now(), account_id),
            )
        return self.get(account_id)

    def authenticate(self, token: str) -> Account | None:
        """The active account whose token this is; every stored hash is compared in full."""
        presented = hash_token(token)
        with self._lock:
            rows = self._db.execute(
                "SELECT id, token_sha256 FROM accounts WHERE revoked IS NULL"
            ).fetchall()
        found = None
        for account_id, stored in rows:
            if hmac.compare_digest(presented, stored):
                found = account_id
        return self.get(found) if found is not None else None

    # -- reports of stored contributions ---------------------------------------------------

    def pend_report(
        self, graph: str, report: dict[str, Any], account_id: int | None, sha256: builtins.list[str]
    ) -> None:
        """Note the report of a contribution about to be written to the store, with the
        checksums of its files; ``settle_report`` makes it the kept report once the write is
        done (or drops it). After a crash in between, the store decides (``pending``)."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pending_reports VALUES (?, ?, ?, ?)",
                (
                    graph,
                    json.dumps(report, ensure_ascii=False),
                    account_id,
                    ",".join(sorted(sha256)),
                ),
            )

    def settle_report(self, graph: str, stored: bool) -> None:
        """Keep the pending report of ``graph`` (the write landed) or drop it, in one step."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if stored:
                    self._db.execute(
                        "INSERT OR REPLACE INTO reports (graph, report, account_id) "
                        "SELECT graph, report, account_id FROM pending_reports WHERE graph = ?",
                        (graph,),
                    )
                self._db.execute("DELETE FROM pending_reports WHERE graph = ?", (graph,))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def pending(self) -> dict[str, builtins.list[str]]:
        """Graph → file checksums of every report still pending (left by a crash)."""
        with self._lock:
            rows = self._db.execute("SELECT graph, sha256 FROM pending_reports").fetchall()
        return {graph: [h for h in hashes.split(",") if h] for graph, hashes in rows}

    def report(self, graph: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT report FROM reports WHERE graph = ?", (graph,)
            ).fetchone()
        return json.loads(row[0]) if row else None

    def reports_of(self, account_id: int) -> dict[str, dict[str, Any]]:
        """Graph → kept report of every contribution an account stored, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT graph, report FROM reports WHERE account_id = ? ORDER BY rowid",
                (account_id,),
            ).fetchall()
        return {graph: json.loads(report) for graph, report in rows}

    # -- withdrawn contributions -----------------------------------------------------------

    def keep_withdrawn(self, graph: str, ntriples: str, account_id: int | None) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO withdrawn VALUES (?, ?, ?, ?)",
                (graph, ntriples, _now(), account_id),
            )

    def withdrawn(self, graph: str) -> WithdrawnGraph | None:
        with self._lock:
            row = self._db.execute(
                "SELECT graph, ntriples, withdrawn_at, account_id FROM withdrawn WHERE graph = ?",
                (graph,),
            ).fetchone()
        return WithdrawnGraph(*row) if row else None

    def withdrawn_graphs(self) -> builtins.list[str]:
        """The graphs whose withdrawn copy is kept."""
        with self._lock:
            return [row[0] for row in self._db.execute("SELECT graph FROM withdrawn")]

    def forget_withdrawn(self, graph: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM withdrawn WHERE graph = ?", (graph,))

    def purge_withdrawn(self, retention: timedelta) -> int:
        """Drop kept copies older than the retention period; returns how many."""
        limit = (datetime.now(UTC) - retention).isoformat(timespec="seconds")
        with self._lock:
            cursor = self._db.execute("DELETE FROM withdrawn WHERE withdrawn_at < ?", (limit,))
        return cursor.rowcount
