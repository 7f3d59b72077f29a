"""The network explorer in a real browser: it settles, draws the view model, clicks focus and
open actors and open groups, filters change it, search and PNG work, markup stays text, nothing
leaves; nodes and labels do not overlap and the legend shows the drawn colours."""

from __future__ import annotations

import json
import re
import struct
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


# Every drawn node as vis-network has it: colour, kind, opacity and its disc's bounding box in
# page pixels (canvasToDOM of the centre, radius = size plus half the border, times the zoom).
DRAWN_NODES = """container => {
  const network = container.visNetwork;
  const scale = network.getScale();
  const positions = network.getPositions();
  return network.body.data.nodes.get().map(node => {
    const centre = network.canvasToDOM(positions[node.id]);
    const radius = (node.size + (node.borderWidth || 1) / 2) * scale;
    return {id: node.id, colour: node.color, kind: node.kind, label: node.label,
            opacity: node.opacity === undefined ? 1 : node.opacity,
            left: centre.x - radius, right: centre.x + radius,
            top: centre.y - radius, bottom: centre.y + radius};
  });
}"""
LEGEND_COLOURS = """block => Array.from(
  block.querySelectorAll(".network-legend li [data-swatch]")).map(m => m.dataset.swatch)"""
GREFRATH, KEMPEN, VIERSEN_STADT = "05166008", "05166012", "05166032"


def overlapping(boxes: list[dict[str, Any]], tolerance: float = 0.5) -> list[tuple[str, str]]:
    """The pairs of boxes that overlap by more than ``tolerance`` pixels."""
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["left"] + tolerance < b["right"]
                and b["left"] + tolerance < a["right"]
                and a["top"] + tolerance < b["bottom"]
                and b["top"] + tolerance < a["bottom"]
            ):
                pairs.append((a["id"], b["id"]))
    return pairs


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
    view, data = settle(browser_page, site_server + f"/network?kommune={KEMPEN}")
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


