"""/api/confirmations and the "Zu bestätigen" page: tokens, sessions, CSRF, forms, CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.readmodel.confirmations import CONFIRMED, DISPUTED
from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow
COOPERATIONS = "Kennung,Bezeichnung,Partner,Kooperationsform\n"
ROWS = (
    "w-vhs,Sprachkurse <b>am</b> Niederrhein,05114-vhs | 05166-vhs,project-partnership\n"
    "w-ki,Integration grenzenlos,05114-ki | 05166-ki,project-partnership\n"
    "w-page,=Formel am Rhein,05114-agentur | 05166-agentur,project-partnership\n"
    "w-page2,Lernort Niers,05114-umwelt | 05166-jobcenter,project-partnership\n"
)


@dataclass
class Tokens:
    krefeld: dict[str, str]
    viersen: dict[str, str]
    viersen_raw: str


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def tokens(service: BildungsGraph, client: TestClient) -> Tokens:
    _, krefeld = service.accounts.create("Bildungsbüro Krefeld", ["05114"])
    _, viersen = service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])
    stored = client.post(
        "/api/contributions",
        headers=bearer(krefeld),
        files=[("files", ("kooperationen.csv", (COOPERATIONS + ROWS).encode()))],
    )
    assert stored.status_code == 201, stored.text
    return Tokens(bearer(krefeld), bearer(viersen), viersen)


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def test_the_api_needs_a_token(client: TestClient, tokens: Tokens) -> None:
    for headers in ({}, bearer("bg_falsch")):
        listed = client.get("/api/confirmations", headers=headers)
        assert listed.status_code == 401
        assert listed.headers["content-type"] == "application/problem+json"
        decided = client.post(
            "/api/confirmations/w-vhs/05166-vhs", headers=headers, json={"decision": "confirmed"}
        )
        assert decided.status_code == 401


def test_the_list_shows_the_claims_of_the_accounts_kommunen(
    client: TestClient, tokens: Tokens
) -> None:
    body = client.get("/api/confirmations", headers=tokens.viersen).json()
    claims = {item["kennung"]: item for item in body["items"]}
    assert {"w-vhs", "w-ki"} <= claims.keys() and body["total"] == len(body["items"])
    claim = claims["w-vhs"]
    assert claim["cooperation"].endswith("/id/cooperation/w-vhs")
    assert claim["name"] == "Sprachkurse <b>am</b> Niederrhein" and claim["form"]
    assert claim["partner"]["kennung"] == "05166-vhs"
    assert {p["kennung"]: p["standing"] for p in claim["partners"]} == {
        "05114-vhs": "confirmed",
        "05166-vhs": "claimed",
    }
    assert claim["contributor_name"] == "Bildungsbüro Krefeld" and claim["since"]
    assert claim["outdated"] is False and claim["decide"] == "/api/confirmations/w-vhs/05166-vhs"
    assert client.get("/api/confirmations", headers=tokens.krefeld).json()["total"] == 0


def test_the_list_as_csv_escapes_formulas(client: TestClient, tokens: Tokens) -> None:
    answer = client.get("/api/confirmations?as=csv", headers=tokens.viersen)
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text.lstrip("\ufeff"))))
    by_kennung = {row["cooperation"]: row for row in rows}
    assert by_kennung["w-page"]["name"] == "'=Formel am Rhein"
    assert by_kennung["w-vhs"]["partner"] == "05166-vhs"


def test_deciding_through_the_api(
    client: TestClient, service: BildungsGraph, tokens: Tokens
) -> None:
    path = "/api/confirmations/w-ki/05166-ki"
    refused = client.post(path, headers=tokens.viersen, json={"decision": "disputed"})
    assert refused.status_code == 422 and "reason" in refused.json()["detail"]
    assert (
        client.post(path, headers=tokens.viersen, json={"decision": "vielleicht"}).status_code
        == 422
    )
    assert (
        client.post(path, headers=tokens.krefeld, json={"decision": "confirmed"}).status_code == 403
    )
    assert (
        client.post(
            "/api/confirmations/nichts/05166-ki",
            headers=tokens.viersen,
            json={"decision": "confirmed"},
        ).status_code
        == 404
    )
    answer = client.post(
        path, headers=tokens.viersen, json={"decision": "disputed", "reason": "Kennen wir nicht."}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["decision"] == DISPUTED and answer.json()["reason"] == "Kennen wir nicht."
    assert service.confirmations.standing("w-ki").status == DISPUTED
    body = client.get("/api/confirmations", headers=tokens.viersen).json()
    assert "w-ki" not in {item["kennung"] for item in body["items"]}
    assert "w-ki" in {d["kennung"] for d in body["decided"]}


def test_the_page_needs_sign_in(client: TestClient, tokens: Tokens) -> None:
    client.cookies.clear()
    answer = client.get("/contribute/confirmations", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/contribute/sign-in")


def sign_in(client: TestClient, token: str) -> None:
    client.cookies.clear()
    page = client.get("/contribute/sign-in")
    answer = client.post(
        "/contribute/sign-in",
        data={"token": token, "csrf_token": csrf(page.text), "next": "/contribute"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def test_confirming_and_disputing_on_the_page(
    client: TestClient, service: BildungsGraph, tokens: Tokens
) -> None:
    sign_in(client, tokens.viersen_raw)
    start = client.get("/contribute")
    assert 'href="/contribute/confirmations"' in start.text
    page = client.get("/contribute/confirmations")
    assert page.status_code == 200 and "Zu bestätigen" in page.text
    assert "Sprachkurse &lt;b&gt;am&lt;/b&gt; Niederrhein" in page.text  # escaped
    assert 'action="/contribute/confirmations/w-page/05166-agentur"' in page.text
    token = csrf(page.text)
    forged = client.post(
        "/contribute/confirmations/w-page/05166-agentur",
        data={"decision": "confirmed", "csrf_token": "falsch"},
    )
    assert forged.status_code == 403
    done = client.post(
        "/contribute/confirmations/w-page/05166-agentur",
        data={"decision": "confirmed", "csrf_token": token},
        follow_redirects=False,
    )
    assert done.status_code == 303 and "done=confirmed" in done.headers["location"]
    assert service.confirmations.standing("w-page").status == CONFIRMED
    shown = client.get(done.headers["location"])
    assert "Die Kooperation ist bestätigt." in shown.text
    assert "w-page/05166-agentur" not in shown.text.split("Ihre Entscheidungen")[0]
    # a dispute without reason shows the page again with the message, nothing stored
    empty = client.post(
        "/contribute/confirmations/w-page2/05166-jobcenter",
        data={"decision": "disputed", "reason": " ", "csrf_token": token},
    )
    assert empty.status_code == 422 and "Grund" in empty.text
    disputed = client.post(
        "/contribute/confirmations/w-page2/05166-jobcenter",
        data={"decision": "disputed", "reason": "Nie gehört.", "csrf_token": token},
    )
    assert disputed.status_code == 200 and "Die Kooperation ist bestritten." in disputed.text
    assert "Nie gehört." in disputed.text.split("Ihre Entscheidungen")[1]
    assert service.confirmations.standing("w-page2").status == DISPUTED


def test_a_partner_outside_the_account_is_refused_on_the_page(
    client: TestClient, tokens: Tokens
) -> None:
    sign_in(client, tokens.krefeld["Authorization"].removeprefix("Bearer "))
    token = csrf(client.get("/contribute/confirmations").text)
    answer = client.post(
        "/contribute/confirmations/w-vhs/05166-vhs",
        data={"decision": "confirmed", "csrf_token": token},
        headers={"Accept": "text/html"},
    )
    assert answer.status_code == 403 and "nicht in den Kommunen Ihres Kontos" in answer.text


def test_the_api_is_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "get" in paths["/api/confirmations"]
    decide = paths["/api/confirmations/{cooperation}/{partner}"]["post"]
    assert decide["requestBody"]["content"]["application/json"]
    assert "/contribute/confirmations" not in paths


def test_a_body_that_is_no_json_is_a_documented_400(client: TestClient, tokens: Tokens) -> None:
    """Found by schemathesis: a broken JSON body answered 400, which the route did not list."""
    answer = client.post(
        "/api/confirmations/w-vhs/05166-vhs",
        content=b"\xff$",
        headers={**tokens.viersen, "Content-Type": "application/json"},
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    decide = client.get("/openapi.json").json()["paths"][
        "/api/confirmations/{cooperation}/{partner}"
    ]["post"]
    assert "400" in decide["responses"]
