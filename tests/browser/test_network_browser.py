"""The network explorer in a real browser: it settles, draws the view model, clicks open actors
and groups, filters change it, search and PNG work, markup stays text, nothing leaves."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pagelog import PageLog

from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from serverprocess import running_server
from storecopy import copy_store

pytestmark = pytest.mark.browser
SETTLED = ".network-view[data-state=settled]"
XSS = "<img src=x onerror=alert(1)>"
# The screen point of the first of ``ids`` that no other node covers (vis's own hit test).
CLICKABLE_NODE = """([container, ids]) => {
  const network = container.visNetwork;
  const box = container.querySelector("canvas").getBoundingClientRect();
  for (const id of ids) {
    const point = network.canvasToDOM(network.getPositions([id])[id]);
    if (network.getNodeAt(point) === id) {
      return {id: id, x: box.left + point.x, y: box.top + point.y};
    }
  }
  return null;
}"""


def settle(browser_page: Any, url: str) -> tuple[Any, dict[str, Any]]:
    """Open ``url``, wait until the view settled; the container and the page's view data."""
    browser_page.goto(url)
    view = browser_page.wait_for_selector(SETTLED, timeout=60_000)
    data = json.loads(browser_page.locator("script.network-view__data").text_content())
    return view, data


def clickable(browser_page: Any, view: Any, ids: list[str]) -> dict[str, Any]:
    """Scroll the view into sight and find a node of ``ids`` to click or hover."""
    view.scroll_into_view_if_needed()
    browser_page.evaluate("c => c.visNetwork.fit({animation: false})", view)
    found = browser_page.evaluate(CLICKABLE_NODE, [view, ids])
    assert found, "every node is covered by another"
    return found


def test_the_view_settles_and_draws_the_view_model(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + "/network?kommune=05166004")
    assert int(view.get_attribute("data-node-count")) == len(data["nodes"]) > 50
    assert int(view.get_attribute("data-edge-count")) == len(data["edges"])
    drawn = browser_page.evaluate("c => Object.keys(c.visNetwork.getPositions()).length", view)
    assert drawn == len(data["nodes"])
    physics = browser_page.evaluate("c => c.visNetwork.physics.physicsEnabled", view)
    assert physics is False  # it settled and stopped
    browser_page.screenshot(path=str(artifacts / "network-gemeinde.png"), full_page=True)
    small, small_data = settle(browser_page, site_server + "/network?kommune=05166")
    assert small_data["options"]["physics"]["enabled"]  # aggregates: physics, bounded
    assert int(small.get_attribute("data-node-count")) == len(small_data["nodes"])
    assert browser_page.evaluate("c => c.visNetwork.physics.physicsEnabled", small) is False
    browser_page.screenshot(path=str(artifacts / "network-kreis-aggregated.png"), full_page=True)
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_a_click_on_an_actor_opens_its_page_in_the_chosen_language(
    page: tuple[Any, PageLog], site_server: str
) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + "/network?kommune=05166004&lang=en")
    point = clickable(browser_page, view, [n["id"] for n in data["nodes"] if n["actor"]])
    browser_page.mouse.click(point["x"], point["y"])
    browser_page.wait_for_url(f"**/actors/{point['id']}?lang=en", timeout=30_000)
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_a_click_on_a_group_expands_it(page: tuple[Any, PageLog], site_server: str) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + "/network?kommune=05166&colour=community")
    group = next(n for n in data["nodes"] if n["expand"] == ["kommune", "05166004"])
    point = clickable(browser_page, view, [group["id"]])
    browser_page.mouse.click(point["x"], point["y"])
    browser_page.wait_for_url("**/network?kommune=05166004&colour=community", timeout=30_000)
    expanded = browser_page.wait_for_selector(SETTLED, timeout=60_000)
    assert int(expanded.get_attribute("data-node-count")) > group["count"]  # actors + partners
    assert browser_page.locator("#f-colour").input_value() == "community"
    assert log.errors == []


