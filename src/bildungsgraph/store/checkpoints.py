"""Checkpoints: read-only copies of a served store, for other processes on the same machine.

RocksDB admits one process per store. While ``bildungsgraph serve`` holds the store, it keeps a
checkpoint (hard links: milliseconds, no copy of the data) of the latest state in
``{store}-checkpoints/{state}``; a command-line reader that finds the store locked opens the
newest one read-only instead (``open_for_reading``). Checkpoints are never written, so reading
them while the server writes the store is safe. Older ones are removed once a newer one exists
and a grace period has passed (a reader may still have one open).
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

from ..errors import StoreError
from .oxigraph import OxigraphStore

LOG = logging.getLogger(__name__)
GRACE = 600.0  # seconds an older checkpoint stays after a newer one exists
DELAY = 1.0  # seconds after a write before the checkpoint (a burst of writes: one)
READY = "ready"  # marker file: the checkpoint is complete


def directory_for(store_path: Path) -> Path:
    return store_path.parent / f"{store_path.name}-checkpoints"


def latest(store_path: Path) -> tuple[Path, str] | None:
    """(path, state) of the newest complete checkpoint of a store, if there is one."""
    directory = directory_for(store_path)
    if not directory.is_dir():
        return None
    found = [
        (path.stat().st_mtime, path)
        for path in directory.iterdir()
        if path.is_dir() and (path / READY).exists()
    ]
    if not found:
        return None
    _, path = max(found)
    return path / "store", path.name


def open_for_reading(path: Path) -> OxigraphStore:
    """The store at ``path``; when a server holds it, its newest checkpoint, read-only."""
    try:
        return OxigraphStore(path)
    except StoreError as locked:
        newest = latest(path)
        if newest is None:
            raise locked
        checkpoint, state = newest
        return OxigraphStore.open_read_only(checkpoint, state)


class Checkpoints:
    """Keeps a checkpoint of the store's latest state; follows writes like a replica."""

    def __init__(self, store: OxigraphStore) -> None:
        if store.path is None:
            raise StoreError("only a store on disk has checkpoints")
        self.store = store
        self.directory = directory_for(store.path)
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def apply(self, changes: object, state: str) -> None:
        self._schedule()

    def reload(self, state: str) -> None:
        self._schedule()

    def publish(self) -> Path:
        """A checkpoint of the store as it is now (kept until a newer one is old enough)."""
        with self._lock:
            state = self.store.state
            target = self.directory / state
            if not (target / READY).exists():
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir(parents=True)
                self.store.backup(target / "store")
                (target / READY).touch()
            self._remove_old(keep=target)
            return target

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(DELAY, self._publish_quietly)
        self._timer.daemon = True
        self._timer.start()

    def _publish_quietly(self) -> None:
        try:
            self.publish()
        except (OSError, StoreError) as exc:  # readers fall back to older checkpoints
            LOG.warning("could not write a checkpoint: %s", exc)

    def _remove_old(self, keep: Path) -> None:
        """Remove the checkpoints that were superseded more than GRACE seconds ago."""
        now = time.time()
        made = sorted((p.stat().st_mtime, p) for p in self.directory.iterdir() if p.is_dir())
        for (_, path), (superseded, _) in zip(made, made[1:], strict=False):
            if path != keep and now - superseded > GRACE:
                shutil.rmtree(path, ignore_errors=True)
