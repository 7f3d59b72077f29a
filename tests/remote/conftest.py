"""Real remote SPARQL stores (the Oxigraph server, Virtuoso 7), each started once per session
on loopback and emptied before every test that asks for it through ``remote_server``.

Everything under tests/remote is marked ``remote``. A server that is not installed skips its
tests locally and fails them under ``CI=true``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from remoteservers import OxigraphServer, RemoteServer, VirtuosoServer

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.remote)


def _serve(server_class: type[RemoteServer], directory: Path) -> Iterator[RemoteServer]:
    try:
        server = server_class(directory)
        server.start()
    except FileNotFoundError as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} (scripts/test installs it in CI)")
        pytest.skip(str(missing))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteServer]:
    """``oxigraph serve --union-default-graph`` for the whole session (not emptied per test)."""
    yield from _serve(OxigraphServer, tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteServer]:
    """A private Virtuoso 7 for the whole session (not emptied per test)."""
    yield from _serve(VirtuosoServer, tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(params=["oxigraph", "virtuoso"])
def remote_server(request: pytest.FixtureRequest) -> RemoteServer:
    """Each of the servers in turn, empty at the start of the test."""
    server: RemoteServer = request.getfixturevalue(f"{request.param}_server")
    server.clear()
    return server
