"""The SPARQL replica follows the store by delta: apply, queued applies, crashes, images."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from bildungsgraph.sparql import (
    Limits,
    QueryTimeout,
    Refusal,
    SparqlEndpoint,
    answer_in_process,
    parse_request,
)
from bildungsgraph.sparql.errors import MalformedQuery, NotAcceptable
from bildungsgraph.sparql.host import HostProcess
from bildungsgraph.sparql.loading import image_path, image_state, save_image
from bildungsgraph.sparql.replica import QueryJob, Replica
from bildungsgraph.store import OxigraphStore, open_store

G1 = "http://example.org/graph/1"
G2 = "http://example.org/graph/2"
G3 = "http://example.org/graph/3"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON = "application/sparql-results+json"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
WAIT = 60.0


def _store(path: Path) -> OxigraphStore:
    store = open_store(path)
    store.replace_graph(
        G1,
        [
            (URIRef("http://example.org/a"), URIRef("http://example.org/name"), Literal("A")),
            (BNode("b1"), URIRef("http://example.org/name"), Literal("blank")),
        ],
    )
    store.replace_graph(
        G2, [(URIRef("http://example.org/b"), URIRef("http://example.org/name"), Literal("B"))]
    )
    return store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    item = _store(tmp_path / "store")
    yield item
    item.close()


@pytest.fixture
def endpoint(store: OxigraphStore) -> Iterator[SparqlEndpoint]:
    item = SparqlEndpoint(store, Limits(timeout=10.0, max_rows=1000), workers=2)
    yield item
    item.close()


def ask(endpoint: SparqlEndpoint, query: str = COUNT) -> tuple[int, str]:
    """(the count the query selects, the state the answer shows)."""
    answer = endpoint.answer(parse_request("GET", None, b"", [("query", query)], 10_000), JSON)
    value = json.loads(answer.body)["results"]["bindings"][0]["n"]["value"]
    return int(value), answer.state


def until(condition: Callable[[], bool], limit: float = WAIT) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.02)


def nt(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_start_loads_the_host_without_any_query(
    store: OxigraphStore, endpoint: SparqlEndpoint
) -> None:
    assert endpoint.engine.host_pid is None
    started = time.monotonic()
    endpoint.start()
    assert time.monotonic() - started < 5.0  # the load runs in the background
    until(lambda: endpoint.engine.host_pid is not None)
    os.kill(endpoint.engine.host_pid or 0, 0)  # alive
    assert not list(store.path.parent.glob(".bildungsgraph-snapshot-*"))  # type: ignore[union-attr]
    assert endpoint.state == store.state


def test_apply_adds_replaces_and_drops_a_graph(endpoint: SparqlEndpoint) -> None:
    endpoint.start()
    assert ask(endpoint)[0] == 3
    endpoint.apply({G3: nt('<http://x> <http://y> "1" .', '<http://x> <http://y> "2" .')}, "s-add")
    assert ask(endpoint) == (5, "s-add")
    endpoint.apply({G3: nt('<http://x> <http://y> "3" .')}, "s-replace")
    assert ask(endpoint) == (4, "s-replace")
    assert (
        ask(endpoint, f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G3}> {{ ?s ?p "3" }} }}')[0] == 1
    )
    endpoint.apply({G3: None, G2: None}, "s-drop")
    assert ask(endpoint) == (2, "s-drop")
    assert endpoint.state == "s-drop"


def test_every_worker_answers_with_the_applied_content(endpoint: SparqlEndpoint) -> None:
    endpoint.start()
    endpoint.apply({G3: nt('<http://x> <http://y> "1" .')}, "s-1")

    async def many() -> list[str]:
        request = parse_request("GET", None, b"", [("query", COUNT)], 10_000)
        answers = await asyncio.gather(*(endpoint.answer_async(request, JSON) for _ in range(12)))
        return [answer.state + json.loads(answer.body)["results"]["bindings"][0]["n"]["value"]
                for answer in answers]  # fmt: skip

    answered: list[list[str]] = []
    # in a thread of its own: a session fixture (Playwright) may run a loop in this one
    runner = threading.Thread(target=lambda: answered.append(asyncio.run(many())))
    runner.start()
    runner.join()
    assert [set(found) for found in answered] == [{"s-14"}]


def test_a_query_in_flight_during_an_apply_answers(endpoint: SparqlEndpoint) -> None:
    endpoint.start()
    ask(endpoint)
    old_state = endpoint.state
    values = "{ " + " ".join(str(i) for i in range(40)) + " }"
    combinations = 40**4
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o "
        + " ".join(f"VALUES ?v{i} {values}" for i in range(4))
        + " }"
    )  # about a second
    result: list[tuple[int, str, float]] = []

    def run() -> None:
        count, state = ask(endpoint, slow)
        result.append((count, state, time.monotonic()))

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.1)
    endpoint.apply({G3: nt('<http://x> <http://y> "1" .')}, "s-new")
    applied = time.monotonic()
    assert ask(endpoint) == (4, "s-new")  # a query that starts now sees the change
    thread.join()
    assert result, "the query in flight failed"
    count, state, finished = result[0]
    assert (count, state) in {(3 * combinations, old_state), (4 * combinations, "s-new")}
    assert finished > applied  # it was still running when apply returned


def test_apply_before_the_host_is_ready_is_queued(
    endpoint: SparqlEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = threading.Event()
    real_wait_ready = HostProcess.wait_ready

    def slow_wait_ready(self: HostProcess) -> None:
        loaded.wait(WAIT)
        real_wait_ready(self)

    monkeypatch.setattr(HostProcess, "wait_ready", slow_wait_ready)
    endpoint.start()
    started = time.monotonic()
    endpoint.apply({G3: nt('<http://x> <http://y> "1" .')}, "s-1")
    endpoint.apply({G3: None, G2: None}, "s-2")
    endpoint.apply({G3: nt('<http://x> <http://y> "1" .', '<http://x> <http://y> "2" .')}, "s-3")
    assert time.monotonic() - started < 1.0  # queued, not waiting for the host
    assert endpoint.engine.host_pid is None
    assert endpoint.state == "s-3"
    loaded.set()
    assert ask(endpoint) == (4, "s-3")  # G1 (2) + G3 (2), in order: G2 dropped


def test_a_killed_host_is_replaced_from_a_fresh_snapshot(
    store: OxigraphStore, endpoint: SparqlEndpoint
) -> None:
    endpoint.start()
    assert ask(endpoint)[0] == 3
    # a write the replica was not told about: only a fresh snapshot can show it
    store.replace_graph(G3, [(URIRef("http://x"), URIRef("http://y"), Literal("z"))])
    killed = endpoint.engine.host_pid
    assert killed is not None
    os.kill(killed, signal.SIGKILL)
    until(lambda: endpoint.engine.host_pid not in (None, killed))
    assert ask(endpoint) == (4, store.state)
    endpoint.apply({G3: None}, "after-crash")  # and the new host follows writes
    assert ask(endpoint) == (3, "after-crash")


def test_a_failed_apply_replaces_the_host(store: OxigraphStore, endpoint: SparqlEndpoint) -> None:
    endpoint.start()
    ask(endpoint)
    before = endpoint.engine.host_pid
    store.replace_graph(G3, [(URIRef("http://x"), URIRef("http://y"), Literal("z"))])
    endpoint.apply({G3: b"this is not N-Triples"}, store.state)
    assert ask(endpoint) == (4, store.state)
    assert endpoint.engine.host_pid != before


def test_blank_nodes_keep_their_identity_across_graphs(endpoint: SparqlEndpoint) -> None:
    endpoint.start()
    endpoint.apply({G3: nt('_:b1 <http://example.org/other> "x" .')}, "s-1")
    distinct = (
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER isBlank(?s) }"
    )
    assert ask(endpoint, distinct)[0] == 1  # the same node as in G1, as in the durable store


def test_decoding_a_checkpoint_in_parallel_keeps_every_quad(
    store: OxigraphStore, tmp_path: Path
) -> None:
    for i in range(40):  # enough predicates for every decoder to get some
        store.replace_graph(f"http://example.org/graph/p{i}", [
            (URIRef(f"http://example.org/s{i}"), URIRef(f"http://example.org/p{i % 7}"), Literal(i)),
            (BNode(f"n{i}"), URIRef(f"http://example.org/p{i % 5}"), BNode(f"n{i + 1}")),
        ])  # fmt: skip
    (tmp_path / "snapshot").mkdir()
    snapshot = store.snapshot(tmp_path / "snapshot")
    expected = sorted(str(quad) for quad in ox.Store.read_only(str(snapshot)))
    code = (  # in a process of its own: the decoders are forks, and pytest has threads
        "import sys; from pathlib import Path; from bildungsgraph.sparql.loading import "
        "load_snapshot; print('\\n'.join(sorted(str(q) for q in "
        "load_snapshot(Path(sys.argv[1]), int(sys.argv[2])))))"
    )
    for decoders in (0, 1, 3):
        output = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code, str(snapshot), str(decoders)],
            capture_output=True, check=True, text=True,
        ).stdout  # fmt: skip
        assert output.splitlines() == expected


def test_close_saves_an_image_that_the_next_start_loads(store: OxigraphStore) -> None:
    assert store.path is not None
    first = SparqlEndpoint(store, Limits(timeout=10.0), workers=1)
    first.start()
    first.apply({G3: nt('<http://x> <http://y> "1" .')}, store.state)  # (a fake write)
    assert ask(first)[0] == 4
    first.close()
    image = image_path(store.path)
    assert image_state(image) == store.state
    # Proof that the image is what loads: one with other content but the store's state.
    fake = ox.Store()
    fake.add(
        ox.Quad(
            ox.NamedNode("http://i"), ox.NamedNode("http://p"), ox.Literal("1"), ox.NamedNode(G1)
        )
    )
    save_image(fake, image, store.state)
    second = SparqlEndpoint(store, Limits(timeout=10.0), workers=1)
    try:
        second.start()
        assert ask(second) == (1, store.state)
    finally:
        second.close()
    save_image(fake, image, "some-other-state")  # an image of another state is never used
    third = SparqlEndpoint(store, Limits(timeout=10.0), workers=1)
    try:
        third.start()
        assert ask(third)[0] == 3
    finally:
        third.close()
    assert image_state(image) == store.state  # saved again, from the snapshot


def test_a_replica_from_a_crash_snapshot_is_not_saved(store: OxigraphStore) -> None:
    assert store.path is not None
    endpoint = SparqlEndpoint(store, Limits(timeout=10.0), workers=1)
    endpoint.start()
    ask(endpoint)
    killed = endpoint.engine.host_pid
    os.kill(killed or 0, signal.SIGKILL)
    until(lambda: endpoint.engine.host_pid not in (None, killed))
    endpoint.close()  # a write may have been under way when the snapshot was taken
    assert image_state(image_path(store.path)) is None


def test_memory_stores_are_served_and_have_no_image() -> None:
    store = open_store(None)
    store.replace_graph(G1, [(URIRef("http://a"), URIRef("http://b"), Literal("c"))])
    endpoint = SparqlEndpoint(store, Limits(timeout=10.0), workers=1)
    try:
        endpoint.start()
        assert ask(endpoint)[0] == 1
        endpoint.apply({G2: nt('<http://x> <http://y> "1" .')}, "s-1")
        assert ask(endpoint) == (2, "s-1")
    finally:
        endpoint.close()


# -- the replica itself (no processes) ---------------------------------------------------------


def _job(query: str, media_type: str, max_rows: int = 50) -> QueryJob:
    return QueryJob(
        query=query,
        media_types={"solutions": media_type, "boolean": media_type, "graph": None},
        max_rows=max_rows,
        timeout=10.0,
    )


@pytest.mark.parametrize(
    "media_type",
    ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
     "text/tab-separated-values"],
)  # fmt: skip
def test_the_row_limit_counts_even_empty_solutions(media_type: str) -> None:
    replica = Replica(ox.Store(), "s")
    rows = "SELECT ?x WHERE { VALUES ?x { " + "UNDEF " * 51 + "} }"
    assert replica.evaluate(_job(rows, media_type)).error is Refusal.TOO_LARGE
    fifty = replica.evaluate(_job(rows + " LIMIT 50", media_type))
    assert fifty.error is None and fifty.media_type == media_type and fifty.state == "s"


def test_prefixed_names_need_no_declaration() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("https://schema.org/name"),
                      ox.Literal("A"), ox.NamedNode(G1)))  # fmt: skip
    replica = Replica(store, "s")
    answer = replica.evaluate(_job("SELECT ?n WHERE { ?s schema:name ?n }", JSON))
    assert json.loads(answer.body)["results"]["bindings"][0]["n"]["value"] == "A"
    iri_only = replica.evaluate(
        _job("SELECT ?n WHERE { <http://a> <https://schema.org/name> ?n }", JSON)
    )
    assert json.loads(iri_only.body)["results"]["bindings"][0]["n"]["value"] == "A"


# -- fair use: the time limit counts from the request, one worker kept for other clients -------

_FORTY = "{ " + " ".join(str(i) for i in range(40)) + " }"
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?v{i} {_FORTY}" for i in range(8)) + " }"
)
LIMIT = 2.0


def _in_a_thread(scenario: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run ``scenario`` in an event loop of its own (a session fixture may run one here)."""
    outcome: list[Any] = []
    runner = threading.Thread(target=lambda: outcome.append(asyncio.run(scenario())))
    runner.start()
    runner.join()
    return outcome[0]


