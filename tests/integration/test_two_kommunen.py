"""Two Kommunen, end to end through the API: Krefeld (05114) enters cooperations with actors
of Kreis Viersen (05166); Viersen sees them to confirm, confirms one and disputes another;
the decisions are in /sparql with PROV; Krefeld withdraws and restores its contribution."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.config import Settings
from bildungsgraph.namespaces import ID
from bildungsgraph.readmodel.confirmations import CLAIMED, CONFIRMED, DISPUTED
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow
# actors of the example data (data/example/akteure.csv)
KREFELD_VHS, VIERSEN_VHS = "05114-vhs", "05166-vhs"
KREFELD_KI, VIERSEN_KI = "05114-ki", "05166-ki"
COOPERATIONS = (
    "Kennung,Bezeichnung,Partner,Kooperationsform,Status\n"
    f"kr-sprache,Sprachkurse am Niederrhein,{KREFELD_VHS} | {VIERSEN_VHS},"
    "project-partnership,active\n"
    f"kr-integration,Integration grenzenlos,{KREFELD_KI} | {VIERSEN_KI},"
    "project-partnership,active\n"
)
DECISIONS = """
PREFIX bg: <https://w3id.org/bildungsgraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?graph ?decision ?partner ?by ?at ?reason WHERE {
  GRAPH ?graph {
    ?cooperation bg:confirmation ?node .
    ?node a bg:CooperationConfirmation ;
          bg:confirmingPartner ?partner ;
          bg:confirmationDecision ?decision ;
          prov:wasAttributedTo ?by ;
          prov:generatedAtTime ?at .
    OPTIONAL { ?node bg:reason ?reason }
  }
  VALUES ?cooperation { <%s> }
}
"""


@dataclass
class Landscape:
    client: TestClient
    service: BildungsGraph
    krefeld: dict[str, str]
    viersen: dict[str, str]


@pytest.fixture
def landscape(loaded_service: BildungsGraph, tmp_path: Path) -> Iterator[Landscape]:
    _, krefeld = loaded_service.accounts.create("Bildungsbüro Krefeld", ["05114"])
    _, viersen = loaded_service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])
    settings = Settings(store_path=tmp_path / "unused")
    with TestClient(create_app(settings=settings, service=loaded_service)) as client:
        yield Landscape(
            client,
            loaded_service,
            {"Authorization": f"Bearer {krefeld}"},
            {"Authorization": f"Bearer {viersen}"},
        )


def pending(land: Landscape, headers: dict[str, str]) -> set[tuple[str, str]]:
    answer = land.client.get("/api/confirmations", headers=headers)
    assert answer.status_code == 200, answer.text
    return {(item["kennung"], item["partner"]["kennung"]) for item in answer.json()["items"]}


def decisions(land: Landscape, kennung: str) -> list[dict[str, str]]:
    answer = land.client.get(
        "/sparql",
        params={"query": DECISIONS % f"{ID}cooperation/{kennung}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200, answer.text
    return [{k: v["value"] for k, v in row.items()} for row in answer.json()["results"]["bindings"]]


def test_claim_list_confirm_dispute_withdraw_restore(landscape: Landscape) -> None:
    land = landscape
    stored = land.client.post(
        "/api/contributions",
        headers=land.krefeld,
        data={"title": "Kooperationen mit dem Kreis Viersen"},
        files=[("files", ("kooperationen.csv", COOPERATIONS.encode()))],
    )
    assert stored.status_code == 201, stored.text  # no scope violation across the border
    contribution = stored.json()["id"]

    # claimed for Viersen's partners only: on Viersen's list, not on Krefeld's
    assert pending(land, land.viersen) == {
        ("kr-sprache", VIERSEN_VHS),
        ("kr-integration", VIERSEN_KI),
    }
    assert pending(land, land.krefeld) == set()
    standing = land.service.confirmations.standing("kr-sprache")
    assert standing.partners == {
        f"{ID}actor/{KREFELD_VHS}": CONFIRMED,
        f"{ID}actor/{VIERSEN_VHS}": CLAIMED,
    }

    # Viersen confirms one …
    confirmed = land.client.post(
        f"/api/confirmations/kr-sprache/{VIERSEN_VHS}",
        headers=land.viersen,
        json={"decision": "confirmed"},
    )
    assert confirmed.status_code == 200, confirmed.text
    assert land.service.confirmations.standing("kr-sprache").status == CONFIRMED
    [row] = decisions(land, "kr-sprache")
    assert row["decision"].endswith("/confirmation-decision/confirmed")
    assert row["partner"] == f"{ID}actor/{VIERSEN_VHS}"
    assert row["by"] == f"{ID}contributor/account-2" and row["at"].startswith("20")
    assert row["graph"].startswith("https://w3id.org/bildungsgraph/graph/confirmation/")
    assert "reason" not in row

    # … and disputes the other, with a reason
    assert (
        land.client.post(
            f"/api/confirmations/kr-integration/{VIERSEN_KI}",
            headers=land.viersen,
            json={"decision": "disputed"},
        ).status_code
        == 422
    )
    disputed = land.client.post(
        f"/api/confirmations/kr-integration/{VIERSEN_KI}",
        headers=land.viersen,
        json={
            "decision": "disputed",
            "reason": "Das Kommunale Integrationszentrum kennt das Projekt nicht.",
        },
    )
    assert disputed.status_code == 200, disputed.text
    assert land.service.confirmations.standing("kr-integration").status == DISPUTED
    [row] = decisions(land, "kr-integration")
    assert row["decision"].endswith("/disputed") and "kennt das Projekt nicht" in row["reason"]
    assert pending(land, land.viersen) == set()
    # Krefeld cannot decide for Viersen's partner
    assert (
        land.client.post(
            f"/api/confirmations/kr-sprache/{VIERSEN_VHS}",
            headers=land.krefeld,
            json={"decision": "disputed", "reason": "x"},
        ).status_code
        == 403
    )

    # Krefeld withdraws: nothing left to decide, the decisions no longer listed
    assert (
        land.client.delete(f"/api/contributions/{contribution}", headers=land.krefeld).status_code
        == 200
    )
    answer = land.client.get("/api/confirmations", headers=land.viersen).json()
    assert answer["items"] == [] and answer["decided"] == []
    assert land.client.get("/api/cooperations/kr-sprache").status_code == 404

    # … and restores it: the same cooperations, so the decisions hold again
    assert (
        land.client.post(
            f"/api/contributions/{contribution}/restore", headers=land.krefeld
        ).status_code
        == 200
    )
    assert land.service.confirmations.standing("kr-sprache").status == CONFIRMED
    assert land.service.confirmations.standing("kr-integration").status == DISPUTED
    answer = land.client.get("/api/confirmations", headers=land.viersen).json()
    assert answer["items"] == []
    assert {(d["kennung"], d["decision"]) for d in answer["decided"]} == {
        ("kr-sprache", "confirmed"),
        ("kr-integration", "disputed"),
    }
