"""SPARQL endpoint benchmark on the generated all-NRW landscape (about 1.15M quads).

Prints, in one run:

* the replica's cold start: ``SparqlEndpoint.start()`` until the first query is answered
  (in process), and ``bildungsgraph serve`` started until ``/sparql`` answers;
* a point lookup through ``/sparql`` against a *minimal* FastAPI endpoint over an in-memory
  pyoxigraph store on the same data (no safety features, run by uvicorn the same way):
  latency at 1 connection and throughput at 16 connections, in alternating rounds, as ratios
  (aims: at most 1.3x the latency, at least 0.8x the throughput);
* the first point lookup after a one-graph write (``apply``) against a warm one (aim <= 2x),
  and how long applies of a small and of a large graph take;
* optionally (``--queries``) every parameter-free example query through ``/sparql``, in
  process on pyoxigraph (memory and disk), and on rdflib behind a minimal endpoint.

    python bench/bench_sparql.py --store /work/big/store      # copies it, never writes it
    python bench/bench_sparql.py --scale 0.72                 # generates the landscape first
    python bench/bench_sparql.py --store DIR --overhead-only  # only the minimal comparison

The bench is one client: ``/sparql`` runs with its per-client allowances raised (their
bookkeeping still runs on every query).

Figures are medians; the machine may be shared, so compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
from rdflib import Literal, URIRef

from bildungsgraph.namespaces import PREFIXES
from bildungsgraph.queries import list_queries
from bildungsgraph.sparql import Limits, SparqlEndpoint, parse_request
from bildungsgraph.store import DumpFormat, OxigraphStore, open_store
from bildungsgraph.store.oxigraph import state_file

POINT_LOOKUP = "SELECT ?p ?o WHERE { <https://w3id.org/bildungsgraph/id/kommune/05166032> ?p ?o }"
JSON = "application/sparql-results+json"
SMALL_GRAPH = "https://w3id.org/bildungsgraph/graph/bench/apply"
LARGE_GRAPH = "https://w3id.org/bildungsgraph/graph/reference/schools"
RERUN = "python bench/bench_sparql.py"

MINIMAL_APP = '''
"""A minimal SPARQL endpoint: FastAPI over an in-memory pyoxigraph store, nothing else."""
import os
import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.responses import Response

store = ox.Store()
store.load(path=os.environ["MINIMAL_SPARQL_DATA"], format=ox.RdfFormat.N_QUADS)
app = FastAPI()


@app.get("/sparql")
async def sparql(request: Request) -> Response:
    result = store.query(request.query_params["query"], use_default_graph_as_union=True)
    return Response(
        result.serialize(format=ox.QueryResultsFormat.JSON),
        media_type="application/sparql-results+json",
    )
'''


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- the store ----------------------------------------------------------------------------


def copy_store(source: Path, target: Path) -> Path:
    """A private copy (hard links) of a store that may be in use elsewhere; never writes it.

    The copy gets the source's state token, or a fixed one: a store without a state file
    has a new token each time it is opened, and its replica image would never be used.
    """
    ox.Store.read_only(str(source)).backup(str(target))
    token = state_file(source)
    state = token.read_text(encoding="ascii") if token.exists() else "0-bench"
    state_file(target).write_text(state, encoding="ascii")
    return target


def build_store(directory: Path, scale: float) -> Path:
    from bildungsgraph.generator import write_nquads_streaming
    from bildungsgraph.service import BildungsGraph

    data = directory / "landscape.nq"
    write_nquads_streaming("all", data, seed=42, scale=scale)
    service = BildungsGraph(open_store(directory / "built"))
    service.loading.load_schema()
    service.loading.load_reference()
    service.store.bulk_load(data)
    service.close()
    data.unlink()
    return directory / "built"


# -- HTTP load ----------------------------------------------------------------------------


async def _connection(host: str, port: int, request: bytes, count: int, times: list[float]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for _ in range(count):
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(head.decode(errors="replace"))
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            await reader.readexactly(length)
            times.append(time.perf_counter() - started)
    finally:
        writer.close()


def load(port: int, query: str, connections: int, count: int) -> tuple[float, float]:
    """(median latency, queries per second) of ``count`` requests on each of ``connections``
    keep-alive connections (a small asyncio client: little CPU next to the servers)."""
    request = (
        f"GET /sparql?{urlencode({'query': query})} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Accept: {JSON}\r\n\r\n"
    ).encode()
    times: list[float] = []

    async def run() -> float:
        started = time.perf_counter()
        await asyncio.gather(
            *(_connection("127.0.0.1", port, request, count, times) for _ in range(connections))
        )
        return time.perf_counter() - started

    elapsed = asyncio.run(run())
    return statistics.median(times), len(times) / elapsed


def wait_for(port: int, query: str, process: subprocess.Popen[bytes], limit: float) -> float:
    """Seconds until the server on ``port`` answers ``query`` with 200."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} ended")
        try:
            response = httpx.get(
                f"http://127.0.0.1:{port}/sparql", params={"query": query}, timeout=60
            )
            if response.status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"no answer on port {port} within {limit:.0f} s")