def test_a_point_lookup_never_waits_behind_another_clients_slow_queries(
    store: OxigraphStore,
) -> None:
    endpoint = SparqlEndpoint(store, Limits(timeout=LIMIT), workers=2)
    try:
        endpoint.engine.wait_ready()

        async def scenario() -> tuple[bool, list[tuple[type, float]]]:
            loop = asyncio.get_running_loop()

            async def slow() -> tuple[type, float]:
                started = loop.time()
                request = parse_request("GET", None, b"", [("query", RUNAWAY)], 10_000)
                try:
                    await endpoint.answer_async(request, JSON, client="a")
                except Exception as exc:  # noqa: BLE001 (the kind is the result)
                    return type(exc), loop.time() - started
                return type(None), loop.time() - started

            # two run on the two workers client a may use; the third waits in line
            runaways = [asyncio.ensure_future(slow()) for _ in range(3)]
            await asyncio.sleep(0.3)
            lookup = parse_request("GET", None, b"", [("query", COUNT)], 10_000)
            answer = await endpoint.answer_async(lookup, JSON, client="b")
            promptly = not any(runaway.done() for runaway in runaways)  # while they run
            assert json.loads(answer.body)["results"]["bindings"][0]["n"]["value"] == "3"
            return promptly, list(await asyncio.gather(*runaways))

        promptly, runaways = _in_a_thread(scenario)
    finally:
        endpoint.close()
    assert promptly  # not after the runaways' time limit
    kinds = sorted(kind.__name__ for kind, _ in runaways)
    # the third waited; at the limit it gets a worker (and times out) or none (busy): 503 both
    assert kinds[1:] == ["QueryTimeout", "QueryTimeout"] and kinds[0] in {
        "EndpointBusy",
        "QueryTimeout",
    }
    for _, elapsed in runaways:  # answered at the limit, which counts from the request
        assert LIMIT - 0.05 < elapsed < LIMIT + 1.0


