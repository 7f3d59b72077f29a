"""Search to actor page in a real browser: the ego network settles, nothing leaves the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pagelog import PageLog

pytestmark = pytest.mark.browser
SETTLED = ".network-view[data-state=settled]"


def test_search_from_the_start_page_to_an_actor_and_its_network(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/")
    browser_page.get_by_label("Akteure, Angebote und Kommunen suchen").fill("bildungsbuero krefeld")
    browser_page.get_by_role("button", name="Suchen").click()
    browser_page.wait_for_url("**/search?q=bildungsbuero+krefeld*")
    hits = browser_page.locator(".search-hit__name")
    assert hits.first.inner_text() == "Regionales Bildungsbüro Krefeld (Beispiel)"
    browser_page.screenshot(path=str(artifacts / "actor-search.png"), full_page=True)
    hits.first.click()
    browser_page.wait_for_url("**/actors/05114-bildungsbuero")
    assert browser_page.locator("h1").inner_text() == "Regionales Bildungsbüro Krefeld (Beispiel)"
    view = browser_page.wait_for_selector(SETTLED, timeout=60_000)
    assert int(view.get_attribute("data-node-count") or 0) > 10
    assert int(view.get_attribute("data-edge-count") or 0) > 10
    browser_page.screenshot(path=str(artifacts / "actor-page.png"), full_page=True)
    # two steps: the radius is kept in the URL
    browser_page.get_by_label("Partner der Partner (2 Schritte)").check()
    browser_page.get_by_role("button", name="Anzeigen").click()
    browser_page.wait_for_url("**/actors/05114-bildungsbuero?radius=2*")
    browser_page.wait_for_selector(SETTLED, timeout=60_000)
    assert browser_page.get_by_label("Partner der Partner (2 Schritte)").is_checked()
    # a partner in the cooperations list opens its own page
    browser_page.locator("#cooperations a[href='/actors/school-600114']").first.click()
    browser_page.wait_for_url("**/actors/school-600114")
    assert "Schulamt für die Stadt Krefeld" in browser_page.locator("h1").inner_text()
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_the_actor_page_at_375_pixels(browser: Any, site_server: str, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="en-GB")
    browser_page = context.new_page()
    log = PageLog.record(browser_page)
    try:
        browser_page.goto(site_server + "/actors/05166-vhs?lang=en")
        browser_page.wait_for_selector(SETTLED, timeout=60_000)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways: {width} px"
        assert browser_page.locator("#offers h2").inner_text().startswith("Offers")
        search = browser_page.goto(site_server + "/search?q=vhs&lang=en")
        assert search is not None and search.status == 200
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= 375
        browser_page.locator(".search-hit__name").first.click()
        browser_page.wait_for_selector(SETTLED, timeout=60_000)
        browser_page.screenshot(path=str(artifacts / "actor-page-375.png"), full_page=True)
        assert log.errors == []
        assert log.foreign(site_server) == []
    finally:
        context.close()
