"""Web fixtures: one private copy of a store per test module, and the app on it.

``service``/``client`` copy ``store_dir``, the fully loaded store; a module whose assertions
hold on the one-Kreis mini store overrides ``store_dir`` with ``mini_store_dir`` and so runs
in the fast subset. ``mini_client`` is the app on its own copy of the mini store. Modules that
need other settings define their own ``service``/``client``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app
from ministore import MiniCut
from storecopy import copy_store


@pytest.fixture(scope="module")
def store_dir(loaded_store_dir: Path) -> Path:
    """The store ``service`` copies."""
    return loaded_store_dir


@pytest.fixture(scope="module")
def service(store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BildungsGraph]:
    """A private copy of ``store_dir`` for one test module (free to change)."""
    copy = copy_store(store_dir, tmp_path_factory.mktemp("web") / "store")
    service = BildungsGraph(open_store(copy))
    yield service
    service.close()


@pytest.fixture(scope="module")
def client(service: BildungsGraph) -> Iterator[TestClient]:
    """The web application on the module's store."""
    with TestClient(create_app(service=service)) as client:
        yield client


@pytest.fixture(scope="module")
def mini_client(
    mini_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The web application on a private copy of the mini store for one test module; its
    service is ``mini_client.app.state.service``."""
    copy = copy_store(mini_store_dir, tmp_path_factory.mktemp("mini-web") / "store")
    service = BildungsGraph(open_store(copy))
    with TestClient(create_app(service=service)) as client:
        yield client
    service.close()


@pytest.fixture(scope="module")
def reference_client(mini_cut: MiniCut) -> Iterator[TestClient]:
    """The app on an in-memory store with the schema and the reference data of the mini store
    only (no example landscape): quick to build, for checks of parameters and of the API
    contract."""
    service = BildungsGraph(open_store(None))
    service.loading.load_schema()
    service.loading.load_files(mini_cut.reference)
    with TestClient(create_app(service=service), raise_server_exceptions=False) as client:
        yield client
