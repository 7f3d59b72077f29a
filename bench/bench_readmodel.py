"""The living graph through a real server: writes, freshness, cold start, warm pages.

On the shipped data and on the generated all-NRW landscape (``--scale 0.72``: 1.15M quads),
each through ``bildungsgraph serve`` on loopback:

* a one-actor contribution through ``POST /api/contributions``, then the first request of
  each page (``/kommunen/05166``, ``/gaps?kommune=05166``, ``/network?kommune=05166``,
  ``/actors/05166-bildungsbuero``, a ``/sparql`` point lookup), divided by its warm time
  (a fresh write before each page; goal ≤ 2x);
* freshness: from the write's answer until the writer's Kommune, the Land's figures, the
  listings and ``/sparql`` show it (goal: 0 s for the Kommune, ≤ 5 s for the Land at 1M);
* cold start of ``serve`` on an existing store (its read model saved beside it): seconds until
  the first page and the first ``/sparql`` answer (goal ≤ 10 s);
* warm p50 of the pages at 1M divided by the same on the shipped data (goal ≤ 2x).

    python bench/bench_readmodel.py [--scale 0.72] [--repeat 7] [--big-store DIR]

``--big-store`` takes an existing landscape store (copied, never written). The machine is
shared: compare the ratios of one run, not absolute times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bildungsgraph.accounts import AccountStore, accounts_path
from bildungsgraph.generator import write_nquads_streaming
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

RERUN = "python bench/bench_readmodel.py"
KREIS, GEMEINDE = "05166", "05166032"
POINT = "SELECT ?p ?o WHERE { <https://w3id.org/bildungsgraph/id/kommune/05166032> ?p ?o }"
PAGES: dict[str, tuple[str, dict[str, str]]] = {
    "/kommunen/05166": ("/kommunen/05166", {}),
    "/gaps?kommune=05166": ("/gaps", {"kommune": KREIS}),
    "/network?kommune=05166": ("/network", {"kommune": KREIS}),
    "/actors/05166-bildungsbuero": ("/actors/05166-bildungsbuero", {}),
    "/sparql point lookup": ("/sparql", {"query": POINT}),
}
SPARQL_JSON = {"accept": "application/sparql-results+json"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def shipped_store(directory: Path) -> Path:
    service = BildungsGraph(open_store(directory / "store"))
    service.loading.load_all()
    service.close()
    return directory / "store"


def landscape_store(directory: Path, scale: float, source: Path | None) -> Path:
    target = directory / "store"
    if source is not None:
        store = open_store(source)
        store.backup(target)
        store.close()
        return target
    data = directory / "landscape.nq"
    write_nquads_streaming("all", data, seed=42, scale=scale)
    service = BildungsGraph(open_store(target))
    service.loading.load_schema()
    service.loading.load_reference()
    service.loading.import_rdf(data)
    service.close()
    data.unlink()
    return target


class Server:
    """``bildungsgraph serve`` on a free port, its output in a log file."""

    def __init__(self, store: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.started = time.perf_counter()
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bildungsgraph", "--store", str(store), "serve",
                 "--port", str(self.port)],
                stdout=output, stderr=subprocess.STDOUT,
                env={**os.environ, "BILDUNGSGRAPH_WRITES_PER_MINUTE": "100000"},
            )  # fmt: skip
        self.client = httpx.Client(base_url=self.url, timeout=900)

    def wait(self, path: str, params: dict[str, str] | None = None) -> float:
        """Seconds since start until ``path`` answers 200."""
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("the server ended")
            try:
                if self.get(path, params).status_code == 200:
                    return time.perf_counter() - self.started
            except httpx.TransportError:
                time.sleep(0.05)

    def get(self, path: str, params: dict[str, str] | None = None) -> httpx.Response:
        headers = SPARQL_JSON if path == "/sparql" else {}
        return self.client.get(path, params=params, headers=headers)

    def stop(self) -> None:
        self.client.close()
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def timed(call: Callable[[], httpx.Response]) -> float:
    started = time.perf_counter()
    response = call()
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {response.text[:300]}")
    return time.perf_counter() - started


class Writer:
    """One-actor contributions through the REST API, each a new library in the Gemeinde."""

    def __init__(self, server: Server, token: str) -> None:
        self.server, self.token, self.count = server, token, 0

    def write(self) -> tuple[float, str]:
        self.count += 1
        kennung = f"{KREIS}-bench-{os.getpid()}-{self.count}"
        actors = (
            "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
            f"{kennung},Bücherei Messpunkt {self.count},library,{GEMEINDE}\n"
        )
        started = time.perf_counter()
        response = self.server.client.post(
            "/api/contributions",
            files={"files": ("akteure.csv", actors.encode())},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        if response.status_code != 201:
            raise RuntimeError(f"{response.status_code}: {response.text[:500]}")
        return time.perf_counter() - started, kennung


def measure(label: str, store: Path, work: Path, repeat: int) -> dict[str, float]:
    accounts = AccountStore(accounts_path(store))
    _, token = accounts.create("Bench", [KREIS])
    accounts.close()
    log = work / f"{label}.log"
    first_start = Server(store, log)  # a store without a saved read model builds it once
    built = first_start.wait("/kommunen/05166")
    first_start.wait("/sparql", {"query": POINT})
    first_start.stop()
    server = Server(store, log)
    cold_page = server.wait("/kommunen/05166")
    cold_sparql = server.wait("/sparql", {"query": POINT})
    figures = {"first build": built, "cold page": cold_page, "cold sparql": cold_sparql}
    warm = {}
    for name, (path, params) in PAGES.items():
        timed(lambda p=path, q=params: server.get(p, q))
        warm[name] = statistics.median(
            timed(lambda p=path, q=params: server.get(p, q)) for _ in range(repeat)
        )
        figures[f"warm {name}"] = warm[name]
    writer = Writer(server, token)
    answers = []
    for name, (path, params) in PAGES.items():
        ratios = []
        for _ in range(max(1, repeat // 2)):
            answered, _ = writer.write()
            answers.append(answered)
            ratios.append(timed(lambda p=path, q=params: server.get(p, q)) / warm[name])
        figures[f"after write {name}"] = statistics.median(ratios)
    figures["write answered"] = statistics.median(answers)
    kommune, land, listing, sparql = [], [], [], []
    for _ in range(max(1, repeat // 2)):
        before_land = server.get("/api/kommunen/05").json()["counts"]["actors"]
        before = server.get(f"/api/kommunen/{GEMEINDE}").json()["counts"]["actors"]
        _, kennung = writer.write()
        seen = time.perf_counter()
        reads = 1  # 0 s when the first read after the write's answer already shows it
        while server.get(f"/api/kommunen/{GEMEINDE}").json()["counts"]["actors"] == before:
            reads += 1
        kommune.append(0.0 if reads == 1 else time.perf_counter() - seen)
        ask = "ASK { <https://w3id.org/bildungsgraph/id/actor/" + kennung + "> ?p ?o }"
        checks: dict[str, Callable[[], bool]] = {
            "land": lambda b=before_land: (
                server.get("/api/kommunen/05").json()["counts"]["actors"] > b
            ),
            "listing": lambda n=writer.count: (
                server.get("/api/actors", {"q": f"Messpunkt {n}", "kommune": GEMEINDE}).json()[
                    "total"
                ]
                > 0
            ),
            "sparql": lambda a=ask: server.get("/sparql", {"query": a}).json()["boolean"],
        }
        for name, check in checks.items():
            while not check():
                time.sleep(0.01)
            {"land": land, "listing": listing, "sparql": sparql}[name].append(
                time.perf_counter() - seen
            )
    figures["fresh: writer's Kommune"] = statistics.median(kommune)
    figures["fresh: Land figures"] = max(land)
    figures["fresh: listings"] = max(listing)
    figures["fresh: /sparql"] = max(sparql)
    server.stop()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--big-store", type=Path, help="an existing landscape store (copied)")
    parser.add_argument("--shipped-only", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-readmodel-"))
    try:
        results = {
            "shipped": measure("shipped", shipped_store(work / "shipped"), work, args.repeat)
        }
        if not args.shipped_only:
            (work / "big").mkdir()
            big = landscape_store(work / "big", args.scale, args.big_store)
            results["1M"] = measure("big", big, work, args.repeat)
        report(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(results: dict[str, dict[str, float]]) -> None:
    names = list(next(iter(results.values())))
    print(f"{'':40}" + "".join(f"{label:>12}" for label in results))
    for name in names:
        unit = "x" if name.startswith("after write") else "s"
        row = "".join(f"{figures[name]:>11.3f}{unit}" for figures in results.values())
        print(f"{name:40}{row}")
    if "1M" in results:
        print("warm p50 at 1M / shipped:")
        for name in PAGES:
            key = f"warm {name}"
            print(f"  {name:38}{results['1M'][key] / results['shipped'][key]:>8.2f}x")
    print(f"rerun: {RERUN}")


if __name__ == "__main__":
    sys.exit(main())
