"""Results derived from one store state, each computed once (single flight) and kept as long
as the Kommunen it depends on are unchanged.

A result names the Kommunen it was computed from; when a write changes one of them, the next
state drops the result, every other result is carried over to it (``carried_over``). Dropped
results that readers asked for recently are handed back as *stale* with the call that makes
them again, so that the writer can make them for the next state before publishing it
(``ReadModel.written``): the first page after a write costs what a page costs before it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
S = TypeVar("S")
Versions = Mapping[str, int]
RECENT = 600.0  # seconds: a result asked for within this is worth making again after a write


@dataclass
class _Entry:
    value: object
    stamp: tuple[tuple[str, int], ...]  # (Kommune IRI, version) it was computed from
    again: Callable[[Any], object] | None  # makes it again for another state
    cost: float  # seconds it took
    used: float  # when it was last asked for (time.monotonic)


@dataclass(frozen=True)
class Stale:
    """A result a write dropped: how to make it again, what it cost, when it was last used."""

    again: Callable[[Any], object]
    cost: float
    used: float


class Memo(Generic[S]):
    """Results by key, with the versions of the Kommunen each depends on."""

    def __init__(self, entries: dict[Hashable, _Entry] | None = None) -> None:
        self._entries = entries or {}
        self._pending: dict[Hashable, Future[object]] = {}
        self._lock = threading.Lock()
        self.computed = 0  # results computed here (not carried over), for tests

    def get(
        self,
        key: Hashable,
        depends_on: Iterable[str],
        versions: Versions,
        compute: Callable[[], T],
        again: Callable[[S], object] | None = None,
    ) -> T:
        """The result for ``key``, computed by ``compute()`` once even when asked for by many
        threads at the same time (the others wait for it). ``again(state)`` makes the same
        result for another state."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                entry.used = time.monotonic()
                return entry.value  # type: ignore[return-value]
            future = self._pending.get(key)
            owner = future is None
            if future is None:
                future = self._pending[key] = Future()
        if not owner:
            return future.result()  # type: ignore[return-value]
        began = time.monotonic()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                del self._pending[key]
            future.set_exception(exc)
            raise
        now = time.monotonic()
        stamp = tuple(sorted((iri, versions.get(iri, 0)) for iri in set(depends_on)))
        with self._lock:
            self._entries[key] = _Entry(value, stamp, again, now - began, now)
            del self._pending[key]
            self.computed += 1
        future.set_result(value)
        return value

    def carried_over(self, versions: Versions) -> tuple[Memo[S], list[Stale]]:
        """A memo for the next state with the results whose Kommunen did not change, and the
        dropped results that were asked for recently (most recent first)."""
        now = time.monotonic()
        kept: dict[Hashable, _Entry] = {}
        stale: list[Stale] = []
        with self._lock:
            for key, entry in self._entries.items():
                if all(versions.get(iri, 0) == version for iri, version in entry.stamp):
                    kept[key] = entry
                elif entry.again is not None and now - entry.used < RECENT:
                    stale.append(Stale(entry.again, entry.cost, entry.used))
        stale.sort(key=lambda s: -s.used)
        return Memo(kept), stale

    def __len__(self) -> int:
        return len(self._entries)
