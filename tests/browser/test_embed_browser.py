"""Embeds inside another site's iframe: shown for a partner origin, refused for any other.

The application runs with ``BILDUNGSGRAPH_PARTNER_ORIGINS`` naming one local origin (port A);
two tiny ``http.server`` hosts play the partner site (port A) and a stranger (port B), each
serving a page that frames the embeds. Every request is recorded: none may leave 127.0.0.1.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from pagelog import PageLog
from playwright.sync_api import expect

from serverprocess import free_port, running_server
from storecopy import copy_store

pytestmark = pytest.mark.browser

EMBEDS = {
    "network": ("/embed/network?kommune=05114", ".network-view[data-state=settled]"),
    "ego": ("/embed/ego/05114-bildungsbuero?radius=2", ".network-view[data-state=settled]"),
    "gaps": ("/embed/gaps/05166?lang=en&accent=%23aa3300", "table"),
    "map": ("/embed/map/05166?height=360", "svg.choropleth__svg"),
}


@dataclass(frozen=True)
class Sites:
    app: str  # the application
    partner: str  # a configured partner origin (port A)
    stranger: str  # an origin nobody configured (port B)


class _HostPage(BaseHTTPRequestHandler):
    """Answers every GET with a page that frames the app's paths given by ``?frame=``, or
    holds the HTML given by ``?html=`` (a pasted snippet) as it is."""

    app = ""

    def do_GET(self) -> None:
        query = parse_qsl(urlsplit(self.path).query)
        paths = [value for key, value in query if key == "frame"]
        frames = "\n".join(
            f'<iframe id="frame-{index}" src="{escape(self.app + path)}" title="Einbettung '
            f'{index}" width="100%" height="480" loading="eager"></iframe>'
            for index, path in enumerate(paths)
        ) + "".join(value for key, value in query if key == "html")
        body = (
            '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Partner</title>'
            f"</head><body><h1>Stadtportal</h1>{frames}</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base signature
        pass


@pytest.fixture(scope="module")
def sites(loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    partner_port, stranger_port = free_port(), free_port()
    partner = f"http://127.0.0.1:{partner_port}"
    store_path = tmp_path_factory.mktemp("embed-browser") / "store"
    copy_store(loaded_store_dir, store_path)
    log = store_path.parent / "server.log"
    env = {"BILDUNGSGRAPH_PARTNER_ORIGINS": partner}
    with running_server(store_path, log, "/sparql/editor", env=env) as app:
        handler = type("HostPage", (_HostPage,), {"app": app})
        hosts = [ThreadingHTTPServer(("127.0.0.1", port), handler)
                 for port in (partner_port, stranger_port)]  # fmt: skip
        threads = [threading.Thread(target=host.serve_forever, daemon=True) for host in hosts]
        for thread in threads:
            thread.start()
        try:
            yield Sites(app=app, partner=partner, stranger=f"http://127.0.0.1:{stranger_port}")
        finally:
            for host, thread in zip(hosts, threads, strict=True):
                host.shutdown()
                thread.join()
                host.server_close()


@pytest.fixture
def host_page(browser: Any) -> Iterator[tuple[Any, PageLog, list[str]]]:
    """A page whose requests, errors and all console messages (CSP reports) are recorded."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="de-DE")
    page = context.new_page()
    log, console = PageLog(), []
    page.on("request", lambda request: log.requests.append(request.url))
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda error: log.errors.append(str(error)))
    yield page, log, console
    context.close()


def _host_url(origin: str, *paths: str) -> str:
    """The host page at ``origin`` framing the app's ``paths``."""
    return origin + "/?" + "&".join("frame=" + quote(path, safe="") for path in paths)


def _off_loopback(log: PageLog) -> list[str]:
    """Requests to any host but 127.0.0.1 (the app and both host pages live there)."""
    return [url for url in log.requests if urlsplit(url).hostname not in ("127.0.0.1", None)]


