"""Copying a loaded store for a test: the store, its state token and its saved read model."""

from __future__ import annotations

import shutil
from pathlib import Path

from bildungsgraph.store import open_store


def copy_store(source: Path, target: Path) -> Path:
    """A copy of a closed store on disk with its state token and saved read model (so the
    copy starts from that read model instead of building its own)."""
    store = open_store(source)
    store.backup(target)
    store.close()
    for suffix in ("-state", "-readmodel"):
        beside = source.parent / f"{source.name}{suffix}"
        if beside.is_dir():
            shutil.copytree(beside, target.parent / f"{target.name}{suffix}")
        elif beside.exists():
            shutil.copy2(beside, target.parent / f"{target.name}{suffix}")
    return target
