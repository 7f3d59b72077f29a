"""Five Kommunen side by side and the section "Entwicklung" in Chromium: at 1,366 px the
comparison fits the page (no horizontal scroll, no name broken mid-word); at 390 px it is
stacked, one line per Kommune named by its label, still without horizontal scroll. Screenshots
go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pagelog import BROKEN_WORDS, PageLog, page_at

pytestmark = pytest.mark.browser
FIVE = "/kommunen/vergleich?k=05166&k=05114&k=05166032&k=05166008&k=05166004"
CHANGES = "/kommunen/05166?from=2024-01-01&to=2026-06-30"

# Words of the column headers that do not sit on one line (a word broken in two), as in
# test_gaps_browser.py.
_SCROLL = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def test_five_kommunen_fit_at_1366_px(
    desktop: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    page, log = desktop
    response = page.goto(site_server + FIVE, timeout=120_000)
    assert response is not None and response.status == 200
    table = page.locator(".compare-table")
    page.screenshot(path=str(artifacts / "compare-1366.png"), full_page=True)
    scroll, width = page.evaluate(_SCROLL)
    assert scroll <= width
    wrap = page.locator(".compare-wrap").evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert wrap[0] <= wrap[1] + 1
    assert table.evaluate(BROKEN_WORDS, "thead th") == []
    headers = table.locator("thead th[data-key]")
    assert headers.count() == 5
    lefts = [headers.nth(i).bounding_box()["x"] for i in range(5)]
    assert lefts == sorted(lefts)  # side by side, in the order chosen
    assert not log.errors and not log.foreign(site_server)


def test_the_comparison_is_stacked_at_390_px(
    phone: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    page, log = phone
    response = page.goto(site_server + FIVE, timeout=120_000)
    assert response is not None and response.status == 200
    page.screenshot(path=str(artifacts / "compare-390.png"), full_page=True)
    scroll, width = page.evaluate(_SCROLL)
    assert scroll <= width
    cells = page.locator('tr[data-figure="actors"] td')
    assert cells.count() == 5
    boxes = [cells.nth(i).bounding_box() for i in range(5)]
    assert all(box["width"] > 300 for box in boxes)  # a line each, one below the other
    assert [b["y"] for b in boxes] == sorted(b["y"] for b in boxes)
    label = cells.first.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Viersen"'
    assert not log.errors


@pytest.mark.parametrize("width", [1366, 390])
def test_the_development_section_fits(
    browser: Any, site_server: str, artifacts: Path, width: int
) -> None:
    with page_at(browser, width) as (page, log):
        response = page.goto(site_server + CHANGES, timeout=120_000)
        assert response is not None and response.status == 200
        section = page.locator("section.changes")
        section.scroll_into_view_if_needed()
        for details in page.locator(".changes-lists details").all():
            details.evaluate("e => e.open = true")
        section.screenshot(path=str(artifacts / f"changes-{width}.png"))
        scroll, client = page.evaluate(_SCROLL)
        assert scroll <= client
        figures = page.locator("#changes-figures").evaluate(
            "e => [e.parentElement.scrollWidth, e.parentElement.clientWidth]"
        )
        assert figures[0] <= figures[1] + 1
        assert not log.errors
