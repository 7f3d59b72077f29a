"""Web fixtures: one private copy of the loaded store per test module, and the app on it.

Modules that need another store or other settings define their own ``service``/``client``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app
from storecopy import copy_store


@pytest.fixture(scope="module")
def service(
    loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BildungsGraph]:
    """A private copy of the loaded store for one test module (free to change)."""
    copy = copy_store(loaded_store_dir, tmp_path_factory.mktemp("web") / "store")
    service = BildungsGraph(open_store(copy))
    yield service
    service.close()


@pytest.fixture(scope="module")
def client(service: BildungsGraph) -> Iterator[TestClient]:
    """The web application on the module's store."""
    with TestClient(create_app(service=service)) as client:
        yield client


@pytest.fixture(scope="module")
def reference_client() -> Iterator[TestClient]:
    """The app on an in-memory store with the schema and the reference data only (no example
    landscape): quick to build, for checks of parameters and of the API contract."""
    service = BildungsGraph(open_store(None))
    service.loading.load_schema()
    service.loading.load_reference()
    with TestClient(create_app(service=service), raise_server_exceptions=False) as client:
        yield client
