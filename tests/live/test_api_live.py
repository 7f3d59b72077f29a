"""The REST API in a real uvicorn process: the OpenAPI contract under fuzzing (schemathesis,
every default check) and no half-stored contribution when the process is killed with SIGKILL
in the middle."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from bildungsgraph.accounts import AccountStore, accounts_path
from bildungsgraph.config import EXAMPLE_DIR
from bildungsgraph.namespaces import BG, PROV
from bildungsgraph.store import open_store
from serverprocess import free_port
from storecopy import copy_store

pytestmark = [pytest.mark.live, pytest.mark.slow]
# every documented route but the dump downloads (each writes a full dump of the store)
EXCLUDED_ROUTES = "^/dumps/"
LIVE_DIR = Path(__file__).parent
CONTRIBUTION_PREFIX = "https://w3id.org/bildungsgraph/graph/contribution/"


@contextmanager
def server(store: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """uvicorn with the app factory on a free port, ready to answer."""
    port = free_port()
    env = {**os.environ, "BILDUNGSGRAPH_STORE": str(store)}
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bildungsgraph.web.app:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port)],
            stdout=output, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the server did not start"
            try:
                if httpx.get(f"{url}/api/vocab", timeout=30).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def store_copy(loaded_store_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store"
    copy_store(loaded_store_dir, path)
    return path


def test_schemathesis_finds_no_contract_failure(store_copy: Path, tmp_path: Path) -> None:
    """Every default check of schemathesis: documented statuses, media types and headers
    (``Allow`` on 405), response schemas, valid values accepted and invalid ones rejected.
    Writing routes are fuzzed without a token (401): a contribution with fuzzed files is
    validated in full, far too slow for a fuzzer's thousands of requests."""
    # Beside the interpreter: scripts/test runs .venv/bin/python without the venv on PATH.
    st = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert st, "schemathesis is in the test extra"
    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(LIVE_DIR / "schemathesis_hooks.py")}
    with server(store_copy, tmp_path / "server.log") as (url, _):
        httpx.get(f"{url}/api/actors?page_size=1", timeout=300)  # build the index once
        result = subprocess.run(
            [st, "--config-file", str(LIVE_DIR / "schemathesis.toml"),
             "run", f"{url}/openapi.json", "--exclude-path-regex", EXCLUDED_ROUTES,
             "--max-examples", "10", "--seed", "4", "--request-timeout", "60", "--workers", "2"],
            capture_output=True, text=True, timeout=1500, cwd=tmp_path, env=env,
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:]
    assert "passed" in result.stdout


def _post(url: str, token: str, files: list[tuple[str, bytes]], outcome: dict[str, object]) -> None:
    try:
        response = httpx.post(
            f"{url}/api/contributions",
            headers={"Authorization": f"Bearer {token}"},
            files=[("files", item) for item in files],
            timeout=600,
        )
        outcome["status"] = response.status_code
    except httpx.TransportError as exc:
        outcome["error"] = type(exc).__name__


def _example_under_new_kennungen(names: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """The example's files with every Kennung renamed (``kill-`` + Kennung), also where a
    cell refers to one: the example's own records belong to the example graph, so a new
    contribution must bring records of its own."""
    tables = [
        list(csv.reader(io.StringIO((EXAMPLE_DIR / n).read_text("utf-8-sig")))) for n in names
    ]
    kennungen = {row[0] for rows in tables for row in rows[1:] if row}
    files = []
    for name, rows in zip(names, tables, strict=True):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(rows[0])
        for row in rows[1:]:
            writer.writerow(
                [
                    " | ".join(
                        f"kill-{part}" if part in kennungen else part for part in cell.split(" | ")
                    )
                    for cell in row
                ]
            )
        files.append((name, out.getvalue().encode("utf-8")))
    return files


def _check_whole(store_path: Path) -> list[str]:
    """Every contribution graph holds its provenance and one record per declared row."""
    store = open_store(store_path)
    try:
        found = []
        for name in store.graph_names():
            if not name.startswith(CONTRIBUTION_PREFIX):
                continue
            graph: Graph = store.get_graph(name)
            subject = URIRef(name)
            assert (subject, RDF.type, BG.Contribution) in graph
            declared = sum(
                int(graph.value(f, BG.rowCount))
                for f in graph.objects(subject, PROV.wasDerivedFrom)
            )
            records = {
                s
                for cls in (BG.EducationActor, BG.Site, BG.EducationOffer)
                for s in graph.subjects(RDF.type, cls)
            }
            assert len(records) == declared, (name, len(records), declared)
            found.append(name)
        return found
    finally:
        store.close()


def test_sigkill_in_the_middle_of_a_contribution_loses_nothing_and_halves_nothing(
    store_copy: Path, tmp_path: Path
) -> None:
    accounts = AccountStore(accounts_path(store_copy))
    _, token = accounts.create("Landesstelle", [], admin=True)
    accounts.close()
    files = _example_under_new_kennungen(("akteure.csv", "standorte.csv", "angebote.csv"))
    log = tmp_path / "server.log"
    killed_before_storing = 0
    for delay in (0.5, 2.0, 5.0):
        with server(store_copy, log) as (url, process):
            outcome: dict[str, object] = {}
            request = threading.Thread(target=_post, args=(url, token, files, outcome))
            request.start()
            time.sleep(delay)
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            request.join(60)
        assert "error" in outcome or outcome.get("status") == 201
        stored = _check_whole(store_copy)
        killed_before_storing += not stored
    assert killed_before_storing, "no kill landed before the write; lengthen the contribution"
    with server(store_copy, log) as (url, _):
        outcome = {}
        _post(url, token, files, outcome)
        assert outcome.get("status") in (200, 201), outcome
    assert len(_check_whole(store_copy)) == 1
