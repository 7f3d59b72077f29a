"""The query workers the server holds, and the line of queries waiting for one.

One worker is kept for clients that have no query running: a client that already holds a
worker may take another only while a second one is idle. So one client's slow queries never
make another client's point lookup wait (``budget.py`` limits how many a client may send).

Workers belong to an *epoch*. Each apply (and each new host) starts a new epoch with freshly
forked workers; a worker of an older epoch is closed instead of getting another query, since
it holds the replica as it was when it was forked. A query takes an idle worker of the current
epoch or waits in line: a returning or new worker goes to the query that has waited longest
among those it may serve, whether it waits in a thread (``take``) or in the event loop
(``take_async``, no thread hop).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Hashable

from .replica import QueryAnswer, QueryJob
from .wire import recv_frame_async, recv_frame_until, send_frame_async, send_frame_until

_NOBODY = object()  # the client of a worker that serves none


class NoWorker(Exception):
    """No worker became free within the wait (the engine says why)."""


class Worker:
    """The server's end of one worker process."""

    __slots__ = ("client", "epoch", "pid", "sock")

    def __init__(self, pid: int, sock: socket.socket, epoch: int = -1) -> None:
        self.pid = pid
        self.sock = sock
        self.epoch = epoch
        self.client: Hashable = _NOBODY  # whose query it runs (set by the pool)
        sock.setblocking(False)

    def ask(self, job: QueryJob, deadline: float) -> QueryAnswer | None:
        """The answer by ``deadline`` (``time.monotonic``), or None when the worker died (its
        own alarm) or was killed at the deadline."""
        try:
            if send_frame_until(self.sock, _payload(job, deadline), deadline):
                data = recv_frame_until(self.sock, deadline)
                if data is not None:
                    answer: QueryAnswer = pickle.loads(data)  # noqa: S301 (our own worker)
                    return answer
        except (EOFError, OSError):
            return None
        self.kill()
        return None

    async def ask_async(self, job: QueryJob, deadline: float) -> QueryAnswer | None:
        """``ask`` in the event loop: None comes at the deadline itself, not once the killed
        process is gone (a large one takes a while to end). The caller discards the worker
        if this is cancelled."""
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout_at(loop.time() + deadline - time.monotonic()):
                await send_frame_async(loop, self.sock, _payload(job, deadline))
                data = await recv_frame_async(loop, self.sock)
        except TimeoutError:  # (an OSError too: caught first)
            self.kill()
            return None
        except (EOFError, OSError):
            return None
        answer: QueryAnswer = pickle.loads(data)  # noqa: S301 (our own worker)
        return answer

    def kill(self) -> None:
        # Only called while the worker still holds its end of the socket, so the pid is its.
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        self.sock.close()  # the worker exits when its socket closes


def _payload(job: QueryJob, deadline: float) -> bytes:
    """The job and the seconds it has left: the worker's own alarm ends it at the deadline
    too, even if the server could not."""
    seconds = max(0.001, deadline - time.monotonic())
    return pickle.dumps((job, seconds), pickle.HIGHEST_PROTOCOL)


# A fresh fork pays for its first queries (copy-on-write faults, cold caches: a point lookup
# takes 5x as long), so the engine has each new worker answer these first.
WARM_UP = QueryJob(
    query="SELECT * WHERE { ?s ?p ?o } LIMIT 3",
    media_types={"solutions": "application/sparql-results+json", "boolean": None, "graph": None},
    max_rows=10,
    timeout=5.0,
)
_LINGER = 1.0  # seconds before the idle workers of an old epoch are closed


def warm_up(workers: list[Worker], jobs: list[QueryJob]) -> list[Worker]:
    """Run ``jobs`` in every worker (all workers at once); the workers that answered them."""
    warm = workers
    for job in jobs:
        deadline = time.monotonic() + job.timeout
        payload = _payload(job, deadline)
        sent = [worker for worker in warm if _sent(worker, payload, deadline)]
        warm = [worker for worker in sent if _answered(worker, deadline)]
    for worker in workers:
        if worker not in warm:
            worker.kill()
            worker.close()
    return warm


