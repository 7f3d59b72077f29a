"""The protected contact store: contact persons in a SQLite file beside the triple store.

One set of rows per contribution graph. Nothing here is ever written to the triple store, so
``/sparql``, its replica, the dumps, Linked Data, VoID, search, listings, embeds and exports
cannot read it; only the service's ``Contacts`` part reads it, for accounts whose scope covers
the actor.

A contribution's rows are written as *pending* before its store write, together with the
checksums of its files; ``settle`` makes them the contribution's rows once the write landed
(replacing the previous version's) or drops them. What a crash leaves pending, the service
settles against the store at the next start (``pending``).

Retention: a row is removed once its consent date lies more than the retention period back
(``purge``: one DELETE, at every start and every contribution write); reads never return such
a row, also between purges.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..sqlite import connect
from .model import ContactPerson

_SCHEMA = """
CREATE TABLE IF NOT EXISTS contacts (
    graph TEXT NOT NULL,
    pending INTEGER NOT NULL,
    kennung TEXT NOT NULL,
    actor TEXT NOT NULL,
    name TEXT NOT NULL,
    function TEXT,
    email TEXT,
    telephone TEXT,
    consent TEXT NOT NULL,
    stored TEXT NOT NULL,
    PRIMARY KEY (graph, pending, kennung)
);
CREATE INDEX IF NOT EXISTS contacts_by_actor ON contacts (actor, pending);
CREATE INDEX IF NOT EXISTS contacts_by_consent ON contacts (consent);
CREATE TABLE IF NOT EXISTS pending_versions (
    graph TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL
);
"""
_FIELDS = "kennung, actor, name, consent, function, email, telephone, graph, stored"


def contacts_path(store_path: Path) -> Path:
    """The SQLite file of the contact persons that belongs to a store directory (beside it)."""
    return store_path.parent / f"{store_path.name}-contacts.sqlite3"


def kept_since(retention: timedelta, today: date | None = None) -> date:
    """The earliest consent date still within the retention period."""
    return (today or datetime.now(UTC).date()) - retention


class ContactStore:
    """Contact persons per contribution graph, pending or settled."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = connect(path, _SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing, around the store write -------------------------------------------------

    def pend(self, graph: str, people: Sequence[ContactPerson], sha256: Iterable[str]) -> None:
        """Note the contact persons of a contribution version about to be written (with the
        checksums of its files); they count only once ``settle`` keeps them."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [
            (
                graph,
                1,
                p.kennung,
                p.actor,
                p.name,
                p.function,
                p.email,
                p.telephone,
                p.consent.isoformat(),
                now,
            )
            for p in people
        ]
        with self._lock, self._transaction():
            self._db.execute("DELETE FROM contacts WHERE graph = ? AND pending = 1", (graph,))
            self._db.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self._db.execute(
                "INSERT OR REPLACE INTO pending_versions VALUES (?, ?)",
                (graph, ",".join(sorted(sha256))),
            )

    def settle(self, graph: str, stored: bool) -> None:
        """Keep the pending rows of ``graph`` in place of its previous ones (its write landed)
        or drop them, in one step."""
        with self._lock, self._transaction():
            if stored:
                self._db.execute("DELETE FROM contacts WHERE graph = ? AND pending = 0", (graph,))
                self._db.execute("UPDATE contacts SET pending = 0 WHERE graph = ?", (graph,))
            else:
                self._db.execute("DELETE FROM contacts WHERE graph = ? AND pending = 1", (graph,))
            self._db.execute("DELETE FROM pending_versions WHERE graph = ?", (graph,))

    def pending(self) -> dict[str, list[str]]:
        """Graph → file checksums of every version still pending."""
        with self._lock:
            rows = self._db.execute("SELECT graph, sha256 FROM pending_versions").fetchall()
        return {graph: [h for h in hashes.split(",") if h] for graph, hashes in rows}

    def forget(self, graph: str) -> int:
        """Delete every row of a contribution (withdrawn); returns how many."""
        with self._lock, self._transaction():
            cursor = self._db.execute("DELETE FROM contacts WHERE graph = ?", (graph,))
            self._db.execute("DELETE FROM pending_versions WHERE graph = ?", (graph,))
        return cursor.rowcount

    def purge(self, retention: timedelta, today: date | None = None) -> int:
        """Delete the rows whose consent lies more than ``retention`` back; returns how many."""
        limit = kept_since(retention, today).isoformat()
        with self._lock:
            cursor = self._db.execute("DELETE FROM contacts WHERE consent < ?", (limit,))
        return cursor.rowcount

    # -- reading ---------------------------------------------------------------------------

    def has(self, graph: str) -> bool:
        """Whether a contribution has rows (kept or pending)."""
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM contacts WHERE graph = ? LIMIT 1", (graph,)
            ).fetchone()
        return row is not None

    def graphs(self) -> list[str]:
        """The contributions with kept rows."""
        with self._lock:
            rows = self._db.execute(
                "SELECT DISTINCT graph FROM contacts WHERE pending = 0"
            ).fetchall()
        return [row[0] for row in rows]

    def of_actor(self, actor: str, since: date) -> list[ContactPerson]:
        """The kept contact persons of an actor whose consent is ``since`` or later."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_FIELDS} FROM contacts WHERE actor = ? AND pending = 0 "  # noqa: S608 - constant
                "AND consent >= ? ORDER BY name, kennung",
                (actor, since.isoformat()),
            ).fetchall()
        return [_person(row) for row in rows]

    def all(self, since: date) -> list[ContactPerson]:
        """Every kept contact person whose consent is ``since`` or later."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_FIELDS} FROM contacts WHERE pending = 0 AND consent >= ? "  # noqa: S608 - constant
                "ORDER BY actor, name, kennung",
                (since.isoformat(),),
            ).fetchall()
        return [_person(row) for row in rows]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (the caller holds the lock)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _person(row: tuple[str, ...]) -> ContactPerson:
    kennung, actor, name, consent, function, email, telephone, graph, stored = row
    return ContactPerson(
        kennung, actor, name, date.fromisoformat(consent), function, email, telephone, graph, stored
    )
