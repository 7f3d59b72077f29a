"""The replica host: a process that holds the in-memory replica and forks query workers.

The host loads the replica once (``loading.py``) and then follows the store by deltas: the
server sends it the new content of each changed graph (``apply``). Every worker is a ``fork``
of the host, so workers start in milliseconds and share the replica's memory (copy-on-write)
instead of loading their own; a worker sees the replica as it was when it was forked, which is
why the server retires the idle workers after each apply. The server talks to each worker
over its own socket, which the host hands over with ``SCM_RIGHTS``.

A worker is sandboxed twice:

* it arms ``SIGALRM`` with what is left of the query's time limit before evaluating, so the
  kernel ends the process when the limit passes, even inside Oxigraph's Rust code (pyoxigraph
  has no cancellation); the server also kills it with ``SIGKILL`` and answers at the limit;
* it cannot open any file descriptor (``RLIMIT_NOFILE`` at its highest open descriptor), so no
  query can make it open a socket — ``SERVICE`` and friends fail without a connection.

The control protocol is one request at a time, each a frame (``wire.py``) whose first byte
names it: ``F`` fork a worker (answered ``F`` + pid with the socket attached), ``A`` apply
changes (answered ``A``, or ``E`` + message). The host announces ``R`` + size once loaded
(or ``E`` + message) and exits when the control socket closes.

Needs ``os.fork`` and ``resource`` (Linux, macOS).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import resource
import signal
import socket
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Mapping
from pathlib import Path

from ..errors import StoreError
from .errors import Refusal
from .loading import load_snapshot
from .pool import Worker
from .replica import QueryAnswer, QueryJob, Replica
from .wire import LENGTH, recv_exact, recv_frame, send_frame

READY, FAILED, FORK, APPLY, SAVE = b"R", b"E", b"F", b"A", b"S"
PID = struct.Struct("!q")
FORK_REPLY_SIZE = LENGTH.size + 1 + PID.size
_START_TIMEOUT = 3600.0
_SAVE_TIMEOUT = 600.0
_DECODERS = max(1, min(4, os.cpu_count() or 1))


def host_main(control: socket.socket, snapshot: str, state: str, decoders: int) -> None:
    """The host process: load the replica, then serve the server's requests."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    _yield_on_wakeup()
    try:
        replica = Replica(load_snapshot(Path(snapshot), decoders, [control]), state)
    except Exception as exc:  # any failure is reported to the server, which raises it
        with contextlib.suppress(OSError):  # unless the server has gone
            send_frame(control, FAILED + str(exc).encode()[:4096])
        return
    send_frame(control, READY + str(len(replica)).encode())
    while True:
        try:
            request = recv_frame(control)
        except (EOFError, OSError):
            return
        command = bytes(request[:1])
        if command == FORK:
            _fork_worker(control, replica)
        elif command == APPLY:
            try:
                changes, new_state = pickle.loads(request[1:])  # noqa: S301 (our own server)
                replica.apply(changes, new_state)
            except Exception as exc:  # reported; the server replaces this host
                send_frame(control, FAILED + str(exc).encode()[:4096])
            else:
                send_frame(control, APPLY)
        elif command == SAVE:
            try:
                replica.save(Path(bytes(request[1:]).decode()))
            except Exception as exc:  # reported; the next start loads a snapshot instead
                send_frame(control, FAILED + str(exc).encode()[:4096])
            else:
                send_frame(control, SAVE)


def _yield_on_wakeup() -> None:
    """Run as SCHED_BATCH (inherited by the workers): a worker woken by the server's request
    then waits for a free core instead of preempting the server's event loop, which keeps
    serving other requests meanwhile (on two cores this doubled the throughput)."""
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_BATCH"):
        with contextlib.suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))


def _fork_worker(control: socket.socket, replica: Replica) -> None:
    server_end, worker_end = socket.socketpair()
    gc.freeze()  # the worker's collector then leaves the host's objects (and pages) alone
    pid = os.fork()
    if pid == 0:
        try:
            control.close()
            server_end.close()
            _serve(worker_end, replica)
        finally:
            os._exit(0)
    worker_end.close()
    reply = FORK + PID.pack(pid)
    socket.send_fds(control, [LENGTH.pack(len(reply)) + reply], [server_end.fileno()])
    server_end.close()


