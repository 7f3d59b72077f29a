"""The contribute pages: templates, check, report, confirm, sign-in, own contributions."""

from __future__ import annotations

import doctest
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from bildungsgraph import staging
from bildungsgraph.config import Settings
from bildungsgraph.errors import NotFoundError
from bildungsgraph.service import BildungsGraph
from bildungsgraph.staging import UploadStaging
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parents[1] / "data" / "api"
COOKIE = "bildungsgraph_session"
BROKEN = (
    "Kennung,Name,Akteurstyp,Beschreibung,E-Mail,Letzte Änderung,Zuständigkeitsgebiet\n"
    "c-ok,Lesecafé,Verein,Treff,info@c.example,2024-01-01,05166\n"
    "c-noname,,Verein,Treff,info@c.example,2024-01-01,05166\n"
    "c-date,Treff am Markt,Verein,Treff,info@c.example,31.02.2024,05166\n"
    "c-area,Offener Treff,Verein,Treff,info@c.example,2024-01-01,99999\n"
    'c-html,Treff,"<img src=x onerror=alert(1)>",Treff,info@c.example,2024-01-01,05166\n'
).encode()


@dataclass
class Site:
    client: TestClient
    service: BildungsGraph
    viersen: str  # token of the Kreis Viersen account
    krefeld: str


BROWSER = {"Accept": "text/html"}


@pytest.fixture
def site(loaded_service: BildungsGraph, tmp_path: Path) -> Iterator[Site]:
    yield from _site(loaded_service, tmp_path)


