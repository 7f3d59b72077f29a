"""The whole service on each remote server: the mini store loaded through bildungsgraph, every
public route answering as on the embedded store (REST listings, gaps, networks, pages), the
contribution pipeline, and two processes sharing one store and one read model."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from bildungsgraph.config import Settings
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import RemoteSparqlStore, open_store
from bildungsgraph.web import create_app
from ministore import MINI_KREIS, MiniCut
from remotefixtures import SERVERS, connection_to
from remoteservers import OxigraphServer, RemoteServer, VirtuosoServer
from routes import PUBLIC
from storecopy import copy_store

SERVER_CLASSES: dict[str, type[RemoteServer]] = {
    "oxigraph": OxigraphServer,
    "virtuoso": VirtuosoServer,
}
# answers that differ by nature between two installations (states, timings, file sizes)
UNCOMPARED = {"/healthz", "/metrics", "/dumps", "/dumps/{name}", "/openapi.json"}


@dataclass
class RemoteMini:
    server: RemoteServer
    settings: Settings


@pytest.fixture(scope="module", params=SERVERS)
def remote_mini(
    request: pytest.FixtureRequest, mini_cut: MiniCut, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RemoteMini]:
    """A server of its own holding the mini store, loaded through bildungsgraph, and the
    settings that name it (side files in a directory of their own)."""
    work = tmp_path_factory.mktemp(f"remote-{request.param}")
    with SERVER_CLASSES[request.param](work / "server") as server:
        side = work / "side" / "store"
        service = BildungsGraph(RemoteSparqlStore(connection_to(server)), side)
        service.loading.load_schema()
        service.loading.load_files(mini_cut.reference)
        outcome = service.loading.load_example(directory=mini_cut.example)
        assert outcome.stored, outcome.report.to_text("en")
        service.close()
        yield RemoteMini(server, Settings.from_env(side, **server.settings_overrides()))


@pytest.fixture(scope="module")
def remote_client(remote_mini: RemoteMini) -> Iterator[TestClient]:
    """The app as ``serve`` starts it on the remote store (it opens the store itself)."""
    with TestClient(create_app(remote_mini.settings)) as client:
        yield client


@pytest.fixture(scope="module")
def embedded_client(
    mini_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    copy = copy_store(mini_store_dir, tmp_path_factory.mktemp("embedded") / "store")
    service = BildungsGraph(open_store(copy))
    with TestClient(create_app(service=service)) as client:
        yield client
    service.close()


@pytest.mark.parametrize("path", sorted(PUBLIC))
def test_every_public_route_answers_as_on_the_embedded_store(
    remote_client: TestClient, embedded_client: TestClient, path: str
) -> None:
    url, media_type = PUBLIC[path]
    remote, embedded = remote_client.get(url), embedded_client.get(url)
    assert remote.status_code == 200, remote.text[:500]
    assert remote.headers["content-type"].split(";")[0] == media_type
    if path in UNCOMPARED:
        return
    if media_type == "application/json":
        assert remote.json() == embedded.json()
    elif media_type == "text/csv":
        assert sorted(remote.text.splitlines()) == sorted(embedded.text.splitlines())
    elif media_type == "text/turtle":
        assert isomorphic(_graph(remote.text), _graph(embedded.text))


def _graph(turtle: str) -> Graph:
    """The triples, without the times of the load (each installation loaded at its time)."""
    graph = Graph().parse(data=turtle, format="turtle")
    for triple in list(graph):
        if isinstance(triple[2], Literal) and triple[2].datatype == XSD.dateTime:
            graph.remove(triple)
    return graph


def _actors(kennung: str, name: str) -> list[tuple[str, tuple[str, bytes]]]:
    rows = (
        f"Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n{kennung},{name},association,{MINI_KREIS}\n"
    )
    return [("files", ("akteure.csv", rows.encode()))]


def _listed(client: TestClient, kennung: str) -> bool:
    answer = client.get("/api/actors", params={"kommune": MINI_KREIS, "page_size": 500})
    assert answer.status_code == 200, answer.text
    return any(kennung in str(item) for item in answer.json()["items"])


def test_a_contribution_is_stored_listed_withdrawn_and_restored(
    remote_client: TestClient,
) -> None:
    service = remote_client.app.state.service  # type: ignore[attr-defined]
    _, token = service.accounts.create("Kreis Viersen (Test, remote)", [MINI_KREIS])
    bearer = {"Authorization": f"Bearer {token}"}
    stored = remote_client.post(
        "/api/contributions", headers=bearer, files=_actors("r-lesecafe", "Lesecafé")
    )
    assert stored.status_code == 201, stored.text
    assert _listed(remote_client, "r-lesecafe")
    path = f"/api/contributions/{stored.json()['id']}"
    assert remote_client.delete(path, headers=bearer).status_code == 200
    assert not _listed(remote_client, "r-lesecafe")
    assert remote_client.post(f"{path}/restore", headers=bearer).status_code == 200
    assert _listed(remote_client, "r-lesecafe")


def test_a_broken_upload_changes_nothing(remote_client: TestClient) -> None:
    service = remote_client.app.state.service  # type: ignore[attr-defined]
    _, token = service.accounts.create("Kreis Viersen (Test, broken)", [MINI_KREIS])
    before = service.store.graph_sizes()
    broken = [("files", ("akteure.csv", b"Kennung,Name\nr-ohne-typ,\n"))]
    answer = remote_client.post(
        "/api/contributions", headers={"Authorization": f"Bearer {token}"}, files=broken
    )
    assert answer.status_code == 422, answer.text
    assert service.store.graph_sizes() == before


def test_two_processes_share_the_store_and_the_read_model(remote_mini: RemoteMini) -> None:
    first = BildungsGraph.open(remote_mini.settings)
    second = BildungsGraph.open(remote_mini.settings)
    try:
        before = second.readmodel.current()
        builds = first.readmodel.builds + second.readmodel.builds
        outcome = first.contributions.contribute(
            [("akteure.csv", _actors("r-treff", "Treff")[0][1][1])], "Prozess eins"
        )
        assert outcome.stored, outcome.report.to_text("en")
        second.store.sync()
        after = second.readmodel.current()
        assert after.state == first.readmodel.current().state != before.state
        assert any("r-treff" in key for key in after.snapshot.records["actors"])
        # the second process writes on top of the first one's write and keeps it
        outcome = second.contributions.contribute(
            [("akteure.csv", _actors("r-zwei", "Zwei")[0][1][1])], "Prozess zwei"
        )
        assert outcome.stored
        first.store.sync()
        keys = first.readmodel.current().snapshot.records["actors"]
        assert any("r-treff" in key for key in keys) and any("r-zwei" in key for key in keys)
        assert first.readmodel.builds + second.readmodel.builds == builds  # no rebuild
    finally:
        first.close()
        second.close()
