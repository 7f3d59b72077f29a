"""A real server (``bildungsgraph serve`` under uvicorn) on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from livehelpers import KASEI, PROTOCOL_DIR, TIMEOUT, LiveServer

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import OxigraphStore, open_store
from serverprocess import running_server
from storecopy import copy_store


def _build_store(loaded_store_dir: Path, path: Path) -> Path:
    copy_store(loaded_store_dir, path)
    service = BildungsGraph(open_store(path))
    for data in sorted(PROTOCOL_DIR.glob("data*.nt")):
        service.loading.import_rdf(data, f"{KASEI}{data.stem}.rdf")
    service.close()
    return path


@pytest.fixture(scope="session")
def live_store(loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data plus the W3C protocol test graphs (dataN.rdf)."""
    return _build_store(loaded_store_dir, tmp_path_factory.mktemp("live") / "store")


@pytest.fixture(scope="session")
def live_server(live_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    log = tmp_path_factory.mktemp("live-log") / "server.log"
    env = {"BILDUNGSGRAPH_QUERY_TIMEOUT": str(TIMEOUT)}
    ready = "/sparql?query=ASK%20%7B%7D"
    with running_server(live_store, log, ready, "--workers", "3", env=env) as url:
        yield LiveServer(url, live_store)


@pytest.fixture(scope="session")
def direct_store(
    loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OxigraphStore]:
    """The same data as the server's, opened directly (the server holds its store's lock)."""
    store = open_store(_build_store(loaded_store_dir, tmp_path_factory.mktemp("direct") / "store"))
    yield store
    store.close()
