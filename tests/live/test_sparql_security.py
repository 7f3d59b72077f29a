"""The live endpoint opens no connection, stops runaway queries and serves many at once."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from livehelpers import TIMEOUT, LiveServer

pytestmark = pytest.mark.live


class Listener:
    """A loopback socket that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    item = Listener()
    yield item
    item.close()


def test_service_load_and_from_never_connect(live_server: LiveServer, listener: Listener) -> None:
    remote = f"http://127.0.0.1:{listener.port}"
    attempts = [
        ("get", {"query": f"SELECT * WHERE {{ SERVICE <{remote}/> {{ ?s ?p ?o }} }}"}),
        ("get", {"query": f"SELECT * WHERE {{ SERVICE SILENT <{remote}/> {{ ?s ?p ?o }} }}"}),
        ("get", {"query": f"SELECT * WHERE {{ \\u0053ERVICE <{remote}/> {{ ?s ?p ?o }} }}"}),
        ("get", {"query": f"SELECT * WHERE {{ BIND(<{remote}/> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"}),
        ("post-update", f"LOAD <{remote}/data.ttl>"),
        ("post-form", {"update": f"LOAD <{remote}/data.ttl> INTO GRAPH <http://x>"}),
        ("get", {"query": f"LOAD <{remote}/data.ttl>"}),
        ("get", {"query": f"SELECT * FROM <{remote}/data.ttl> WHERE {{ ?s ?p ?o }}"}),
        ("get", {"query": f"SELECT * FROM NAMED <{remote}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"}),
        ("get", {"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{remote}/d", "named-graph-uri": f"{remote}/n"}),
    ]
    for kind, payload in attempts:
        if kind == "get":
            response = httpx.get(live_server.endpoint, params=payload, timeout=30)
        elif kind == "post-form":
            response = httpx.post(live_server.endpoint, data=payload, timeout=30)
        else:
            response = httpx.post(live_server.endpoint, content=payload, headers={"Content-Type": "application/sparql-update"}, timeout=30)
        assert response.status_code < 500, (payload, response.text)
    time.sleep(0.5)
    assert listener.connections == 0


def test_runaway_query_is_stopped_in_time_and_others_are_answered(live_server: LiveServer) -> None:
    values = "{ " + " ".join(str(i) for i in range(40)) + " }"
    runaway = "SELECT (COUNT(*) AS ?n) (SUM(?v0 * ?v7) AS ?s) WHERE { " + " ".join(f"VALUES ?v{i} {values}" for i in range(8)) + " }"
    with ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        slow = pool.submit(httpx.get, live_server.endpoint, params={"query": runaway}, timeout=60)
        time.sleep(0.3)
        quick = httpx.get(live_server.endpoint, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert quick.status_code == 200 and quick.json()["boolean"] is True
        assert time.monotonic() - started < TIMEOUT  # answered while the runaway query ran
        response = slow.result()
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "time limit" in response.json()["detail"]
    assert elapsed < TIMEOUT + 2.0
    after = httpx.get(live_server.endpoint, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert after.status_code == 200


def test_fifty_concurrent_queries_succeed(live_server: LiveServer) -> None:
    query = "SELECT ?kreis (COUNT(?g) AS ?n) WHERE { ?g <https://w3id.org/bildungsgraph/ontology#parentUnit> ?kreis } GROUP BY ?kreis"

    def ask(_: int) -> int:
        response = httpx.get(live_server.endpoint, params={"query": query}, timeout=60)
        return response.status_code if response.status_code != 200 else len(response.json()["results"]["bindings"])

    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(ask, range(50)))
    assert len(set(results)) == 1 and results[0] > 50, results
