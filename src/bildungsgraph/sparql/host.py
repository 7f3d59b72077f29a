"""The replica host: a process that holds the in-memory replica and forks query workers.

The host loads the replica once; every worker is a ``fork`` of it, so workers start in
milliseconds and share the replica's memory (copy-on-write) instead of loading their own. The
server talks to each worker over its own socket, which the host hands over with ``SCM_RIGHTS``.

A worker is sandboxed twice:

* it arms ``SIGALRM`` with the query's time limit before evaluating, so the kernel ends the
  process when the limit passes, even inside Oxigraph's Rust code (pyoxigraph has no
  cancellation); the server also kills it with ``SIGKILL`` if it does not answer in time;
* it cannot open any file descriptor (``RLIMIT_NOFILE`` at its highest open descriptor), so no
  query can make it open a socket — ``SERVICE`` and friends fail without a connection.

Needs ``os.fork`` and ``resource`` (Linux, macOS).
"""

from __future__ import annotations

import os
import resource
import signal
import socket
from multiprocessing.connection import Connection
from pathlib import Path

from ..store.replica import QueryJob, Replica

READY, FAILED, FORKED = b"R", b"E", b"F"
MESSAGE_SIZE = 4096


def host_main(control: socket.socket, snapshot: str) -> None:
    """The host process: load the replica, then fork a worker per request."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    try:
        replica = Replica(Path(snapshot))
    except Exception as exc:  # any failure is reported to the server, which raises it
        control.sendall(FAILED + str(exc).encode()[:MESSAGE_SIZE])
        return
    control.sendall(READY + str(len(replica)).encode())
    while control.recv(1) == FORKED:
        server_end, worker_end = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            control.close()
            server_end.close()
            _serve(Connection(worker_end.detach()), replica)
        worker_end.close()
        socket.send_fds(control, [FORKED + str(pid).encode()], [server_end.fileno()])
        server_end.close()


def _serve(connection: Connection, replica: Replica) -> None:
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    _seal_descriptors()
    while True:
        try:
            job: QueryJob = connection.recv()
        except (EOFError, OSError):
            os._exit(0)
        signal.setitimer(signal.ITIMER_REAL, job.timeout)
        answer = replica.evaluate(job)
        signal.setitimer(signal.ITIMER_REAL, 0)
        connection.send(answer)


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
