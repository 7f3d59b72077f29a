"""A lock for one thread of one process at a time, across the processes of one machine.

The web processes that share a remote store write one at a time and keep one journal of their
writes (``readmodel/persist.py``); ``flock`` on a file beside the store's side files orders
them, and the kernel releases it when a process dies, so a crash never leaves it held.
"""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path
from types import TracebackType
from typing import IO


class ProcessLock:
    """Reentrant like ``threading.RLock``; with a ``path``, also exclusive across processes
    (without one, within this process only)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._handle: IO[bytes] | None = None

    def acquire(self, blocking: bool = True) -> bool:
        if not self._thread_lock.acquire(blocking):
            return False
        if self._depth == 0 and self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("ab")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                handle.close()
                self._thread_lock.release()
                return False
            self._handle = handle
        self._depth += 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
        self._thread_lock.release()

    def __enter__(self) -> ProcessLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
