"""The views that reveal, at scale: networks by tie kind and filter, gaps, changes, the
comparison of Kommunen and the complete exports, through a real server.

On the shipped data and on the generated all-NRW landscape (1.15M quads), each through
``bildungsgraph serve`` on loopback:

* every view's warm p50 divided by the warm p50 of the Kommune page ``/kommunen/05166`` in
  the same run (the page that existed before these views; goal ≤ 2x; the exports of all rows
  are reported per row instead);
* the first request of a view after a one-actor contribution in the Kreis, made right after
  the view was seen, divided by its warm time (goal ≤ 2x);
* warm p50 at 1M divided by the same on the shipped data (exports: time per row; goal ≤ 2x).

    python bench/bench_views.py [--repeat 5] [--big-store DIR] [--shipped-only]

``--big-store`` takes an existing landscape store (copied, never written). The machine is
shared: compare the ratios of one run, not absolute times.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_readmodel import (  # noqa: E402
    KREIS,
    Server,
    Writer,
    landscape_store,
    shipped_store,
    timed,
)

from bildungsgraph.accounts import AccountStore, accounts_path  # noqa: E402
from bildungsgraph.service import BildungsGraph  # noqa: E402
from bildungsgraph.store import open_store  # noqa: E402

RERUN = "python bench/bench_views.py"
BASELINE = "/kommunen/05166"
FILTERED = {"kommune": KREIS, "topic": "language-literacy", "life_phase": "early-childhood"}
VIEWS: dict[str, tuple[str, dict[str, str | list[str]]]] = {
    "network cooperation": ("/network", {"kommune": KREIS}),
    "network all ties": ("/network", {"kommune": KREIS, "ties": "all"}),
    "network filtered+partners": ("/network", {**FILTERED, "partners": "true"}),
    "api network membership": ("/api/network", {"kommune": KREIS, "ties": "membership"}),
    "api measures": ("/api/network/measures", {"kommune": KREIS}),
    "gaps": ("/gaps", {"kommune": KREIS}),
    "api gaps": ("/api/gaps", {"kommune": KREIS}),
    "api changes": (
        "/api/network/changes",
        {"kommune": KREIS, "from": "2023-01-01", "to": "2025-12-31"},
    ),
    "compare 3 Kommunen": ("/kommunen/vergleich", {"k": ["05166", "05114", "05162"]}),
    "export actors CSV (Kreis)": ("/api/exports/actors.csv", {"kommune": KREIS}),
    "export actors xlsx (Kreis)": ("/api/exports/actors.xlsx", {"kommune": KREIS}),
    "export actors CSV (Land)": ("/api/exports/actors.csv", {}),
    "export offers CSV (Land)": ("/api/exports/offers.csv", {}),
}


def measure(label: str, store: Path, work: Path, repeat: int) -> dict[str, float]:
    accounts = AccountStore(accounts_path(store))
    _, token = accounts.create("Bench", [KREIS])
    accounts.close()
    server = Server(store, work / f"{label}.log")
    server.wait(BASELINE)
    writer = Writer(server, token)
    try:

        def warm(path: str, params: dict[str, str | list[str]]) -> float:
            timed(lambda: server.get(path, params))
            return statistics.median(timed(lambda: server.get(path, params)) for _ in range(repeat))

        baseline = warm(BASELINE, {})
        figures = {"warm baseline page (s)": baseline}
        for name, (path, params) in VIEWS.items():
            # as a coordinator works: the view just seen, a write, the view again
            warm_time = warm(path, params)
            figures[f"warm {name} (s)"] = warm_time
            figures[f"warm {name} ÷ page"] = warm_time / baseline
            ratios = []
            for _ in range(max(2, repeat // 2)):
                writer.write()
                ratios.append(timed(lambda p=path, q=params: server.get(p, q)) / warm_time)
            figures[f"after write {name} ÷ warm"] = statistics.median(ratios)
            if path.endswith(".csv"):
                rows = server.get(path, params).text.count("\n") - 1
                figures[f"{name}: rows"] = rows
                figures[f"{name}: µs per row"] = warm_time / rows * 1e6
    finally:
        server.stop()
    return figures


def current_schema(store: Path) -> None:
    """Give a copied store this version's ontology and vocabularies (the relevance of topics)."""
    service = BildungsGraph(open_store(store))
    service.loading.load_schema()
    service.close()


def report(results: dict[str, dict[str, float]]) -> None:
    names = list(next(iter(results.values())))
    print(f"{'':48}" + "".join(f"{label:>12}" for label in results))
    for name in names:
        if name.endswith(("rows", "per row")):
            row = "".join(f"{figures[name]:>12.0f}" for figures in results.values())
        else:
            unit = "s" if name.endswith("(s)") else "x"
            row = "".join(f"{figures[name]:>11.3f}{unit}" for figures in results.values())
        print(f"{name:48}{row}")
    if "1M" in results:
        print("warm p50 at 1M ÷ shipped:")
        for name in VIEWS:
            key = f"warm {name} (s)"
            if f"{name}: µs per row" in results["1M"]:
                key = f"{name}: µs per row"
                name += " (per row)"
            print(f"  {name:46}{results['1M'][key] / results['shipped'][key]:>8.2f}x")
    print(
        "goals: a view ÷ the page ≤ 2x, after write ÷ warm ≤ 2x, 1M ÷ shipped ≤ 2x "
        "(exports: per row)"
    )
    print(f"rerun: {RERUN}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--big-store", type=Path, help="an existing landscape store (copied)")
    parser.add_argument("--shipped-only", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-views-"))
    try:
        results = {
            "shipped": measure("shipped", shipped_store(work / "shipped"), work, args.repeat)
        }
        if not args.shipped_only:
            (work / "big").mkdir()
            big = landscape_store(work / "big", args.scale, args.big_store)
            current_schema(big)
            results["1M"] = measure("big", big, work, args.repeat)
        report(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
