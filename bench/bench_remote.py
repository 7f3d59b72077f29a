"""Remote stores: bildungsgraph on a real Oxigraph server and a real Virtuoso 7 (each started
on loopback by ``tests/remoteservers.py``), on the generated all-NRW landscape (``--scale 0.72``:
1.15M quads, the 1M landscape of the other benches).

Prints, per server, in one run:

* the load time of the shipped data and the landscape through ``bildungsgraph load``, and for
  Virtuoso its own bulk loader (``ld_dir`` / ``rdf_loader_run``) on the same landscape as the
  baseline;
* every parameter-free example query and a point lookup through bildungsgraph's ``/sparql``
  (``serve`` on the remote store, the forwarding endpoint) against the server's own query
  endpoint, same query text and Accept, in alternating rounds: the median ratio per query
  (aim: at most 1.2x);
* the throughput of ``/kommunen/05166`` and ``/api/actors?kommune=05166`` with 1, 2 and 4 web
  processes (16 clients at once, no conditional requests), as ratios to 1 process (aim: near
  linear up to the core count, printed).

    python bench/bench_remote.py                       # the 1M landscape (scale 0.72)
    python bench/bench_remote.py --scale 0.05 --repeat 3 --servers oxigraph   # a quick run

Figures are medians; the machine may be shared, so compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bildungsgraph.generator import write_nquads_streaming  # noqa: E402
from bildungsgraph.queries import list_queries  # noqa: E402
from bildungsgraph.store.sparqltext import with_prologue  # noqa: E402
from remoteservers import OxigraphServer, RemoteServer, VirtuosoServer  # noqa: E402
from serverprocess import free_port  # noqa: E402

JSON = "application/sparql-results+json"
POINT_LOOKUP = "SELECT ?p ?o WHERE { <https://w3id.org/bildungsgraph/id/kommune/05166032> ?p ?o }"
PAGES = ["/kommunen/05166", "/api/actors?kommune=05166"]
RERUN = "python bench/bench_remote.py"


def environment(server: RemoteServer) -> dict[str, str]:
    """The environment that points bildungsgraph at ``server``."""
    names = {
        "store_url": server.query_url,
        "update_url": server.update_url,
        "gsp_url": server.gsp_url,
        "store_user": server.user,
        "store_password": server.password,
        "store_auth": server.auth,
    }
    env = {**os.environ, "BILDUNGSGRAPH_QUERY_TIMEOUT": "300"}
    # the read model's first build after a load reads the whole 1M store; before those reads
    # were batched, one took Virtuoso more than the default 60 s, and the margin is kept
    env["BILDUNGSGRAPH_STORE_TIMEOUT"] = "900"
    env["BILDUNGSGRAPH_SPARQL_CLIENT_SECONDS"] = "100000"
    env["BILDUNGSGRAPH_SPARQL_CLIENT_QUERIES"] = "64"
    env["BILDUNGSGRAPH_MAX_RESULT_ROWS"] = "10000000"
    env |= {f"BILDUNGSGRAPH_{name.upper()}": value for name, value in names.items() if value}
    return env


def timed_load(side: Path, env: dict[str, str], *files: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bildungsgraph", "--store", str(side), "load", *map(str, files)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


@contextmanager
def serving(side: Path, env: dict[str, str], processes: int, log: Path) -> Iterator[str]:
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bildungsgraph", "--store", str(side), "serve",
             "--port", str(port), "--web-processes", str(processes)],
            env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(url + "/kommunen/05166", timeout=1800).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def seconds_for(client: httpx.Client, url: str, text: str, auth: httpx.Auth | None) -> float:
    started = time.perf_counter()
    answer = client.post(url, data={"query": text}, headers={"Accept": JSON}, auth=auth)
    answer.raise_for_status()
    return time.perf_counter() - started


def compare_queries(server: RemoteServer, url: str, repeat: int) -> None:
    queries = [(q.name, q.text) for q in list_queries() if not q.params]
    queries.append(("point lookup", POINT_LOOKUP))
    auth = server.httpx_auth() if server.name == "virtuoso" else None
    print(f"\n{server.name}: /sparql ÷ the server's own endpoint (median of {repeat})")
    print(f"{'query':45} {'own ms':>9} {'ours ms':>9} {'ratio':>6}")
    ratios = []
    with httpx.Client(timeout=600, trust_env=False) as client:
        for name, text in queries:
            own: list[float] = []
            ours: list[float] = []
            try:
                for _ in range(repeat):  # alternating rounds
                    own.append(seconds_for(client, server.query_url, with_prologue(text), auth))
                    ours.append(seconds_for(client, f"{url}/sparql", text, None))
            except httpx.HTTPError as exc:
                print(f"{name:45} failed: {exc}")
                continue
            ratio = statistics.median(ours) / statistics.median(own)
            ratios.append(ratio)
            print(
                f"{name:45} {statistics.median(own) * 1000:9.1f} "
                f"{statistics.median(ours) * 1000:9.1f} {ratio:6.2f}"
            )
    if ratios:
        print(f"{'median ratio':45} {'':9} {'':9} {statistics.median(ratios):6.2f}")


async def throughput(url: str, path: str, seconds: float, clients: int = 16) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal done
        async with httpx.AsyncClient(timeout=120, trust_env=False) as http:
            while time.perf_counter() < deadline:
                answer = await http.get(url + path)
                answer.raise_for_status()
                done += 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return done / (time.perf_counter() - started)


def scale_out(side: Path, env: dict[str, str], processes: list[int], work: Path) -> None:
    print(f"\nthroughput (requests/s, 16 clients; {os.cpu_count()} cores)")
    base: dict[str, float] = {}
    for count in processes:
        with serving(side, env, count, work / f"serve-{count}.log") as url:
            for path in PAGES:
                asyncio.run(throughput(url, path, 2))  # every process warm
                rate = asyncio.run(throughput(url, path, 10))
                base.setdefault(path, rate)
                print(f"{count} process(es) {path:32} {rate:8.1f}/s  {rate / base[path]:5.2f}x")


def run_server(name: str, landscape: Path, args: argparse.Namespace, work: Path) -> None:
    server: RemoteServer
    if name == "virtuoso":
        # sized as the Virtuoso docs advise for a few GB of RAM; the row limit well above the
        # 100,000 statements bildungsgraph asks for in one answer
        server = VirtuosoServer(
            work / name,
            buffers=340_000,
            dirty_buffers=250_000,
            query_seconds=600,
            max_rows=10_000_000,
        )
    else:
        server = OxigraphServer(work / name)
    with server:
        env = environment(server)
        side = work / f"{name}-side" / "store"
        if isinstance(server, VirtuosoServer):
            started = time.perf_counter()
            server.bulk_load(landscape)
            baseline = time.perf_counter() - started
            server.clear()
            print(f"\n{name}: its own bulk load of the landscape {baseline:.0f} s")
        shipped = timed_load(side, env)
        seconds = timed_load(side, env, landscape)
        print(
            f"{name}: bildungsgraph load: shipped data {shipped:.0f} s, landscape {seconds:.0f} s"
        )
        with serving(side, env, 1, work / f"{name}-serve.log") as url:
            compare_queries(server, url, args.repeat)
        scale_out(side, env, args.processes, work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--servers", default="oxigraph,virtuoso")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--processes", default="1,2,4")
    args = parser.parse_args()
    args.processes = [int(n) for n in args.processes.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-remote-") as scratch:
        work = Path(scratch)
        landscape = work / "landscape.nq"
        write_nquads_streaming("all", landscape, seed=42, scale=args.scale)
        print(f"landscape: scale {args.scale}, {landscape.stat().st_size / 1e6:.0f} MB N-Quads")
        for name in args.servers.split(","):
            try:
                run_server(name, landscape, args, work)
            except Exception as exc:  # noqa: BLE001 - one server failing must not hide the other
                print(f"{name}: failed: {exc}")
    print(
        f"\nrerun: {RERUN} --scale {args.scale} --servers {args.servers} "
        f"--repeat {args.repeat} --processes {','.join(map(str, args.processes))}"
    )


if __name__ == "__main__":
    main()
