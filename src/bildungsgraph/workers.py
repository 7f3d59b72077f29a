"""Worker processes for computations that would hold the interpreter lock for seconds.

Started with ``spawn`` on first use (a fork of a server with threads and an open store is not
safe) and kept for the life of the process. A pool whose worker died is dropped, so the next
call starts a new one; the call that met the dead worker gets ``BrokenProcessPool``. A worker
whose process is killed (``kill -9``, the OOM killer) ends within a second: orphans would
otherwise wait for work for ever, each holding the memory of the shapes and the vocabularies.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")
PARENT_CHECK_SECONDS = 1.0


class SpawnedWorkers:
    """``size`` worker processes, started when first asked."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``function(*args, **kwargs)`` in a worker (arguments and result pickled)."""
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.size,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=leave_with_parent,
                    initargs=(os.getpid(),),
                )
            pool = self._pool
        try:
            return pool.submit(function, *args, **kwargs).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def leave_with_parent(parent: int) -> None:
    """In a worker: end the process once ``parent`` is gone (the worker is adopted)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="leave-with-parent", daemon=True).start()
