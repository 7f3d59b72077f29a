"""How confirmation standings show on every read face: the network (API, measures, export,
explorer, embed), the cooperations API, actor pages, the Kommune page and the gap analysis.

The claims and decisions are written straight into the store (the shape of design 14:
``bg:claimedPartner`` on the cooperation, a ``bg:CooperationConfirmation`` linked by
``bg:confirmation``), so these tests do not depend on the contribution side.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from bildungsgraph.config import Settings
from bildungsgraph.namespaces import BG, CONTRIBUTION_GRAPH_PREFIX, ID, PROV, VOC
from bildungsgraph.readmodel import gaps
from bildungsgraph.readmodel.confirmations import standing
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web import create_app

HOSTILE = "<script>alert(1)</script>"
COOP_DISPUTED = f"{ID}cooperation/05114-koop-0001"  # Bildungsbüro, Schulamt, Jugendamt
COOP_CLAIMED = f"{ID}cooperation/05114-koop-0005"  # Verein 001 and a school
JUGENDAMT = f"{ID}actor/05114-jugendamt"
BUERO = f"{ID}actor/05114-bildungsbuero"
SCHOOL = f"{ID}actor/school-102957"
VEREIN = f"{ID}actor/05114-verein-001"
COOP_ACROSS = f"{ID}cooperation/x-koop-0003"  # the VHS of Krefeld and of Kreis Viersen
VIERSEN_VHS = f"{ID}actor/05166-vhs"  # no other tie to an actor in Krefeld
CLAIMS = CONTRIBUTION_GRAPH_PREFIX + "test-claims"
DASHED = re.compile(r'"dashes":\s*\[2,\s*4\]')
# Krefeld's whole network is drawn in groups: its Jugendamt with its partners, one by one
SMALL = {"kommune": "05114", "actor_type": "youth-welfare-office", "partners": "true"}
WARNING = re.compile(r'"color":\s*\{"color":\s*"#c62828"')
DECISIONS = CONTRIBUTION_GRAPH_PREFIX + "test-decisions"


def _write(
    service: BildungsGraph, graph: str, triples: list[tuple[URIRef, URIRef, object]]
) -> None:
    service.writer.write([graph], lambda: service.store.replace_graph(graph, triples))


@pytest.fixture(scope="module", autouse=True)
def trust(service: BildungsGraph) -> Iterator[None]:
    """Jugendamt claimed in koop-0001 and disputing it; the school claimed in koop-0005, the
    VHS of Kreis Viersen in its one cooperation with Krefeld."""
    _write(
        service,
        CLAIMS,
        [
            (URIRef(COOP_DISPUTED), BG.claimedPartner, URIRef(JUGENDAMT)),
            (URIRef(COOP_CLAIMED), BG.claimedPartner, URIRef(SCHOOL)),
            (URIRef(COOP_ACROSS), BG.claimedPartner, URIRef(VIERSEN_VHS)),
        ],
    )
    version = standing(service.readmodel.current().snapshot, COOP_DISPUTED).version
    node = URIRef(f"{ID}confirmation/test-0001")
    _write(
        service,
        DECISIONS,
        [
            (URIRef(COOP_DISPUTED), BG.confirmation, node),
            (node, RDF.type, BG.CooperationConfirmation),
            (node, RDF.type, PROV.Entity),
            (node, BG.confirmingPartner, URIRef(JUGENDAMT)),
            (node, BG.confirmationDecision, URIRef(f"{VOC}confirmation-decision/disputed")),
            (node, BG.cooperationVersion, Literal(version)),
            (node, BG.reason, Literal(HOSTILE)),
            (node, PROV.wasAttributedTo, URIRef(f"{ID}contributor/account-2")),
            (
                node,
                PROV.generatedAtTime,
                Literal("2026-11-02T09:30:00+00:00", datatype=XSD.dateTime),
            ),
        ],
    )
    yield


def _edges(body: dict[str, object]) -> dict[frozenset[str], dict[str, object]]:
    edges = body["edges"]
    assert isinstance(edges, list)
    return {frozenset((e["source"], e["target"])): e for e in edges}


def test_the_network_api_gives_each_tie_its_standing(client: TestClient) -> None:
    edges = _edges(client.get("/api/network", params={"kommune": "05114"}).json())
    disputed = edges[frozenset((BUERO, JUGENDAMT))]
    assert disputed["confirmation"] == "disputed"
    assert disputed["disputed_by"] == JUGENDAMT
    assert disputed["reasons"] == f"{JUGENDAMT}: {HOSTILE}"
    claimed = edges[frozenset((VEREIN, SCHOOL))]
    assert (claimed["confirmation"], claimed["pending_by"]) == ("claimed", SCHOOL)
    confirmed = edges[frozenset((BUERO, f"{ID}actor/school-600114"))]
    assert (confirmed["confirmation"], confirmed["claimed"]) == ("confirmed", 0)


def test_confirmed_only_leaves_out_the_unconfirmed_ties(client: TestClient) -> None:
    every = client.get("/api/network", params={"kommune": "05114"}).json()
    body = client.get("/api/network", params={"kommune": "05114", "confirmed_only": "true"}).json()
    assert body["parameters"]["confirmed_only"] == "true"
    edges = _edges(body)
    assert frozenset((BUERO, JUGENDAMT)) not in edges
    assert frozenset((VEREIN, SCHOOL)) not in edges
    assert {e["confirmation"] for e in edges.values()} == {"confirmed"}
    assert len(edges) < len(_edges(every))


def test_measures_and_export_follow_the_filter(client: TestClient) -> None:
    every = client.get("/api/network/measures", params={"kommune": "05114"}).json()
    confirmed = client.get(
        "/api/network/measures", params={"kommune": "05114", "confirmed_only": "true"}
    ).json()
    assert confirmed["parameters"]["confirmed_only"] == "true"
    assert confirmed["edges"] < every["edges"]
    archive = client.get(
        "/api/network/export",
        params={"kommune": "05114", "format": "csv", "confirmed_only": "true"},
    ).content
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        edges = files.read("edges.csv").decode("utf-8-sig")
    assert "confirmation" in edges.splitlines()[0]
    assert "disputed" not in edges.split("\n", 1)[1]
    full = client.get("/api/network/export", params={"kommune": "05114", "format": "graphml"})
    assert HOSTILE not in full.text  # XML-escaped in the file
    assert html.escape(HOSTILE, quote=False) in full.text


def test_a_bad_confirmed_only_value_is_refused(client: TestClient) -> None:
    response = client.get("/api/network", params={"kommune": "05114", "confirmed_only": "x"})
    assert response.status_code == 422
    page = client.get("/network", params={"kommune": "05114", "confirmed_only": "x"})
    assert page.status_code == 422


def test_the_explorer_draws_dashed_and_marked_ties_with_a_legend(client: TestClient) -> None:
    page = client.get("/network", params=SMALL)
    assert page.status_code == 200
    text = page.text
    assert "nur bestätigte Kooperationen" in text
    assert 'name="confirmed_only" type="checkbox" value="true">' in text  # not checked
    assert DASHED.search(text) and WARNING.search(text)
    assert 'data-confirmation="disputed"' in text and "bestritten (gestrichelt, rot)" in text
    assert "noch nicht bestätigt (gestrichelt)" in text
    assert HOSTILE not in text  # only escaped inside the view's JSON
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text
    assert "\\u26a0 bestritten von" in text or "⚠ bestritten von" in text  # the tooltip


def test_the_explorer_with_confirmed_only(client: TestClient) -> None:
    page = client.get("/network", params={**SMALL, "confirmed_only": "true"})
    assert page.status_code == 200
    assert 'value="true" checked>' in page.text
    assert "#c62828" not in page.text.split('class="network-view__data">', 1)[1]
    assert "Nur Kooperationen, die alle beteiligten Partner bestätigt haben." in page.text
    assert "confirmed_only=true" in page.text  # the JSON and export links keep the filter


def test_english_legend(client: TestClient) -> None:
    page = client.get("/network", params={**SMALL, "lang": "en"})
    assert "not yet confirmed (dashed)" in page.text
    assert "confirmed cooperations only" in page.text


def test_the_embed_takes_the_filter(client: TestClient) -> None:
    every = client.get("/embed/network", params=SMALL)
    confirmed = client.get("/embed/network", params={**SMALL, "confirmed_only": "true"})
    assert every.status_code == confirmed.status_code == 200
    assert DASHED.search(every.text)
    assert not DASHED.search(confirmed.text)


def test_the_cooperation_api_has_its_confirmation(client: TestClient) -> None:
    body = client.get("/api/cooperations/05114-koop-0001").json()
    held = body["confirmation"]
    assert held["status"] == "disputed"
    [disputing] = held["disputed_by"]
    assert disputing["id"] == "05114-jugendamt"
    assert disputing["decision"]["reason"] == HOSTILE
    assert disputing["decision"]["at"].startswith("2026-11-02")
    listing = client.get("/api/cooperations", params={"kommune": "05114", "page_size": 500})
    statuses = {item["id"]: item["confirmation"]["status"] for item in listing.json()["items"]}
    assert statuses["05114-koop-0001"] == "disputed"
    assert statuses["05114-koop-0005"] == "claimed"
    assert statuses["05114-koop-0002"] == "confirmed"
    rows = {
        row["id"]: row
        for row in csv.DictReader(
            io.StringIO(
                client.get(
                    "/api/cooperations", params={"kommune": "05114", "page_size": 500, "as": "csv"}
                ).text.lstrip("\ufeff")
            )
        )
    }
    assert rows["05114-koop-0001"]["confirmation"] == "disputed"
    assert rows["05114-koop-0002"]["confirmation"] == "confirmed"


def test_actor_pages_show_the_standing_escaped(client: TestClient) -> None:
    page = client.get("/actors/05114-jugendamt").text
    row = page.split('id="cooperation-05114-koop-0001"', 1)[1].split("</tr>", 1)[0]
    assert 'data-confirmation="disputed"' in row
    assert "bestritten von" in row and "am 02.11.2026" in row
    assert html.escape(HOSTILE) in row or "&lt;script&gt;alert(1)&lt;/script&gt;" in row
    assert HOSTILE not in page
    waiting = client.get("/actors/05114-verein-001").text
    row = waiting.split('id="cooperation-05114-koop-0005"', 1)[1].split("</tr>", 1)[0]
    assert "wartet auf Bestätigung durch" in row
    english = client.get("/actors/05114-verein-001", params={"lang": "en"}).text
    assert "awaiting confirmation by" in english


def test_the_ego_network_on_the_actor_page_marks_the_dispute(client: TestClient) -> None:
    page = client.get("/actors/05114-jugendamt").text
    assert WARNING.search(page)


def test_the_kommune_figures_count_the_standings(client: TestClient) -> None:
    profile = client.get("/api/kommunen/05114").json()
    held = profile["confirmations"]
    assert held["claimed"] >= 1 and held["disputed"] >= 1
    assert sum(held.values()) == profile["counts"]["cooperations"]
    page = client.get("/kommunen/05114").text
    assert f'data-disputed="{held["disputed"]}"' in page
    assert "davon bestätigt / noch nicht bestätigt / bestritten" in page


def test_gaps_accept_confirmed_only_and_remember_it_apart(
    client: TestClient, service: BildungsGraph
) -> None:
    body = client.get("/api/gaps", params={"kommune": "05114", "confirmed_only": "true"}).json()
    assert body["confirmed_only"] is True
    assert client.get("/api/gaps", params={"kommune": "05114"}).json()["confirmed_only"] is False
    page = client.get("/gaps", params={"kommune": "05114", "confirmed_only": "true"})
    assert page.status_code == 200 and 'value="true" checked>' in page.text
    view = service.readmodel.current()
    assert gaps.gap_analysis(view, "05114", None, None, True) is not gaps.gap_analysis(
        view, "05114", None, None, False
    )


def test_already_cooperating_counts_only_confirmed_ties(service: BildungsGraph) -> None:
    view = service.readmodel.current()
    every = gaps._tied_to(view, "05114000")
    confirmed = gaps._tied_to(view, "05114000", confirmed_only=True)
    assert confirmed < every
    assert VIERSEN_VHS in every and VIERSEN_VHS not in confirmed


@pytest.mark.slow
def test_decisions_through_the_api_reach_the_network_and_the_pages(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    """Krefeld claims a cooperation with Kreis Viersen's KI; the memoised network, the actor
    page and the listing follow Viersen's dispute and then its confirmation."""
    _, krefeld = loaded_service.accounts.create("Bildungsbüro Krefeld", ["05114"])
    _, viersen = loaded_service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])
    settings = Settings(store_path=tmp_path / "unused")
    rows = (
        "Kennung,Bezeichnung,Partner,Kooperationsform,Status\n"
        "kr-integration,Integration grenzenlos,05114-ki | 05166-ki,"
        "project-partnership,active\n"
    )
    viersen_ki = f"{ID}actor/05166-ki"  # no cooperation with Krefeld's KI before
    pair = frozenset((f"{ID}actor/05114-ki", viersen_ki))
    query = {"kommune": "05114"}
    with TestClient(create_app(settings=settings, service=loaded_service)) as client:
        stored = client.post(
            "/api/contributions",
            headers={"Authorization": f"Bearer {krefeld}"},
            data={"title": "Kooperation"},
            files=[("files", ("kooperationen.csv", rows.encode()))],
        )
        assert stored.status_code == 201, stored.text
        edge = _edges(client.get("/api/network", params=query).json())[pair]
        assert (edge["confirmation"], edge["pending_by"]) == ("claimed", viersen_ki)
        only = _edges(client.get("/api/network", params={**query, "confirmed_only": True}).json())
        assert pair not in only

        viersen_auth = {"Authorization": f"Bearer {viersen}"}
        decided = client.post(
            "/api/confirmations/kr-integration/05166-ki",
            headers=viersen_auth,
            json={"decision": "disputed", "reason": HOSTILE},
        )
        assert decided.status_code == 200, decided.text
        edge = _edges(client.get("/api/network", params=query).json())[pair]
        assert (edge["confirmation"], edge["reasons"]) == ("disputed", f"{viersen_ki}: {HOSTILE}")
        page = client.get("/actors/05166-ki").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and HOSTILE not in page
        body = client.get("/api/cooperations/kr-integration").json()
        assert body["confirmation"]["status"] == "disputed"

        decided = client.post(
            "/api/confirmations/kr-integration/05166-ki",
            headers=viersen_auth,
            json={"decision": "confirmed"},
        )
        assert decided.status_code == 200, decided.text
        only = _edges(client.get("/api/network", params={**query, "confirmed_only": True}).json())
        assert only[pair]["confirmation"] == "confirmed"
