"""Kommune pages and the gap dashboard in a real browser: no console errors, nothing loaded
from other hosts, one map path per Gemeinde, map areas open their Kommune, usable at 375 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pagelog import PageLog

pytestmark = pytest.mark.browser
VIERSEN_GEMEINDEN = 9
PAGES = (
    "/kommunen",
    "/kommunen/05166",
    "/kommunen/05166008",
    "/kommunen/05",
    "/gaps?kommune=05166",
)


def _slug(path: str) -> str:
    return path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")


def test_pages_render_without_errors_or_foreign_requests(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    for path in PAGES:
        response = browser_page.goto(site_server + path, timeout=120_000)
        assert response is not None and response.status == 200, path
        browser_page.wait_for_load_state("networkidle")
        browser_page.screenshot(path=str(artifacts / f"kommune-{_slug(path)}.png"), full_page=True)
    assert log.errors == []
    assert log.foreign(site_server) == []
    assert any(url.endswith("/static/css/kommune.css") for url in log.requests)


def test_the_map_has_one_path_per_gemeinde_and_opens_a_kommune(
    page: tuple[Any, PageLog], site_server: str
) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/kommunen/05166", timeout=120_000)
    areas = browser_page.locator(".choropleth__svg a.choropleth__area")
    assert areas.count() == VIERSEN_GEMEINDEN
    assert browser_page.locator(".choropleth__svg path").count() == VIERSEN_GEMEINDEN
    grefrath = browser_page.locator('.choropleth__svg a[data-key="05166008"]')
    assert grefrath.locator("title").text_content().startswith("Grefrath")
    grefrath.locator("path").click()
    browser_page.wait_for_url("**/kommunen/05166008")
    assert browser_page.locator("h1").inner_text().startswith("Grefrath")
    current = browser_page.locator(".choropleth__svg a.is-current")
    assert current.get_attribute("data-key") == "05166008"
    # the areas are links, so the keyboard reaches them
    current.focus()
    assert browser_page.evaluate("document.activeElement.getAttribute('data-key')") == "05166008"
    assert log.errors == []


def test_indicator_and_filters_are_get_forms(page: tuple[Any, PageLog], site_server: str) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/kommunen/05166", timeout=120_000)
    browser_page.get_by_label("Kennzahl der Karte", exact=True).select_option("actors")
    browser_page.locator("form:has(#indicator) button").click()
    browser_page.wait_for_url("**/kommunen/05166?indicator=actors*")
    assert "Bildungsakteure – Viersen" in browser_page.locator(".choropleth__caption").inner_text()
    browser_page.get_by_label("Akteurstyp", exact=True).select_option("library")
    browser_page.get_by_role("button", name="Filtern").click()
    browser_page.wait_for_url("**actor_type=library*")
    rows = browser_page.locator("#actor-list tbody tr")
    assert 0 < rows.count() < 20
    assert all("Bibliothek" in text for text in rows.locator("td:nth-child(2)").all_inner_texts())
    assert log.errors == []


def test_usable_at_375_pixels(browser: Any, site_server: str, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="en-GB")
    browser_page = context.new_page()
    log = PageLog.record(browser_page)
    try:
        for path in ("/kommunen?lang=en", "/kommunen/05166?lang=en", "/gaps?kommune=05166&lang=en"):
            browser_page.goto(site_server + path, timeout=120_000)
            width = browser_page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} scrolls sideways: {width} px"
            # narrow screens get the heat map as a list per life phase (the matrix is hidden)
            box = browser_page.locator(
                ".choropleth__svg:visible, .heatmap__wrap:visible, .heatmap__list:visible"
            ).first.bounding_box()
            assert box is not None and box["width"] <= 375
            browser_page.screenshot(
                path=str(artifacts / f"kommune-375-{_slug(path)}.png"), full_page=True
            )
        assert log.errors == []
        assert log.foreign(site_server) == []
    finally:
        context.close()
