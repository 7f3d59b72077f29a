"""Benchmark the actor page and the search on the shipped example landscape.

    python bench/bench_actor_page.py                       # loads the shipped data (~1-2 min)
    python bench/bench_actor_page.py --store /path/store   # an already loaded store

Measures (1) the actor page (HTML, through the app): the first view of a Kreis (its
cooperation graph and measures are computed, then kept per store state) and later views,
against computing the measures over the whole graph for every view (the naive baseline);
(2) the search (``/api/search``, ranked over actors, offers and Kommunen) against the REST
listing's free-text filter over actors only (``/api/actors?q=``), warm, in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from bildungsgraph.analysis import NetworkFilter
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app

ACTORS = ["05114-bildungsbuero", "05114-vhs", "ihk-051", "school-600114", "05166-vhs",
          "05166-bildungsbuero", "05166-agentur", "05114-agentur"]
QUERIES = ["Bildungsbüro", "vhs", "Lesesommer", "kreis viersen", "Krefeld", "Süchteln"]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(service: BildungsGraph, repeat: int) -> None:
    with TestClient(create_app(service=service)) as client:
        start = time.perf_counter()
        service.records.index()
        print(f"{'records index (once per store state)':<58} {time.perf_counter() - start:8.2f} s")
        for kennung in ACTORS[:1] + ACTORS[4:5]:
            start = time.perf_counter()
            assert client.get(f"/actors/{kennung}").status_code == 200
            seconds = time.perf_counter() - start
            print(f"{'actor page, first view of its Kreis: ' + kennung:<58} {seconds:8.2f} s")
        warm = statistics.median(
            median_ms(lambda k=k: client.get(f"/actors/{k}"), repeat) for k in ACTORS
        )
        print(f"{'actor page, later views (median of 8 actors)':<58} {warm:8.1f} ms")
        whole = median_ms(lambda: service.network(NetworkFilter()), max(1, repeat // 3))
        print(f"{'baseline: measures of the whole graph per view':<58} {whole:8.1f} ms")
        print(f"{'ratio baseline / later view':<58} {whole / warm:8.1f} x")
        search = statistics.median(
            median_ms(lambda q=q: client.get("/api/search", params={"q": q}), repeat)
            for q in QUERIES
        )
        listing = statistics.median(
            median_ms(lambda q=q: client.get("/api/actors", params={"q": q}), repeat)
            for q in QUERIES
        )
        print(f"{'search /api/search (ranked, 3 kinds), median of 6 texts':<58} {search:8.1f} ms")
        print(f"{'baseline /api/actors?q= (actors only, unranked)':<58} {listing:8.1f} ms")
        print(f"{'ratio search / baseline':<58} {search / listing:8.2f} x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="a loaded store (default: load into a temp dir)")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    store = f" --store {args.store}" if args.store else ""
    print(f"rerun: python bench/bench_actor_page.py{store}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.store:
            service = BildungsGraph(open_store(args.store))
        else:
            service = BildungsGraph(open_store(Path(tmp) / "store"))
            start = time.perf_counter()
            service.load_all()
            print(f"{'load the shipped data':<58} {time.perf_counter() - start:8.2f} s")
        try:
            run(service, args.repeat)
        finally:
            service.close()


if __name__ == "__main__":
    main()
