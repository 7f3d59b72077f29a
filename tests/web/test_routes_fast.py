"""Every route of the app answers on the one-Kreis mini store: the fast subset's guard that no
router goes untested. A new route fails ``test_every_route_has_an_example`` until it gets an
example here (or, for a write, a test below)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount

from ministore import MINI_KREIS
from routes import CSV, HTML, JSON, PUBLIC

DATA = Path(__file__).resolve().parents[1] / "data" / "api"

# GET routes for a signed-in account: with a bearer token (/api) or a session (/contribute).
# ``{contribution}`` is the account's contribution and ``{upload}`` its staged upload.
SIGNED_IN: dict[str, tuple[str, str]] = {
    "/api/contacts": ("/api/contacts", JSON),
    "/contribute/contacts.csv": ("/contribute/contacts.csv", CSV),
    "/api/confirmations": ("/api/confirmations", JSON),
    "/contribute/confirmations": ("/contribute/confirmations", HTML),
    "/api/contributions": ("/api/contributions", JSON),
    "/api/contributions/{contribution_id}": ("/api/contributions/{contribution}", JSON),
    "/contribute/mine": ("/contribute/mine", HTML),
    "/contribute/mine/{contribution_id}": ("/contribute/mine/{contribution}", HTML),
    "/contribute/mine/{contribution_id}/withdraw": (
        "/contribute/mine/{contribution}/withdraw",
        HTML,
    ),
    "/contribute/uploads/{upload_id}": ("/contribute/uploads/{upload}", HTML),
}

# Routes that write, each exercised by a test of this module (named after it).
WRITES: dict[tuple[str, str], str] = {
    ("POST", "/api/contributions"): "test_writes_through_the_api",
    ("PUT", "/api/contributions/{contribution_id}"): "test_writes_through_the_api",
    ("DELETE", "/api/contributions/{contribution_id}"): "test_writes_through_the_api",
    ("POST", "/api/contributions/{contribution_id}/restore"): "test_writes_through_the_api",
    ("POST", "/contribute/sign-in"): "signed_in",
    ("POST", "/contribute/check"): "signed_in",
    ("POST", "/contribute/uploads/{upload_id}/confirm"): "test_writes_through_the_pages",
    ("POST", "/contribute/mine/{contribution_id}/withdraw"): "test_writes_through_the_pages",
    ("POST", "/contribute/mine/{contribution_id}/restore"): "test_writes_through_the_pages",
    ("POST", "/contribute/sign-out"): "test_writes_through_the_pages",
    ("POST", "/api/confirmations/{cooperation}/{partner}"): "test_confirmation_writes",
    ("POST", "/contribute/confirmations/{cooperation}/{partner}"): "test_confirmation_writes",
}


def _routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """The app's routes, with those of included routers (FastAPI keeps each included router
    as one branch with its ``original_router``)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _routes(included.routes)
        elif not isinstance(route, Mount):  # static files
            yield route


def _app_routes(client: TestClient) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in _routes(client.app.routes)
        for method in getattr(route, "methods", None) or ()
        if method != "HEAD"
    }


def test_every_route_has_an_example(mini_client: TestClient) -> None:
    routes = _app_routes(mini_client)
    covered = {("GET", path) for path in [*PUBLIC, *SIGNED_IN]} | set(WRITES)
    assert routes - covered == set(), "routes without an example in test_routes_fast.py"
    assert covered - routes == set(), "examples for routes that are gone"


@pytest.mark.parametrize("path", sorted(PUBLIC))
def test_public_route_answers(mini_client: TestClient, path: str) -> None:
    url, media_type = PUBLIC[path]
    answer = mini_client.get(url)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["content-type"].split(";")[0] == media_type


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


@dataclass
class SignedIn:
    client: TestClient
    bearer: dict[str, str]
    contribution: str
    upload: str


