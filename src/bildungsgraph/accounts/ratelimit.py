"""Fair-use limits in memory: requests per minute per key, and backoff after failed sign-ins.

Keys are accounts or client addresses. Both limiters forget quiet keys once they track more
than ``max_keys``, so many clients cannot grow them without bound.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

WINDOW_SECONDS = 60.0
MAX_KEYS = 10_000
MAX_BACKOFF_SECONDS = 900.0  # a quarter of an hour; also how long failures are remembered


class RateLimiter:
    """Allow ``per_minute`` requests per key in any 60-second window."""

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._seen: dict[object, deque[float]] = {}

    def retry_after(self, key: object) -> int | None:
        """None (and the request is counted) when allowed, else seconds until the next slot."""
        now = self._clock()
        with self._lock:
            if key not in self._seen and len(self._seen) >= self._max_keys:
                self._forget_quiet(now)
            seen = self._seen.setdefault(key, deque())
            while seen and seen[0] <= now - WINDOW_SECONDS:
                seen.popleft()
            if len(seen) >= self.per_minute:
                return max(1, int(seen[0] + WINDOW_SECONDS - now + 0.999))
            seen.append(now)
            return None

    def _forget_quiet(self, now: float) -> None:
        quiet = [
            key for key, seen in self._seen.items() if not seen or seen[-1] <= now - WINDOW_SECONDS
        ]
        for key in quiet:
            del self._seen[key]
        while len(self._seen) >= self._max_keys:  # all busy: the longest-known key goes
            del self._seen[next(iter(self._seen))]


@dataclass
class _Failures:
    count: int
    last: float


class FailureBackoff:
    """Exponential backoff per key (a client address) after failed attempts.

    The first ``free`` failures cost nothing; after that each failure doubles the wait before
    the key may try again (1 s, 2 s, 4 s … up to ``max_wait``). A key that stays quiet for
    ``max_wait`` starts afresh. Keyed by the client, never by the account tried, so nobody can
    lock an account holder out from another address.
    """

    def __init__(
        self,
        free: int,
        max_wait: float = MAX_BACKOFF_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.free = free
        self.max_wait = max_wait
        self._clock = clock
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._failures: dict[object, _Failures] = {}

    def retry_after(self, key: object) -> int | None:
        """None when the key may try now, else the seconds it has to wait."""
        now = self._clock()
        with self._lock:
            failures = self._current(key, now)
            if failures is None:
                return None
            wait = failures.last + self._wait(failures.count) - now
        return max(1, int(wait + 0.999)) if wait > 0 else None

    def failed(self, key: object) -> None:
        """Count a failed attempt of ``key``."""
        now = self._clock()
        with self._lock:
            failures = self._current(key, now)
            if failures is None:
                if len(self._failures) >= self._max_keys:
                    self._forget_quiet(now)
                self._failures[key] = _Failures(1, now)
            else:
                failures.count += 1
                failures.last = now

    def _wait(self, count: int) -> float:
        return 0.0 if count < self.free else min(self.max_wait, 2.0 ** (count - self.free))

    def _current(self, key: object, now: float) -> _Failures | None:
        failures = self._failures.get(key)
        if failures is not None and failures.last <= now - self.max_wait:
            del self._failures[key]
            return None
        return failures

    def _forget_quiet(self, now: float) -> None:
        for key in [key for key, f in self._failures.items() if f.last <= now - self.max_wait]:
            del self._failures[key]
        while len(self._failures) >= self._max_keys:
            del self._failures[next(iter(self._failures))]
