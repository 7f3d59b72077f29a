"""Benchmark the fair-use limits against a flood from one client address.

    python bench/bench_fair_use.py            # 60 checks of 1 MB, 200 wrong tokens, 500 visits

Measures, in one run, on an empty in-memory store with the default settings:

1. anonymous checks: a burst of 1 MB checks from one address; how many were staged, the bytes
   staged, and the time of a refused check against an accepted one (the baseline: the same
   check when the address still has allowance);
2. wrong tokens through the API: how many were checked before the address had to wait, and the
   time of a refused attempt against a checked one;
3. anonymous visits of ``/contribute``: session rows in the accounts database afterwards.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from bildungsgraph.config import Settings
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app

RERUN = "python bench/bench_fair_use.py"


def _timed(call: object) -> tuple[float, int]:
    start = time.perf_counter()
    status = call()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000, status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=60)
    parser.add_argument("--tokens", type=int, default=200)
    parser.add_argument("--visits", type=int, default=500)
    args = parser.parse_args()
    service = BildungsGraph(open_store(None))
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(store_path=Path(scratch) / "unused")
        app = create_app(settings=settings, service=service)
        with TestClient(app) as client:
            page = client.get("/contribute").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            body = b"Kennung,Name,Akteurstyp\n" + b"b-1,Lesecafe,Verein\n" * 52_000  # ~1 MB

            def check() -> int:
                return client.post(
                    "/contribute/check",
                    data={"csrf_token": token},
                    files=[("files", ("akteure.csv", body))],
                    follow_redirects=False,
                ).status_code

            accepted, refused = [], []
            for _ in range(args.checks):
                ms, status = _timed(check)
                (accepted if status == 303 else refused).append(ms)
            staging = service.contributions.staging
            staged_bytes = staging.staged_bytes("client:testclient")

            def wrong() -> int:
                return client.delete(
                    "/api/contributions/x", headers={"Authorization": "Bearer bg_falsch"}
                ).status_code

            checked, waited = [], []
            for _ in range(args.tokens):
                ms, status = _timed(wrong)
                (checked if status == 401 else waited).append(ms)
            for _ in range(args.visits):
                TestClient(app).get("/contribute")
            rows = service.accounts._db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    service.close()
    print(f"rerun: {RERUN} --checks {args.checks} --tokens {args.tokens} --visits {args.visits}")
    print(f"1. {args.checks} anonymous 1 MB checks from one address within a minute:")
    print(
        f"   staged {len(accepted)}, refused {len(refused)} (429), "
        f"{staged_bytes / 1e6:.1f} MB staged (before: all {args.checks}, "
        f"{args.checks * len(body) / 1e6:.0f} MB)"
    )
    if accepted and refused:
        ok, no = statistics.median(accepted), statistics.median(refused)
        print(
            f"   median accepted check {ok:.1f} ms, refused {no:.1f} ms "
            f"(ratio refused/accepted {no / ok:.3f})"
        )
    print(
        f"2. {args.tokens} wrong tokens: {len(checked)} checked (401), "
        f"{len(waited)} refused (429) while the address waits"
    )
    if checked and waited:
        print(
            f"   median checked {statistics.median(checked):.2f} ms, "
            f"refused {statistics.median(waited):.2f} ms"
        )
    print(f"3. {args.visits} anonymous visits of /contribute: {rows} session rows")


if __name__ == "__main__":
    main()
