"""Fair use of the endpoint per client, as the Wikidata Query Service does it.

A client is the address the server sees (the peer's IP, or the one a trusted proxy names:
``Settings.trusted_proxies``; an IPv6 client is its /64 network, which one host can fill
with addresses). Each client may have ``queries`` queries in flight (running or waiting for a
worker) and use ``seconds`` of query time in any minute. A query over either allowance is
refused at once (``TooManyRequestsError``: 429 with Retry-After), before it waits for
anything. Query time is counted when a query ends, in one-second buckets, so the bookkeeping
per client stays at most 60 entries however many queries it sends.

Which worker a query gets is the pool's part (``pool.py``): one worker is kept for clients
with no query running, so a point lookup never waits behind another client's slow queries.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import deque

from ..errors import TooManyRequestsError

WINDOW = 60  # seconds over which query time is counted
_SWEEP_EVERY = 60.0  # seconds between removals of clients that have gone quiet


class _Usage:
    __slots__ = ("buckets", "in_flight", "spent")

    def __init__(self) -> None:
        self.in_flight = 0
        self.spent = 0.0  # the sum over the buckets
        self.buckets: deque[list[float]] = deque()  # [second, query time ended in it]

    def expire(self, now: float) -> None:
        oldest = now - WINDOW
        buckets = self.buckets
        while buckets and buckets[0][0] <= oldest:
            self.spent -= buckets.popleft()[1]
        if not buckets:
            self.spent = 0.0  # no drift from the float sums

    def free_in(self, now: float, allowance: float) -> int:
        """Seconds until the time spent falls below ``allowance`` again."""
        spent = self.spent
        for second, seconds in self.buckets:
            spent -= seconds
            if spent < allowance:
                return max(1, math.ceil(second + WINDOW - now))
        return WINDOW


def client_key(address: str | None) -> str | None:
    """The budget key of a peer address (IPv6: its /64 network); None for an in-process
    caller, which has no budget."""
    if address is None or ":" not in address:
        return address
    try:
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    except ValueError:
        return address


class ClientBudget:
    """Queries in flight and query time per client; ``admit`` before, ``release`` after."""

    def __init__(self, queries: int, seconds: float) -> None:
        self.queries = max(1, queries)
        self.seconds = seconds
        self._lock = threading.Lock()
        self._clients: dict[str, _Usage] = {}
        self._swept = time.monotonic()

    def admit(self, client: str | None) -> None:
        """Count a query of ``client`` as in flight, or refuse it (TooManyRequestsError)."""
        if client is None:
            return
        now = time.monotonic()
        with self._lock:
            if now - self._swept > _SWEEP_EVERY:
                self._sweep(now)
            usage = self._clients.get(client)
            if usage is None:
                usage = self._clients[client] = _Usage()
            elif usage.buckets:
                usage.expire(now)
            if usage.in_flight >= self.queries:
                raise _too_many(self.queries)
            if usage.spent >= self.seconds:
                raise _over_budget(self.seconds, usage.free_in(now, self.seconds))
            usage.in_flight += 1

    def release(self, client: str | None, seconds: float) -> None:
        """A query of ``client`` ended after using a worker for ``seconds``."""
        if client is None:
            return
        now = time.monotonic()
        second = float(int(now))
        with self._lock:
            usage = self._clients[client]
            usage.in_flight -= 1
            if seconds > 0:
                usage.spent += seconds
                buckets = usage.buckets
                if buckets and buckets[-1][0] == second:
                    buckets[-1][1] += seconds
                else:
                    buckets.append([second, seconds])

    def _sweep(self, now: float) -> None:
        """(Lock held.) Forget the clients with nothing in flight and nothing counted."""
        self._swept = now
        for client, usage in list(self._clients.items()):
            usage.expire(now)
            if not usage.in_flight and not usage.buckets:
                del self._clients[client]


def _too_many(queries: int) -> TooManyRequestsError:
    return TooManyRequestsError(
        f"Zu viele gleichzeitige SPARQL-Anfragen: höchstens {queries} je Client laufen oder "
        "warten zugleich; bitte erst die Antworten abwarten.",
        f"Too many concurrent SPARQL queries: at most {queries} per client may run or wait at "
        "a time; wait for the answers first.",
        retry_after=1,
    )


def _over_budget(seconds: float, retry_after: int) -> TooManyRequestsError:
    return TooManyRequestsError(
        f"Das Abfragezeit-Budget ist aufgebraucht: höchstens {seconds:g} s Rechenzeit je "
        f"Client und Minute; wieder möglich in {retry_after} s.",
        f"The query time budget is used up: at most {seconds:g} s of query time per client "
        f"and minute; try again in {retry_after} s.",
        retry_after=retry_after,
    )
