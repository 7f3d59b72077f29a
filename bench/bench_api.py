"""Benchmark the REST API's read side on a loaded store.

    python bench/bench_api.py --store bildungsgraph-store      # a store after `bildungsgraph load`

Measures (1) building the in-memory index (a few whole-class queries), (2) listing pages with
filters from the index, against (3) a baseline in the same run that asks the store one
DESCRIBE-like query per item of a page (the per-item pattern the API avoids).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from rdflib import URIRef

from bildungsgraph.records import RecordQuery, RecordReader
from bildungsgraph.store import open_store

PER_ITEM = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
LISTINGS = [
    ("actors", RecordQuery()),
    ("actors", RecordQuery(kommune=["05166"], concepts={"actor_type": ["school"]})),
    ("offers", RecordQuery(kommune=["05166"], concepts={"life_phase": ["general-school"]})),
    ("offers", RecordQuery(text="lese", bbox="51.0,6.0,51.6,6.8")),
    ("cooperations", RecordQuery(concepts={"status": ["active"]})),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    store = open_store(args.store)
    reader = RecordReader(store)
    start = time.perf_counter()
    reader.index()
    build = time.perf_counter() - start
    print(f"index build (once per store state): {build:.2f} s")
    for kind, query in LISTINGS:
        cached, naive = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            page = reader.list(kind, query, lang="en", page_size=50)
            cached.append(time.perf_counter() - start)
        for _ in range(3):
            start = time.perf_counter()
            for iri in page.iris:
                store.select(PER_ITEM, {"s": URIRef(iri)})
            naive.append(time.perf_counter() - start)
        fast, slow = statistics.median(cached), statistics.median(naive)
        print(f"{kind:13} total={page.total:5}  index {fast * 1000:7.1f} ms  "
              f"per-item queries {slow * 1000:7.1f} ms  ratio {slow / fast:6.1f}x")
    store.close()


if __name__ == "__main__":
    main()
