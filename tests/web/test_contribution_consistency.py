"""The store and the account database agree about every contribution, also after a crash
between the two writes; restoring belongs to the contributor; withdrawn contributions keep
their title, time and counts; reading and validating never wait for the write lock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bildungsgraph import contribution
from bildungsgraph.accounts import Account
from bildungsgraph.config import Settings
from bildungsgraph.errors import StoreError
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow
ACTORS = "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"


class Killed(BaseException):
    """The process dies here (nothing after it runs, not even ``except Exception``)."""


def actors(*rows: str) -> list[tuple[str, bytes]]:
    return [("akteure.csv", (ACTORS + "".join(f"{row}\n" for row in rows)).encode())]


@pytest.fixture
def viersen(loaded_service: BildungsGraph) -> Account:
    return loaded_service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])[0]


def restart(service: BildungsGraph) -> BildungsGraph:
    """Open the store again as after a kill: the old process saved nothing on its way out."""
    path = service.store.path
    assert path is not None
    service.accounts.close()
    service.store.close()
    return BildungsGraph(open_store(path))


def test_a_crash_after_the_store_write_keeps_the_report(
    loaded_service: BildungsGraph, viersen: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    def die(graph: str, stored: bool) -> None:
        raise Killed

    monkeypatch.setattr(loaded_service.accounts, "settle_report", die)
    with pytest.raises(Killed):
        loaded_service.contributions.contribute_as(
            actors("cc-treff,Treff,association,05166"), viersen, title="Treff"
        )
    assert loaded_service.accounts.reports_of(viersen.id) == {}  # only pending so far
    restarted = restart(loaded_service)
    try:
        [item] = restarted.contributions.of_account(viersen)
        assert (item.status, item.title, item.rows) == ("stored", "Treff", 1)
        assert item.report["records"] == 1 and item.report["conforms"]
        assert restarted.contributions.report(item.id) == item.report
        assert restarted.accounts.pending() == {}
    finally:
        restarted.close()


def test_a_crash_before_the_store_write_keeps_the_old_version_and_its_report(
    loaded_service: BildungsGraph, viersen: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = loaded_service
    first = service.contributions.contribute_as(
        actors("cc-alt,Alt,association,05166"), viersen, title="Erste Fassung"
    )
    assert first.stored
    contribution_id = first.graph.rsplit("/", 1)[-1]
    old_report = service.contributions.report(contribution_id)
    sizes = service.store.graph_sizes()

    def die(*args: object) -> None:
        raise Killed

    monkeypatch.setattr(service.store, "replace_graph", die)
    monkeypatch.setattr(service.accounts, "settle_report", die)
    with pytest.raises(Killed):
        service.contributions.contribute_as(
            actors("cc-alt,Neu,association,05166", "cc-neu,Zweiter,association,05166"),
            viersen,
            replace=contribution_id,
        )
    assert service.accounts.pending()  # the new version's report is pending
    restarted = restart(service)
    try:
        assert restarted.store.graph_sizes() == sizes
        assert restarted.accounts.pending() == {}
        assert restarted.contributions.report(contribution_id) == old_report
        [item] = restarted.contributions.of_account(viersen)
        assert item.report["records"] == 1 and item.rows == 1
    finally:
        restarted.close()


def test_a_failed_store_write_keeps_no_report(
    loaded_service: BildungsGraph, viersen: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(loaded_service.store, "replace_graph", fail)
    with pytest.raises(StoreError):
        loaded_service.contributions.contribute_as(
            actors("cc-voll,Voll,association,05166"), viersen
        )
    assert loaded_service.accounts.pending() == {}
    assert loaded_service.accounts.reports_of(viersen.id) == {}


def test_a_crash_after_a_withdrawal_keeps_it_restorable(
    loaded_service: BildungsGraph, viersen: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = loaded_service.contributions.contribute_as(
        actors("cc-zurueck,Zurück,association,05166"), viersen
    )
    contribution_id = stored.graph.rsplit("/", 1)[-1]
    writer = loaded_service.writer
    real_write = writer.write

    def write_then_die(*args: object, **kwargs: object) -> object:
        real_write(*args, **kwargs)  # type: ignore[arg-type]
        raise Killed

    monkeypatch.setattr(writer, "write", write_then_die)
    with pytest.raises(Killed):
        loaded_service.contributions.withdraw(contribution_id, viersen)
    restarted = restart(loaded_service)
    try:
        assert restarted.contributions.status(contribution_id) == "withdrawn"
        [item] = restarted.contributions.of_account(viersen)
        assert item.status == "withdrawn" and item.restorable
        assert restarted.contributions.restore(contribution_id, viersen) > 0
        assert restarted.contributions.status(contribution_id) == "stored"
    finally:
        restarted.close()


def test_a_withdrawal_that_did_not_land_keeps_no_copy(
    loaded_service: BildungsGraph, viersen: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = loaded_service.contributions.contribute_as(
        actors("cc-bleibt,Bleibt,association,05166"), viersen
    )
    contribution_id = stored.graph.rsplit("/", 1)[-1]

    def fail(*args: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(loaded_service.store, "replace_graphs", fail)
    with pytest.raises(StoreError):
        loaded_service.contributions.withdraw(contribution_id, viersen)
    assert loaded_service.contributions.status(contribution_id) == "stored"
    assert loaded_service.accounts.withdrawn(stored.graph) is None


def test_withdrawn_contributions_keep_title_time_and_counts(
    loaded_service: BildungsGraph, viersen: Account
) -> None:
    contributions = loaded_service.contributions
    stored = contributions.contribute_as(
        actors("cc-a,A,association,05166", "cc-b,B,association,05166"), viersen, title="Zwei"
    )
    [before] = contributions.of_account(viersen)
    contributions.withdraw(stored.graph.rsplit("/", 1)[-1], viersen)
    [after] = contributions.of_account(viersen)
    assert after.status == "withdrawn" and after.restorable and after.withdrawn_at
    assert (after.title, after.generated, after.rows, after.triples) == (
        "Zwei",
        before.generated,
        2,
        before.triples,
    )
    assert [f["name"] for f in after.files] == ["akteure.csv"]


@pytest.fixture
def api(
    loaded_service: BildungsGraph, tmp_path: Path
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    tokens = {
        name: loaded_service.accounts.create(name, kommunen, admin=not kommunen)[1]
        for name, kommunen in (("viersen", ["05166"]), ("krefeld", ["05114"]), ("admin", []))
    }
    settings = Settings(store_path=tmp_path / "unused")
    with TestClient(create_app(settings=settings, service=loaded_service)) as client:
        yield client, {name: f"Bearer {token}" for name, token in tokens.items()}


def test_the_owner_restores_what_an_admin_withdrew(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, token = api
    body = [
        ("files", ("akteure.csv", "".join([ACTORS, "cc-admin,Treff,association,05166\n"]).encode()))
    ]
    stored = client.post(
        "/api/contributions", files=body, headers={"Authorization": token["viersen"]}
    ).json()
    path = f"/api/contributions/{stored['id']}"
    assert client.delete(path, headers={"Authorization": token["admin"]}).status_code == 200
    refused = client.post(f"{path}/restore", headers={"Authorization": token["krefeld"]})
    assert refused.status_code == 403
    assert client.get(path).json()["status"] == "withdrawn"
    restored = client.post(f"{path}/restore", headers={"Authorization": token["viersen"]})
    assert restored.status_code == 200, restored.text
    assert client.get(path).json()["status"] == "stored"


def test_dry_runs_and_checks_do_not_wait_for_the_write_lock(
    loaded_service: BildungsGraph, viersen: Account
) -> None:
    """While a write holds the lock, others still read and validate (and a real upload
    validates, then waits only for its write)."""
    contributions = loaded_service.contributions
    held, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with loaded_service.writer.lock:
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    held.wait(10)
    try:
        files = actors("cc-probe,Probe,association,05166")
        assert contributions.contribute_as(files, viersen, dry_run=True).report.conforms
        assert contributions.check(files).conforms
        staged = contributions.stage(files, viersen, title="Probe")
        assert staged.report["conforms"]
    finally:
        release.set()
        holder.join()


def test_large_contributions_are_validated_in_a_worker_with_the_same_report(
    loaded_service: BildungsGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SHACL of a large contribution runs in a worker process (not holding this process's
    interpreter lock); the report is the one validation here gives."""
    files = actors("cc-w1,Eins,association,05166", "cc-w2,,association,05166")
    here = loaded_service.contributions.check(files)
    started: list[object] = []
    real_run = contribution._validators.run

    def run(*args: Any, **kwargs: Any) -> Any:
        started.append(True)
        return real_run(*args, **kwargs)

    monkeypatch.setattr(contribution, "APART_FROM_TRIPLES", 0)
    monkeypatch.setattr(contribution._validators, "run", run)
    apart = loaded_service.contributions.check(files)
    assert started and not apart.conforms
    assert apart.to_json() == here.to_json()
