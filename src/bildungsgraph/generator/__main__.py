"""CLI: ``python -m bildungsgraph.generator --kreise 05166,05114 --format csv --out DIR``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from .csv_out import write_contribution_csv
from .landscape import generate_landscape
from .rdf_out import write_nquads_streaming
from .readme import write_readme
from .stats import compute_stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bildungsgraph.generator",
        description="Generate an invented education landscape.",
    )
    parser.add_argument(
        "--kreise", required=True, help="comma-separated Kreisschlüssel (e.g. 05166,05114) or 'all'"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--format", choices=("csv", "nq"), default="csv")
    parser.add_argument("--out", required=True, help="directory (csv) or file (nq)")
    parser.add_argument("--readme", action="store_true", help="also write README.md (csv)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.format == "nq":
        quads = write_nquads_streaming(args.kreise, args.out, args.seed, args.scale)
        took = time.perf_counter() - started
        print(f"{quads} quads in {took:.1f} s ({quads / took:,.0f}/s) -> {args.out}")
        return 0
    land = generate_landscape(args.kreise, args.seed, args.scale)
    paths = write_contribution_csv(land, args.out)
    if args.readme:
        paths.append(
            write_readme(
                land, args.out, " ".join(["python -m bildungsgraph.generator", *sys.argv[1:]])
            )
        )
    stats = compute_stats(land)
    print(
        f"{stats.actors} actors, {stats.offers} offers, {stats.cooperations} cooperations, "
        f"{stats.networks} networks, {stats.memberships} memberships -> "
        f"{', '.join(p.name for p in paths)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
