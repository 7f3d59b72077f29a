"""The live endpoint opens no connection, stops runaway queries at the time limit, keeps each
client to its fair share and serves many at once."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from livehelpers import TIMEOUT, LiveServer

from serverprocess import running_server
from storecopy import copy_store

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
        (
            "get",
            {"query": f"SELECT * WHERE {{ BIND(<{remote}/> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"},
        ),
        ("post-update", f"LOAD <{remote}/data.ttl>"),
        ("post-form", {"update": f"LOAD <{remote}/data.ttl> INTO GRAPH <http://x>"}),
        ("get", {"query": f"LOAD <{remote}/data.ttl>"}),
        ("get", {"query": f"SELECT * FROM <{remote}/data.ttl> WHERE {{ ?s ?p ?o }}"}),
        ("get", {"query": f"SELECT * FROM NAMED <{remote}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"}),
        (
            "get",
            {
                "query": "ASK { ?s ?p ?o }",
                "default-graph-uri": f"{remote}/d",
                "named-graph-uri": f"{remote}/n",
            },
        ),
    ]
    for kind, payload in attempts:
        if kind == "get":
            response = httpx.get(live_server.endpoint, params=payload, timeout=30)
        elif kind == "post-form":
            response = httpx.post(live_server.endpoint, data=payload, timeout=30)
        else:
            response = httpx.post(
                live_server.endpoint,
                content=payload,
                headers={"Content-Type": "application/sparql-update"},
                timeout=30,
            )
        assert response.status_code < 500, (payload, response.text)
    time.sleep(0.5)
    assert listener.connections == 0


_FORTY = "{ " + " ".join(str(i) for i in range(40)) + " }"
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) (SUM(?v0 * ?v7) AS ?s) WHERE { "
    + " ".join(f"VALUES ?v{i} {_FORTY}" for i in range(8))
    + " }"
)
ASK = {"query": "ASK { ?s ?p ?o }"}
FAIR = {"queries": 3, "seconds": 3}  # the fair-use server's allowances per client


def test_runaway_query_is_stopped_in_time_and_others_are_answered(live_server: LiveServer) -> None:
    with ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        slow = pool.submit(httpx.get, live_server.endpoint, params={"query": RUNAWAY}, timeout=60)
        time.sleep(0.3)
        quick = httpx.get(live_server.endpoint, params=ASK, timeout=30)
        assert quick.status_code == 200 and quick.json()["boolean"] is True
        assert time.monotonic() - started < TIMEOUT  # answered while the runaway query ran
        response = slow.result()
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "time limit" in response.json()["detail"]
    assert elapsed < TIMEOUT + 1.0  # at the limit, not after it
    after = httpx.get(live_server.endpoint, params=ASK, timeout=30)
    assert after.status_code == 200


def test_x_forwarded_for_names_no_client_unless_a_proxy_is_configured(
    live_server: LiveServer,
) -> None:
    allowance = 5  # the default: the sixth query in flight from one client gets 429 at once
    with ThreadPoolExecutor(allowance) as pool:
        runaways = [
            pool.submit(httpx.get, live_server.endpoint, params={"query": RUNAWAY},
                        headers={"X-Forwarded-For": f"127.0.0.{20 + i}"}, timeout=60)
            for i in range(allowance)
        ]  # fmt: skip
        time.sleep(0.5)
        refused = httpx.get(
            live_server.endpoint, params=ASK, headers={"X-Forwarded-For": "127.0.0.99"}, timeout=30
        )
        at_once = not any(future.done() for future in runaways)  # refused while they ran
        statuses = sorted(future.result().status_code for future in runaways)
    assert refused.status_code == 429 and at_once, refused.text
    assert statuses == [503] * allowance


# -- fair use per client, on a server that trusts X-Forwarded-For from the test (its proxy) ---


@pytest.fixture(scope="module")
def fair_server(loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second server: 2 workers per client, a short time limit, small allowances (on the
    shipped data: the live server holds the lock of its store)."""
    directory = tmp_path_factory.mktemp("fair")
    store = copy_store(loaded_store_dir, directory / "store")
    env = {
        "BILDUNGSGRAPH_QUERY_TIMEOUT": str(TIMEOUT),
        "BILDUNGSGRAPH_SPARQL_CLIENT_QUERIES": str(FAIR["queries"]),
        "BILDUNGSGRAPH_SPARQL_CLIENT_SECONDS": str(FAIR["seconds"]),
        "BILDUNGSGRAPH_TRUSTED_PROXIES": "127.0.0.1",
    }
    ready = "/sparql?query=ASK%20%7B%7D"
    with running_server(store, directory / "server.log", ready, "--workers", "2", env=env) as url:
        yield url + "/sparql"


