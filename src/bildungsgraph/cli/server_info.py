"""Which server holds a store: ``{store}-server.json`` (URL and PID), written by ``serve``.

Commands that must write tell the person where that server is instead of failing with a
lock error from the store.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def info_file(store_path: Path) -> Path:
    return store_path.parent / f"{store_path.name}-server.json"


@contextmanager
def announced(store_path: Path, url: str) -> Iterator[None]:
    """Announce this process as the server of the store while the block runs."""
    path = info_file(store_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def running_server(store_path: Path) -> dict[str, Any] | None:
    """URL and PID of the live server announced for the store, if any."""
    try:
        info = json.loads(info_file(store_path).read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)  # only asks whether the process exists
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if isinstance(info, dict) else None
