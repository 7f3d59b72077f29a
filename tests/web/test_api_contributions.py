"""Contributing through the REST API: accounts, scopes, limits, reports, versions, withdrawal."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from bildungsgraph.config import Settings
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parents[1] / "data" / "api"
INGEST = Path(__file__).resolve().parents[1] / "data" / "ingest"


@dataclass
class Api:
    client: TestClient
    service: BildungsGraph
    viersen: dict[str, str]
    krefeld: dict[str, str]
    admin: dict[str, str]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def make_api(service: BildungsGraph, tmp_path: Path, **limits: int) -> Iterator[Api]:
    settings = Settings(store_path=tmp_path / "unused", **limits)
    _, viersen = service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])
    _, krefeld = service.accounts.create("Bildungsbüro Krefeld", ["05114"])
    _, admin = service.accounts.create("Landesstelle", [], admin=True)
    with TestClient(create_app(settings=settings, service=service)) as client:
        yield Api(client, service, bearer(viersen), bearer(krefeld), bearer(admin))


@pytest.fixture
def api(loaded_service: BildungsGraph, tmp_path: Path) -> Iterator[Api]:
    yield from make_api(loaded_service, tmp_path)


def upload(*names: str) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (Path(name).name, (DATA / name).read_bytes())) for name in names]


def raw(name: str, content: bytes) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (name, content))]


def graph_sizes(service: BildungsGraph) -> dict[str, int]:
    return service.store.graph_sizes()


def test_writing_needs_a_valid_token(api: Api) -> None:
    for headers in ({}, bearer("bg_falsch"), {"Authorization": "Basic eDp5"}):
        response = api.client.post(
            "/api/contributions", files=upload("akteure.csv"), headers=headers
        )
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.headers["content-type"] == "application/problem+json"
    account = api.service.accounts.list()[0]
    api.service.accounts.revoke(account.id)
    response = api.client.post(
        "/api/contributions", files=upload("akteure.csv"), headers=api.viersen
    )
    assert response.status_code == 401


def test_dry_run_reports_and_stores_nothing(api: Api) -> None:
    before = graph_sizes(api.service)
    response = api.client.post(
        "/api/contributions?dry_run=true",
        files=upload("akteure.csv", "standorte.csv"),
        headers=api.viersen,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dry_run"] and not body["stored"] and body["report"]["conforms"]
    assert graph_sizes(api.service) == before


def test_contribution_is_stored_with_provenance_and_read_back(api: Api) -> None:
    response = api.client.post(
        "/api/contributions",
        files=upload("akteure.csv", "standorte.csv"),
        data={"title": "Lesecafés"},
        headers=api.viersen,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/api/contributions/{body['id']}"
    shown = api.client.get(f"/api/contributions/{body['id']}").json()
    assert shown["status"] == "stored" and shown["title"] == "Lesecafés"
    assert shown["contributor"].endswith("/contributor/account-1")
    assert shown["contributor_name"] == "Bildungsbüro Kreis Viersen"
    assert {f["name"] for f in shown["files"]} == {"akteure.csv", "standorte.csv"}
    assert all(len(f["sha256"]) == 64 for f in shown["files"])
    assert shown["triples"] > 0 and shown["report"]["records"] == 2
    listed = api.client.get("/api/contributions").json()["items"]
    assert body["id"] in {item["id"] for item in listed}
    # HTML in a name comes back as text, never as markup
    actor = api.client.get("/api/actors/api-lesecafe")
    assert actor.headers["content-type"] == "application/json"
    assert actor.json()["name"] == "Lesecafé <script>alert(1)</script> Süchteln"
    assert actor.headers["x-content-type-options"] == "nosniff"
    for text in ("lesecafe suchteln", "LESECAFÉ SÜCHTELN", "Lesecafe Suechteln"):
        assert api.client.get(f"/api/actors?q={text}").json()["total"] == 1
    as_csv = api.client.get("/api/actors?q=lesecafe", headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")


def test_same_files_twice_create_no_duplicate(api: Api) -> None:
    first = api.client.post(
        "/api/contributions", files=upload("akteure.csv", "standorte.csv"), headers=api.viersen
    ).json()
    sizes = graph_sizes(api.service)
    again = api.client.post(
        "/api/contributions", files=upload("akteure.csv", "standorte.csv"), headers=api.viersen
    )
    assert again.status_code == 200
    assert again.json()["duplicate_of"] == first["graph"] and not again.json()["stored"]
    assert graph_sizes(api.service) == sizes


def test_records_outside_the_accounts_kommunen_refuse_the_whole_contribution(api: Api) -> None:
    before = graph_sizes(api.service)
    response = api.client.post(
        "/api/contributions",
        files=upload("akteure.csv", "standorte_krefeld.csv"),
        headers=api.viersen,
    )
    assert response.status_code == 422
    body = response.json()
    assert not body["stored"] and body["status"] == 422
    scope = [p for p in body["report"]["problems"] if p["constraint"] == "scope:kommune"]
    named = {p["focus_node"].rsplit("/", 1)[-1] for p in scope}
    assert named == {"api-lesecafe", "api-lesecafe-s2"}
    assert all("05114000" in p["message_de"] and "05166" in p["message_en"] for p in scope)
    assert graph_sizes(api.service) == before
    # the admin writes everywhere; a Krefeld account may not write the Viersen site
    assert (
        api.client.post(
            "/api/contributions", files=upload("akteure.csv", "standorte.csv"), headers=api.krefeld
        ).status_code
        == 422
    )
    assert (
        api.client.post(
            "/api/contributions",
            files=upload("akteure.csv", "standorte_krefeld.csv"),
            headers=api.admin,
        ).status_code
        == 201
    )


def test_a_kreis_account_covers_its_gemeinden_only(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    _, token = loaded_service.accounts.create("Gemeinde Brüggen", ["05166004"])
    with TestClient(
        create_app(settings=Settings(store_path=tmp_path / "x"), service=loaded_service)
    ) as client:
        response = client.post(
            "/api/contributions",
            files=upload("akteure.csv", "standorte.csv"),
            headers=bearer(token),
        )
    assert response.status_code == 422  # the site lies in Viersen (05166032), not in Brüggen


def test_replace_with_a_new_version_atomically(api: Api) -> None:
    first = api.client.post(
        "/api/contributions", files=upload("akteure.csv", "standorte.csv"), headers=api.viersen
    ).json()
    changed = (
        (DATA / "akteure.csv").read_text(encoding="utf-8").replace("Offener Treff", "Neuer Treff")
    )
    files = raw("akteure.csv", changed.encode()) + upload("standorte.csv")
    # another account may not replace it, a broken version changes nothing
    assert (
        api.client.put(
            f"/api/contributions/{first['id']}", files=files, headers=api.krefeld
        ).status_code
        == 403
    )
    broken = raw("akteure.csv", b"Kennung,Name\napi-lesecafe,\n")
    assert (
        api.client.put(
            f"/api/contributions/{first['id']}", files=broken, headers=api.viersen
        ).status_code
        == 422
    )
    actor = api.client.get("/api/actors/api-lesecafe").json()
    assert actor["description"].startswith("Offener Treff")
    response = api.client.put(f"/api/contributions/{first['id']}", files=files, headers=api.viersen)
    assert response.status_code == 201, response.text
    assert response.json()["graph"] == first["graph"]
    actor = api.client.get("/api/actors/api-lesecafe").json()
    assert actor["description"].startswith("Neuer Treff")
    assert len(api.client.get("/api/contributions").json()["items"]) == 2  # example + this one


def test_withdraw_is_exact_recorded_and_undoable(api: Api) -> None:
    before = graph_sizes(api.service)
    stored = api.client.post(
        "/api/contributions", files=upload("akteure.csv", "standorte.csv"), headers=api.viersen
    ).json()
    assert (
        api.client.delete(f"/api/contributions/{stored['id']}", headers=api.krefeld).status_code
        == 403
    )
    response = api.client.delete(f"/api/contributions/{stored['id']}", headers=api.viersen)
    assert response.status_code == 200
    after = graph_sizes(api.service)
    withdrawn = f"https://w3id.org/bildungsgraph/graph/withdrawn/{stored['id']}"
    assert {g: n for g, n in after.items() if g != withdrawn} == before
    assert api.client.get("/api/actors/api-lesecafe").status_code == 404
    shown = api.client.get(f"/api/contributions/{stored['id']}").json()
    assert shown["status"] == "withdrawn"
    record = api.service.store.get_graph(withdrawn).serialize(format="nt")
    assert "invalidatedAtTime" in record and "akteure.csv" in record
    restored = api.client.post(f"/api/contributions/{stored['id']}/restore", headers=api.viersen)
    assert restored.status_code == 200
    assert api.client.get("/api/actors/api-lesecafe").status_code == 200
    assert withdrawn not in graph_sizes(api.service)
    assert (
        api.client.delete("/api/contributions/gibt-es-nicht", headers=api.viersen).status_code
        == 404
    )


def _merged_cells_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "akteure"
    sheet.append(["Kennung", "Name", "Akteurstyp"])
    sheet.append(["a1", "Gemeinsamer Name", "library"])
    sheet.append(["a2", None, "library"])
    sheet.merge_cells("B2:B3")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BROKEN = {
    "utf16-without-bom": raw(
        "akteure.csv", "Kennung,Name,Akteurstyp\nx1,Bücherei,library\n".encode("utf-16-le")
    ),
    "binary": raw("akteure.csv", b"\x00\x01\x02\xff\xfe" * 50),
    "merged-cells": raw("vorlage.xlsx", _merged_cells_xlsx()),
    "missing-columns": raw("akteure.csv", b"Kennung,Beschreibung\nx1,ohne Name\n"),
    "unknown-vocabulary": raw("akteure.csv", b"Kennung,Name,Akteurstyp\nx1,Verein X,Raumschiff\n"),
    "remote-context": raw("a.jsonld", (INGEST / "errors" / "remote-context.jsonld").read_bytes()),
    "broken-turtle": raw("a.ttl", (INGEST / "errors" / "kaputt.ttl").read_bytes()),
    "unknown-file-type": raw("akteure.pdf", b"%PDF-1.4"),
    "semicolon-missing-name": raw(
        "akteure.csv", "Kennung;Name;Akteurstyp\nx1;;Bücherei\n".encode("cp1252")
    ),
    "header-only": raw("akteure.csv", b"Kennung,Name,Akteurstyp\n"),
    "header-typo": raw("akteure.csv", b"Kennung,Name,Akteurstyp,E-Mali\nx1,X,library,a@b.de\n"),
    "unknown-schulnummer": raw(
        "akteure.csv", b"Kennung,Name,Akteurstyp,Schulnummer\nx1,X,school-form-15,999999\n"
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_files_give_a_clear_report_and_store_nothing(api: Api, case: str) -> None:
    before = graph_sizes(api.service)
    response = api.client.post("/api/contributions", files=BROKEN[case], headers=api.viersen)
    assert response.status_code == 422, response.text
    body = response.json()
    assert not body["stored"]
    violations = [p for p in body["report"]["problems"] if p["severity"] == "Violation"]
    assert violations
    for problem in violations:
        assert problem["message_de"] and problem["message_en"] and problem["file"]
    assert graph_sizes(api.service) == before


def test_semicolons_and_windows_encoding_are_read_with_a_warning(api: Api) -> None:
    content = "Kennung;Name;Akteurstyp\napi-buecherei;Bücherei Süchteln;Bibliothek\n"
    response = api.client.post(
        "/api/contributions?dry_run=1",
        files=raw("akteure.csv", content.encode("cp1252")),
        headers=api.viersen,
    )
    assert response.status_code == 200, response.text
    problems = response.json()["report"]["problems"]
    assert any(p["severity"] == "Warning" for p in problems)


def test_a_50_mb_upload_is_refused_with_413(loaded_service: BildungsGraph, tmp_path: Path) -> None:
    for api in make_api(loaded_service, tmp_path):
        big = b"Kennung,Name,Akteurstyp\n" + b"x" * (50 * 1024 * 1024)
        response = api.client.post(
            "/api/contributions", files=raw("akteure.csv", big), headers=api.viersen
        )
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"


def test_the_body_is_cut_off_while_reading_without_content_length(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    for api in make_api(loaded_service, tmp_path, max_upload_bytes=1000):
        chunks = (b"-" * 500 for _ in range(10))
        response = api.client.post(
            "/api/contributions",
            content=chunks,
            headers={**api.viersen, "Content-Type": "multipart/form-data; boundary=x"},
        )
        assert response.status_code == 413


def test_rows_per_contribution_are_limited(loaded_service: BildungsGraph, tmp_path: Path) -> None:
    for api in make_api(loaded_service, tmp_path, max_rows_per_contribution=2):
        rows = "".join(f"api-v{i},Verein {i},Verein\n" for i in range(5))
        response = api.client.post(
            "/api/contributions",
            files=raw("akteure.csv", f"Kennung,Name,Akteurstyp\n{rows}".encode()),
            headers=api.viersen,
        )
        assert response.status_code == 422
        assert "2" in json.dumps(response.json()["report"])


def test_writes_per_minute_give_429_with_retry_after(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    for api in make_api(loaded_service, tmp_path, writes_per_minute=2):
        codes = [
            api.client.post(
                "/api/contributions?dry_run=true", files=upload("akteure.csv"), headers=api.viersen
            ).status_code
            for _ in range(3)
        ]
        assert codes[:2] == [200, 200] and codes[2] == 429
        limited = api.client.post(
            "/api/contributions?dry_run=true", files=upload("akteure.csv"), headers=api.viersen
        )
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        # the limit is per account
        assert (
            api.client.post(
                "/api/contributions?dry_run=true", files=upload("akteure.csv"), headers=api.krefeld
            ).status_code
            == 200
        )


def test_concurrent_contributions_are_serialised_without_losing_either(api: Api) -> None:
    def csv_for(name: str) -> bytes:
        return f"Kennung,Name,Akteurstyp\n{name},Verein {name},Verein\n".encode()

    results: dict[str, int] = {}

    def submit(name: str) -> None:
        response = api.client.post(
            "/api/contributions", files=raw(f"{name}.csv", csv_for(name)), headers=api.admin
        )
        results[name] = response.status_code

    threads = [threading.Thread(target=submit, args=(f"api-parallel-{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(results.values()) == {201}
    for name in results:
        assert api.client.get(f"/api/actors/{name}").status_code == 200


def test_templates_for_download(api: Api) -> None:
    listing = api.client.get("/api/templates").json()
    names = {t["name"] for t in listing["items"]}
    assert {"akteure", "standorte", "angebote", "kooperationen"} <= names
    template = api.client.get("/api/templates/angebote.csv")
    assert template.headers["content-type"].startswith("text/csv")
    assert template.content.startswith(b"\xef\xbb\xbfKennung,Titel")
    workbook = api.client.get("/api/templates/vorlagen.xlsx")
    assert workbook.content[:2] == b"PK"
    assert api.client.get("/api/templates/gibtsnicht.csv").status_code == 404
