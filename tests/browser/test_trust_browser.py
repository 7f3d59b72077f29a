"""Data people can trust, in a real browser: Kreis Viersen confirms and disputes what Krefeld
entered, its contact person shows to Viersen only, and the freshness page fits a phone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pagelog import BROKEN_WORDS, PageLog

from bildungsgraph.accounts import AccountStore, accounts_path

pytestmark = pytest.mark.browser
HOSTILE = "<img src=x onerror=alert(1)>"
COOPERATIONS = (
    "Kennung,Bezeichnung,Partner,Kooperationsform,Programm,Themenfeld,Lebensphase,Beginn,Ende,"
    "Status,Quelle,Gebiet,Letzte Änderung\n"
    f'05114-trust-1,"Lesepaten {HOSTILE}",05114-bildungsbuero | 05166-bildungsbuero,'
    "informal-exchange,,,,2026-01-01,,active,,,\n"
    "05114-trust-2,Ferienkurse am Rhein,05114-vhs | 05166-vhs,informal-exchange,,,,"
    "2026-01-01,,active,,,\n"
).encode()
CONTACTS = (
    b"Kennung,Name,Funktion,E-Mail,Telefon,Akteur,Einwilligung am\n"
    b"kontakt-trust,Henrike Browserprobe,Leitung,henrike.browserprobe@example.org,02162 1234,"
    b"05166-bildungsbuero,2026-11-01\n"
)
_SCROLL = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@dataclass(frozen=True)
class Tokens:
    krefeld: str
    viersen: str


@pytest.fixture
def tokens(site_store: Path) -> Iterator[Tokens]:
    """A Krefeld and a Kreis Viersen account in the live server's accounts file."""
    accounts = AccountStore(accounts_path(site_store))
    krefeld, krefeld_token = accounts.create("Bildungsbüro Krefeld (Browsertest)", ["05114"])
    viersen, viersen_token = accounts.create("Bildungsbüro Viersen (Browsertest)", ["05166"])
    yield Tokens(krefeld_token, viersen_token)
    accounts.revoke(krefeld.id)
    accounts.revoke(viersen.id)
    accounts.close()


def contribute(site_server: str, token: str, name: str, content: bytes) -> str:
    answer = httpx.post(
        site_server + "/api/contributions",
        files={"files": (name, content)},
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def withdraw(site_server: str, token: str, contribution: str) -> None:
    answer = httpx.delete(
        f"{site_server}/api/contributions/{contribution}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    assert answer.status_code == 200, answer.text


def sign_in(page: Any, site_server: str, token: str) -> None:
    page.goto(site_server + "/contribute/sign-in")
    page.get_by_label("Zugangstoken").fill(token)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/contribute")


def test_viersen_confirms_and_disputes_what_krefeld_entered(
    page: tuple[Any, PageLog], site_server: str, tokens: Tokens, artifacts: Path
) -> None:
    browser_page, log = page
    entered = contribute(site_server, tokens.krefeld, "kooperationen.csv", COOPERATIONS)
    try:
        sign_in(browser_page, site_server, tokens.viersen)
        browser_page.get_by_role("link", name="Zu bestätigen").first.click()
        browser_page.wait_for_url("**/contribute/confirmations")
        first = browser_page.locator("#claim-05114-trust-1-05166-bildungsbuero")
        assert HOSTILE in first.inner_text()  # the name is text, never markup
        assert browser_page.locator("img[src=x]").count() == 0
        first.get_by_role("button", name="Bestätigen").click()
        browser_page.wait_for_url("**done=confirmed")
        assert browser_page.get_by_role("status").inner_text() == "Die Kooperation ist bestätigt."
        second = browser_page.locator("#claim-05114-trust-2-05166-vhs")
        second.get_by_role("button", name="Bestreiten").click()  # no reason: the form asks
        assert browser_page.url.endswith("/contribute/confirmations?done=confirmed")
        second.get_by_label("Begründung").fill("Die Kurse enden 2025 <b>sicher</b>")
        second.get_by_role("button", name="Bestreiten").click()
        browser_page.wait_for_url("**done=disputed")
        assert browser_page.locator("tr[id^=claim-05114-trust-]").count() == 0
        decided = browser_page.locator("table.decisions").inner_text()
        assert "Die Kurse enden 2025 <b>sicher</b>" in decided and "bestätigt" in decided
        browser_page.screenshot(path=str(artifacts / "confirmations.png"), full_page=True)

        browser_page.goto(site_server + "/actors/05166-vhs")
        text = browser_page.locator("section#cooperations").inner_text()
        assert "bestritten von" in text and "Die Kurse enden 2025 <b>sicher</b>" in text
        assert browser_page.locator("main b", has_text="sicher").count() == 0
        scroll, width = browser_page.evaluate(_SCROLL)
        assert scroll <= width
    finally:
        withdraw(site_server, tokens.krefeld, entered)
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_a_contact_person_shows_to_its_kommune_only(
    browser: Any, page: tuple[Any, PageLog], site_server: str, tokens: Tokens
) -> None:
    browser_page, log = page
    entered = contribute(site_server, tokens.viersen, "ansprechpartner.csv", CONTACTS)
    try:
        browser_page.goto(site_server + "/actors/05166-bildungsbuero")
        assert "Browserprobe" not in browser_page.content()  # anonymous
        sign_in(browser_page, site_server, tokens.krefeld)  # another Kommune
        browser_page.goto(site_server + "/actors/05166-bildungsbuero")
        assert "Browserprobe" not in browser_page.content()
        browser_page.context.clear_cookies()
        sign_in(browser_page, site_server, tokens.viersen)
        browser_page.goto(site_server + "/actors/05166-bildungsbuero")
        assert "Henrike Browserprobe" in browser_page.inner_text("main")
        link = browser_page.get_by_role("link", name="henrike.browserprobe@example.org")
        assert link.get_attribute("href") == "mailto:henrike.browserprobe@example.org"
    finally:
        withdraw(site_server, tokens.viersen, entered)
    browser_page.goto(site_server + "/actors/05166-bildungsbuero")
    assert "Browserprobe" not in browser_page.content()  # withdrawn: gone
    assert log.errors == []


def test_the_freshness_page_fits_a_phone(
    phone: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    page, log = phone
    response = page.goto(site_server + "/kommunen/05166/aktualitaet")
    assert response is not None and response.status == 200
    assert page.locator("h1").inner_text().startswith("Aktualität")
    page.screenshot(path=str(artifacts / "freshness-390.png"), full_page=True)
    scroll, width = page.evaluate(_SCROLL)
    assert scroll <= width, f"the page scrolls sideways: {scroll} px"
    assert page.locator("main").evaluate(BROKEN_WORDS, "thead th") == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Als CSV herunterladen").click()
    assert download.value.suggested_filename.endswith(".csv")
    page.goto(site_server + "/kommunen/05166")
    share = page.locator(".key-figures__freshness a")
    assert share.inner_text().endswith("%")
    assert share.get_attribute("href").endswith("/kommunen/05166/aktualitaet")
    assert not log.errors and not log.foreign(site_server)
