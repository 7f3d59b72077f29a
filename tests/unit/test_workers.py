"""Worker processes end with the process that started them (killed ones too)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

# the worker reports its pid, then is busy (an idle worker already ends with its parent's
# pipe; a busy one would finish its task and then wait for work for ever)
PARENT = """
import os, threading, time
from bildungsgraph.workers import SpawnedWorkers
workers = SpawnedWorkers(1)
print(workers.run(os.getpid), flush=True)
threading.Thread(target=workers.run, args=(time.sleep, 300), daemon=True).start()
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie nobody reaps has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_worker_ends_when_its_process_is_killed() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True
    ) as parent:
        try:
            assert parent.stdout is not None
            worker = int(parent.stdout.readline())
            assert worker != parent.pid and _alive(worker)
            time.sleep(1)  # the long task reaches the worker
        finally:
            parent.kill()
    deadline = time.monotonic() + 60  # a bound for a hung worker, not a measurement
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker), "the worker outlived its killed process"
