"""The freshness faces: ``/kommunen/{key}/aktualitaet``, ``/api/kommunen/{key}/freshness``
(JSON and CSV), the share on the Kommune page, and re-submitting unchanged files."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from bildungsgraph.namespaces import BG, PROV
from bildungsgraph.service import BildungsGraph
from closedschool import CLOSED_SCHOOL, close_school

API = "/api/kommunen/05114/freshness"
PAGE = "/kommunen/05114/aktualitaet"
LONG_AGO = "2024-01-02T03:04:05+00:00"
ACTORS_CSV = (
    "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\nfrische-verein,=1+1 Verein,Verein,05166\n"
).encode()
SITES_CSV = (
    "Kennung,Akteur,Bezeichnung,Straße,PLZ,Ort,Gemeinde\n"
    "frische-verein-s1,frische-verein,Vereinsheim,Hochstraße 2,41749,Viersen,05166032\n"
).encode()


@pytest.fixture(scope="module")
def closed(service: BildungsGraph, client: TestClient) -> str:
    """A school named by an example cooperation of Krefeld closed (as a list update does)."""
    close_school(service, CLOSED_SCHOOL, "2026-07-31")
    return CLOSED_SCHOOL


def test_api_lists_outdated_records_shares_and_closed_schools(
    client: TestClient, closed: str
) -> None:
    body = client.get(API, params={"months": 12}).json()
    assert body["kommune"]["key"] == "05114" and body["months"] == 12
    shares = body["shares"]
    assert [s["kind"] for s in shares] == [
        "actors",
        "sites",
        "offers",
        "cooperations",
        "networks",
        "memberships",
    ]
    assert body["share"]["records"] == sum(s["records"] for s in shares)
    assert body["share"]["fresh"] == sum(s["fresh"] for s in shares)
    assert body["total"] == body["share"]["outdated"] > 0
    days = [item["last_verified"] for item in body["items"]]
    assert days == sorted(days) and all(day < body["cutoff"] for day in days)
    assert {item["basis"] for item in body["items"]} == {"modified"}
    assert body["official_list"] == {
        "date": "2021-09-08",
        "records": body["official_list"]["records"],
        "fresh": False,
    }
    flags = {(c["kind"], c["id"]) for c in body["closed_schools"]}
    assert ("cooperations", "05114-koop-0001") in flags
    assert {c["school"]["iri"] for c in body["closed_schools"]} == {closed}
    assert {c["closed_on"] for c in body["closed_schools"]} == {"2026-07-31"}
    # a longer period: fewer outdated records
    assert client.get(API, params={"months": 60}).json()["total"] < body["total"]


def test_api_filters_by_kind_and_pages(client: TestClient) -> None:
    body = client.get(
        API, params={"months": 12, "kind": "offers", "page_size": 5, "page": 2}
    ).json()
    offers = next(s for s in body["shares"] if s["kind"] == "offers")
    assert body["total"] == offers["outdated"] and body["pages"] == -(-body["total"] // 5)
    assert len(body["items"]) == 5 and {i["kind"] for i in body["items"]} == {"offers"}
    first = client.get(API, params={"months": 12, "kind": "offers", "page_size": 10}).json()
    assert body["items"] == first["items"][5:]
    assert client.get(API, params={"kind": "kommunen"}).status_code == 422
    assert client.get(API, params={"months": 0}).status_code == 422
    assert client.get("/api/kommunen/05999/freshness").status_code == 404


def test_csv_has_flags_first_then_outdated_records(client: TestClient, closed: str) -> None:
    response = client.get(API, params={"months": 12, "as": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert (
        'filename="aktualitaet-krefeld-stadt-05114-12-monate.csv"'
        in response.headers["content-disposition"]
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Art",
        "Kennung",
        "Name",
        "Zuletzt geprüft",
        "Grundlage",
        "Beitrag / Graph",
        "Geschlossene Schule",
        "Geschlossen am",
    ]
    body = client.get(API, params={"months": 12}).json()
    flagged = len(body["closed_schools"])
    assert ["Kooperation", "05114-koop-0001"] in [r[:2] for r in rows[1 : 1 + flagged]]
    assert all(r[6] == closed.rsplit("/", 1)[-1] for r in rows[1 : 1 + flagged])
    assert len(rows) == 1 + flagged + body["total"]
    assert {r[4] for r in rows[1 + flagged :]} == {"Letzte Änderung"}


def test_page_shows_flags_on_top_the_shares_and_a_paged_table(
    client: TestClient, closed: str
) -> None:
    page = client.get(PAGE)
    assert page.status_code == 200 and page.headers["content-language"] == "de"
    text = page.text
    assert "Verweise auf geschlossene Schulen" in text
    assert (
        text.index("geschlossene Schulen")
        < text.index("Anteil aktueller Einträge")
        < text.index("Nicht aktuell")
    )
    assert 'href="/api/kommunen/05114/freshness?months=12"' in text
    assert "05114-koop-0001" in text and "31.07.2026" not in text  # ISO dates of the list
    english = client.get(PAGE, params={"lang": "en"}).text
    assert "References to closed schools" in english and "Share of fresh records" in english
    offers = client.get(PAGE, params={"kind": "offers", "page": 2, "months": 12}).text
    cells = re.findall(r"<tr><td>([^<]+)</td><td>[^<]*</td>", offers)
    assert cells and set(cells) == {"Angebot"}
    assert 'rel="prev"' in offers
    assert client.get("/kommunen/05999/aktualitaet").status_code == 404
    assert client.get(PAGE, params={"months": 999}).status_code == 422


def test_kommune_page_shows_the_share_with_a_link(client: TestClient) -> None:
    share = client.get(API).json()["share"]["percent"]
    page = client.get("/kommunen/05114").text
    assert re.search(rf'href="/kommunen/05114/aktualitaet"[^>]*>{share} %</a>', page)


def _freshness_item(client: TestClient, kennung: str) -> dict | None:
    body = client.get(
        "/api/kommunen/05166/freshness", params={"months": 12, "kind": "actors", "page_size": 500}
    ).json()
    return next((i for i in body["items"] if i["id"] == kennung), None)


@pytest.fixture(scope="module")
def viersen(service: BildungsGraph) -> Iterator[dict[str, str]]:
    _, token = service.accounts.create("Bildungsbüro Kreis Viersen (Aktualität)", ["05166"])
    yield {"Authorization": f"Bearer {token}"}


def test_resubmitting_unchanged_files_notes_them_as_verified(
    service: BildungsGraph, client: TestClient, viersen: dict[str, str]
) -> None:
    files = [("files", ("akteure.csv", ACTORS_CSV)), ("files", ("standorte.csv", SITES_CSV))]
    first = client.post("/api/contributions", files=files, headers=viersen)
    assert first.status_code == 201, first.text
    graph = first.json()["graph"]
    node = URIRef(graph)
    # as if it had been contributed long ago
    for predicate in (PROV.generatedAtTime, BG.lastVerified):
        service.writer.write(
            [graph],
            lambda p=predicate: service.store.set_value(
                graph, node, p, Literal(LONG_AGO, datatype=XSD.dateTime)
            ),
        )
    old = _freshness_item(client, "frische-verein")
    assert old is not None
    assert (old["last_verified"], old["basis"], old["graph"]) == (
        "2024-01-02",
        "contribution",
        graph,
    )
    exported = client.get("/api/kommunen/05166/freshness", params={"as": "csv"}).text
    assert "'=1+1 Verein" in exported and ",=1+1" not in exported  # never a formula
    graphs, size = service.store.graph_names(), service.store.graph_sizes([graph])
    record = client.get("/api/actors/frische-verein").json()
    actors = client.get("/api/actors", params={"kommune": "05166"}).json()["total"]

    again = client.post("/api/contributions", files=files, headers=viersen)
    assert again.status_code == 200, again.text
    body = again.json()
    assert not body["stored"] and body["duplicate_of"] == graph == body["graph"]
    assert body["verified_at"] and "als geprüft vermerkt" in body["note"]
    assert service.store.graph_names() == graphs
    assert service.store.graph_sizes([graph]) == size  # one value replaced, nothing added
    stored = list(service.store.get_graph(graph).objects(node, BG.lastVerified))
    assert [str(v) for v in stored] == [body["verified_at"]]
    assert client.get("/api/actors/frische-verein").json() == record
    assert client.get("/api/actors", params={"kommune": "05166"}).json()["total"] == actors
    assert _freshness_item(client, "frische-verein") is None  # fresh now
    state = client.get(
        "/api/kommunen/05166/freshness", params={"kind": "actors", "page_size": 500}
    ).json()
    assert all(i["id"] != "frische-verein" for i in state["items"])


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def _check_and_confirm(client: TestClient, files: list[tuple[str, bytes]]) -> str:
    """Check files on /contribute and confirm them; returns where the confirmation leads."""
    checked = client.post(
        "/contribute/check",
        data={"csrf_token": _csrf(client.get("/contribute").text)},
        files=[("files", f) for f in files],
        follow_redirects=False,
    )
    assert checked.status_code == 303, checked.text
    location = checked.headers["location"]
    confirmed = client.post(
        location + "/confirm",
        data={"csrf_token": _csrf(client.get(location).text)},
        follow_redirects=False,
    )
    assert confirmed.status_code == 303, confirmed.text
    return str(confirmed.headers["location"])


def test_the_contribute_pages_say_unchanged_noted_as_verified(
    client: TestClient, viersen: dict[str, str]
) -> None:
    token = viersen["Authorization"].removeprefix("Bearer ")
    signed = client.post(
        "/contribute/sign-in",
        data={
            "token": token,
            "csrf_token": _csrf(client.get("/contribute/sign-in").text),
            "next": "/contribute",
        },
        follow_redirects=False,
    )
    assert signed.status_code == 303
    files = [
        ("akteure.csv", ACTORS_CSV.replace(b"frische-verein", b"frische-seite")),
        ("standorte.csv", SITES_CSV.replace(b"frische-verein", b"frische-seite")),
    ]
    first = _check_and_confirm(client, files)
    assert first.endswith("?done=stored")
    again = _check_and_confirm(client, files)
    assert again == first.replace("done=stored", "done=verified")
    assert "Unverändert, als geprüft vermerkt" in client.get(again).text