def _close_all(workers: list[Worker]) -> None:
    for worker in workers:
        worker.close()


def _sent(worker: Worker, payload: bytes, deadline: float) -> bool:
    try:
        return send_frame_until(worker.sock, payload, deadline)
    except OSError:
        return False


def _answered(worker: Worker, deadline: float) -> bool:
    try:
        return recv_frame_until(worker.sock, deadline) is not None
    except (EOFError, OSError):
        return False


class _Waiter:
    __slots__ = ("client", "error", "event", "future", "loop", "worker")

    def __init__(
        self,
        client: Hashable,
        event: threading.Event | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        future: asyncio.Future[Worker] | None = None,
    ) -> None:
        self.client = client
        self.event = event
        self.loop = loop
        self.future = future
        self.worker: Worker | None = None
        self.error: BaseException | None = None


class WorkerPool:
    """Up to ``size`` workers of the current epoch, idle or busy, and the queries waiting.

    A query is taken for a ``client`` (any hashable key; None for in-process callers).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.epoch = 0
        self.wanted = threading.Event()  # set when the pool holds fewer workers than its size
        self._lock = threading.Lock()
        self._idle: list[Worker] = []
        self._waiting: deque[_Waiter] = deque()
        self._running: dict[Hashable, int] = {}  # workers held per client
        self._live = 0  # workers of the current epoch: idle, busy or being forked
        self._closed: BaseException | None = None

    # -- taking and giving back ----------------------------------------------------------

    def take_nowait(self, client: Hashable = None) -> Worker | None:
        with self._lock:
            if self._idle and self._may_take(client):
                return self._hand(client)
        return None

    def take(self, timeout: float, client: Hashable = None) -> Worker:
        """An idle worker, waiting in line for at most ``timeout`` seconds (else NoWorker)."""
        with self._lock:
            if self._closed is not None:
                raise self._closed
            if self._idle and self._may_take(client):
                return self._hand(client)
            waiter = _Waiter(client, event=threading.Event())
            self._waiting.append(waiter)
        assert waiter.event is not None
        waiter.event.wait(timeout)
        with self._lock:
            if waiter.worker is None and waiter.error is None:
                self._waiting.remove(waiter)
                raise NoWorker
        if waiter.error is not None:
            raise waiter.error
        assert waiter.worker is not None
        return waiter.worker

    async def take_async(self, timeout: float, client: Hashable = None) -> Worker:
        """``take`` for the event loop."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._closed is not None:
                raise self._closed
            if self._idle and self._may_take(client):
                return self._hand(client)
            waiter = _Waiter(client, loop=loop, future=loop.create_future())
            self._waiting.append(waiter)
        assert waiter.future is not None
        timer = loop.call_later(timeout, self._expire, waiter)
        try:
            return await waiter.future
        except asyncio.CancelledError:
            with self._lock, contextlib.suppress(ValueError):
                self._waiting.remove(waiter)
            raise  # a worker already on its way is given back by _deliver
        finally:
            timer.cancel()

    def put(self, worker: Worker) -> None:
        """A worker that answered (or a new one): to the first in line it may serve, else
        idle."""
        with self._lock:
            self._release(worker)
            stale = self._closed is not None or worker.epoch != self.epoch
            if not stale:
                self._idle.append(worker)
            served = self._dispatch()
        if stale:
            worker.close()
        for waiter in served:
            self._notify(waiter)

    def discard(self, worker: Worker) -> None:
        """A worker that died or timed out: close it; the pool wants a new one."""
        with self._lock:
            self._release(worker)
            if worker.epoch == self.epoch and self._closed is None:
                self._live -= 1
                self.wanted.set()
            served = self._dispatch()  # its client may now take the kept worker
        worker.close()
        for waiter in served:
            self._notify(waiter)

    # -- epochs ---------------------------------------------------------------------------

    def swap(self, workers: list[Worker]) -> None:
        """Start a new epoch with ``workers``; idle workers of the old one are closed a moment
        later (a process that ends frees its memory: that CPU should not delay the next
        query)."""
        with self._lock:
            self.epoch += 1
            old, self._idle = self._idle, []
            self._live = len(workers)
            for worker in workers:
                worker.epoch = self.epoch
            if self._closed is None:
                self._idle.extend(workers)
            else:
                old.extend(workers)
            served = self._dispatch()
            if workers and self._live < self.size:
                self.wanted.set()
        if old and workers:
            closing = threading.Timer(_LINGER, _close_all, [old])
            closing.daemon = True
            closing.start()
        else:
            _close_all(old)
        for waiter in served:
            self._notify(waiter)

    def retire(self) -> None:
        """Close the idle workers; busy ones are closed when they return."""
        self.swap([])

    def reserve(self) -> int | None:
        """Count a worker about to be forked; its epoch, or None when the pool is full."""
        with self._lock:
            if self._closed is not None or self._live >= self.size:
                return None
            self._live += 1
            return self.epoch

    def unreserve(self, epoch: int) -> None:
        with self._lock:
            if epoch == self.epoch:
                self._live -= 1

    def fail_waiting(self, error: BaseException) -> None:
        """Give ``error`` to every query in line (the replica could not be loaded)."""
        with self._lock:
            waiting, self._waiting = list(self._waiting), deque()
            for waiter in waiting:
                waiter.error = error
        for waiter in waiting:
            self._notify(waiter)

    def close(self, error: BaseException) -> None:
        with self._lock:
            self._closed = error
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()
        self.fail_waiting(error)
        self.wanted.set()  # wakes the restocking thread, which then ends

    # -- handing over ---------------------------------------------------------------------

    def _may_take(self, client: Hashable) -> bool:
        """(Lock held, a worker idle.) The last idle worker is kept for a client that holds
        none."""
        return len(self._idle) > 1 or client not in self._running

    def _hand(self, client: Hashable) -> Worker:
        """(Lock held.) An idle worker, now counted as held by ``client``."""
        worker = self._idle.pop()
        worker.client = client
        self._running[client] = self._running.get(client, 0) + 1
        return worker

    def _release(self, worker: Worker) -> None:
        """(Lock held.) ``worker`` no longer runs its client's query."""
        client, worker.client = worker.client, _NOBODY
        if client is _NOBODY:
            return
        held = self._running[client] - 1
        if held:
            self._running[client] = held
        else:
            del self._running[client]

    def _dispatch(self) -> list[_Waiter]:
        """(Lock held.) Hand idle workers to the longest-waiting queries that may take them;
        the waiters to notify."""
        served: list[_Waiter] = []
        while self._idle and self._waiting:
            waiter = next((w for w in self._waiting if self._may_take(w.client)), None)
            if waiter is None:
                break
            self._waiting.remove(waiter)
            waiter.worker = self._hand(waiter.client)
            served.append(waiter)
        return served

    def _notify(self, waiter: _Waiter) -> None:
        if waiter.event is not None:
            waiter.event.set()
            return
        assert waiter.loop is not None
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is waiter.loop:
            self._deliver(waiter)
            return
        try:
            waiter.loop.call_soon_threadsafe(self._deliver, waiter)
        except RuntimeError:  # that event loop is closed
            if waiter.worker is not None:
                self.discard(waiter.worker)

    def _deliver(self, waiter: _Waiter) -> None:
        assert waiter.future is not None
        if waiter.future.done():  # the query was cancelled or timed out meanwhile
            if waiter.worker is not None:
                self.put(waiter.worker)
        elif waiter.error is not None:
            waiter.future.set_exception(waiter.error)
        else:
            waiter.future.set_result(waiter.worker)  # type: ignore[arg-type]

    def _expire(self, waiter: _Waiter) -> None:
        with self._lock:
            if waiter.worker is not None or waiter.error is not None:
                return  # already served; the delivery is on its way
            try:
                self._waiting.remove(waiter)
            except ValueError:
                return
        assert waiter.future is not None
        if not waiter.future.done():
            waiter.future.set_exception(NoWorker())
