"""``python -m bildungsgraph.reference [--source DIR] [--out DIR]``: rebuild the reference RDF."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..config import REFERENCE_DIR
from .build import RDF_DIR, build_reference
from .errors import ReferenceDataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bildungsgraph.reference",
        description="Build kommunen.ttl, population.ttl and schools.ttl from the official "
        "NRW reference files (CSV, GeoJSON).",
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=REFERENCE_DIR,
        help=f"directory with the CSV/GeoJSON files (default: {REFERENCE_DIR})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=RDF_DIR,
        help=f"directory for the Turtle files (default: {RDF_DIR})",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        counts = build_reference(args.source, args.out)
    except ReferenceDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, triples in counts.items():
        print(f"{args.out / (name + '.ttl')}: {triples} triples")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
