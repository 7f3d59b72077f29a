"""Benchmark: does validating a contribution depend on the contribution or on the store?

    python bench/bench_validation.py            # store of ~130k triples vs. ~1.1M triples
    python bench/bench_validation.py --big-scale 7.75   # ... vs. ~10M triples (slow to build)
    python bench/bench_validation.py --big-scale 0.05 --repeat 1   # quicker

Builds two on-disk stores — schema + official reference data (about 130k triples), and the
same plus the generated all-NRW landscape (``loading.import_rdf``) — and validates the same
1,000-row contribution (six CSV files for one Kreis) against each with the real pipeline
(``contributions.check``: read, map, fetch the descriptions of referenced resources, pyshacl;
the read model is not involved). It prints the time for each and the ratio big/small (aim:
under 1.5), plus, in the same run, the naive baseline: pyshacl over the whole small store
merged with the contribution. It also reports the load of the all-NRW landscape.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pyshacl  # noqa: E402
from rdflib import Graph  # noqa: E402

from bildungsgraph.generator import (  # noqa: E402
    generate_landscape,
    write_contribution_csv,
    write_nquads_streaming,
)
from bildungsgraph.ingest import read_contribution  # noqa: E402
from bildungsgraph.namespaces import GRAPH  # noqa: E402
from bildungsgraph.service import BildungsGraph  # noqa: E402
from bildungsgraph.store import open_store  # noqa: E402
from bildungsgraph.validation import load_shapes, load_validation_context_static  # noqa: E402

CONTRIBUTION_KREIS = "05966"  # Kreis Olpe


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


def build_store(path: Path, landscape: Path | None) -> tuple[BildungsGraph, float, int]:
    service = BildungsGraph(open_store(path))
    service.loading.load_schema()
    service.loading.load_reference()
    took = 0.0
    if landscape is not None:
        started = time.perf_counter()
        service.loading.import_rdf(landscape)
        took = time.perf_counter() - started
    return service, took, sum(service.store.graph_sizes().values())


def time_validation(service: BildungsGraph, files: list[tuple[str, bytes]], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        report = service.contributions.check(files)
        times.append(time.perf_counter() - started)
    assert report.records > 0
    return statistics.median(times)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument(
        "--big-scale", type=float, default=0.72, help="generator scale of the big store"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = contribution_files(root, args.rows)
        rows = _rows([root / "contribution" / name for name, _ in files])
        landscape = root / "nrw.nq"
        started = time.perf_counter()
        quads = write_nquads_streaming(
            "all", landscape, seed=42, scale=args.big_scale, graph_iri=str(GRAPH["benchmark"])
        )
        generated = time.perf_counter() - started

        small, _, small_size = build_store(root / "small", None)
        big, load_time, big_size = build_store(root / "big", landscape)
        try:
            t_small = time_validation(small, files, args.repeat)
            t_big = time_validation(big, files, args.repeat)
            naive = None if args.skip_naive else naive_validation(small, files)
        finally:
            small.close()
            big.close()

    print(f"contribution: {rows} rows in {len(files)} CSV files (Kreis {CONTRIBUTION_KREIS})")
    print(f"generated all-NRW landscape: {quads:,} quads in {generated:.1f} s")
    print(f"load into Oxigraph (loading.import_rdf): {load_time:.1f} s "
          f"({quads / load_time:,.0f} quads/s)")
    print(f"validation, store of {small_size:,} triples: {t_small:.2f} s (median of {args.repeat})")
    print(f"validation, store of {big_size:,} triples: {t_big:.2f} s (median of {args.repeat})")
    print(f"ratio big/small store: {t_big / t_small:.2f} (aim < 1.5)")
    if naive is not None:
        print(
            f"naive baseline (pyshacl over the whole small store): {naive:.1f} s "
            f"= {naive / t_small:.1f}x the pipeline"
        )
    print("RERUN: " + " ".join(["python bench/bench_validation.py", *sys.argv[1:]]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
