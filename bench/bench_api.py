"""Benchmark the REST API's read side: the read model and the listings it answers.

    python bench/bench_api.py                                 # loads the shipped data (~2 min)
    python bench/bench_api.py --store bildungsgraph-store     # a store after `bildungsgraph load`

Measures, in one run:

1. the read model's view of the store, made two ways: the full build from the store
   (``readmodel.update.build_view``: the records snapshot, its index, search entries and
   tallies — what replaced the index built from whole-class queries), and loading the same
   view from its saved file (``persist.save_view``/``load_view``, in a temporary directory:
   what a restart costs), with the ratio;
2. listing pages with filters from the view (``view.records.list``), against a baseline that
   asks the store one DESCRIBE-like query per item of a page (the per-item pattern the API
   avoids).

The store is only read (the view is saved to a temporary directory, never beside it), but
Oxigraph locks it: open a copy if another process may be using it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import URIRef

from bildungsgraph.readmodel.persist import load_view, save_view
from bildungsgraph.readmodel.update import build_view
from bildungsgraph.records import RecordQuery
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import OxigraphStore, open_store

RERUN = "python bench/bench_api.py"
PER_ITEM = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
LISTINGS = [
    ("actors", RecordQuery()),
    ("actors", RecordQuery(kommune=["05166"], concepts={"actor_type": ["school"]})),
    ("offers", RecordQuery(kommune=["05166"], concepts={"life_phase": ["general-school"]})),
    ("offers", RecordQuery(text="lese", bbox="51.0,6.0,51.6,6.8")),
    ("cooperations", RecordQuery(concepts={"status": ["active"]})),
]


def shipped_store(directory: Path) -> Path:
    path = directory / "store"
    service = BildungsGraph(open_store(path))
    started = time.perf_counter()
    service.loading.load_all()
    service.close()
    print(f"load the shipped data: {time.perf_counter() - started:.1f} s")
    return path


def run(store: OxigraphStore, saved: Path, repeat: int) -> None:
    start = time.perf_counter()
    view = build_view(store)
    build = time.perf_counter() - start
    print(f"read model, full build from the store (build_view): {build:.2f} s")
    save_view(view, saved)
    size = (saved / "view.pickle").stat().st_size
    start = time.perf_counter()
    loaded = load_view(saved)
    load = time.perf_counter() - start
    assert loaded is not None and loaded.state == view.state
    print(
        f"read model, loaded from its saved file ({size / 1e6:.1f} MB): {load:.2f} s  "
        f"ratio build / load {build / load:.1f}x"
    )
    records = view.records
    for kind, query in LISTINGS:
        cached, naive = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            page = records.list(kind, query, lang="en", page_size=50)
            cached.append(time.perf_counter() - start)
        for _ in range(3):
            start = time.perf_counter()
            for iri in page.iris:
                store.select(PER_ITEM, {"s": URIRef(iri)})
            naive.append(time.perf_counter() - start)
        fast, slow = statistics.median(cached), statistics.median(naive)
        print(
            f"{kind:13} total={page.total:5}  view {fast * 1000:7.1f} ms  "
            f"per-item queries {slow * 1000:7.1f} ms  ratio {slow / fast:6.1f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a loaded store (default: load into a temp dir)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        store = open_store(args.store or shipped_store(Path(tmp)))
        try:
            run(store, Path(tmp) / "readmodel", args.repeat)
        finally:
            store.close()
    print("RERUN: " + " ".join([RERUN, *sys.argv[1:]]))


if __name__ == "__main__":
    main()