def _serve(connection: socket.socket, replica: Replica) -> None:
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    _seal_descriptors()
    while True:
        try:
            job: QueryJob
            seconds: float  # what is left of the time limit (it counts from the request)
            job, seconds = pickle.loads(recv_frame(connection))  # noqa: S301 (our own server)
        except (EOFError, OSError):
            return
        signal.setitimer(signal.ITIMER_REAL, seconds)
        answer = answer_job(replica, job)
        signal.setitimer(signal.ITIMER_REAL, 0)
        send_frame(connection, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


def answer_job(replica: Replica, job: QueryJob) -> QueryAnswer:
    """The replica's answer; a failure nobody foresaw is an INTERNAL answer without its
    message (the traceback goes to the server's log) instead of a dead worker, which the
    server would take for a timeout."""
    try:
        return replica.evaluate(job)
    except BaseException:  # also a Rust panic; the alarm ends the process without any
        traceback.print_exc()
        return QueryAnswer(error=Refusal.INTERNAL, state=replica.state)


def _seal_descriptors() -> None:
    """Fill every free descriptor below the highest open one and forbid any more."""
    listing = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
    highest = max(int(name) for name in os.listdir(listing))
    null = os.open(os.devnull, os.O_RDWR)
    highest = max(highest, null)
    for fd in range(highest + 1):
        try:
            os.fstat(fd)
        except OSError:
            os.dup2(null, fd)
    resource.setrlimit(resource.RLIMIT_NOFILE, (highest + 1, highest + 1))


# -- the server side ------------------------------------------------------------------------


class HostGone(StoreError):
    """The replica host died or failed a request."""


class HostProcess:
    """The server's handle on one replica host process: its control socket, what it holds."""

    def __init__(self, snapshot: Path, state: str, exact: bool) -> None:
        self.state = state
        # Whether the content is exactly the store's at ``state`` (see QueryEngine.close).
        self.exact = exact
        self.size = 0
        self.closing = False
        self._lock = threading.Lock()  # one request at a time on the control socket
        self._control, child = socket.socketpair()
        command = [
            sys.executable, "-m", __package__ or "", str(child.fileno()), str(snapshot), state,
            str(_DECODERS),
        ]  # fmt: skip
        self._process = subprocess.Popen(command, pass_fds=[child.fileno()])  # noqa: S603
        child.close()

    @property
    def pid(self) -> int:
        return self._process.pid

    def wait_ready(self) -> None:
        """Block until the host has loaded the replica; HostGone when it could not."""
        try:
            self._control.settimeout(_START_TIMEOUT)
            message = bytes(recv_frame(self._control))
            self._control.settimeout(None)
        except (EOFError, OSError) as exc:  # also: closed meanwhile (the engine closed)
            raise HostGone(f"the SPARQL replica host ended while loading: {exc}") from None
        if not message.startswith(READY):
            raise HostGone(f"the SPARQL replica could not be loaded: {message[1:].decode()}")
        self.size = int(message[1:])

    def fork(self) -> Worker:
        try:
            with self._lock:
                send_frame(self._control, FORK)
                message, fds, _, _ = socket.recv_fds(self._control, FORK_REPLY_SIZE, 1)
                if 0 < len(message) < FORK_REPLY_SIZE:
                    message += recv_exact(self._control, FORK_REPLY_SIZE - len(message))
        except OSError as exc:
            raise HostGone(f"the SPARQL replica host is gone: {exc}") from None
        if len(message) != FORK_REPLY_SIZE or message[LENGTH.size : LENGTH.size + 1] != FORK:
            for fd in fds:
                os.close(fd)
            raise HostGone("the SPARQL replica host did not start a worker")
        (pid,) = PID.unpack_from(message, LENGTH.size + 1)
        return Worker(pid, socket.socket(fileno=fds[0]))

    def apply(self, changes: Mapping[str, bytes | None], state: str) -> None:
        payload = APPLY + pickle.dumps((dict(changes), state), pickle.HIGHEST_PROTOCOL)
        try:
            with self._lock:
                send_frame(self._control, payload)
                reply = bytes(recv_frame(self._control))
        except (EOFError, OSError) as exc:
            raise HostGone(f"the SPARQL replica host is gone: {exc}") from None
        if reply != APPLY:
            detail = reply[1:].decode() if reply.startswith(FAILED) else "no answer"
            raise HostGone(f"the SPARQL replica could not apply a change: {detail}")
        self.state, self.exact = state, True

    def save(self, path: Path) -> None:
        """Write the replica to ``path`` as an image for the next start (``loading.py``)."""
        try:
            with self._lock:
                self._control.settimeout(_SAVE_TIMEOUT)
                send_frame(self._control, SAVE + str(path).encode())
                reply = bytes(recv_frame(self._control))
        except (EOFError, OSError) as exc:
            raise HostGone(f"the SPARQL replica host is gone: {exc}") from None
        if reply != SAVE:
            raise HostGone(f"the SPARQL replica could not be saved: {reply[1:].decode()}")

    def wait(self) -> None:
        self._process.wait()

    def close(self) -> None:
        """End the host; its workers end when the engine closes their sockets."""
        self.closing = True
        self._control.close()
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
