"""The contribute pages in a real browser: German row-level errors, sign-in, confirm, 375 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pagelog import PageLog

from bildungsgraph.accounts import AccountStore, accounts_path

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parents[1] / "data" / "api"
BROKEN = (
    "Kennung,Name,Akteurstyp,Beschreibung,Letzte Änderung,Zuständigkeitsgebiet\n"
    "b-noname,,Verein,Treff,2024-01-01,05166\n"
    "b-date,Treff am Markt,Verein,Treff,31.02.2024,05166\n"
    'b-html,Treff,"<img src=x onerror=alert(1)>",Treff,2024-01-01,05166\n'
).encode()


def csv_file(name: str, content: bytes) -> dict[str, Any]:
    return {"name": name, "mimeType": "text/csv", "buffer": content}


@pytest.fixture
def token(site_store: Path) -> Iterator[str]:
    """A Kreis Viersen account in the live server's accounts file (revoked afterwards)."""
    accounts = AccountStore(accounts_path(site_store))
    account, secret = accounts.create("Bildungsbüro Kreis Viersen (Browsertest)", ["05166"])
    yield secret
    accounts.revoke(account.id)
    accounts.close()


def upload_broken_file(browser_page: Any, site_server: str, lang: str = "") -> None:
    browser_page.goto(site_server + "/contribute" + lang)
    label = "Dateien" if not lang else "Files"
    browser_page.get_by_label(label, exact=True).set_input_files([csv_file("akteure.csv", BROKEN)])
    browser_page.get_by_role("button", name="Dateien prüfen" if not lang else "Check files").click()
    browser_page.wait_for_url("**/contribute/uploads/*")


def test_broken_file_shows_german_row_level_errors(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    upload_broken_file(browser_page, site_server)
    assert browser_page.locator("h1").inner_text() == "Prüfbericht"
    assert "Die Prüfung hat Fehler gefunden" in browser_page.get_by_role("alert").inner_text()
    rows = browser_page.locator("tr.problem--violation")
    assert rows.count() == 3
    texts = [rows.nth(i).inner_text() for i in range(3)]
    # Zeile, Kennung, Spalte (the template's German column name)
    assert texts[0].split("\t")[:3] == ["2", "b-noname", "Name"] and "Der Name fehlt." in texts[0]
    assert "31.02.2024" in texts[1] and "Datum der letzten Änderung ist ungültig" in texts[1]
    assert "<img src=x onerror=alert(1)>" in texts[2]  # shown as text
    assert browser_page.locator("img[src=x]").count() == 0
    assert browser_page.get_by_role("button", name="Beitrag speichern").count() == 0
    browser_page.screenshot(path=str(artifacts / "contribute-report.png"), full_page=True)
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_sign_in_check_confirm_and_withdraw(
    page: tuple[Any, PageLog], site_server: str, token: str, artifacts: Path
) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/contribute")
    browser_page.get_by_role("link", name="Anmelden").click()
    browser_page.get_by_label("Zugangstoken").fill("bg_falsch")
    browser_page.get_by_role("button", name="Anmelden").click()
    assert "Zugangstoken ist nicht gültig" in browser_page.get_by_role("alert").inner_text()
    # the refused sign-in answers 422, which Chromium logs; nothing else may be logged
    assert log.errors == [
        "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    ]
    log.errors.clear()
    browser_page.get_by_label("Zugangstoken").fill(token)
    browser_page.get_by_role("button", name="Anmelden").click()
    browser_page.wait_for_url("**/contribute")
    assert "Bildungsbüro Kreis Viersen (Browsertest)" in browser_page.inner_text("aside")
    files = [
        csv_file(name, (DATA / name).read_bytes()) for name in ("akteure.csv", "standorte.csv")
    ]
    browser_page.get_by_label("Dateien", exact=True).set_input_files(files)
    browser_page.get_by_label("Titel des Beitrags (freiwillig)").fill("Browsertest Lesecafé")
    browser_page.get_by_role("button", name="Dateien prüfen").click()
    browser_page.wait_for_url("**/contribute/uploads/*")
    assert "Keine Fehler gefunden" in browser_page.get_by_role("status").inner_text()
    browser_page.get_by_role("button", name="Beitrag speichern").click()
    browser_page.wait_for_url("**/contribute/mine/*?done=stored")
    assert browser_page.get_by_role("status").inner_text() == "Der Beitrag ist gespeichert."
    browser_page.screenshot(path=str(artifacts / "contribute-stored.png"), full_page=True)
    browser_page.get_by_role("link", name="Zurück zu meinen Beiträgen").click()
    assert browser_page.get_by_role("link", name="Browsertest Lesecafé").count() == 1
    browser_page.get_by_role("link", name="Browsertest Lesecafé").click()
    browser_page.get_by_role("link", name="Zurückziehen").click()
    browser_page.get_by_role("button", name="Ja, zurückziehen").click()
    browser_page.wait_for_url("**?done=withdrawn")
    assert browser_page.get_by_role("button", name="Wiederherstellen").count() == 1
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_contribute_pages_at_375_pixels(browser: Any, site_server: str, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="de-DE")
    browser_page = context.new_page()
    log = PageLog.record(browser_page)
    try:
        browser_page.goto(site_server + "/contribute")
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= 375
        browser_page.screenshot(path=str(artifacts / "contribute-375.png"), full_page=True)
        upload_broken_file(browser_page, site_server, "?lang=en")
        assert browser_page.locator("h1").inner_text() == "Validation report"
        first = browser_page.locator("tr.problem--violation").first
        assert "The name is missing." in first.inner_text()
        cell = first.locator("td").first
        assert cell.evaluate("td => getComputedStyle(td).display") == "block"  # rows as cards
        assert cell.get_attribute("data-label") == "Row"
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways: {width} px"
        browser_page.screenshot(path=str(artifacts / "contribute-report-375.png"), full_page=True)
    finally:
        context.close()
    assert log.errors == []
    assert log.foreign(site_server) == []
