"""Writes per minute per account (a sliding window in memory)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0


class RateLimiter:
    """Allow ``per_minute`` writes per key in any 60-second window."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[object, deque[float]] = defaultdict(deque)

    def retry_after(self, key: object) -> int | None:
        """None (and the write is counted) when allowed, else seconds until the next slot."""
        now = self._clock()
        with self._lock:
            seen = self._seen[key]
            while seen and seen[0] <= now - WINDOW_SECONDS:
                seen.popleft()
            if len(seen) >= self.per_minute:
                return max(1, int(seen[0] + WINDOW_SECONDS - now + 0.999))
            seen.append(now)
            return None
