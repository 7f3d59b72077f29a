"""Benchmark: validation time per 1,000 rows, against a small and a big store, fast vs. old path.

    python bench/bench_validation.py                   # 1,000 rows; ~135k vs. ~1.15M quads
    python bench/bench_validation.py --big-scale 0.72  # big store: a generated landscape
    python bench/bench_validation.py --repeat 1 --skip-naive   # quicker

Validates the same contribution (about 1,000 rows in the six template CSV files, for one Kreis)
with the real check (``contribution.review``: read, map, fetch the descriptions of referenced
resources, pyshacl, ownership checks; nothing is written) against two stores:

* small: schema + official reference data (about 135k triples), built in a temporary directory;
* big: the store at ``--big-store`` (default: ``/work/big/store`` if ``/work/big/READY``
  exists; opened read-only), or, with ``--big-scale`` or without that store, the small one plus
  the generated all-NRW landscape (scale 0.72: about 1.1M quads; slow to build).

Each store is timed on two paths in the same run: the fast path (``validation.speedups``, as
shipped) and the old path (pyshacl unmodified, advanced mode, as before the speed-ups). Both
wall-clock and CPU time are shown (on a shared machine the wall-clock time grows with the
load): per 1,000 rows, the ratios old/fast and big/small (aim: big/small under 1.5), whether
both paths report the same problems, and (unless ``--skip-naive``) the naive approach we avoid:
pyshacl over the whole small store merged with the contribution.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pyshacl  # noqa: E402
from rdflib import Graph  # noqa: E402

from bildungsgraph.contribution import review  # noqa: E402
from bildungsgraph.generator import (  # noqa: E402
    generate_landscape,
    write_contribution_csv,
    write_nquads_streaming,
)
from bildungsgraph.ingest import read_contribution  # noqa: E402
from bildungsgraph.namespaces import GRAPH  # noqa: E402
from bildungsgraph.service import BildungsGraph  # noqa: E402
from bildungsgraph.shapes import ValidationReport, load_shapes
from bildungsgraph.store import GraphStore, open_store  # noqa: E402
from bildungsgraph.store.oxigraph import OxigraphStore  # noqa: E402
from bildungsgraph.validation import load_validation_context_static, shacl

CONTRIBUTION_KREIS = "05966"  # Kreis Olpe
BIG_DIR = Path("/work/big")


def contribution_files(directory: Path, rows: int) -> list[tuple[str, bytes]]:
    """About ``rows`` data rows of one Kreis, as the six template CSV files."""
    probe = generate_landscape([CONTRIBUTION_KREIS], seed=7, scale=1.0)
    probe_rows = _rows(write_contribution_csv(probe, directory / "probe"))
    scale = rows / probe_rows
    paths = write_contribution_csv(
        generate_landscape([CONTRIBUTION_KREIS], seed=7, scale=scale), directory / "contribution"
    )
    return [(path.name, path.read_bytes()) for path in paths]


def _rows(paths: list[Path]) -> int:
    return sum(len(path.read_text(encoding="utf-8").splitlines()) - 1 for path in paths)


def build_store(path: Path, landscape: Path | None) -> tuple[BildungsGraph, float]:
    service = BildungsGraph(open_store(path))
    service.loading.load_schema()
    service.loading.load_reference()
    took = 0.0
    if landscape is not None:
        started = time.perf_counter()
        service.loading.import_rdf(landscape)
        took = time.perf_counter() - started
    return service, took


@contextmanager
def old_path() -> Iterator[None]:
    """Validation as before the speed-ups: pyshacl unmodified, in advanced mode.

    ``validate_contribution`` runs pyshacl unmodified whenever the shapes need advanced mode,
    so claiming that they do gives exactly the old path.
    """
    saved = shacl.uses_shacl_af
    shacl.uses_shacl_af = lambda _shapes: True  # type: ignore[assignment]
    try:
        yield
    finally:
        shacl.uses_shacl_af = saved


def time_check(
    store: GraphStore, files: list[tuple[str, bytes]], repeat: int
) -> tuple[float, float, ValidationReport]:
    """Median wall-clock and CPU seconds of ``repeat`` checks, and the last report.

    The CPU time is what the check costs on an idle machine (it is single-threaded); the wall
    time grows with whatever else runs on the same cores.
    """
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        _, report = review(store, files)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    assert report.records > 0
    return statistics.median(wall), statistics.median(cpu), report


def _problems(report: ValidationReport) -> list[str]:
    return sorted(json.dumps(p.to_json(), sort_keys=True) for p in report.problems)


def naive_validation(service: BildungsGraph, files: list[tuple[str, bytes]]) -> float:
    """The approach we avoid: the whole store plus the contribution through pyshacl."""
    started = time.perf_counter()
    data = Graph()
    for name in service.store.graph_names():
        data += service.store.get_graph(name)
    data += read_contribution(files).graph
    data += load_validation_context_static()
    pyshacl.validate(data, shacl_graph=load_shapes(), inference="none", advanced=True)
    return time.perf_counter() - started


def _big_store(args: argparse.Namespace, root: Path) -> tuple[GraphStore, str, Callable[[], None]]:
    if args.big_store is not None:
        store = OxigraphStore.open_read_only(args.big_store, "bench")
        return store, f"{args.big_store} (read-only)", lambda: None
    landscape = root / "nrw.nq"
    started = time.perf_counter()
    quads = write_nquads_streaming(
        "all", landscape, seed=42, scale=args.big_scale, graph_iri=str(GRAPH["benchmark"])
    )
    generated = time.perf_counter() - started
    service, load_time = build_store(root / "big", landscape)
    source = (
        f"generated all-NRW landscape, scale {args.big_scale}: {quads:,} quads in "
        f"{generated:.1f} s, loaded in {load_time:.1f} s ({quads / load_time:,.0f} quads/s)"
    )
    return service.store, source, service.close


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument(
        "--big-store", type=Path, help="an existing store to use as the big one (read-only)"
    )
    parser.add_argument(
        "--big-scale", type=float, help="generate the big store's landscape at this scale"
    )
    parser.add_argument("--repeat", type=int, default=3, help="fast-path runs per store")
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()
    if args.big_store is None and args.big_scale is None:
        if (BIG_DIR / "READY").exists():
            args.big_store = BIG_DIR / "store"
        else:
            args.big_scale = 0.72
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = contribution_files(root, args.rows)
        rows = _rows([root / "contribution" / name for name, _ in files])
        small, _ = build_store(root / "small", None)
        big, big_source, close_big = _big_store(args, root)
        figures: dict[str, dict[str, float]] = {}
        same = True
        try:
            review(small.store, files)  # warm-up: shapes, vocabularies, template model
            for label, store in (("small", small.store), ("big", big)):
                fast, fast_cpu, fast_report = time_check(store, files, args.repeat)
                with old_path():
                    old, old_cpu, old_report = time_check(store, files, 1)
                same = same and _problems(fast_report) == _problems(old_report)
                figures[label] = {
                    "fast": fast,
                    "fast_cpu": fast_cpu,
                    "old": old,
                    "old_cpu": old_cpu,
                    "size": sum(store.graph_sizes().values()),
                }
            naive = None if args.skip_naive else naive_validation(small, files)
        finally:
            small.close()
            close_big()

    per_k = 1000 / rows
    print(
        f"contribution: {rows} rows in {len(files)} CSV files (Kreis {CONTRIBUTION_KREIS}), "
        f"{fast_report.records} records, {len(fast_report.problems)} problems"
    )
    print(f"big store: {big_source}")
    print(
        f"per 1,000 rows, seconds wall-clock (CPU): fast path (median of {args.repeat}) "
        "vs. old path = pyshacl unmodified (1 run)"
    )
    for label in ("small", "big"):
        f = figures[label]
        print(
            f"  store of {f['size']:>9,} quads:  fast {f['fast'] * per_k:6.2f} "
            f"({f['fast_cpu'] * per_k:5.2f})   old {f['old'] * per_k:6.2f} "
            f"({f['old_cpu'] * per_k:5.2f})   old/fast {f['old'] / f['fast']:5.1f}x "
            f"(CPU {f['old_cpu'] / f['fast_cpu']:5.1f}x)"
        )
    print(
        f"fast path on the big store: {rows / figures['big']['fast']:,.0f} rows/s wall-clock, "
        f"{rows / figures['big']['fast_cpu']:,.0f} rows/s CPU"
    )
    print(
        "ratio big/small store: "
        f"fast {figures['big']['fast'] / figures['small']['fast']:.2f} "
        f"(CPU {figures['big']['fast_cpu'] / figures['small']['fast_cpu']:.2f}), "
        f"old {figures['big']['old'] / figures['small']['old']:.2f} "
        f"(CPU {figures['big']['old_cpu'] / figures['small']['old_cpu']:.2f}) (aim < 1.5)"
    )
    print(f"same problems on both paths: {'yes' if same else 'NO'}")
    if naive is not None:
        print(
            f"naive baseline (pyshacl over the whole small store): {naive:.1f} s "
            f"= {naive / figures['small']['fast']:.1f}x the fast path"
        )
    print("RERUN: " + " ".join(["python bench/bench_validation.py", *sys.argv[1:]]))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