def test_filters_search_and_png_export(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + "/network?kommune=05166004")
    before = int(view.get_attribute("data-node-count"))
    browser_page.select_option("#f-actor_type", "school")
    browser_page.get_by_role("button", name="Netzwerk zeigen").click()
    browser_page.wait_for_url("**/network?*actor_type=school*")
    view = browser_page.wait_for_selector(SETTLED, timeout=60_000)
    assert int(view.get_attribute("data-node-count")) != before
    data = json.loads(browser_page.locator("script.network-view__data").text_content())
    wanted = data["nodes"][0]
    browser_page.get_by_label("Im Netzwerk suchen").fill(wanted["label"][:12])
    browser_page.get_by_role("button", name="Suchen").click()
    assert "Gefunden" in browser_page.locator(".network__status").inner_text()
    selected = browser_page.evaluate("c => c.visNetwork.getSelectedNodes()", view)
    assert len(selected) == 1
    with browser_page.expect_download() as download:
        browser_page.get_by_role("button", name="Als Bild (PNG) speichern").click()
    target = artifacts / "network-export.png"
    download.value.save_as(target)
    assert download.value.suggested_filename == "netzwerk.png"
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 5_000
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_the_explorer_at_375_pixels(browser: Any, site_server: str, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="de-DE")
    browser_page = context.new_page()
    log = PageLog.record(browser_page)
    try:
        view, data = settle(browser_page, site_server + "/network?kommune=05166004")
        assert int(view.get_attribute("data-node-count")) == len(data["nodes"])
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways: {width} px"
        box = browser_page.locator(".network-view__canvas").bounding_box()
        assert box["width"] > 300 and box["height"] >= 260
        browser_page.locator(".network-table summary").click()
        assert browser_page.locator(".network-table a[href^='/actors/']").first.is_visible()
        browser_page.screenshot(path=str(artifacts / "network-375px.png"), full_page=True)
        assert log.errors == []
        assert log.foreign(site_server) == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def xss_server(
    loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A live server whose data has an actor named like an XSS attack, with one partner."""
    store_path = tmp_path_factory.mktemp("network-xss") / "store"
    copy_store(loaded_store_dir, store_path)
    service = BildungsGraph(open_store(store_path))
    files = [
        ("akteure.csv", f"Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
                        f"05166-xss-net,{XSS},library,05166\n".encode()),
        ("standorte.csv", "Kennung,Akteur,Bezeichnung,Straße,PLZ,Ort,Gemeinde\n"
                          "05166-xss-net-s1,05166-xss-net,Ort,Weg 1,41379,Brüggen,05166004\n"
                          .encode()),
        ("kooperationen.csv", b"Kennung,Bezeichnung,Partner,Kooperationsform,Beginn\n"
                              b"05166-koop-xss,Koop,05166-xss-net | 05166-vhs,referral,2024-01-01\n"),
    ]
    outcome = service.contributions.contribute(files, "Test")
    assert outcome.stored, outcome.report.to_text("en")
    service.close()
    log = tmp_path_factory.mktemp("network-xss-log") / "server.log"
    with running_server(store_path, log, "/network") as url:
        yield url


def test_a_markup_label_shows_as_text(
    page: tuple[Any, PageLog], xss_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    dialogs: list[str] = []
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    view, data = settle(browser_page, xss_server + "/network?kommune=05166004")
    node = next(n for n in data["nodes"] if n["label"] == XSS)
    point = clickable(browser_page, view, [node["id"]])
    browser_page.mouse.move(point["x"], point["y"])
    tooltip = browser_page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    assert XSS in tooltip.text_content()
    assert browser_page.locator("div.vis-tooltip img").count() == 0
    assert browser_page.locator(".network-view img, .network-table img").count() == 0
    browser_page.locator(".network-table summary").click()
    assert browser_page.get_by_role("link", name=XSS).count() == 1
    browser_page.screenshot(path=str(artifacts / "network-markup-label.png"), full_page=True)
    assert dialogs == [] and log.errors == []
    assert log.foreign(xss_server) == []
