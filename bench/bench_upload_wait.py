"""Benchmark: does one account's large upload make another account's small dry run wait?

    python bench/bench_upload_wait.py                 # 1,000-row upload vs a 6-row dry run
    python bench/bench_upload_wait.py --rows 300 --repeat 3   # quicker

Builds an on-disk store with the schema and the official reference data, creates two accounts
(Kreis Olpe and Kreis Heinsberg) and measures, through the service (``contribute_as``, as the
REST API calls it):

1. the small upload alone: a 6-row dry run (two actors, two sites, an offer, a cooperation)
   of the Heinsberg account, median of ``--repeat`` runs;
2. the same dry run, repeated while the Olpe account's ~1,000-row upload (six CSV files,
   stored, withdrawn again afterwards) reads, validates and writes in another thread — once
   with its SHACL in this process (the baseline) and once in a worker process (as shipped:
   ``contribution.APART_FROM_TRIPLES``);

and prints the ratio during/alone (aim: at most 2), the large upload's own time, and how long
the final check and the write held the write lock.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_validation import contribution_files  # noqa: E402

from bildungsgraph import contribution  # noqa: E402
from bildungsgraph.accounts import Account  # noqa: E402
from bildungsgraph.service import BildungsGraph  # noqa: E402
from bildungsgraph.service.contributions import Contributions  # noqa: E402
from bildungsgraph.store import open_store  # noqa: E402

SMALL = [
    (
        "akteure.csv",
        "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
        "hs-vhs,VHS Heinsberg,adult-education-centre,05370\n"
        "hs-bib,Stadtbücherei Heinsberg,library,05370016\n",
    ),
    (
        "standorte.csv",
        "Kennung,Akteur,Bezeichnung,Straße,PLZ,Ort,Gemeinde\n"
        "hs-vhs-s1,hs-vhs,VHS,Markt 1,52525,Heinsberg,05370016\n"
        "hs-bib-s1,hs-bib,Bücherei,Markt 2,52525,Heinsberg,05370016\n",
    ),
    (
        "angebote.csv",
        "Kennung,Titel,Anbieter,Lebensphase,Themenfeld,Format,Angebotsart,"
        "Standort,Gebiet\n"
        "hs-lesen,Lesestart,hs-bib,early-childhood,language-literacy,presence,"
        "course,hs-bib-s1,05370016\n",
    ),
    (
        "kooperationen.csv",
        "Kennung,Bezeichnung,Partner,Kooperationsform,Gebiet\n"
        "hs-koop,Lesepartner,hs-vhs | hs-bib,project-partnership,05370\n",
    ),
]


def small_files() -> list[tuple[str, bytes]]:
    return [(name, text.encode("utf-8")) for name, text in SMALL]


def build_store(path: Path) -> BildungsGraph:
    service = BildungsGraph(open_store(path))
    service.loading.load_schema()
    service.loading.load_reference()
    return service


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000, help="rows of the large upload")
    parser.add_argument("--repeat", type=int, default=5, help="small runs alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        large = contribution_files(root, args.rows)
        rows = sum(content.count(b"\n") - 1 for _, content in large)
        service = build_store(root / "store")
        try:
            olpe, _ = service.accounts.create("Bildungsbüro Kreis Olpe", ["05966"])
            heinsberg, _ = service.accounts.create("Bildungsbüro Kreis Heinsberg", ["05370"])
            contributions = service.contributions

            def small() -> float:
                started = time.perf_counter()
                outcome = contributions.contribute_as(small_files(), heinsberg, dry_run=True)
                assert outcome.report.conforms, outcome.report.to_text("en")
                return time.perf_counter() - started

            small()  # warm up: shapes, vocabularies and templates are parsed once
            alone = [small() for _ in range(args.repeat)]

            runs: dict[str, tuple[float, float, list[float]]] = {}
            for mode, apart_from in (
                ("in this process", 10**9),
                ("in a worker process", contribution.APART_FROM_TRIPLES),
            ):
                contribution.APART_FROM_TRIPLES = 0
                small()  # warm up: a server starts its workers (and their caches) once
                contribution.APART_FROM_TRIPLES = apart_from
                runs[mode] = _during(service, contributions, large, olpe, small)
        finally:
            service.close()
    t_alone = statistics.median(alone)
    print(f"large upload: {rows} rows in {len(large)} CSV files (Kreis Olpe), stored")
    print(
        f"small dry run (6 rows, Kreis Heinsberg) alone: {t_alone:.3f} s (median of {len(alone)})"
    )
    for mode, (took, held, during) in runs.items():
        t_during = statistics.median(during)
        print(
            f"SHACL of the large upload {mode}: large upload {took:.2f} s, write lock held "
            f"{held:.3f} s; small dry run meanwhile {t_during:.3f} s (median of "
            f"{len(during)}, longest {max(during):.3f} s): ratio during/alone "
            f"{t_during / t_alone:.2f} (aim <= 2)"
        )
    print("RERUN: " + " ".join(["python bench/bench_upload_wait.py", *sys.argv[1:]]))
    return 0


def _during(
    service: BildungsGraph,
    contributions: Contributions,
    large: list[tuple[str, bytes]],
    account: Account,
    small: Callable[[], float],
) -> tuple[float, float, list[float]]:
    """Run the large upload in a thread and the small dry run over and over meanwhile; the
    large one is withdrawn again afterwards. Returns its time, the longest hold of the write
    lock and the small runs' times."""
    done = threading.Event()
    took: list[float] = []

    def upload() -> None:
        started = time.perf_counter()
        outcome = contributions.contribute_as(large, account)
        took.append(time.perf_counter() - started)
        done.set()
        assert outcome.stored, outcome.report.to_text("en")
        contributions.withdraw(str(outcome.graph), account)

    timer = _LockTimer(service.writer.lock)
    service.writer.lock = timer  # type: ignore[assignment]
    thread = threading.Thread(target=upload)
    thread.start()
    during: list[float] = []
    while not done.is_set():
        during.append(small())
    thread.join()
    service.writer.lock = timer._lock  # type: ignore[assignment]
    return took[0], timer.longest, during


class _LockTimer:
    """Wraps the writer's lock to record how long each holder kept it."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self._depth = 0
        self._since = 0.0
        self.longest = 0.0
        self.count = 0

    def __enter__(self) -> _LockTimer:
        self._lock.acquire()
        self._depth += 1
        if self._depth == 1:
            self._since = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.longest = max(self.longest, time.perf_counter() - self._since)
            self.count += 1
        self._lock.release()


if __name__ == "__main__":
    raise SystemExit(main())
