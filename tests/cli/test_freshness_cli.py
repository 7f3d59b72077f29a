"""`bildungsgraph freshness`: the freshness view of a Kommune as a table, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bildungsgraph.cli import main
from bildungsgraph.service import BildungsGraph


@pytest.fixture
def store_dir(loaded_service: BildungsGraph) -> Path:
    path = loaded_service.store.path
    loaded_service.close()
    return path


def run(store: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--store", str(store), "freshness", *args])
    return result.exit_code, result.output


def test_freshness_in_three_formats(store_dir: Path) -> None:
    code, output = run(store_dir, "--kommune", "05114", "--today", "2030-01-01", "--format", "json")
    assert code == 0, output
    body = json.loads(output)
    assert body["today"] == "2030-01-01" and body["months"] == 12
    assert body["share"]["fresh"] == 0 and body["total"] == body["share"]["records"] > 0
    code, output = run(
        store_dir,
        "--kommune",
        "05114",
        "--today",
        "2030-01-01",
        "--kind",
        "networks",
        "--format",
        "csv",
    )
    rows = list(csv.reader(io.StringIO(output.lstrip("\ufeff"))))
    assert code == 0 and rows[0][:3] == ["Art", "Kennung", "Name"]
    networks = next(s for s in body["shares"] if s["kind"] == "networks")["records"]
    assert len(rows) == 1 + networks and {r[0] for r in rows[1:]} == {"Netzwerk"}
    code, output = run(store_dir, "--kommune", "05114", "--months", "240")
    assert code == 0 and "Krefeld" in output and "aktuell" in output
    code, output = run(store_dir, "--kommune", "05999")
    assert code != 0 and "05999" in output