def test_a_first_click_focuses_an_actor_and_a_second_opens_its_page(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + f"/network?kommune={GREFRATH}&lang=en")
    tied = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    point = clickable(browser_page, view, [n["id"] for n in data["nodes"] if n["id"] in tied])
    browser_page.mouse.click(point["x"], point["y"])
    assert view.get_attribute("data-focus") == point["id"]
    assert "/network" in browser_page.url  # the first click stays on the page
    partners = {e["to"] for e in data["edges"] if e["from"] == point["id"]}
    partners |= {e["from"] for e in data["edges"] if e["to"] == point["id"]}
    opacity = {n["id"]: n["opacity"] for n in browser_page.evaluate(DRAWN_NODES, view)}
    assert all(opacity[n] >= 0.75 for n in partners | {point["id"]})  # 0.75: outside partners
    assert all(opacity[n] < 0.5 for n in opacity if n not in partners | {point["id"]})
    assert "Highlighted" in browser_page.locator(".network__status").inner_text()
    browser_page.screenshot(path=str(artifacts / "network-focus.png"), full_page=True)
    browser_page.keyboard.press("Escape")  # Escape clears the focus
    assert view.get_attribute("data-focus") is None
    opacity = {n["id"]: n["opacity"] for n in browser_page.evaluate(DRAWN_NODES, view)}
    assert min(opacity.values()) > 0.5
    browser_page.mouse.click(point["x"], point["y"])
    box = view.bounding_box()
    background = browser_page.evaluate(
        """c => { const n = c.visNetwork; const b = c.querySelector("canvas");
                 for (let y = 4; y < b.clientHeight; y += 9) { for (let x = 4; x < b.clientWidth; x += 9) {
                   if (n.getNodeAt({x, y}) === undefined && n.getEdgeAt({x, y}) === undefined) {
                     return {x, y}; } } } return null; }""",
        view,
    )
    browser_page.mouse.click(box["x"] + background["x"], box["y"] + background["y"])
    assert view.get_attribute("data-focus") is None  # a click on the background clears it
    browser_page.mouse.click(point["x"], point["y"])
    browser_page.mouse.click(point["x"], point["y"])  # the second click opens the actor
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
    width, height = struct.unpack(">II", target.read_bytes()[16:24])  # the IHDR chunk
    canvas = browser_page.evaluate(
        "c => { const k = c.querySelector('canvas'); return [k.width, k.height]; }", view
    )
    # title and notes above, legend and source below the drawing
    assert width >= canvas[0] and height > canvas[1] + 80
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
def xss_server(loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live server whose data has an actor named like an XSS attack, with one partner."""
    store_path = tmp_path_factory.mktemp("network-xss") / "store"
    copy_store(loaded_store_dir, store_path)
    service = BildungsGraph(open_store(store_path))
    files = [
        (
            "akteure.csv",
            f"Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
            f"05166-xss-net,{XSS},library,05166\n".encode(),
        ),
        (
            "standorte.csv",
            "Kennung,Akteur,Bezeichnung,Straße,PLZ,Ort,Gemeinde\n"
            "05166-xss-net-s1,05166-xss-net,Ort,Weg 1,41379,Brüggen,05166004\n".encode(),
        ),
        (
            "kooperationen.csv",
            b"Kennung,Bezeichnung,Partner,Kooperationsform,Beginn\n"
            b"05166-koop-xss,Koop,05166-xss-net | 05166-vhs,referral,2024-01-01\n",
        ),
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


@pytest.mark.parametrize(
    ("query", "name"),
    [
        (f"kommune={GREFRATH}", "grefrath"),  # < 50 nodes: physics in the browser
        (f"kommune={GREFRATH}&ties=all", "grefrath-all"),  # with networks: server layout
        (f"kommune={KEMPEN}&ties=all", "kempen-all"),
    ],
)
def test_no_two_nodes_and_no_two_labels_overlap(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path, query: str, name: str
) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + "/network?" + query)
    view.scroll_into_view_if_needed()
    nodes = browser_page.evaluate(DRAWN_NODES, view)
    assert len(nodes) == len(data["nodes"]) > 20
    assert overlapping(nodes) == []
    labels = browser_page.evaluate("c => c.labelBoxes()", view)
    assert len(labels) > 0 and overlapping(labels, 0) == []
    shown = [n for n in nodes if n["label"]]
    assert len(shown) == len(labels)
    browser_page.screenshot(path=str(artifacts / f"network-no-overlap-{name}.png"), full_page=True)
    assert log.errors == []


def test_labels_show_the_most_important_first_and_more_when_zooming_in(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + f"/network?kommune={VIERSEN_STADT}")
    view.scroll_into_view_if_needed()
    before = browser_page.evaluate("c => c.labelBoxes().map(b => b.id)", view)
    assert 0 < len(before) < len(data["nodes"]), "not every label fits at the first zoom"
    size = {n["id"]: n["size"] for n in data["nodes"]}
    hidden = [size[n["id"]] for n in data["nodes"] if n["id"] not in before]
    assert max(hidden) <= max(size[n] for n in before)
    box = view.bounding_box()
    browser_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(6):
        browser_page.mouse.wheel(0, -200)  # zoom in as a user does
        browser_page.wait_for_timeout(100)
    browser_page.wait_for_timeout(300)  # labels follow on the next animation frame
    after = browser_page.evaluate("c => c.labelBoxes()", view)
    assert len(after) > len(before)
    assert overlapping(after, 0) == []
    browser_page.screenshot(path=str(artifacts / "network-labels-zoomed.png"), full_page=True)
    assert log.errors == []


@pytest.mark.parametrize("colour", ["actor_type", "community", "kommune"])
@pytest.mark.parametrize("kommune", [GREFRATH, "05166"])  # actors; Gemeinde bubbles
def test_the_legend_shows_the_drawn_colours(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path, colour: str, kommune: str
) -> None:
    browser_page, log = page
    view, _ = settle(browser_page, site_server + f"/network?kommune={kommune}&colour={colour}")
    nodes = browser_page.evaluate(DRAWN_NODES, view)
    legend = browser_page.evaluate(LEGEND_COLOURS, browser_page.query_selector(".network"))
    assert len(legend) == len(set(legend))
    assert set(legend) == {n["colour"] for n in nodes}
    if colour == "community":
        assert len({n["colour"] for n in nodes}) >= 2
    if kommune == "05166":  # bubbles: the legend says what they are
        note = browser_page.locator(".network-legend__note").inner_text()
        assert "Jede Kugel ist eine Gruppe (Kommune)" in note
        entries = browser_page.locator(".network-legend__colours li").all_inner_texts()
        assert all(re.search(r"\(\d+ Gruppen?\)$", entry.strip()) for entry in entries)
    browser_page.screenshot(
        path=str(artifacts / f"network-legend-{kommune}-{colour}.png"), full_page=True
    )
    assert log.errors == []


def test_networks_are_diamonds_with_their_own_legend_entry(
    page: tuple[Any, PageLog], site_server: str
) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + f"/network?kommune={GREFRATH}&ties=all")
    networks = [n for n in data["nodes"] if n["kind"] == "network"]
    assert networks and all(n["shape"] == "diamond" for n in networks)
    members = [e for e in data["edges"] if e["kind"] == "membership"]
    assert members and all(e["dashes"] for e in members)
    legend = browser_page.locator(".network-legend li [data-shape=diamond]")
    assert legend.count() == 1
    assert legend.get_attribute("data-swatch") == networks[0]["color"]
    assert browser_page.locator(".network-legend [data-shape=dashed]").count() == 1
    assert browser_page.locator(".network__meaning").inner_text().startswith("Eine Verbindung")
    assert log.errors == []


def test_a_large_ego_network_is_a_star(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    view, data = settle(browser_page, site_server + "/actors/05114-bildungsbuero")
    assert not data["options"]["physics"]["enabled"]
    centre = next(n for n in data["nodes"] if n.get("borderWidth"))
    assert (centre["x"], centre["y"]) == (0, 0)
    assert all(centre["id"] in (e["from"], e["to"]) for e in data["edges"])
    assert overlapping(browser_page.evaluate(DRAWN_NODES, view)) == []
    browser_page.screenshot(path=str(artifacts / "network-ego-star.png"), full_page=True)
    browser_page.get_by_role("link", name="Verbindungen zwischen Partnern zeigen").click()
    browser_page.wait_for_url("**neighbour_ties=true*")
    view = browser_page.wait_for_selector(SETTLED, timeout=60_000)
    assert int(view.get_attribute("data-edge-count")) > len(data["edges"])
    assert log.errors == []
