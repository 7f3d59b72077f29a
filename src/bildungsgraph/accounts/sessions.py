"""Browser sessions for the contribute pages, kept in the accounts' SQLite file.

A session id is a random string handed to the browser in a cookie; only its SHA-256 hash is
stored, so the table gives away no usable session. Each session carries its own random CSRF
token for the forms of the pages. A session belongs to an account after sign-in; sessions end
after a fixed lifetime, and an account keeps at most ``MAX_SESSIONS_PER_ACCOUNT`` (signing in
once more ends the oldest).

Before sign-in a session is anonymous (it still protects the forms) and stateless, so that a
visit adds no row: its id is ``a.{expiry}.{nonce}.{signature}``, signed with a secret kept in
the accounts database, and its CSRF token is derived from the nonce with the same secret.
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
MAX_SESSIONS_PER_ACCOUNT = 20
_ANONYMOUS = "a"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id_sha256 TEXT PRIMARY KEY,
    account_id INTEGER,
    csrf_token TEXT NOT NULL,
    expires TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
DELETE FROM sessions WHERE account_id IS NULL;
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
        self,
        db: sqlite3.Connection,
        lock: threading.Lock,
        lifetime: timedelta = SESSION_LIFETIME,
    ) -> None:
        self._db = db
        self._lock = lock
        self.lifetime = lifetime
        with self._lock:
            self._db.executescript(_SCHEMA)  # also drops anonymous rows of older versions
            self._db.execute(
                "INSERT OR IGNORE INTO secrets VALUES ('anonymous-sessions', ?)",
                (secrets.token_hex(32),),
            )
            self._secret = bytes.fromhex(
                self._db.execute(
                    "SELECT value FROM secrets WHERE name = 'anonymous-sessions'"
                ).fetchone()[0]
            )

    def open(self, account_id: int) -> tuple[str, Session]:
        """A new session of an account (and its id, the only time it is available); expired
        sessions and the account's oldest beyond ``MAX_SESSIONS_PER_ACCOUNT`` go."""
        session_id = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        session = Session(account_id, secrets.token_urlsafe(32), now + self.lifetime)
        with self._lock:
            self._db.execute("DELETE FROM sessions WHERE expires < ?", (now.isoformat(),))
            self._db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?)",
                (_hash(session_id), account_id, session.csrf_token, session.expires.isoformat()),
            )
            self._db.execute(
                "DELETE FROM sessions WHERE account_id = ? AND rowid NOT IN ("
                "SELECT rowid FROM sessions WHERE account_id = ? ORDER BY rowid DESC LIMIT ?)",
                (account_id, account_id, MAX_SESSIONS_PER_ACCOUNT),
            )
        return session_id, session

    def anonymous(self) -> tuple[str, Session]:
        """A new anonymous session; nothing is stored."""
        expires = int((datetime.now(UTC) + self.lifetime).timestamp())
        nonce = secrets.token_urlsafe(24)
        unsigned = f"{_ANONYMOUS}.{expires}.{nonce}"
        session = Session(None, self._sign(f"csrf.{nonce}"), datetime.fromtimestamp(expires, UTC))
        return f"{unsigned}.{self._sign(unsigned)}", session

    def get(self, session_id: str) -> Session | None:
        """The session with this id, unless it is unknown or has expired."""
        if session_id.startswith(_ANONYMOUS + "."):
            return self._anonymous(session_id)
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
        """End a session (an anonymous one has nothing to end: its cookie is replaced)."""
        with self._lock:
            self._db.execute("DELETE FROM sessions WHERE id_sha256 = ?", (_hash(session_id),))

    def _anonymous(self, session_id: str) -> Session | None:
        unsigned, _, signature = session_id.rpartition(".")
        parts = unsigned.split(".")
        if (
            len(parts) != 3
            or not parts[1].isdigit()
            or not hmac.compare_digest(
                signature.encode("utf-8"), self._sign(unsigned).encode("utf-8")
            )
        ):
            return None
        expires = datetime.fromtimestamp(int(parts[1]), UTC)
        if expires <= datetime.now(UTC) or expires > datetime.now(UTC) + self.lifetime:
            return None
        return Session(None, self._sign(f"csrf.{parts[2]}"), expires)

    def _sign(self, text: str) -> str:
        return hmac.new(self._secret, text.encode("utf-8"), hashlib.sha256).hexdigest()
