"""Benchmark the actor page and the search on the shipped example landscape.

    python bench/bench_actor_page.py                       # loads the shipped data (~2 min)
    python bench/bench_actor_page.py --store /path/store   # an already loaded store (a copy:
                                                           # closing saves its read model)

Measures, in one run:

0. the read model's first view of the store (``readmodel.current()``): a full build from the
   store (``build_view``) after loading, or the view saved beside an existing store — what
   replaced the records index that was built once per store state;
1. the actor page (HTML, through the app): the first view of a Kreis (its cooperation network
   and measures are computed, then kept by the view while the Kreis is unchanged) and later
   views, against computing the measures of the whole graph for every view (the naive
   baseline: ``network_analysis`` over the Land's ``network_data``, bypassing the view's memo);
2. the search (``/api/search``, ranked over actors, offers and Kommunen) against the REST
   listing's free-text filter over actors only (``/api/actors?q=``), warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from bildungsgraph.analysis import NetworkFilter, network_analysis
from bildungsgraph.readmodel.network import network_data
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app

RERUN = "python bench/bench_actor_page.py"
ACTORS = [
    "05114-bildungsbuero",
    "05114-vhs",
    "ihk-051",
    "school-600114",
    "05166-vhs",
    "05166-bildungsbuero",
    "05166-agentur",
    "05114-agentur",
]
QUERIES = ["Bildungsbüro", "vhs", "Lesesommer", "kreis viersen", "Krefeld", "Süchteln"]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(service: BildungsGraph, repeat: int) -> None:
    start = time.perf_counter()
    view = service.readmodel.current()
    how = "full build" if service.readmodel.builds else "saved view + journal"
    print(f"{'read model, first view (' + how + ')':<58} {time.perf_counter() - start:8.2f} s")
    with TestClient(create_app(service=service)) as client:
        for kennung in ACTORS[:1] + ACTORS[4:5]:
            start = time.perf_counter()
            assert client.get(f"/actors/{kennung}").status_code == 200
            seconds = time.perf_counter() - start
            print(f"{'actor page, first view of its Kreis: ' + kennung:<58} {seconds:8.2f} s")
        warm = statistics.median(
            median_ms(lambda k=k: client.get(f"/actors/{k}"), repeat) for k in ACTORS
        )
        print(f"{'actor page, later views (median of 8 actors)':<58} {warm:8.1f} ms")
        land = network_data(view, None)
        whole = median_ms(lambda: network_analysis(land, NetworkFilter()), max(1, repeat // 3))
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
    with tempfile.TemporaryDirectory() as tmp:
        if args.store:
            service = BildungsGraph(open_store(args.store))
        else:
            service = BildungsGraph(open_store(Path(tmp) / "store"))
            start = time.perf_counter()
            service.loading.load_all()
            print(f"{'load the shipped data':<58} {time.perf_counter() - start:8.2f} s")
        try:
            run(service, args.repeat)
        finally:
            service.close()
    print("RERUN: " + " ".join([RERUN, *sys.argv[1:]]))


if __name__ == "__main__":
    main()