def _as(client: str) -> dict[str, str]:
    return {"X-Forwarded-For": client}


def _runaways(
    pool: ThreadPoolExecutor, url: str, client: str, count: int
) -> list[Future[httpx.Response]]:
    return [
        pool.submit(httpx.get, url, params={"query": RUNAWAY}, headers=_as(client), timeout=60)
        for _ in range(count)
    ]


def test_a_point_lookup_is_answered_while_another_client_runs_two_slow_queries(
    fair_server: str,
) -> None:
    with ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        runaways = _runaways(pool, fair_server, "127.0.0.11", 2)
        time.sleep(0.5)  # both run now, one worker is left
        quick = httpx.get(fair_server, params=ASK, headers=_as("127.0.0.12"), timeout=30)
        promptly = not any(future.done() for future in runaways)  # answered while they ran
        responses = [future.result() for future in runaways]
        elapsed = time.monotonic() - started
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert promptly
    assert [response.status_code for response in responses] == [503, 503]
    assert all("time limit" in response.json()["detail"] for response in responses)
    assert elapsed < TIMEOUT + 1.0


def test_a_client_over_its_query_time_gets_429_and_others_do_not(fair_server: str) -> None:
    with ThreadPoolExecutor(2) as pool:  # two runaways: 2 x 2 s, over the 3 s per minute
        runaways = _runaways(pool, fair_server, "127.0.0.13", 2)
        assert [future.result().status_code for future in runaways] == [503, 503]
    refused = httpx.get(fair_server, params=ASK, headers=_as("127.0.0.13"), timeout=30)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    problem = refused.json()
    assert problem["status"] == 429 and problem["title"] == "Zu viele Anfragen / Too many requests"
    assert problem["detail"].startswith("Das Abfragezeit-Budget ist aufgebraucht: höchstens 3 s")
    assert "try again in" in problem["detail"]
    assert refused.headers["access-control-allow-origin"] == "*"
    other = httpx.get(fair_server, params=ASK, headers=_as("127.0.0.14"), timeout=30)
    assert other.status_code == 200


def test_a_client_over_its_concurrency_allowance_gets_429_at_once(fair_server: str) -> None:
    with ThreadPoolExecutor(FAIR["queries"]) as pool:
        runaways = _runaways(pool, fair_server, "127.0.0.15", FAIR["queries"])
        time.sleep(0.5)
        refused = httpx.get(fair_server, params=ASK, headers=_as("127.0.0.15"), timeout=30)
        at_once = not any(future.done() for future in runaways)
        # two ran into the limit, the third waited for a worker of its client until the limit
        statuses = sorted(future.result().status_code for future in runaways)
    assert refused.status_code == 429 and at_once
    assert refused.headers["retry-after"] == "1"
    assert "höchstens 3 je Client" in refused.json()["detail"]
    assert statuses == [503, 503, 503]


def test_fifty_concurrent_queries_from_many_clients_succeed(fair_server: str) -> None:
    query = "SELECT ?kreis (COUNT(?g) AS ?n) WHERE { ?g <https://w3id.org/bildungsgraph/ontology#parentUnit> ?kreis } GROUP BY ?kreis"

    def ask(number: int) -> int:
        client = f"127.0.1.{number % 17}"  # at most 3 at once from each of 17 clients
        response = httpx.get(fair_server, params={"query": query}, headers=_as(client), timeout=60)
        return (
            response.status_code
            if response.status_code != 200
            else len(response.json()["results"]["bindings"])
        )

    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(ask, range(50)))
    assert len(set(results)) == 1 and results[0] > 50, results
