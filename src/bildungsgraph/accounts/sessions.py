"""Browser sessions for the contribute pages, kept in the accounts' SQLite file.

A session id is a random string handed to the browser in a cookie; only its SHA-256 hash is
stored, so the table gives away no usable session. Each session carries its own random CSRF
token for the forms of the pages. A session belongs to an account after sign-in; before that
it is anonymous (it still protects the forms). Sessions end after a fixed lifetime.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

SESSION_LIFETIME = timedelta(hours=4)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id_sha256 TEXT PRIMARY KEY,
    account_id INTEGER,
    csrf_token TEXT NOT NULL,
    expires TEXT NOT NULL
);
"""


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Session:
    """A browser session: its account (None before sign-in), CSRF token and end."""

    account_id: int | None
    csrf_token: str
    expires: datetime

    def csrf_matches(self, presented: str) -> bool:
        """Whether a form's token is this session's (compared in constant time)."""
        return hmac.compare_digest(presented.encode("utf-8"), self.csrf_token.encode("utf-8"))


class SessionStore:
    """Open, look up and close sessions in the accounts database."""

    def __init__(
        self, db: sqlite3.Connection, lock: threading.Lock,
        lifetime: timedelta = SESSION_LIFETIME,
    ) -> None:
        self._db = db
        self._lock = lock
        self.lifetime = lifetime
        with self._lock:
            self._db.executescript(_SCHEMA)

    def open(self, account_id: int | None = None) -> tuple[str, Session]:
        """A new session (and its id, the only time it is available); expired ones go."""
        session_id = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        session = Session(account_id, secrets.token_urlsafe(32), now + self.lifetime)
        with self._lock:
            self._db.execute("DELETE FROM sessions WHERE expires < ?", (now.isoformat(),))
            self._db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?)",
                (_hash(session_id), account_id, session.csrf_token, session.expires.isoformat()),
            )
        return session_id, session

    def get(self, session_id: str) -> Session | None:
        """The session with this id, unless it is unknown or has expired."""
        with self._lock:
            row = self._db.execute(
                "SELECT account_id, csrf_token, expires FROM sessions WHERE id_sha256 = ?",
                (_hash(session_id),),
            ).fetchone()
        if row is None:
            return None
        session = Session(row[0], row[1], datetime.fromisoformat(row[2]))
        return session if session.expires > datetime.now(UTC) else None

    def close(self, session_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM sessions WHERE id_sha256 = ?", (_hash(session_id),))