def _site(service: BildungsGraph, tmp_path: Path, **limits: int) -> Iterator[Site]:
    _, viersen = service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])
    _, krefeld = service.accounts.create("Bildungsbüro Krefeld", ["05114"])
    settings = Settings(store_path=tmp_path / "unused", **limits)
    with TestClient(create_app(settings=settings, service=service)) as client:
        yield Site(client, service, viersen, krefeld)


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def sign_in(site: Site, token: str) -> None:
    page = site.client.get("/contribute/sign-in")
    answer = site.client.post(
        "/contribute/sign-in",
        data={"token": token, "csrf_token": csrf(page.text), "next": "/contribute"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def check(site: Site, *files: tuple[str, bytes], lang: str = "", **form: str) -> str:
    """Upload files through the form; returns the report page's URL."""
    token = csrf(site.client.get("/contribute").text)
    answer = site.client.post(
        f"/contribute/check{lang}",
        data={"csrf_token": token, **form},
        files=[("files", file) for file in files],
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


def api_file(name: str) -> tuple[str, bytes]:
    return (name, (DATA / name).read_bytes())


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_start_page_has_templates_form_and_sign_in_state(site: Site) -> None:
    page = site.client.get("/contribute")
    assert page.status_code == 200
    assert 'href="/api/templates/vorlagen.xlsx"' in page.text
    for template in site.service.contributions.templates():
        assert f'href="/api/templates/{template["name"]}.csv"' in page.text
        assert site.client.get(f"/api/templates/{template['name']}.csv").status_code == 200
    assert 'enctype="multipart/form-data"' in page.text
    assert '<label for="files">Dateien</label>' in page.text
    assert 'type="file" id="files" name="files" multiple' in page.text
    assert "Sie sind nicht angemeldet" in page.text
    english = site.client.get("/contribute?lang=en")
    assert (
        "Contribute data" in english.text and 'action="/contribute/check?lang=en"' in english.text
    )


def test_broken_csv_gives_german_row_level_report_and_stores_nothing(site: Site) -> None:
    before = site.service.store.graph_sizes()
    location = check(site, ("akteure.csv", BROKEN), title="<b>Mein Titel</b>")
    assert re.fullmatch(r"/contribute/uploads/[0-9a-f]{32}", location)
    page = site.client.get(location)
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Die Prüfung hat Fehler gefunden" in text and "Es wurde nichts gespeichert" in text
    assert "Datei: akteure.csv" in text
    rows = re.findall(r'<tr class="problem problem--violation">(.*?)</tr>', page.text, re.S)
    cells = [
        [text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in rows
    ]
    by_row = {(cell[0], cell[2]): cell for cell in cells}  # (row, column)
    assert by_row[("3", "Name")][5].startswith("Der Name fehlt.")
    assert by_row[("3", "Name")][1] == "c-noname"  # the Kennung of the record
    assert '<th scope="col">Blatt</th>' not in page.text  # a CSV file has no sheets
    assert by_row[("4", "Letzte Änderung")][3] == "31.02.2024"
    assert "Das Datum der letzten Änderung ist ungültig" in by_row[("4", "Letzte Änderung")][5]
    assert by_row[("5", "Zuständigkeitsgebiet")][3] == "99999"
    assert "Zuständigkeitsgebiet ist unbekannt" in by_row[("5", "Zuständigkeitsgebiet")][5]
    assert ("6", "Akteurstyp") in by_row and all(cell[4] == "Fehler" for cell in cells)
    # HTML from the upload is shown as text, never as markup
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert "<b>Mein Titel</b>" not in page.text and "&lt;b&gt;Mein Titel&lt;/b&gt;" in page.text
    assert "Beitrag speichern" not in page.text  # nothing to confirm
    assert site.service.store.graph_sizes() == before
    english = text_of(site.client.get(location + "?lang=en").text)
    assert "The check found errors" in english and "The name is missing." in english


def test_report_of_a_workbook_names_the_sheet_of_each_row(site: Site) -> None:
    workbook = Workbook()
    for title in ("akteure", "standorte"):
        workbook.create_sheet(title)
    workbook.remove(workbook.worksheets[0])
    workbook["akteure"].append(["Kennung", "Name", "Akteurstyp"])
    workbook["akteure"].append(["x-ohne-name", None, "library"])
    workbook["standorte"].append(["Kennung", "Akteur", "Straße"])
    workbook["standorte"].append(["x-ohne-ort", "x-ohne-name", "Markt 1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = site.client.get(check(site, ("beitrag.xlsx", buffer.getvalue())))
    assert '<th scope="col">Blatt</th>' in page.text
    rows = re.findall(r'<tr class="problem problem--violation">(.*?)</tr>', page.text, re.S)
    cells = [
        [text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in rows
    ]
    assert ["akteure", "2", "x-ohne-name", "Name"] in [cell[:4] for cell in cells]
    assert {cell[0] for cell in cells} == {"akteure", "standorte"}


def test_valid_file_confirmed_is_stored_and_listed(site: Site) -> None:
    sign_in(site, site.viersen)
    location = check(site, api_file("akteure.csv"), api_file("standorte.csv"), title="Lesecafés")
    report = site.client.get(location)
    assert "Keine Fehler gefunden" in report.text and "Beitrag speichern" in report.text
    assert "nicht geprüft, ob die Datensätze in Ihren Kommunen" not in report.text
    before = len(site.service.contributions.list())
    stored = site.client.post(
        location + "/confirm", data={"csrf_token": csrf(report.text)}, follow_redirects=False
    )
    assert stored.status_code == 303
    target = stored.headers["location"]
    assert re.fullmatch(r"/contribute/mine/[0-9a-f]{32}\?done=stored", target)
    contribution_id = target.split("/")[-1].split("?")[0]
    assert len(site.service.contributions.list()) == before + 1
    page = site.client.get(target)
    assert "Der Beitrag ist gespeichert." in page.text
    assert f'href="/graph/contribution/{contribution_id}"' in page.text
    assert f'href="/api/contributions/{contribution_id}"' in page.text
    assert "akteure.csv" in page.text and "standorte.csv" in page.text
    mine = site.client.get("/contribute/mine")
    assert mine.status_code == 200 and "Lesecafés" in mine.text and contribution_id in mine.text
    assert "gespeichert" in text_of(mine.text)
    # the staged files are gone once stored; the report URL says so clearly
    gone = site.client.get(location, headers=BROWSER)  # the error page (JSON for machines)
    assert gone.status_code == 404 and "abgelaufen oder unbekannt" in gone.text
    # another account does not see it
    sign_in(site, site.krefeld)
    assert contribution_id not in site.client.get("/contribute/mine").text
    assert site.client.get(f"/contribute/mine/{contribution_id}").status_code == 404


def test_confirm_without_sign_in_is_refused(site: Site) -> None:
    location = check(site, api_file("akteure.csv"), api_file("standorte.csv"))
    report = site.client.get(location)
    assert "Keine Fehler gefunden" in report.text and "Zum Speichern melden Sie sich" in report.text
    assert "Beitrag speichern" not in report.text
    before = site.service.store.graph_sizes()
    token = csrf(site.client.get("/contribute").text)  # the anonymous session's token
    refused = site.client.post(location + "/confirm", data={"csrf_token": token})
    assert refused.status_code == 401 and "angemeldet sein" in refused.text
    assert site.service.store.graph_sizes() == before
    # signing in afterwards: the anonymous check can be confirmed
    sign_in(site, site.viersen)
    report = site.client.get(location)
    stored = site.client.post(
        location + "/confirm", data={"csrf_token": csrf(report.text)}, follow_redirects=False
    )
    assert stored.status_code == 303 and "done=stored" in stored.headers["location"]


def test_missing_or_wrong_csrf_token_is_refused_and_stores_nothing(site: Site) -> None:
    sign_in(site, site.viersen)
    location = check(site, api_file("akteure.csv"), api_file("standorte.csv"))
    before = site.service.store.graph_sizes()
    for data in ({}, {"csrf_token": "falsch"}, {"csrf_token": ""}):
        answer = site.client.post(location + "/confirm", data=data)
        assert answer.status_code == 403 and "Sicherheitsprüfung" in answer.text
        upload = site.client.post(
            "/contribute/check", data=data, files=[("files", api_file("akteure.csv"))]
        )
        assert upload.status_code == 403
    # a token of another session does not count either
    with TestClient(site.client.app) as other:
        foreign = csrf(other.get("/contribute").text)
    assert site.client.post(location + "/confirm", data={"csrf_token": foreign}).status_code == 403
    assert site.service.store.graph_sizes() == before
    # without any session cookie the form cannot be posted
    site.client.cookies.clear()
    assert (
        site.client.post(
            "/contribute/sign-in", data={"token": site.viersen, "csrf_token": foreign}
        ).status_code
        == 403
    )


def test_oversized_upload_gives_413_in_german(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    for site in _site(loaded_service, tmp_path, max_upload_bytes=2_000):
        token = csrf(site.client.get("/contribute").text)
        answer = site.client.post(
            "/contribute/check",
            data={"csrf_token": token},
            files=[("files", ("gross.csv", b"Kennung,Name\n" * 500))],
        )
        assert answer.status_code == 413
        assert answer.headers["content-type"].startswith("text/html")
        assert "Die Dateien sind zu groß" in answer.text and "2 kB" in answer.text
        assert not list(site.service.contributions.staging.directory.glob("*"))


def test_unknown_or_expired_upload_is_explained(site: Site) -> None:
    for bad in ("0" * 32, "nicht-da", "%2E%2E"):
        answer = site.client.get(f"/contribute/uploads/{bad}", headers=BROWSER)
        assert answer.status_code == 404, bad
        assert "Diese Prüfung ist abgelaufen oder unbekannt" in answer.text
    location = check(site, api_file("akteure.csv"), api_file("standorte.csv"))
    site.service.contributions.staging.lifetime = timedelta(0)
    expired = site.client.get(location, headers=BROWSER)
    assert expired.status_code == 404 and "eine Stunde" in expired.text
    english = site.client.get("/contribute/uploads/" + "0" * 32 + "?lang=en", headers=BROWSER)
    assert "This check has expired or is unknown" in english.text


def test_session_cookie_flags_and_no_token_in_it(site: Site) -> None:
    first = site.client.get("/contribute")
    cookie = first.headers["set-cookie"]
    for flag in ("HttpOnly", "Path=/contribute", "SameSite=strict", "Max-Age="):
        assert flag in cookie
    assert "Secure" not in cookie and first.headers["cache-control"] == "private, no-store"
    page = site.client.get("/contribute/sign-in")
    answer = site.client.post(
        "/contribute/sign-in",
        data={"token": site.viersen, "csrf_token": csrf(page.text), "next": "/contribute/mine"},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/contribute/mine"
    signed_in = answer.headers["set-cookie"]
    assert site.viersen not in signed_in and site.viersen.removeprefix("bg_") not in signed_in
    value = signed_in.split(";")[0].split("=", 1)[1]
    assert value not in cookie  # a new session id after sign-in
    with TestClient(site.client.app, base_url="https://testserver") as secure:
        assert "Secure" in secure.get("/contribute").headers["set-cookie"]


def test_wrong_token_gives_german_error_and_sign_out_ends_session(site: Site) -> None:
    page = site.client.get("/contribute/sign-in")
    wrong = site.client.post(
        "/contribute/sign-in", data={"token": "bg_falsch", "csrf_token": csrf(page.text)}
    )
    assert wrong.status_code == 422
    assert "Dieses Zugangstoken ist nicht gültig" in wrong.text
    assert "Angemeldet als" not in site.client.get("/contribute").text
    sign_in(site, site.viersen)
    page = site.client.get("/contribute")
    assert "Angemeldet als" in page.text and "Bildungsbüro Kreis Viersen" in page.text
    old_cookie = site.client.cookies[COOKIE]
    out = site.client.post(
        "/contribute/sign-out", data={"csrf_token": csrf(page.text)}, follow_redirects=False
    )
    assert out.status_code == 303
    assert site.service.sessions.get(old_cookie) is None
    assert "Sie sind nicht angemeldet" in site.client.get("/contribute").text
    mine = site.client.get("/contribute/mine", follow_redirects=False)
    assert mine.status_code == 303
    assert mine.headers["location"] == "/contribute/sign-in?next=%2Fcontribute%2Fmine"


def test_records_outside_the_accounts_kommunen_are_reported_before_confirming(
    site: Site,
) -> None:
    sign_in(site, site.viersen)
    before = site.service.store.graph_sizes()
    location = check(site, api_file("akteure.csv"), api_file("standorte_krefeld.csv"))
    page = site.client.get(location)
    assert "05114000" in page.text and "Beitrag speichern" not in page.text
    assert site.service.store.graph_sizes() == before


def test_withdraw_with_confirmation_page_then_restore(site: Site) -> None:
    sign_in(site, site.viersen)
    location = check(site, api_file("akteure.csv"), api_file("standorte.csv"))
    stored = site.client.post(
        location + "/confirm", data={"csrf_token": csrf(site.client.get(location).text)}
    )
    contribution_id = str(stored.url).split("/")[-1].split("?")[0]
    graph = f"https://w3id.org/bildungsgraph/graph/contribution/{contribution_id}"
    confirmation = site.client.get(f"/contribute/mine/{contribution_id}/withdraw")
    assert "Beitrag zurückziehen?" in confirmation.text
    refused = site.client.post(f"/contribute/mine/{contribution_id}/withdraw")
    assert refused.status_code == 403 and site.service.store.has_graph(graph)
    withdrawn = site.client.post(
        f"/contribute/mine/{contribution_id}/withdraw", data={"csrf_token": csrf(confirmation.text)}
    )
    assert withdrawn.status_code == 200 and "Der Beitrag ist zurückgezogen." in withdrawn.text
    assert not site.service.store.has_graph(graph)
    assert "zurückgezogen" in text_of(site.client.get("/contribute/mine").text)
    restored = site.client.post(
        f"/contribute/mine/{contribution_id}/restore", data={"csrf_token": csrf(withdrawn.text)}
    )
    assert restored.status_code == 200 and "wiederhergestellt" in restored.text
    assert site.service.store.has_graph(graph)
    sign_in(site, site.krefeld)
    other = site.client.post(
        f"/contribute/mine/{contribution_id}/withdraw",
        data={"csrf_token": csrf(site.client.get("/contribute").text)},
    )
    assert other.status_code == 403 and site.service.store.has_graph(graph)


def test_revoked_account_loses_its_session(site: Site) -> None:
    sign_in(site, site.viersen)
    session_id = site.client.cookies[COOKIE]
    assert site.service.sessions.get(session_id) is not None
    site.service.accounts.revoke(site.service.accounts.list()[0].id)
    assert site.service.sessions.get(session_id) is None
    assert "Sie sind nicht angemeldet" in site.client.get("/contribute").text


def test_staging_keeps_bytes_under_opaque_ids_and_expires(tmp_path: Path) -> None:
    store = UploadStaging(tmp_path / "staging")
    staged = store.stage([("../böse.csv", b"a,b\n")], {"conforms": True}, "T", 7)
    assert re.fullmatch(r"[0-9a-f]{32}", staged.id) and staged.names == ["../böse.csv"]
    assert store.files(staged.id) == [("../böse.csv", b"a,b\n")]
    assert sorted(p.name for p in (tmp_path / "staging" / staged.id).iterdir()) == [
        "0.bin",
        "upload.json",
    ]
    for bad in ("..", "../staging", staged.id.upper()):
        with pytest.raises(NotFoundError):
            store.get(bad)
    store.lifetime = timedelta(0)
    with pytest.raises(NotFoundError):
        store.get(staged.id)
    assert not (tmp_path / "staging" / staged.id).exists()
    assert doctest.testmod(staging).failed == 0
