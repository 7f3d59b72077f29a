"""What the remote store relies on, asked of each real server directly with httpx.

One test per behaviour; where the servers differ, the test states both answers (see the
"Quirks" section of ``remoteservers``).
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from bildungsgraph.config import Settings
from remoteservers import OxigraphServer, RemoteServer

EX = "http://example.org/"
TIMEOUT = 60


def update(server: RemoteServer, text: str) -> httpx.Response:
    return httpx.post(
        server.update_url, data={"update": text}, auth=server.httpx_auth(), timeout=TIMEOUT
    )


def select(server: RemoteServer, text: str, **params: str) -> list[dict[str, dict[str, str]]]:
    answer = httpx.post(
        server.query_url,
        data={"query": text, **params},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200, answer.text
    rows: list[dict[str, dict[str, str]]] = answer.json()["results"]["bindings"]
    return rows


def test_update_then_query_then_clear(remote_server: RemoteServer) -> None:
    written = update(remote_server, f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 'x' }} }}")
    assert written.status_code in (200, 204), written.text
    assert [
        row["o"]["value"]
        for row in select(remote_server, f"SELECT ?o {{ GRAPH ?g {{ <{EX}a> <{EX}p> ?o }} }}")
    ] == ["x"]
    remote_server.clear()
    assert select(remote_server, f"SELECT ?o {{ GRAPH ?g {{ <{EX}a> <{EX}p> ?o }} }}") == []


def test_stop_ends_the_process_and_removes_its_directory() -> None:
    server = OxigraphServer()
    server.start()
    pid, directory = server.pid, server.directory
    assert pid is not None and directory.exists()
    server.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not directory.exists()
    with pytest.raises(httpx.TransportError):
        httpx.get(server.query_url, params={"query": "ASK {}"}, timeout=5)


def test_settings_name_the_endpoints(remote_server: RemoteServer, tmp_path: Path) -> None:
    settings = Settings.from_env(tmp_path, **remote_server.settings_overrides())
    assert (settings.store_url, settings.update_url, settings.gsp_url) == (
        remote_server.query_url,
        remote_server.update_url,
        remote_server.gsp_url,
    )
    assert settings.store_user == remote_server.user
    assert settings.store_auth == (remote_server.auth or "basic")
