"""``bildungsgraph confirmations``: list, confirm and dispute as an account."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bildungsgraph.cli import main
from bildungsgraph.readmodel.confirmations import CONFIRMED, DISPUTED
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

pytestmark = pytest.mark.slow
COOPERATIONS = (
    "Kennung,Bezeichnung,Partner,Kooperationsform\n"
    "cli-a,Erste,05114-vhs | 05166-vhs,project-partnership\n"
    "cli-b,Zweite,05114-ki | 05166-ki,project-partnership\n"
)


@pytest.fixture
def store(loaded_service: BildungsGraph) -> Path:
    krefeld = loaded_service.accounts.create("Bildungsbüro Krefeld", ["05114"])[0]
    loaded_service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])
    outcome = loaded_service.contributions.contribute_as(
        [("kooperationen.csv", COOPERATIONS.encode())], krefeld
    )
    assert outcome.stored, outcome.report.to_text("en")
    path = loaded_service.store.path
    assert path is not None
    loaded_service.close()
    return path


def run(store: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["--store", str(store), "confirmations", *args])
    assert result.exit_code == code, result.output
    return result.output


def test_list_confirm_dispute(store: Path) -> None:
    listed = json.loads(run(store, "list", "--account", "2", "--json"))
    assert {(c["kennung"], c["partner"]["kennung"]) for c in listed} == {
        ("cli-a", "05166-vhs"),
        ("cli-b", "05166-ki"),
    }
    assert "(0 Zeilen / rows)" in run(store, "list", "--account", "1")
    assert "confirmed" in run(store, "confirm", "--account", "2", "cli-a", "05166-vhs")
    assert "Grund" in run(
        store, "dispute", "--account", "2", "--reason", " ", "cli-b", "05166-ki", code=1
    )
    run(store, "dispute", "--account", "2", "--reason", "Unbekannt", "cli-b", "05166-ki")
    assert "(0 Zeilen / rows)" in run(store, "list", "--account", "2")
    assert "05166" in run(store, "confirm", "--account", "1", "cli-a", "05166-vhs", code=1)
    service = BildungsGraph(open_store(store))
    try:
        assert service.confirmations.standing("cli-a").status == CONFIRMED
        assert service.confirmations.standing("cli-b").status == DISPUTED
    finally:
        service.close()