def test_partner_site_shows_every_embed(
    host_page: tuple[Any, PageLog, list[str]], sites: Sites, artifacts: Path
) -> None:
    page, log, console = host_page
    page.goto(_host_url(sites.partner, *(path for path, _ in EMBEDS.values())))
    for index, (name, (_, ready)) in enumerate(EMBEDS.items()):
        frame = page.frame_locator(f"#frame-{index}")
        frame.locator(ready).first.wait_for(timeout=60_000)
        home = frame.locator("a.embed-footer__home")
        assert home.get_attribute("target") == "_blank", name
        assert home.get_attribute("rel") == "noopener", name
        page.locator(f"#frame-{index}").screenshot(path=str(artifacts / f"embed-{name}.png"))
    gaps = page.frame_locator("#frame-2")
    assert gaps.locator("html").get_attribute("lang") == "en"
    assert "Data: bildungsgraph" in gaps.locator("a.embed-footer__home").inner_text()
    assert [line for line in console if line.startswith("error")] == []
    assert log.errors == []
    assert _off_loopback(log) == []
    assert any(url.startswith(sites.app + "/static/") for url in log.requests)


def test_embed_links_open_the_full_page_in_a_new_tab(
    host_page: tuple[Any, PageLog, list[str]], sites: Sites
) -> None:
    page, log, _ = host_page
    page.goto(_host_url(sites.partner, "/embed/map/05166"))
    frame = page.frame_locator("#frame-0")
    with page.context.expect_page() as opened:
        frame.locator("a.embed-footer__home").click()
    full = opened.value
    full.wait_for_load_state()
    assert full.url == sites.app + "/kommunen/05166?indicator=offers_per_1000"
    assert page.url.startswith(sites.partner)  # the host page stays
    assert _off_loopback(log) == []


