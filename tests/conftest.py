"""Shared fixtures: stores, a fully loaded store and a one-Kreis mini store (each built once per
session), and services on private copies of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import OxigraphStore, open_store
from ministore import MiniCut, build_mini_store, cut
from storecopy import copy_store

pytest_plugins = ["remotefixtures"]

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


@pytest.fixture(scope="session")
def mini_cut(tmp_path_factory: pytest.TempPathFactory) -> MiniCut:
    """The shipped reference data and example landscape cut to Kreis Viersen (see
    ``ministore``), as files for the loader."""
    return cut(tmp_path_factory.mktemp("mini-cut"))


@pytest.fixture(scope="session")
def mini_store_dir(mini_cut: MiniCut, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk with the schema and the shipped data cut to Kreis Viersen (see
    ``ministore``), and its saved read model: built in seconds, for tests that need the whole
    pipeline but not the official figures of all NRW."""
    return build_mini_store(tmp_path_factory.mktemp("mini") / "store", mini_cut)


@pytest.fixture
def mini_store(mini_store_dir: Path, tmp_path: Path) -> Path:
    """A private closed copy of the mini store (for the CLI), free to change."""
    return copy_store(mini_store_dir, tmp_path / "store")


@pytest.fixture
def mini_service(mini_store: Path) -> Iterator[BildungsGraph]:
    """A service on a private copy of the mini store, free to change."""
    service = BildungsGraph(open_store(mini_store))
    yield service
    service.close()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test on the fully loaded store is slow: building that store takes most of a
    minute, so the fast subset (``-m "not slow"``) never builds it."""
    for item in items:
        if "loaded_store_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