def test_the_time_limit_counts_the_wait_for_a_worker(store: OxigraphStore) -> None:
    endpoint = SparqlEndpoint(store, Limits(timeout=LIMIT), workers=1)
    request = parse_request("GET", None, b"", [("query", RUNAWAY)], 10_000)
    try:
        endpoint.engine.wait_ready()
        first = threading.Thread(
            target=lambda: pytest.raises(QueryTimeout, endpoint.answer, request, JSON)
        )
        first.start()
        time.sleep(1.0)  # the second waits a second for the one worker, then runs a second
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="time limit of 2 s"):
            endpoint.answer(request, JSON)
        elapsed = time.monotonic() - started
        first.join()
    finally:
        endpoint.close()
    assert LIMIT - 0.05 < elapsed < LIMIT + 1.0


def test_the_command_line_writes_results_as_the_endpoint_does() -> None:
    store = ox.Store()
    for graph, value in ((G1, ox.Literal("1", datatype=ox.NamedNode(XSD_INTEGER))),
                         (G2, ox.Literal("zwei", language="de"))):  # fmt: skip
        store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), value,
                          ox.NamedNode(graph)))  # fmt: skip
    query = "SELECT ?o WHERE { ?s <http://p> ?o } ORDER BY ?o"
    for fmt, media_type in (("tsv", "text/tab-separated-values"), ("json", JSON)):
        written = answer_in_process(store, "s", query, fmt)
        served = Replica(store, "s").evaluate(_job(query, media_type, max_rows=10))
        assert written.body == served.body and written.media_type == media_type
    tsv = answer_in_process(store, "s", query, "tsv").body.decode()
    assert tsv.splitlines()[1:] == ["1", '"zwei"@de']  # (the old writer gave rdflib's n3)
    # FROM chooses the dataset (the old writer queried the union whatever the query said)
    only_g2 = answer_in_process(store, "s", f"SELECT ?o FROM <{G2}> WHERE {{ ?s ?p ?o }}", "csv")
    assert only_g2.body.decode().splitlines() == ["o", "zwei"]
    with pytest.raises(MalformedQuery, match="malformed SPARQL query"):
        answer_in_process(store, "s", "SELECT WHERE {", "json")
    with pytest.raises(NotAcceptable, match="format=ttl"):
        answer_in_process(store, "s", query, "ttl")