@pytest.fixture(scope="module")
def signed_in(mini_client: TestClient) -> SignedIn:
    """An account of the Kreis with one contribution and one staged upload, signed in."""
    service = mini_client.app.state.service
    _, token = service.accounts.create("Bildungsbüro Kreis Viersen (Test)", [MINI_KREIS])
    bearer = {"Authorization": f"Bearer {token}"}
    files = [("files", (name, (DATA / name).read_bytes())) for name in ("akteure.csv",)]
    stored = mini_client.post("/api/contributions", headers=bearer, files=files)
    assert stored.status_code == 201, stored.text
    page = mini_client.get("/contribute/sign-in")
    answer = mini_client.post(
        "/contribute/sign-in",
        data={"token": token, "csrf_token": csrf(page.text), "next": "/contribute"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    staged = mini_client.post(
        "/contribute/check",
        data={"csrf_token": csrf(mini_client.get("/contribute").text)},
        files=[("files", ("standorte.csv", (DATA / "standorte.csv").read_bytes()))],
        follow_redirects=False,
    )
    assert staged.status_code == 303, staged.text
    upload = staged.headers["location"].rsplit("/", 1)[-1]
    return SignedIn(mini_client, bearer, stored.json()["id"], upload)


@pytest.mark.parametrize("path", sorted(SIGNED_IN))
def test_signed_in_route_answers(signed_in: SignedIn, path: str) -> None:
    url, media_type = SIGNED_IN[path]
    url = url.format(contribution=signed_in.contribution, upload=signed_in.upload)
    answer = signed_in.client.get(url, headers=signed_in.bearer)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["content-type"].split(";")[0] == media_type


def actors(kennung: str, name: str, area: str) -> list[tuple[str, tuple[str, bytes]]]:
    rows = f"Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n{kennung},{name},association,{area}\n"
    return [("files", ("akteure.csv", rows.encode()))]


def test_writes_through_the_api(signed_in: SignedIn) -> None:
    client, bearer = signed_in.client, signed_in.bearer
    stored = client.post(
        "/api/contributions", headers=bearer, files=actors("w-treff", "Treff", MINI_KREIS)
    )
    assert stored.status_code == 201, stored.text
    path = f"/api/contributions/{stored.json()['id']}"
    replaced = client.put(path, headers=bearer, files=actors("w-treff", "Lesetreff", MINI_KREIS))
    assert replaced.status_code in (200, 201), replaced.text
    path = f"/api/contributions/{replaced.json()['id']}"
    assert client.delete(path, headers=bearer).status_code == 200
    assert client.get(path).json()["status"] == "withdrawn"
    assert client.post(f"{path}/restore", headers=bearer).status_code == 200
    assert client.get(path).json()["status"] == "stored"


def test_writes_through_the_pages(signed_in: SignedIn) -> None:
    client = signed_in.client
    token = csrf(client.get(f"/contribute/uploads/{signed_in.upload}").text)
    confirmed = client.post(
        f"/contribute/uploads/{signed_in.upload}/confirm",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert confirmed.status_code == 303, confirmed.text
    mine = confirmed.headers["location"].split("?")[0]
    token = csrf(client.get(f"{mine}/withdraw").text)
    withdrawn = client.post(f"{mine}/withdraw", data={"csrf_token": token}, follow_redirects=False)
    assert withdrawn.status_code == 303, withdrawn.text
    token = csrf(client.get(mine).text)
    restored = client.post(f"{mine}/restore", data={"csrf_token": token}, follow_redirects=False)
    assert restored.status_code == 303, restored.text
    token = csrf(client.get("/contribute").text)
    out = client.post("/contribute/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303, out.text
    assert client.get("/contribute/mine", follow_redirects=False).status_code == 303


def test_confirmation_writes(mini_client: TestClient) -> None:
    service = mini_client.app.state.service
    _, brueggen = service.accounts.create("Gemeinde Brüggen (Test)", [f"{MINI_KREIS}004"])
    _, kreis = service.accounts.create("Kreis Viersen (Test)", [MINI_KREIS])
    rows = "Kennung,Bezeichnung,Partner,Kooperationsform\n"
    rows += (
        f"w-vhs,Sprachkurse,w-brueggen | {MINI_KREIS}-vhs | {MINI_KREIS}-ki,project-partnership\n"
    )
    stored = mini_client.post(
        "/api/contributions",
        headers={"Authorization": f"Bearer {brueggen}"},
        files=[
            *actors("w-brueggen", "Treff Brüggen", f"{MINI_KREIS}004"),
            ("files", ("kooperationen.csv", rows.encode())),
        ],
    )
    assert stored.status_code == 201, stored.text
    decided = mini_client.post(
        f"/api/confirmations/w-vhs/{MINI_KREIS}-vhs",
        headers={"Authorization": f"Bearer {kreis}"},
        json={"decision": "confirmed"},
    )
    assert decided.status_code == 200, decided.text
    mini_client.cookies.clear()
    page = mini_client.get("/contribute/sign-in")
    mini_client.post(
        "/contribute/sign-in",
        data={"token": kreis, "csrf_token": csrf(page.text), "next": "/contribute"},
    )
    token = csrf(mini_client.get("/contribute/confirmations").text)
    answer = mini_client.post(
        f"/contribute/confirmations/w-vhs/{MINI_KREIS}-ki",
        data={"csrf_token": token, "decision": "confirmed"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert service.confirmations.standing("w-vhs").status == "confirmed"
