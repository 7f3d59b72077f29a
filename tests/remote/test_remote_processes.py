"""The command line and ``serve --web-processes`` on a remote store (the Oxigraph server, the
faster to start): every command works there, several web processes answer every route and see
each other's writes, and the embedded store refuses more than one web process."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from bildungsgraph.cli import main
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import RemoteSparqlStore
from ministore import MINI_KREIS, MiniCut
from remotefixtures import connection_to
from remoteservers import OxigraphServer
from serverprocess import running_server

DATA = Path(__file__).resolve().parents[1] / "data" / "api"


@dataclass
class Loaded:
    side: Path  # the side files' place (--store)
    env: dict[str, str]  # the environment naming the remote store
    token: str  # an account of the mini Kreis


@pytest.fixture(scope="module")
def loaded(mini_cut: MiniCut, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """An Oxigraph server of its own with the mini store and an account, loaded through
    bildungsgraph."""
    work = tmp_path_factory.mktemp("processes")
    with OxigraphServer(work / "server") as server:
        side = work / "side" / "store"
        service = BildungsGraph(RemoteSparqlStore(connection_to(server)), side)
        service.loading.load_schema()
        service.loading.load_files(mini_cut.reference)
        assert service.loading.load_example(directory=mini_cut.example).stored
        _, token = service.accounts.create("Kreis Viersen (Prozesse)", [MINI_KREIS])
        service.close()
        env = {
            "BILDUNGSGRAPH_STORE_URL": server.query_url,
            "BILDUNGSGRAPH_UPDATE_URL": server.update_url,
            "BILDUNGSGRAPH_GSP_URL": server.gsp_url,
        }
        yield Loaded(side, env, token)


def _run(loaded: Loaded, *args: str) -> str:
    result = CliRunner(env=loaded.env).invoke(main, ["--store", str(loaded.side), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.output


def test_the_commands_work_on_the_remote_store(loaded: Loaded) -> None:
    stats = json.loads(_run(loaded, "stats", "--json"))
    assert stats["graphs"], stats
    municipalities = "SELECT (COUNT(*) AS ?n) WHERE { ?k a bg:Municipality }"
    assert int(_run(loaded, "query", "--format", "csv", municipalities).split()[1]) > 1
    gaps = json.loads(_run(loaded, "gaps", "--kommune", MINI_KREIS, "--format", "json"))
    assert gaps
    contributed = json.loads(
        _run(loaded, "contribute", str(DATA / "akteure.csv"), "--contributor", "CLI", "--json")
    )
    contribution = contributed["graph"].rsplit("/", 1)[-1]
    assert contribution in _run(loaded, "contributions", "list")
    _run(loaded, "contributions", "withdraw", contribution, "--yes")
    export = _run(loaded, "export", "--format", "nt")
    assert "<https://w3id.org/bildungsgraph/id/kommune/" in export
    assert "graph/system/" not in export  # the remote store's bookkeeping stays its own


@pytest.mark.live
def test_several_web_processes_answer_and_follow_each_others_writes(
    loaded: Loaded, tmp_path: Path
) -> None:
    with running_server(
        loaded.side, tmp_path / "serve.log", "/healthz", "--web-processes", "2", env=loaded.env
    ) as url:
        bearer = {"Authorization": f"Bearer {loaded.token}"}
        rows = f"Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\np-treff,Treff,association,{MINI_KREIS}\n"
        stored = httpx.post(
            f"{url}/api/contributions",
            headers=bearer,
            files=[("files", ("akteure.csv", rows.encode()))],
            timeout=60,
        )
        assert stored.status_code == 201, stored.text
        deadline = time.monotonic() + 10
        while True:  # another process sees the write within its state's cache (about 1 s)
            seen = [
                "p-treff" in httpx.get(f"{url}/api/actors", params={"q": "Treff"}).text
                for _ in range(20)
            ]
            if all(seen) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert all(seen)
        log = (tmp_path / "serve.log").read_text()
        assert log.count("Application startup complete") == 2, log[-2000:]


def test_the_embedded_store_refuses_several_web_processes(tmp_path: Path) -> None:
    result = CliRunner(env={"BILDUNGSGRAPH_STORE_URL": None}).invoke(
        main, ["--store", str(tmp_path / "store"), "serve", "--web-processes", "2"]
    )
    assert result.exit_code != 0
    assert "remote store" in result.output