def test_other_origins_may_not_frame_embeds_or_pages(
    host_page: tuple[Any, PageLog, list[str]], sites: Sites, artifacts: Path
) -> None:
    page, log, console = host_page
    page.goto(_host_url(sites.stranger, "/embed/map/05166", "/kommunen/05166"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    for frame in page.frames[1:]:
        assert not frame.url.startswith(sites.app), frame.url  # Chromium shows its error page
        assert frame.locator(".embed-main, .site-main").count() == 0
    blocked = [line for line in console if "frame-ancestors" in line or "X-Frame-Options" in line]
    assert len(blocked) == 2, console
    page.screenshot(path=str(artifacts / "embed-refused.png"), full_page=True)
    assert _off_loopback(log) == []


def test_partner_may_frame_embeds_but_not_the_site(
    host_page: tuple[Any, PageLog, list[str]], sites: Sites
) -> None:
    page, _, console = host_page
    page.goto(_host_url(sites.partner, "/embed/gaps/05166", "/gaps?kommune=05166"))
    page.frame_locator("#frame-0").locator(".embed-main").wait_for()
    page.wait_for_timeout(500)
    assert page.frame_locator("#frame-1").locator(".site-main").count() == 0
    assert any("frame-ancestors 'none'" in line for line in console), console


def test_the_snippet_from_a_view_page_works_on_the_partner_site(
    host_page: tuple[Any, PageLog, list[str]], sites: Sites
) -> None:
    page, log, console = host_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=sites.app)
    page.goto(sites.app + "/kommunen/05166")
    snippet = page.locator("#map-embed-snippet")
    snippet.locator("input[type=number]").fill("420")
    snippet.locator("select").select_option("en")
    snippet.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "map-embed_height=420" in page.url and page.url.endswith("#map-embed-snippet")
    snippet = page.locator("#map-embed-snippet")
    snippet.locator("button.snippet__copy").click()
    # the clipboard answers asynchronously: wait for the status instead of reading it at once
    expect(snippet.locator(".snippet__status")).to_have_text("Code kopiert")
    code = page.evaluate("navigator.clipboard.readText()")
    assert code == snippet.locator("textarea").input_value()
    assert code.startswith(f'<iframe src="{sites.app}/embed/map/05166?indicator=')
    assert 'lang=en&amp;height=420" title="' in code and 'height="420"' in code
    page.goto(sites.partner + "/?" + urlencode({"html": code}))
    frame = page.frame_locator("iframe")
    frame.locator("svg.choropleth__svg").wait_for()
    assert frame.locator("html").get_attribute("lang") == "en"
    assert page.locator("iframe").evaluate("frame => frame.clientHeight") == 420
    assert [line for line in console if line.startswith("error")] == []
    assert log.errors == [] and _off_loopback(log) == []


# -- each embed at its snippet height: attribution inside the frame, nothing cut off ---------

FITTED = {
    "network": ("/embed/network?kommune=05166", 480, ".network-view[data-state=settled]"),
    "ego": ("/embed/ego/05114-bildungsbuero?radius=1", 400, ".network-view[data-state=settled]"),
    "gaps": ("/embed/gaps/05166?lang=en", 360, "table"),
    "map": ("/embed/map/05166", 360, "svg.choropleth__svg"),
    "land": ("/embed/map/05", 520, "svg.choropleth__svg"),
    "low": ("/embed/map/05?indicator=actors", 240, "svg.choropleth__svg"),
}

_FIT = """() => {
  const root = document.documentElement, main = document.querySelector(".embed-main");
  return {
    pageScroll: root.scrollHeight - root.clientHeight,
    pageWide: root.scrollWidth - root.clientWidth,
    bodyHeight: document.body.getBoundingClientRect().height,
    frameHeight: window.innerHeight,
    mainOverflow: getComputedStyle(main).overflowY,
    mainScrolls: main.scrollHeight > main.clientHeight,
  };
}"""


@pytest.mark.parametrize("name", FITTED)
def test_embed_fits_its_snippet_height(
    host_page: tuple[Any, PageLog, list[str]], sites: Sites, artifacts: Path, name: str
) -> None:
    path, height, ready = FITTED[name]
    snippet = (f'<iframe id="fit" src="{escape(sites.app + path + ("&" if "?" in path else "?"))}'
               f'height={height}" title="Einbettung" width="100%" height="{height}" '
               'style="border:0"></iframe>')  # fmt: skip
    page, log, console = host_page
    page.goto(sites.partner + "/?" + urlencode({"html": snippet}))
    frame = page.frame_locator("#fit")
    frame.locator(ready).first.wait_for(timeout=60_000)
    box = page.locator("#fit").bounding_box()
    assert box is not None and abs(box["height"] - height) < 1
    for part in (".embed-footer .attribution", "a.embed-footer__home", "a[rel~=license]"):
        inner = frame.locator(part).bounding_box()
        assert inner is not None, part
        assert box["y"] - 0.5 <= inner["y"], (name, part, inner, box)
        assert inner["y"] + inner["height"] <= box["y"] + box["height"] + 0.5, (
            name,
            part,
            inner,
            box,
        )
    fit = page.frames[1].evaluate(_FIT)
    assert fit["pageScroll"] <= 0 and fit["pageWide"] <= 0, fit  # the page itself never overflows
    assert abs(fit["bodyHeight"] - height) < 1, fit
    if fit["mainScrolls"]:  # taller content scrolls on purpose inside the view, never clipped
        assert fit["mainOverflow"] == "auto", fit
    page.locator("#fit").screenshot(path=str(artifacts / f"embed-fit-{name}.png"))
    assert [line for line in console if line.startswith("error")] == []
    assert log.errors == [] and _off_loopback(log) == []


def test_map_names_do_not_collide_in_chromium(
    host_page: tuple[Any, PageLog, list[str]], sites: Sites, artifacts: Path
) -> None:
    """The server estimates text widths; the boxes the browser draws must not overlap."""
    page, _, _ = host_page
    page.goto(sites.app + "/embed/map/05?height=900")
    page.locator("svg.choropleth__svg").wait_for()
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll("text.choropleth__label"))
        .map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; })""")
    assert len(boxes) == 53
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    page.screenshot(path=str(artifacts / "embed-map-land-names.png"), full_page=True)


def test_back_link_returns_to_the_view_drilled_down_from(
    host_page: tuple[Any, PageLog, list[str]], sites: Sites
) -> None:
    snippet = (
        f'<iframe id="drill" src="{escape(sites.app)}/embed/map/05166?height=400" '
        'title="Karte" width="100%" height="400" style="border:0"></iframe>'
    )
    page, log, _ = host_page
    page.goto(sites.partner + "/?" + urlencode({"html": snippet}))
    frame = page.frame_locator("#drill")
    frame.locator("svg.choropleth__svg").wait_for()
    assert frame.locator("a[data-back]").count() == 0  # where the frame started: no way back
    embedded = page.frames[1]
    embedded.evaluate("location.assign('/embed/gaps/05166008?height=400')")  # a drill-down
    frame.locator("a[data-back]").wait_for()
    back = frame.locator("a[data-back]")
    assert back.get_attribute("target") == "_self"
    box, inner = page.locator("#drill").bounding_box(), back.bounding_box()
    assert box and inner and box["y"] <= inner["y"] < box["y"] + box["height"]
    back.click()
    frame.locator("svg.choropleth__svg").wait_for()
    assert page.frames[1].url == sites.app + "/embed/map/05166?height=400"
    assert page.url.startswith(sites.partner)  # the host page stayed
    assert _off_loopback(log) == []
