"""Benchmark: generate all 53 NRW Kreise as N-Quads and report quads per second.

    python bench/bench_generate.py                    # ~1 million quads (scale 0.72)
    python bench/bench_generate.py --target 10000000  # ~10 million quads (scale 7.75)
    python bench/bench_generate.py --scale 2.0 --out /tmp/nrw.nq --keep

The output grows linearly with ``--scale`` plus a fixed part (Kreis-level actors, networks),
so the script derives the scale for ``--target`` from two measurements and prints the scale
that reaches 10 million. Memory stays around 100 MB: the Kreise are generated and written one
after the other.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bildungsgraph.generator import write_nquads_streaming  # noqa: E402

# Measured for all 53 Kreise, seed 42: 1,364,305 quads at scale 1.0, 9,458,819 at 7.33.
QUADS_FIXED = 85_551
QUADS_PER_SCALE = 1_278_754


def scale_for(target: int) -> float:
    """The scale that yields about ``target`` quads for all 53 Kreise (valid from ~0.5)."""
    return round(max(0.05, (target - QUADS_FIXED) / QUADS_PER_SCALE), 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=int, default=1_000_000, help="wanted number of quads")
    parser.add_argument("--scale", type=float, help="explicit scale (overrides --target)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", help="output file (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the output file")
    args = parser.parse_args()
    scale = args.scale or scale_for(args.target)
    out = Path(args.out) if args.out else Path(tempfile.mkstemp(suffix=".nq")[1])
    started = time.perf_counter()
    quads = write_nquads_streaming("all", out, seed=args.seed, scale=scale)
    took = time.perf_counter() - started
    size_mb = out.stat().st_size / 1e6
    print(f"all 53 Kreise, seed {args.seed}, scale {scale}: {quads:,} quads, {size_mb:,.0f} MB")
    print(f"time {took:.1f} s -> {quads / took:,.0f} quads/s")
    ten_million = scale_for(10_000_000)
    print(
        f"10 million quads: scale {ten_million} "
        f"(expected ~{10_000_000 / (quads / took):.0f} s at this rate)"
    )
    print(f"rerun: python bench/bench_generate.py --scale {scale} --seed {args.seed}")
    print(
        f"   or: python -m bildungsgraph.generator --kreise all --seed {args.seed} "
        f"--scale {ten_million} --format nq --out /tmp/nrw-10m.nq"
    )
    if not args.keep:
        os.unlink(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
