"""Shared fixtures: stores, a fully loaded store (built once per session) and its service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import OxigraphStore, open_store
from storecopy import copy_store

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = PROJECT_ROOT.parent / "shared"


@pytest.fixture
def memory_store() -> OxigraphStore:
    return open_store(None)


@pytest.fixture(scope="session")
def loaded_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk with schema, reference data and the example landscape, and its saved
    read model."""
    path = tmp_path_factory.mktemp("loaded") / "store"
    service = BildungsGraph(open_store(path))
    outcome = service.loading.load_all()
    assert outcome.stored, outcome.report.to_text("en")
    service.readmodel.current()
    service.close()  # saves the read model beside the store
    return path


@pytest.fixture
def loaded_service(loaded_store_dir: Path, tmp_path: Path) -> Iterator[BildungsGraph]:
    """A private copy of the loaded store, free to change."""
    service = BildungsGraph(open_store(copy_store(loaded_store_dir, tmp_path / "store")))
    yield service
    service.close()