def wait_until_idle(pid: int, limit: float) -> float:
    """Seconds until process ``pid`` uses less than 5% of a core over 2 s (its start-up work
    done): its background threads would otherwise compete with queries for the GIL."""
    ticks = os.sysconf("SC_CLK_TCK")

    def cpu() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks

    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        before = cpu()
        time.sleep(2.0)
        if cpu() - before < 0.1:
            break
    return time.perf_counter() - started


def start_ours(store: Path, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BILDUNGSGRAPH_QUERY_TIMEOUT": "600",
        "BILDUNGSGRAPH_MAX_RESULT_ROWS": "10000000",
        "BILDUNGSGRAPH_QUERY_WORKERS": str(workers),
        # the bench is one client with 16 connections and long example queries: the
        # per-client allowances would refuse it (their bookkeeping still runs)
        "BILDUNGSGRAPH_SPARQL_CLIENT_QUERIES": "1000",
        "BILDUNGSGRAPH_SPARQL_CLIENT_SECONDS": "1e9",
    }
    command = [sys.executable, "-m", "bildungsgraph", "--store", str(store), "serve"]
    with log.open("wb") as output:
        return subprocess.Popen(
            [*command, "--port", str(port)], env=env, stdout=output, stderr=subprocess.STDOUT
        )


