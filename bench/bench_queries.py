"""Benchmark of the example queries (``# category: example``) on Oxigraph, against rdflib.

Each example query (parameters filled with their header defaults) runs in-process

* on the shipped data (schema, reference data, example landscape) and
* on a generated all-NRW landscape (about 1M triples at the default scale),

on an on-disk and an in-memory Oxigraph store (the stores are loaded through the service:
``loading.load_all`` and ``loading.import_rdf``); the baseline, in the same run, is rdflib's
in-memory Dataset (union default graph) with the same quads, in a worker process that is
stopped after ``--rdflib-timeout`` seconds per query. Prints median times and the ratios.

    python bench/bench_queries.py [--scale 0.72] [--repeat 3] [--rdflib-timeout 60] [--skip-nrw]
                                  [--shipped-store DIR]
    python bench/bench_queries.py --scale 0.05 --repeat 1 --rdflib-timeout 10   # quicker
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from bildungsgraph.generator import write_nquads_streaming
from bildungsgraph.queries import NamedQuery, list_examples
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import DumpFormat, OxigraphStore, open_store

RERUN = "python bench/bench_queries.py"


def _rdflib_worker(data: str, pipe: Connection) -> None:
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(data, format="nquads")
    pipe.send(len(dataset))
    while True:
        text = pipe.recv()
        started = time.perf_counter()
        rows = len(list(dataset.query(text)))
        pipe.send((time.perf_counter() - started, rows))


class RdflibBaseline:
    """rdflib in a worker process, restarted after a query that runs out of time."""

    def __init__(self, data: Path, timeout: float) -> None:
        self.data, self.timeout = data, timeout
        self._start()

    def _start(self) -> None:
        self.pipe, child = mp.Pipe()
        self.process = mp.get_context("spawn").Process(
            target=_rdflib_worker, args=(str(self.data), child), daemon=True
        )
        started = time.perf_counter()
        self.process.start()
        child.close()  # the worker holds it: a worker that dies ends recv() with EOFError
        self.size = self.pipe.recv()
        self.load_seconds = time.perf_counter() - started

    def run(self, text: str) -> float | None:
        self.pipe.send(text)
        if self.pipe.poll(self.timeout):
            seconds, _rows = self.pipe.recv()
            return float(seconds)
        self.close()
        self._start()
        return None

    def close(self) -> None:
        self.process.terminate()
        self.process.join()
        self.pipe.close()


def timed(store: OxigraphStore, text: str, repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = store.query(text)
        times.append(time.perf_counter() - started)
        size = len(result.rows) if result.kind == "select" else len(result.graph or ())
    return statistics.median(times), size


def _ms(seconds: float | None, timeout: float) -> str:
    return f">{timeout:.0f} s" if seconds is None else f"{seconds * 1000:9.1f}"


def bench(label: str, disk_path: Path, repeat: int, rdflib_timeout: float) -> None:
    examples: list[NamedQuery] = sorted(list_examples(), key=lambda q: q.name)
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as tmp:
        data = Path(tmp) / "data.nq"
        disk = open_store(disk_path)
        with data.open("wb") as output:
            disk.dump(output, DumpFormat.NQUADS)
        memory = open_store(None)
        memory.bulk_load(data)
        baseline = RdflibBaseline(data, rdflib_timeout)
        print(f"\n== {label}: {baseline.size:,} quads; rdflib load {baseline.load_seconds:.1f} s")
        print(f"{'query':42} {'rows':>6} {'disk ms':>9} {'memory ms':>9} {'rdflib ms':>9} ratio")
        for query in examples:
            text = query.with_values()
            on_disk, size = timed(disk, text, repeat)
            in_memory, _ = timed(memory, text, repeat)
            reference = baseline.run(text)
            ratio = "" if reference is None else f"{reference / max(in_memory, 1e-6):6.0f}x"
            print(
                f"{query.name:42} {size:6} {on_disk * 1000:9.1f} {in_memory * 1000:9.1f} "
                f"{_ms(reference, rdflib_timeout):>9} {ratio or 'timeout'}"
            )
        baseline.close()
        memory.close()
        disk.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.72, help="landscape scale (all NRW)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    parser.add_argument("--skip-nrw", action="store_true", help="only the shipped data")
    parser.add_argument(
        "--shipped-store",
        type=Path,
        help="a store holding the shipped data, only read (default: load it)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-queries-store-") as tmp:
        shipped = args.shipped_store or Path(tmp) / "shipped"
        if args.shipped_store is None:
            service = BildungsGraph(open_store(shipped))
            service.loading.load_all()
            service.close()
        bench("shipped data", shipped, args.repeat, args.rdflib_timeout)
        if not args.skip_nrw:
            landscape = Path(tmp) / "landscape.nq"
            write_nquads_streaming("all", landscape, seed=42, scale=args.scale)
            nrw = Path(tmp) / "nrw"
            service = BildungsGraph(open_store(nrw))
            service.loading.load_schema()
            service.loading.load_reference()
            service.loading.import_rdf(landscape)
            service.close()
            bench(f"all-NRW landscape (scale {args.scale})", nrw, args.repeat, args.rdflib_timeout)
    print("\nratio = rdflib / Oxigraph in-memory (higher is better)")
    print("RERUN: " + " ".join([RERUN, *sys.argv[1:]]))


if __name__ == "__main__":
    main()