def _workers_of(host: int) -> list[int]:
    with open(f"/proc/{host}/task/{host}/children", encoding="ascii") as children:
        return [int(pid) for pid in children.read().split()]


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads /proc (Linux)")
def test_a_worker_that_dies_before_the_limit_is_an_internal_error_not_a_timeout(
    store: OxigraphStore,
) -> None:
    endpoint = SparqlEndpoint(store, Limits(timeout=WAIT), workers=1)
    request = parse_request("GET", None, b"", [("query", RUNAWAY)], 10_000)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            endpoint.answer(request, JSON)
        except Exception as exc:  # noqa: BLE001 (the kind is the result)
            outcome.append(exc)

    try:
        endpoint.engine.wait_ready()
        host = endpoint.engine.host_pid
        assert host is not None
        runner = threading.Thread(target=run)
        runner.start()
        time.sleep(0.5)  # the runaway runs in one of the workers
        idle = {worker.pid for worker in endpoint.engine._pool._idle}
        (busy,) = set(_workers_of(host)) - idle
        os.kill(busy, signal.SIGKILL)  # as the kernel's OOM killer would
        runner.join(WAIT / 2)  # long before the limit
        assert not runner.is_alive()
        assert [type(error).__name__ for error in outcome] == ["EndpointFault"]
        assert "ended unexpectedly" in str(outcome[0])
        assert ask(endpoint)[0] == 3  # fresh workers answer
    finally:
        endpoint.close()
