"""The heat map of Kreis Viersen in Chromium: at 1,366 px it fits its column (no horizontal
scroll of the table or the page) with no header word broken mid-word; at 390 px the list per
life phase is shown instead of the matrix. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pagelog import BROKEN_WORDS, PageLog

pytestmark = pytest.mark.browser
HEATMAP_PAGES = ("/kommunen/05166", "/gaps?kommune=05166", "/embed/gaps/05166")
LIFE_PHASES = 9

_WIDTHS = """(root) => {
  const wrap = root.querySelector('.heatmap__wrap');
  const page = document.documentElement;
  return {wrap: [wrap.scrollWidth, wrap.clientWidth], page: [page.scrollWidth, page.clientWidth],
          table: root.querySelector('.heatmap__table').getBoundingClientRect().width};
}"""


def _slug(path: str) -> str:
    return path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")


def test_the_heat_map_fits_at_1366_px(
    desktop: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    page, log = desktop
    for path in HEATMAP_PAGES:
        response = page.goto(site_server + path, timeout=120_000)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        heatmap = page.locator(".heatmap").first
        heatmap.scroll_into_view_if_needed()
        page.screenshot(
            path=str(artifacts / f"gaps-heatmap-1366-{_slug(path)}.png"), full_page=True
        )
        assert page.locator(".heatmap__matrix").first.is_visible(), path
        assert not page.locator(".heatmap__list").first.is_visible(), path
        widths = heatmap.evaluate(_WIDTHS)
        assert widths["wrap"][0] <= widths["wrap"][1], (path, widths)
        assert widths["page"][0] <= widths["page"][1], (path, widths)
        assert heatmap.evaluate(BROKEN_WORDS, ".heatmap__table th") == [], path
        styles = heatmap.evaluate(
            "(root) => [...root.querySelectorAll('.heatmap__table th')].map(th => {"
            " const s = getComputedStyle(th); return s.wordBreak + ' ' + s.overflowWrap; })"
        )
        assert not [s for s in styles if "break-all" in s or "anywhere" in s], path
        # the full topic name is the tooltip of its abbreviation and stands in the key
        header = page.locator('.heatmap__table th[data-topic="career-orientation"]').first
        assert header.get_attribute("title") == "Berufliche Orientierung"
        assert header.locator("abbr").inner_text().strip() == "BO"
        assert page.locator(".heatmap__key").first.is_visible()
        # the life-phase labels stay in view (sticky first column)
        position = page.locator(".heatmap__table tbody th").first.evaluate(
            "th => getComputedStyle(th).position"
        )
        assert position == "sticky"
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_a_list_per_life_phase_at_390_px(
    phone: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    page, log = phone
    for path in HEATMAP_PAGES[:2]:
        page.goto(site_server + path, timeout=120_000)
        page.wait_for_load_state("networkidle")
        listing = page.locator(".heatmap__list").first
        listing.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"gaps-heatmap-390-{_slug(path)}.png"), full_page=True)
        assert listing.is_visible(), path
        assert not page.locator(".heatmap__matrix").first.is_visible(), path
        assert not page.locator(".heatmap__table").first.is_visible(), path
        phases = listing.locator(".heatmap__phase")
        assert phases.count() == LIFE_PHASES
        assert all(phases.nth(i).is_visible() for i in range(LIFE_PHASES))
        higher = listing.locator('.heatmap__phase[data-phase="higher-education"]')
        assert "Ganztag" in higher.locator(".heatmap__irrelevant").inner_text()
        # the page itself does not scroll sideways
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    assert log.errors == []
