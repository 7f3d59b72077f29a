"""Data people can trust, through a real server: confirmations, freshness, official-list updates.

On the shipped data and on the generated all-NRW landscape (``--scale 0.72``: 1.15M quads),
each through ``bildungsgraph serve`` on loopback, every figure divided by a baseline of the
same run (the machine is shared: compare ratios, not absolute times):

* warm p50 of the new reads — Viersen's ``GET /api/confirmations`` list, the freshness page
  ``/kommunen/05166/aktualitaet`` and ``/api/kommunen/05166/freshness``, the network with
  ``confirmed_only=true`` — divided by the warm ``/kommunen/05166`` (goal ≤ 2x);
* after a decision (``POST /api/confirmations/…``, a fresh one before each read), the first
  ``/network?kommune=05166`` and ``/api/confirmations`` divided by their warm time (goal
  ≤ 2x), and the decision's answer divided by a one-actor contribution's (goal ≤ 1x);
* re-submitting unchanged files (noted as verified) divided by the first submission;
* in process: ``reference update schools`` with a list that closes, adds and renames a school
  (diff and one write, the read model following without a build) divided by writing the
  shipped list again through ``load`` (the same graph replaced without a diff).

    python bench/bench_trust.py [--scale 0.72] [--repeat 7] [--big-store DIR]

``--big-store`` takes an existing landscape store (copied, never written).
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx
from bench_readmodel import Server, landscape_store, shipped_store, timed

from bildungsgraph.accounts import AccountStore, accounts_path
from bildungsgraph.config import REFERENCE_DIR
from bildungsgraph.namespaces import SCHOOLS_GRAPH
from bildungsgraph.service import BildungsGraph
from bildungsgraph.service.loading import reference_files
from bildungsgraph.store import open_store

RERUN = "python bench/bench_trust.py"
RAW_SCHOOLS = REFERENCE_DIR / "raw" / "schuldaten.csv"
KREFELD, VIERSEN = "05114", "05166"
KREFELD_ACTOR, VIERSEN_ACTOR = "05114-bildungsbuero", "05166-bildungsbuero"
BASELINE = ("/kommunen/05166", {})
READS: dict[str, tuple[str, dict[str, str]]] = {
    "/api/confirmations (Viersen)": ("/api/confirmations", {}),
    "/kommunen/05166/aktualitaet": ("/kommunen/05166/aktualitaet", {}),
    "/api/kommunen/05166/freshness": ("/api/kommunen/05166/freshness", {}),
    "/network?kommune=05166&confirmed_only=true": (
        "/network",
        {"kommune": VIERSEN, "confirmed_only": "true"},
    ),
}
AFTER_DECISION = {
    "/network?kommune=05166": ("/network", {"kommune": VIERSEN}),
    "/api/confirmations (Viersen)": ("/api/confirmations", {}),
}


class Krefeld:
    """The Krefeld account: cooperations with the Viersen Bildungsbüro, each a contribution."""

    def __init__(self, server: Server, token: str) -> None:
        self.server, self.token, self.count = server, token, 0

    def cooperation_files(self, count: int) -> list[tuple[str, bytes]]:
        """``count`` new cooperations, in one file."""
        self.count += 1
        rows = "".join(
            f"05114-bench-koop-{self.count}-{n},Messkooperation {n},"
            f"{KREFELD_ACTOR} | {VIERSEN_ACTOR},informal-exchange,,,,,,active,,,\n"
            for n in range(count)
        )
        header = (
            "Kennung,Bezeichnung,Partner,Kooperationsform,Programm,Themenfeld,Lebensphase,"
            "Beginn,Ende,Status,Quelle,Gebiet,Letzte Änderung\n"
        )
        return [("kooperationen.csv", (header + rows).encode())]

    def contribute(self, files: list[tuple[str, bytes]], expected: int = 201) -> float:
        started = time.perf_counter()
        response = self.server.client.post(
            "/api/contributions",
            files=[("files", f) for f in files],
            headers={"Authorization": f"Bearer {self.token}"},
        )
        if response.status_code != expected:
            raise RuntimeError(f"{response.status_code}: {response.text[:500]}")
        return time.perf_counter() - started

    def new_claims(self, count: int) -> tuple[float, list[str]]:
        answered = self.contribute(self.cooperation_files(count))
        return answered, [f"05114-bench-koop-{self.count}-{n}" for n in range(count)]


def decide(server: Server, token: str, cooperation: str) -> float:
    started = time.perf_counter()
    response = server.client.post(
        f"/api/confirmations/{cooperation}/{VIERSEN_ACTOR}",
        json={"decision": "confirmed"},
        headers={"Authorization": f"Bearer {token}"},
    )
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {response.text[:500]}")
    return time.perf_counter() - started


def warm(
    server: Server,
    path: str,
    params: dict[str, str],
    repeat: int,
    headers: dict[str, str] | None = None,
) -> float:
    def call() -> httpx.Response:
        return server.client.get(path, params=params, headers=headers or {})

    timed(call)
    return statistics.median(timed(call) for _ in range(repeat))


def measure_server(label: str, store: Path, work: Path, repeat: int) -> dict[str, float]:
    accounts = AccountStore(accounts_path(store))
    _, krefeld_token = accounts.create("Bench Krefeld", [KREFELD])
    _, viersen_token = accounts.create("Bench Viersen", [VIERSEN])
    accounts.close()
    viersen = {"Authorization": f"Bearer {viersen_token}"}
    server = Server(store, work / f"{label}.log")
    try:
        server.wait(*BASELINE)
        krefeld = Krefeld(server, krefeld_token)
        krefeld.new_claims(repeat * len(AFTER_DECISION) + 2)
        base = warm(server, *BASELINE, repeat)
        figures = {"warm /kommunen/05166 (baseline, s)": base}
        for name, (path, params) in READS.items():
            headers = viersen if path == "/api/confirmations" else None
            figures[f"warm {name} ÷ baseline"] = warm(server, path, params, repeat, headers) / base
        items = server.client.get("/api/confirmations", headers=viersen).json()["items"]
        pending = [c["kennung"] for c in items if c["kennung"].startswith("05114-bench-koop-")]
        decisions: list[float] = []
        for name, (path, params) in AFTER_DECISION.items():
            headers = viersen if path == "/api/confirmations" else None
            warm_time = warm(server, path, params, repeat, headers)
            ratios = []
            for _ in range(max(1, repeat // 2)):
                decisions.append(decide(server, viersen_token, pending.pop()))
                ratios.append(
                    timed(
                        lambda p=path, q=params, h=headers: server.client.get(
                            p, params=q, headers=h or {}
                        )
                    )
                    / warm_time
                )
            figures[f"after a decision {name} ÷ warm"] = statistics.median(ratios)
        contributions = [krefeld.new_claims(1)[0] for _ in range(max(1, repeat // 2))]
        figures["decision answered ÷ one-cooperation contribution"] = statistics.median(
            decisions
        ) / statistics.median(contributions)
        files = krefeld.cooperation_files(20)
        first = krefeld.contribute(files)
        again = statistics.median(krefeld.contribute(files, expected=200) for _ in range(3))
        figures["unchanged files again (verified) ÷ first submission"] = again / first
    finally:
        server.stop()
    return figures


def changed_school_list(path: Path) -> Path:
    """The MSB download the shipped list comes from, with one school of Kreis Viersen in
    operation left out (closed), one renamed and one new."""
    lines = RAW_SCHOOLS.read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines[1:], delimiter=";"))
    header, records = rows[0], rows[1:]
    column = {name: n for n, name in enumerate(header)}
    in_viersen = [
        r
        for r in records
        if r[column["Gemeindeschluessel"]].startswith(VIERSEN)
        and r[column["Schulbetriebsschluessel"]] == "1"
    ]
    closed, renamed = in_viersen[0], in_viersen[1]
    renamed[column["Schulbezeichnung_1"]] += " (umbenannt)"
    new = list(renamed)
    new[column["Schulnummer"]], new[column["Schulbezeichnung_1"]] = "199999", "Neue Messschule"
    out = io.StringIO()
    out.write("sep=;\r\n")
    csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL).writerows(
        [header, *(r for r in records if r is not closed), new]
    )
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def measure_update(label: str, store: Path, work: Path) -> dict[str, float]:
    copy = work / f"{label}-update" / "store"
    shutil.copytree(store, copy)
    source = changed_school_list(work / f"{label}-schuldaten.csv")
    service = BildungsGraph(open_store(copy))
    try:
        service.readmodel.current()  # the copy has no saved read model: built once, here
        builds = service.readmodel.builds
        shipped = {str(SCHOOLS_GRAPH): reference_files()[str(SCHOOLS_GRAPH)]}
        started = time.perf_counter()
        service.loading.load_files(shipped)  # the same list again: a plain replacement
        reload = time.perf_counter() - started
        started = time.perf_counter()
        diff = service.reference.schools(source, on=date(2026, 12, 4))
        update = time.perf_counter() - started
        if not diff.stored:
            raise RuntimeError("the update stored nothing")
        return {
            "reference update schools (s)": update,
            "reference update schools ÷ reloading the shipped list": update / reload,
            "read model builds during the two writes": float(service.readmodel.builds - builds),
        }
    finally:
        service.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.72)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--big-store", type=Path, help="an existing landscape store (copied)")
    parser.add_argument("--skip-big", action="store_true", help="the shipped data only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-trust-") as name:
        work = Path(name)
        stores = {"shipped": shipped_store(work / "shipped")}
        if not args.skip_big:
            (work / "big").mkdir()
            stores["1M"] = landscape_store(work / "big", args.scale, args.big_store)
        results = {}
        for label, store in stores.items():
            results[label] = measure_update(label, store, work)
            results[label].update(measure_server(label, store, work, args.repeat))
    names = list(next(iter(results.values())))
    print(f"{'':62} " + " ".join(f"{label:>10}" for label in results))
    for figure in names:
        print(f"{figure:62} " + " ".join(f"{results[label][figure]:>10.2f}" for label in results))
    print(
        f"\nrerun: {RERUN} --repeat {args.repeat}"
        + (f" --big-store {args.big_store}" if args.big_store else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
