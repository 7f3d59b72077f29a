"""Running a long computation in a process of its own.

igraph holds Python's interpreter lock while it computes, so exact betweenness of the Land's
network (about 20 s for 20,000 actors) in the server process would stall every other request
for that long. Measures of large networks therefore run in one worker process (started with
``spawn``: a fork of a server with threads and an open store is not safe), which the process
keeps for later calls.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def run_apart(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``function(*args, **kwargs)`` in the worker process (arguments and result pickled)."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        pool = _pool
    return pool.submit(function, *args, **kwargs).result()
