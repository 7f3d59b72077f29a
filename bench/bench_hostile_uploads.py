"""Benchmark: time and peak memory of reading each class of hostile upload, against a normal
upload of similar size read in the same run.

    python bench/bench_hostile_uploads.py            # every class, each in a fresh process
    python bench/bench_hostile_uploads.py --only csv-400k-rows

Every file is built first (in a temporary directory), then read by ``read_contribution`` in a
fresh subprocess (after the template model is loaded there, so start-up cost is not counted).
The child reports the wall time, the peak RSS, and the growth of RSS over its state before
reading. Each hostile class is paired with a normal file of similar size (or the largest normal
one, when the hostile size is beyond any normal upload); the ratios hostile/normal show that
refusing a hostile file costs no more than reading a normal one. Aims: each hostile class is
refused in under 2 s and grows the process by well under 500 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bildungsgraph.namespaces import ID  # noqa: E402

HEADER = "Kennung;Name;Akteurstyp;Beschreibung\n"
COMMAND = "python bench/bench_hostile_uploads.py"


def _rows(count: int) -> str:
    return "".join(f"b-{i};Verein {i};library;Treffpunkt im Quartier {i}\n" for i in range(count))


def _xlsx(rows: int, bomb_bytes: int = 0) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("akteure")
    sheet.append(["Kennung", "Name", "Akteurstyp", "Beschreibung"])
    for i in range(rows):
        sheet.append([f"b-{i}", f"Verein {i}", "library", f"Treffpunkt im Quartier {i}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    if bomb_bytes:
        with (
            zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
            archive.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as handle,
        ):
            chunk = b" " * 10_000_000
            for _ in range(bomb_bytes // len(chunk)):
                handle.write(chunk)
    return buffer.getvalue()


def _turtle(records: int) -> str:
    """Two triples per record."""
    lines = [f"@prefix a: <{ID}actor/> .\n@prefix s: <https://schema.org/> .\n"]
    lines += [f'a:t{i} a s:Thing ; s:name "T{i}" .\n' for i in range(records)]
    return "".join(lines)


def _jsonld(records: int) -> str:
    return json.dumps(
        {
            "@graph": [
                {
                    "@id": f"{ID}actor/j{i}",
                    "@type": "https://schema.org/Thing",
                    "https://schema.org/name": f"J{i}",
                }
                for i in range(records)
            ]
        }
    )


# class → (file name, builder); the normal baseline of each hostile class follows it
CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "xlsx-zip-bomb-1gb": ("bombe.xlsx", lambda: _xlsx(10, bomb_bytes=1_000_000_000)),
    "normal-xlsx-20k-rows": ("akteure.xlsx", lambda: _xlsx(20_000)),
    "csv-400k-rows": ("akteure.csv", lambda: (HEADER + _rows(400_000)).encode()),
    "normal-csv-50k-rows": ("akteure.csv", lambda: (HEADER + _rows(50_000)).encode()),
    "csv-100k-columns": (
        "akteure.csv",
        lambda: (";".join(f"Spalte{i}" for i in range(100_000)) + "\n").encode(),
    ),
    "csv-5mb-cell": (
        "akteure.csv",
        lambda: (HEADER + "b-1;V;library;" + "x" * 5_000_000 + "\n").encode(),
    ),
    "normal-csv-20k-rows": ("akteure.csv", lambda: (HEADER + _rows(20_000)).encode()),
    "turtle-1m-triples": ("gross.ttl", lambda: _turtle(500_000).encode()),
    "normal-turtle-24k-triples": ("akteure.ttl", lambda: _turtle(12_000).encode()),
    "jsonld-50000-deep": (
        "tief.jsonld",
        lambda: b'{"urn:p": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    ),
    "turtle-nested-collections": (
        "tief.ttl",
        lambda: f"<{ID}actor/x> <urn:p> ".encode() + b"(" * 50_000 + b")" * 50_000 + b" .",
    ),
    "normal-jsonld-300-records": ("akteure.jsonld", lambda: _jsonld(300).encode()),
}
BASELINE = {
    "xlsx-zip-bomb-1gb": "normal-xlsx-20k-rows",
    "csv-400k-rows": "normal-csv-50k-rows",
    "csv-100k-columns": "normal-csv-20k-rows",
    "csv-5mb-cell": "normal-csv-20k-rows",
    "turtle-1m-triples": "normal-turtle-24k-triples",
    "jsonld-50000-deep": "normal-jsonld-300-records",
    "turtle-nested-collections": "normal-jsonld-300-records",
}


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def _child(path: Path, name: str, max_rows: int) -> None:
    """Read one file (in this fresh process) and print the figures as JSON."""
    import openpyxl  # noqa: F401 - imported on first use by the reader; not counted here

    from bildungsgraph.ingest import read_contribution
    from bildungsgraph.shapes import template_model

    template_model()
    data = path.read_bytes()
    before = _rss_mb()
    started = time.perf_counter()
    mapped = read_contribution([(name, data)], max_rows=max_rows)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak,
                "growth_mb": max(peak - before, 0.0),
                "records": len(mapped.subjects),
                "problems": sorted(
                    {p.constraint or "" for p in mapped.problems if p.severity == "Violation"}
                ),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only these classes (and baselines)")
    parser.add_argument("--max-rows", type=int, default=50_000)
    parser.add_argument("--child", nargs=2, metavar=("PATH", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(Path(args.child[0]), args.child[1], args.max_rows)
        return
    wanted = set(args.only or CASES)
    wanted |= {BASELINE[c] for c in wanted if c in BASELINE}
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for case, (name, build) in CASES.items():
            if case not in wanted:
                continue
            path = Path(tmp) / case
            path.write_bytes(build())
            run = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(path),
                    name,
                    "--max-rows",
                    str(args.max_rows),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results[case] = json.loads(run.stdout.strip().splitlines()[-1])
            results[case]["size_mb"] = path.stat().st_size / 1e6
    print(
        f"{'class':28} {'size MB':>8} {'time s':>7} {'peak RSS MB':>11} {'growth MB':>9} "
        f"{'t ratio':>7} {'mem ratio':>9}  refused as"
    )
    for case, figures in results.items():
        base = results.get(BASELINE.get(case, ""))
        t_ratio = m_ratio = ""
        if base:
            t_ratio = f"{float(figures['seconds']) / max(float(base['seconds']), 1e-3):.2f}"
            m_ratio = f"{float(figures['growth_mb']) / max(float(base['growth_mb']), 1.0):.2f}"
        problems = ", ".join(figures["problems"]) or f"{figures['records']} records"  # type: ignore[arg-type]
        print(
            f"{case:28} {figures['size_mb']:>8.2f} {figures['seconds']:>7.2f} "
            f"{figures['peak_mb']:>11.0f} {figures['growth_mb']:>9.0f} {t_ratio:>7} "
            f"{m_ratio:>9}  {problems}"
        )
    print(f"\nratios: hostile / its normal baseline (same run). Rerun: {COMMAND}")


if __name__ == "__main__":
    main()