def start_minimal(directory: Path, data: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    (directory / "minimal_sparql.py").write_text(MINIMAL_APP, encoding="utf-8")
    env = {**os.environ, "MINIMAL_SPARQL_DATA": str(data), "PYTHONPATH": str(directory)}
    code = (  # as ``bildungsgraph serve`` runs uvicorn
        "import uvicorn; uvicorn.run('minimal_sparql:app', "
        f"host='127.0.0.1', port={port}, log_level='info')"
    )
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=output, stderr=subprocess.STDOUT
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- in process: cold start and apply -------------------------------------------------------


def median_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def graph_ntriples(store: OxigraphStore, graph: str) -> bytes:
    buffer = io.BytesIO()
    store.dump(buffer, DumpFormat.NTRIPLES, graph=graph)
    return buffer.getvalue()


def write_small_graph(store: OxigraphStore, version: int) -> bytes:
    """Write a 50-triple graph to the store; its N-Triples (what the service would send)."""
    triples = [
        (URIRef(f"https://w3id.org/bildungsgraph/id/bench/{i}"), URIRef("https://schema.org/name"),
         Literal(f"Eintrag {i}, Fassung {version}"))
        for i in range(50)
    ]  # fmt: skip
    store.replace_graph(SMALL_GRAPH, triples)
    return graph_ntriples(store, SMALL_GRAPH)


def in_process(store_path: Path, workers: int, applies: int) -> None:
    store = OxigraphStore(store_path)
    endpoint = SparqlEndpoint(store, Limits(timeout=600, max_rows=10_000_000), workers)
    request = parse_request("GET", None, b"", [("query", POINT_LOOKUP)], 100_000)
    try:
        started = time.perf_counter()
        endpoint.start()
        returned = time.perf_counter() - started
        endpoint.answer(request, JSON)
        ready = time.perf_counter() - started
        print(f"start() returned after {returned * 1e3:.0f} ms (snapshot taken)")
        print(f"cold start, in process: first point lookup answered after {ready:.1f} s")

        def lookup() -> None:
            endpoint.answer(request, JSON)

        for _ in range(50):
            lookup()
        warm = median_time(lookup, 200)
        firsts, apply_times = [], []
        for version in range(applies):
            data = write_small_graph(store, version)
            started = time.perf_counter()
            endpoint.apply({SMALL_GRAPH: data}, store.state)
            apply_times.append(time.perf_counter() - started)
            firsts.append(median_time(lookup, 1))
            for _ in range(20):
                lookup()
        first = statistics.median(firsts)
        print(
            f"point lookup in process: warm {warm * 1e3:.2f} ms, first after a one-graph apply "
            f"{first * 1e3:.2f} ms = {first / warm:.2f}x (aim <= 2x; {applies} applies)"
        )
        print(f"apply of a 50-triple graph: {statistics.median(apply_times) * 1e3:.0f} ms")
        large = graph_ntriples(store, LARGE_GRAPH)
        triples = large.count(b"\n")
        started = time.perf_counter()
        endpoint.apply({LARGE_GRAPH: large}, store.state)  # the same content again
        print(
            f"apply of {LARGE_GRAPH.rsplit('/', 1)[1]} ({triples:,} triples): "
            f"{time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        endpoint.close()
        print(f"close(), saving the replica image: {time.perf_counter() - started:.1f} s")
        endpoint = SparqlEndpoint(store, Limits(timeout=600, max_rows=10_000_000), workers)
        started = time.perf_counter()
        endpoint.start()
        endpoint.answer(request, JSON)
        print(
            "cold start from the image, in process: first point lookup answered after "
            f"{time.perf_counter() - started:.1f} s"
        )
    finally:
        endpoint.close()
        store.close()


# -- the comparison with a minimal endpoint -----------------------------------------------


def compare(ours: int, minimal: int, rounds: int, requests: int) -> None:
    for port in (ours, minimal):
        load(port, POINT_LOOKUP, 1, 200)  # warm both
        load(port, POINT_LOOKUP, 16, 50)
    latency: list[tuple[float, float]] = []
    throughput: list[tuple[float, float]] = []
    for _ in range(rounds):
        latency.append((load(ours, POINT_LOOKUP, 1, requests)[0],
                        load(minimal, POINT_LOOKUP, 1, requests)[0]))  # fmt: skip
        throughput.append((load(ours, POINT_LOOKUP, 16, requests // 8)[1],
                           load(minimal, POINT_LOOKUP, 16, requests // 8)[1]))  # fmt: skip
    ours_ms = statistics.median(a for a, _ in latency) * 1e3
    minimal_ms = statistics.median(b for _, b in latency) * 1e3
    ratio = statistics.median(a / b for a, b in latency)
    print(f"\npoint lookup, 1 connection ({rounds} rounds of {requests}, median per round):")
    print(f"  /sparql {ours_ms:.2f} ms, minimal {minimal_ms:.2f} ms: {ratio:.2f}x (aim <= 1.3x)")
    ours_rate = statistics.median(a for a, _ in throughput)
    minimal_rate = statistics.median(b for _, b in throughput)
    ratio = statistics.median(a / b for a, b in throughput)
    print(f"point lookup, 16 connections ({rounds} rounds of {16 * (requests // 8)}):")
    print(f"  /sparql {ours_rate:.0f}/s, minimal {minimal_rate:.0f}/s: {ratio:.2f}x (aim >= 0.8x)")


# -- the example queries ------------------------------------------------------------------


def queries_table(port: int, store_path: Path, data: Path, rdflib: bool, repeat: int) -> None:
    queries = [("point_lookup", POINT_LOOKUP)]
    queries += [(q.name, q.text) for q in list_queries() if not q.params]
    disk = ox.Store.read_only(str(store_path))
    memory = ox.Store()
    memory.load(path=str(data), format=ox.RdfFormat.N_QUADS)
    rdflib_port, rdflib_server = free_port(), None
    if rdflib:
        started = time.perf_counter()
        rdflib_server = rdflib_endpoint(data, rdflib_port)
        assert rdflib_server.stdout is not None
        rdflib_server.stdout.readline()
        print(f"rdflib endpoint loaded in {time.perf_counter() - started:.0f} s")

    def direct(store: ox.Store, text: str) -> Callable[[], object]:
        return lambda: store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True
                                   ).serialize(format=ox.QueryResultsFormat.JSON)  # fmt: skip

    client = httpx.Client(timeout=600)
    columns = ("/sparql", "ox mem", "ox disk", "rdflib", "http/mem")
    print(f"\n{'query':42} " + " ".join(f"{column:>9}" for column in columns))
    try:
        for name, text in queries:
            http = median_time(
                lambda t=text: client.get(  # type: ignore[misc]
                    f"http://127.0.0.1:{port}/sparql", params={"query": t}
                ).raise_for_status(),
                repeat,
            )
            in_memory = median_time(direct(memory, text), repeat)
            on_disk = median_time(direct(disk, text), 1)
            rdflib_time = float("nan")
            if rdflib_server is not None:
                try:
                    rdflib_time = median_time(
                        lambda t=text: httpx.get(  # type: ignore[misc]
                            f"http://127.0.0.1:{rdflib_port}/", params={"query": t}, timeout=120
                        ).raise_for_status(),
                        1,
                    )
                except httpx.HTTPError:
                    rdflib_time = float("inf")
            print(
                f"{name:42} {http * 1e3:8.1f}ms {in_memory * 1e3:8.1f}ms {on_disk * 1e3:8.1f}ms"
                f" {rdflib_time * 1e3:8.0f}ms {http / in_memory:8.2f}x"
            )
    finally:
        client.close()
        if rdflib_server is not None:
            rdflib_server.kill()
            rdflib_server.wait()
    skipped = [q.name for q in list_queries() if q.params]
    if skipped:
        print(f"not run (need parameters): {', '.join(skipped)}")


def rdflib_endpoint(data: Path, port: int) -> subprocess.Popen[bytes]:
    """A minimal rdflib SPARQL endpoint (Dataset, default graph = union) in its own process."""
    code = textwrap.dedent(f"""
        from http.server import BaseHTTPRequestHandler, HTTPServer
        from urllib.parse import parse_qs, urlparse
        from rdflib import Dataset
        dataset = Dataset(default_union=True)
        dataset.parse({str(data)!r}, format="nquads")
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args): pass
            def do_GET(self):
                query = parse_qs(urlparse(self.path).query)["query"][0]
                body = dataset.query(query, initNs={PREFIXES!r}).serialize(format="json")
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                self.wfile.write(body)
        print("ready", flush=True)
        HTTPServer(("127.0.0.1", {port}), Handler).serve_forever()
    """)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing store to copy (else: generate)")
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--workers", type=int, default=2, help="query workers (serve's default)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=400, help="per round at 1 connection")
    parser.add_argument("--applies", type=int, default=15)
    parser.add_argument("--queries", action="store_true", help="also run the example queries")
    parser.add_argument(
        "--overhead-only", action="store_true",
        help="only the comparison with the minimal endpoint (no in-process part, no restart)",
    )  # fmt: skip
    parser.add_argument("--no-rdflib", action="store_true", help="no rdflib baseline (--queries)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats per query (--queries)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as tmp:
        directory = Path(tmp)
        if args.store:
            source = args.store
        else:
            started = time.perf_counter()
            source = build_store(directory, args.scale)
            print(f"landscape generated and loaded in {time.perf_counter() - started:.0f} s")
        served = copy_store(source, directory / "served")
        private = copy_store(source, directory / "private")
        data = directory / "minimal.nq"
        ox.Store.read_only(str(source)).dump(str(data), format=ox.RdfFormat.N_QUADS)
        print(f"store: {len(ox.Store.read_only(str(source))):,} quads ({source})")

        if not args.overhead_only:
            in_process(private, args.workers, args.applies)

        ours_port, minimal_port = free_port(), free_port()
        ours = start_ours(served, ours_port, args.workers, directory / "ours.log")
        minimal = None
        try:
            print(
                f"cold start, bildungsgraph serve: /sparql answered a point lookup after "
                f"{wait_for(ours_port, POINT_LOOKUP, ours, 1800):.1f} s"
            )
            busy = wait_until_idle(ours.pid, 900)
            print(f"  (then busy with its own start-up work, the read model, for {busy:.0f} s)")
            minimal = start_minimal(directory, data, minimal_port, directory / "minimal.log")
            seconds = wait_for(minimal_port, "ASK {}", minimal, 600)
            print(f"minimal endpoint answered after {seconds:.1f} s")
            compare(ours_port, minimal_port, args.rounds, args.requests)
            if args.queries:
                queries_table(ours_port, served, data, not args.no_rdflib, args.repeat)
            if not args.overhead_only:
                stop(ours)  # saves the replica image
                ours = start_ours(served, ours_port, args.workers, directory / "ours-again.log")
                print(
                    f"\ncold start again (from the image), bildungsgraph serve: /sparql answered "
                    f"after {wait_for(ours_port, POINT_LOOKUP, ours, 1800):.1f} s"
                )
        finally:
            stop(ours)
            if minimal is not None:
                stop(minimal)
    store_option = f"--store {args.store}" if args.store else f"--scale {args.scale}"
    given = (("--queries", args.queries), ("--overhead-only", args.overhead_only))
    flags = [flag for flag, on in given if on]
    print(f"\nrerun: {' '.join([RERUN, store_option, *flags])}")


if __name__ == "__main__":
    main()
