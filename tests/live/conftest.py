"""A real server (``bildungsgraph serve`` under uvicorn) on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from livehelpers import KASEI, PROTOCOL_DIR, TIMEOUT, LiveServer, free_port

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import OxigraphStore, open_store


def _build_store(loaded_store_dir: Path, path: Path) -> Path:
    source = open_store(loaded_store_dir)
    source.backup(path)
    source.close()
    service = BildungsGraph(open_store(path))
    for data in sorted(PROTOCOL_DIR.glob("data*.nt")):
        service.import_rdf(data, f"{KASEI}{data.stem}.rdf")
    service.close()
    return path


@pytest.fixture(scope="session")
def live_store(loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data plus the W3C protocol test graphs (dataN.rdf)."""
    return _build_store(loaded_store_dir, tmp_path_factory.mktemp("live") / "store")


@pytest.fixture(scope="session")
def live_server(live_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    port = free_port()
    log = (tmp_path_factory.mktemp("live-log") / "server.log").open("wb")
    env = {**os.environ, "BILDUNGSGRAPH_QUERY_TIMEOUT": str(TIMEOUT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bildungsgraph", "--store", str(live_store), "serve",
         "--port", str(port), "--workers", "3"],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    server = LiveServer(f"http://127.0.0.1:{port}", live_store)
    try:
        _wait_until_ready(server, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_ready(server: LiveServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            response = httpx.get(server.endpoint, params={"query": "ASK {}"}, timeout=60)
            if response.status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


@pytest.fixture(scope="session")
def direct_store(
    loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OxigraphStore]:
    """The same data as the server's, opened directly (the server holds its store's lock)."""
    store = open_store(_build_store(loaded_store_dir, tmp_path_factory.mktemp("direct") / "store"))
    yield store
    store.close()
