"""Dump files of the whole graph, generated once per state of the store and kept on disk.

``bildungsgraph.nq.gz`` (N-Quads, the named graphs kept), ``bildungsgraph.ttl.gz`` (Turtle,
all graphs merged), ``bildungsgraph.jsonld.gz`` (JSON-LD with the named graphs) and
``void.ttl`` (the VoID description). The files of one state live in a folder named by the
store's state token (``GraphStore.state``); a request after a change writes a new folder and
removes the old one. Files are written under a temporary name and
renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import gzip
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import NotFoundError
from ..store import DumpFormat, GraphStore
from .void import void_description

# file name → (store format or None for VoID, media type of the content)
DUMP_FILES: dict[str, tuple[DumpFormat | None, str]] = {
    "bildungsgraph.nq.gz": (DumpFormat.NQUADS, "application/n-quads"),
    "bildungsgraph.ttl.gz": (DumpFormat.TURTLE, "text/turtle"),
    "bildungsgraph.jsonld.gz": (DumpFormat.JSONLD, "application/ld+json"),
    "void.ttl": (None, "text/turtle"),
}


@dataclass(frozen=True)
class DumpFile:
    """A generated dump file."""

    name: str
    path: Path
    media_type: str
    size: int

    @property
    def gzipped(self) -> bool:
        return self.name.endswith(".gz")


def write_dump(store: GraphStore, name: str, path: Path) -> None:
    """Write the dump ``name`` (one of ``DUMP_FILES``) to ``path``."""
    fmt, _ = _spec(name)
    if fmt is None:
        path.write_bytes(void_description(store).serialize(format="turtle").encode("utf-8"))
        return
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as output,
    ):
        store.dump(output, fmt)  # type: ignore[arg-type]


def _spec(name: str) -> tuple[DumpFormat | None, str]:
    try:
        return DUMP_FILES[name]
    except KeyError:
        raise NotFoundError(f"no dump {name}") from None


class DumpCache:
    """The dump files of the current store state in ``directory``."""

    def __init__(self, store: GraphStore, directory: Path) -> None:
        self.store = store
        self.directory = directory
        self._lock = threading.Lock()

    def get(self, name: str) -> DumpFile:
        """The file ``name`` for the store as it is now, generated if needed."""
        _, media_type = _spec(name)
        with self._lock:
            folder = self.directory / self.store.state
            path = folder / name
            if not path.exists():
                folder.mkdir(parents=True, exist_ok=True)
                partial = folder / f".{name}.partial"
                write_dump(self.store, name, partial)
                partial.replace(path)
                self._remove_other_states(folder)
        return DumpFile(name, path, media_type, path.stat().st_size)

    def _remove_other_states(self, keep: Path) -> None:
        for folder in self.directory.iterdir():
            if folder.is_dir() and folder != keep:
                shutil.rmtree(folder, ignore_errors=True)
