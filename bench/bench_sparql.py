"""SPARQL endpoint benchmark on the generated all-NRW landscape (about 1M triples).

For each parameter-free example query (``src/bildungsgraph/queries/*.rq``) and a point lookup:

* ``/sparql`` on a live ``bildungsgraph serve`` (in-memory replica in forked workers),
* (a) the same query in-process on pyoxigraph, on the on-disk store and on an in-memory store
  (the HTTP and process overhead of the endpoint; aim < 1.5x for point lookups),
* (b) rdflib's in-memory Dataset behind a minimal HTTP endpoint (aim: endpoint 10x faster),

plus throughput under concurrent load on loopback.

    python bench/bench_sparql.py [--scale 0.72] [--repeat 3] [--rdflib-timeout 120]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyoxigraph as ox

from bildungsgraph.generator import write_nquads_streaming
from bildungsgraph.namespaces import PREFIXES
from bildungsgraph.queries import list_queries
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

POINT_LOOKUP = """PREFIX bg: <https://w3id.org/bildungsgraph/ontology#>
SELECT ?p ?o WHERE { <https://w3id.org/bildungsgraph/id/kommune/05166032> ?p ?o }"""
RERUN = "python bench/bench_sparql.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_store(directory: Path, scale: float) -> tuple[Path, Path]:
    data = directory / "landscape.nq"
    store_path = directory / "store"
    write_nquads_streaming("all", data, seed=42, scale=scale)
    service = BildungsGraph(open_store(store_path))
    service.load_schema()
    service.load_reference()
    service.store.bulk_load(data)
    service.close()
    return store_path, data


def ask(client: httpx.Client, endpoint: str, query: str) -> None:
    client.get(endpoint, params={"query": query}).raise_for_status()


def timed(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def rdflib_endpoint(data: Path, port: int) -> subprocess.Popen[bytes]:
    """A minimal rdflib SPARQL endpoint (Dataset, default graph = union) in its own process."""
    code = f"""
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse
from rdflib import Dataset
dataset = Dataset(default_union=True)
dataset.parse({str(data)!r}, format="nquads")
for path in {[str(p) for p in _schema_and_reference()]!r}:
    dataset.parse(path)
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
"""
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)


def _schema_and_reference() -> list[Path]:
    from bildungsgraph import config
    from bildungsgraph.reference import REFERENCE_GRAPHS

    service = BildungsGraph(open_store(None))
    files = [*service.schema_files().values(), *REFERENCE_GRAPHS.values()]
    service.close()
    return [config.require_file(Path(path)) for path in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=120.0)
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline")
    args = parser.parse_args()

    queries = [(q.name, q.text) for q in list_queries() if not q.params]
    queries.insert(0, ("point_lookup", POINT_LOOKUP))
    skipped = [q.name for q in list_queries() if q.params]

    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as tmp:
        started = time.perf_counter()
        store_path, data = build_store(Path(tmp), args.scale)
        print(f"landscape built and loaded in {time.perf_counter() - started:.0f} s")

        disk = ox.Store.read_only(str(store_path))
        print(f"store: {len(disk):,} quads")
        started = time.perf_counter()
        memory = ox.Store()
        memory.load(disk.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        print(f"in-memory copy built in {time.perf_counter() - started:.1f} s")

        def direct(store: ox.Store, text: str):  # type: ignore[no-untyped-def]
            return lambda: store.query(
                text, prefixes=PREFIXES, use_default_graph_as_union=True
            ).serialize(format=ox.QueryResultsFormat.JSON)

        port = free_port()
        env = {
            **os.environ,
            "BILDUNGSGRAPH_QUERY_TIMEOUT": "600",
            "BILDUNGSGRAPH_MAX_RESULT_ROWS": "10000000",
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bildungsgraph",
                "--store",
                str(store_path),
                "serve",
                "--port",
                str(port),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        endpoint = f"http://127.0.0.1:{port}/sparql"
        rdflib_server = None
        try:
            client = httpx.Client(timeout=600)
            started = time.perf_counter()
            while True:
                try:
                    if client.get(endpoint, params={"query": "ASK {}"}).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.5)
            print(f"server ready (replica loaded) in {time.perf_counter() - started:.1f} s")
            rdflib_port = free_port()
            if not args.no_rdflib:
                started = time.perf_counter()
                rdflib_server = rdflib_endpoint(data, rdflib_port)
                assert rdflib_server.stdout is not None
                rdflib_server.stdout.readline()
                print(f"rdflib endpoint loaded in {time.perf_counter() - started:.0f} s")

            print(
                f"\n{'query':42} {'/sparql':>9} {'ox mem':>9} {'ox disk':>9} {'rdflib':>9}"
                f" {'http/mem':>9} {'rdflib/http':>11}"
            )
            for name, text in queries:
                http = timed(lambda t=text: ask(client, endpoint, t), args.repeat)
                in_memory = timed(direct(memory, text), args.repeat)
                on_disk = timed(direct(disk, text), 1)
                rdflib_time = float("nan")
                if rdflib_server is not None:
                    try:
                        rdflib_time = timed(
                            lambda t=text: httpx.get(
                                f"http://127.0.0.1:{rdflib_port}/",
                                params={"query": t},
                                timeout=args.rdflib_timeout,
                            ).raise_for_status(),
                            1,
                        )
                    except httpx.HTTPError:
                        rdflib_time = float("inf")
                times = f"{http * 1e3:8.1f}ms {in_memory * 1e3:8.1f}ms {on_disk * 1e3:8.1f}ms"
                ratios = f"{http / in_memory:8.2f}x {rdflib_time / http:10.1f}x"
                print(f"{name:42} {times} {rdflib_time * 1e3:8.0f}ms {ratios}")

            for name, text in queries[:2]:
                with ThreadPoolExecutor(16) as pool:
                    started = time.perf_counter()
                    statuses = list(
                        pool.map(
                            lambda _, t=text: (
                                httpx.get(endpoint, params={"query": t}, timeout=600).status_code
                            ),
                            range(200),
                        )
                    )
                    elapsed = time.perf_counter() - started
                assert set(statuses) == {200}, statuses
                rate = 200 / elapsed
                print(f"\nthroughput {name}: {rate:.0f} queries/s (200 queries, 16 clients)")
            client.close()
        finally:
            server.terminate()
            server.wait()
            if rdflib_server is not None:
                rdflib_server.kill()
                rdflib_server.wait()
    if skipped:
        print(f"\nnot run (need parameters): {', '.join(skipped)}")
    print(f"\nrerun: {RERUN} --scale {args.scale}")


if __name__ == "__main__":
    main()
