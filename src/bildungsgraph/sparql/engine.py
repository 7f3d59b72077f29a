"""The query engine: a pool of sandboxed worker processes over an in-memory replica.

pyoxigraph 0.5 cannot cancel a query, so queries run in worker processes that can be killed.
The workers are forks of one replica host (``host.py``) that loaded an in-memory copy of the
durable store; the store counts its writes (``generation``) and, at the first query after a
write, the engine takes a snapshot (a RocksDB checkpoint: hard links), starts a new host on
it and retires the old one, so every query sees every write that finished before it.

``execute`` blocks: call it from a thread. It waits for a free worker (at most the time limit,
then EndpointBusy), hands it the job and waits for the answer until the limit (then the worker
is gone, a fresh fork takes its place in milliseconds and QueryTimeout is raised).
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Protocol

from ..errors import StoreError
from ..store.replica import QueryAnswer, QueryJob
from .errors import EndpointBusy, QueryTimeout
from .host import FORKED, MESSAGE_SIZE, READY

_GRACE = 1.0  # the worker's own alarm fires first; the server kills after this grace period
_HOST_START_TIMEOUT = 3600.0


class Replicable(Protocol):
    """What the engine needs from the durable store."""

    path: Path | None
    generation: int

    def snapshot(self, directory: Path) -> Path: ...


class _Worker:
    def __init__(self, pid: int, connection: Connection) -> None:
        self.pid = pid
        self.connection = connection

    def ask(self, job: QueryJob) -> QueryAnswer | None:
        """The answer, or None when the worker died (its time limit) or had to be killed."""
        try:
            self.connection.send(job)
            if self.connection.poll(job.timeout + _GRACE):
                answer: QueryAnswer = self.connection.recv()
                return answer
        except (EOFError, OSError):
            return None
        self.kill()
        return None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.close()

    def close(self) -> None:
        self.connection.close()  # the worker exits when its socket closes


class _Host:
    """The replica host process of one store generation and its idle workers."""

    def __init__(self, snapshot: Path, generation: int) -> None:
        self.generation = generation
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._control, child = socket.socketpair()
        command = [sys.executable, "-m", __package__ or "", str(child.fileno()), str(snapshot)]
        self._process = subprocess.Popen(command, pass_fds=[child.fileno()])  # noqa: S603
        child.close()
        self._control.settimeout(_HOST_START_TIMEOUT)
        message = self._control.recv(MESSAGE_SIZE)
        self._control.settimeout(None)
        if not message.startswith(READY):
            self.close()
            raise StoreError(f"the SPARQL replica could not be loaded: {message[1:].decode()}")
        self.size = int(message[1:])

    def fork(self) -> _Worker:
        with self._lock:
            self._control.sendall(FORKED)
            message, fds, _, _ = socket.recv_fds(self._control, MESSAGE_SIZE, 1)
        if not message.startswith(FORKED) or not fds:
            raise StoreError("the SPARQL replica host did not start a worker")
        return _Worker(int(message[1:]), Connection(fds[0]))

    def close(self) -> None:
        self._control.close()  # the host exits; its workers exit when their sockets close
        while True:
            try:
                self.idle.get_nowait().close()
            except queue.Empty:
                break
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


class QueryEngine:
    """Answers QueryJobs on the current generation of the store, within the time limit."""

    def __init__(self, store: Replicable, *, workers: int = 2) -> None:
        self._store = store
        self._workers = max(1, workers)
        self._host: _Host | None = None
        self._lock = threading.Lock()
        self._closed = False

    def execute(self, job: QueryJob) -> QueryAnswer:
        host = self._current_host()
        try:
            worker = host.idle.get(timeout=job.timeout)
        except queue.Empty:
            raise EndpointBusy(
                "Alle Abfrage-Prozesse sind belegt; bitte später erneut versuchen. / "
                "All query workers are busy; please try again later."
            ) from None
        answer = worker.ask(job)
        if answer is None:
            worker.close()
            self._restock(host)
            raise QueryTimeout(
                f"Die Anfrage hat das Zeitlimit von {job.timeout:g} s überschritten und wurde "
                f"abgebrochen. / The query exceeded the time limit of {job.timeout:g} s and "
                "was stopped."
            )
        if host is self._host:
            host.idle.put(worker)
        else:
            worker.close()
        return answer

    def warm_up(self) -> int:
        """Start the host and workers now; returns the number of quads in the replica."""
        return self._current_host().size

    def _current_host(self) -> _Host:
        with self._lock:
            if self._closed:
                raise StoreError("the SPARQL engine is closed")
            generation = self._store.generation
            if self._host is None or self._host.generation != generation:
                host = self._start_host(generation)
                for _ in range(self._workers):
                    host.idle.put(host.fork())
                if self._host is not None:
                    self._host.close()
                self._host = host
            return self._host

    def _start_host(self, generation: int) -> _Host:
        parent = self._store.path.parent if self._store.path is not None else None
        directory = Path(tempfile.mkdtemp(prefix=".bildungsgraph-snapshot-", dir=parent))
        try:
            return _Host(self._store.snapshot(directory), generation)
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    def _restock(self, host: _Host) -> None:
        with self._lock:
            if host is self._host:
                host.idle.put(host.fork())

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._host is not None:
                self._host.close()
                self._host = None
