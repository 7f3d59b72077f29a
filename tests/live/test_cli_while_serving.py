"""The command line works while ``bildungsgraph serve`` holds the store: read commands read the
server's latest checkpoint, write commands name the server instead of a RocksDB lock error,
and a restart of the server starts from its saved read model."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bildungsgraph.store.checkpoints import latest
from serverprocess import running_server
from storecopy import copy_store

pytestmark = pytest.mark.live


def _cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bildungsgraph", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _checkpoint_of(store: Path, state: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = latest(store)
        if found is not None and found[1] == state:
            return
        time.sleep(0.2)
    raise AssertionError(f"no checkpoint of state {state}")


def test_read_commands_work_and_writes_name_the_server(
    loaded_store_dir: Path, tmp_path: Path
) -> None:
    store = copy_store(loaded_store_dir, tmp_path / "store")
    with running_server(store, tmp_path / "server.log", "/api/kommunen/05166") as url:
        state = httpx.get(f"{url}/api/kommunen/05166").headers["bildungsgraph-state"]
        _checkpoint_of(store, state)
        stats = _cli(store, "stats", "--json")
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["records"]["EducationActor"] > 1000
        query = _cli(
            store,
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s a "
            "<https://w3id.org/bildungsgraph/ontology#Cooperation> }",
            "--format",
            "csv",
        )
        assert query.returncode == 0 and query.stdout.splitlines()[1].strip().isdigit()
        for args in (
            ("templates", str(tmp_path / "templates")),
            ("gaps", "--kommune", "05166", "--format", "json"),
            ("network", "--kommune", "05166", "--format", "json"),
            ("contributions", "list"),
            ("export", "--format", "nq", "-o", str(tmp_path / "all.nq")),
        ):
            done = _cli(store, *args)
            assert done.returncode == 0, (args, done.stderr)
            assert "lock" not in done.stderr.lower()
        assert (tmp_path / "all.nq").stat().st_size > 1_000_000

        upload = tmp_path / "akteure.csv"
        upload.write_text(
            "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
            "05166-cli-probe,Bücherei CLI,library,05166004\n",
            encoding="utf-8",
        )
        refused = _cli(store, "contribute", str(upload), "--contributor", "Test")
        assert refused.returncode != 0
        assert url in refused.stderr and "/api/contributions" in refused.stderr
        assert "lock" not in refused.stderr.lower()


def test_a_restarted_server_starts_from_its_saved_read_model(
    loaded_store_dir: Path, tmp_path: Path
) -> None:
    store = copy_store(loaded_store_dir, tmp_path / "store")
    log = tmp_path / "server.log"
    with running_server(store, log, "/api/kommunen/05166") as url:
        first = httpx.get(f"{url}/api/kommunen/05166").json()["counts"]
    saved = store.parent / f"{store.name}-readmodel" / "view.pickle"
    written = saved.stat().st_mtime_ns
    with running_server(store, log, "/api/kommunen/05166") as url:
        assert httpx.get(f"{url}/api/kommunen/05166").json()["counts"] == first
    # a server that had to build its view would save it when it stops
    assert saved.stat().st_mtime_ns == written
