"""Real remote SPARQL stores (the Oxigraph server, Virtuoso 7) as fixtures, each started once
per session on loopback and emptied before every test that asks for it through
``remote_server``; and ``any_store``, the GraphStore contract's three backends. A test that
uses a server is marked ``remote``. A server that is not installed skips its tests locally and
fails them under ``CI=true``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bildungsgraph.store import GraphStore, RemoteSparqlStore, open_store
from bildungsgraph.store.connection import RemoteConnection
from remoteservers import OxigraphServer, RemoteServer, VirtuosoServer

SERVERS = ["oxigraph", "virtuoso"]


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


@pytest.fixture(params=[pytest.param(name, marks=pytest.mark.remote) for name in SERVERS])
def remote_server(request: pytest.FixtureRequest) -> RemoteServer:
    """Each of the servers in turn, empty at the start of the test."""
    server: RemoteServer = request.getfixturevalue(f"{request.param}_server")
    server.clear()
    return server


def connection_to(server: RemoteServer) -> RemoteConnection:
    """How bildungsgraph reaches ``server``."""
    return RemoteConnection(
        query_url=server.query_url,
        update_url=server.update_url,
        gsp_url=server.gsp_url,
        user=server.user,
        password=server.password,
        auth_scheme="digest" if server.auth == "digest" else "basic",
    )


@pytest.fixture(
    params=["embedded", *(pytest.param(name, marks=pytest.mark.remote) for name in SERVERS)]
)
def any_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """An empty store of each kind in turn: the embedded one (in memory), then a
    RemoteSparqlStore on each server."""
    if request.param == "embedded":
        store: GraphStore = open_store(None)
    else:
        server: RemoteServer = request.getfixturevalue(f"{request.param}_server")
        server.clear()
        store = RemoteSparqlStore(connection_to(server))
    try:
        yield store
    finally:
        store.close()
