"""Every page of the site at phone width, German and English: renders, stays local, accessible.

For each page: status 200, no console or page errors, no request to another host, no
horizontal scrolling at 375 px, alternative text on every image, a label on every form
control, ``html[lang]`` set. A full-page screenshot of each goes to the test artefacts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pagelog import PageLog

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/kommunen",
    "/kommunen/05166",
    "/kommunen/05",
    "/gaps?kommune=05166",
    "/network?kommune=05166",
    "/actors/05114-bildungsbuero",
    "/search?q=vhs",
    "/contribute",
    "/sparql/editor",
    "/ontology",
    "/dumps",
    "/docs",
    "/embed/network?kommune=05114",
    "/embed/ego/05114-bildungsbuero",
    "/embed/gaps/05166",
    "/embed/map/05166",
]
WIDTH = 375

# What the page holds that assistive technology could not name.
_UNNAMED = """() => {
  const named = (el) => (el.getAttribute("aria-label") || "").trim()
    || el.getAttribute("aria-labelledby") || (el.getAttribute("title") || "").trim();
  const out = [];
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) out.push("img " + img.src);
  }
  for (const svg of document.querySelectorAll("svg[role=img]")) {
    if (!named(svg) && !svg.querySelector(":scope > title")) {
      out.push("svg " + svg.outerHTML.slice(0, 80));
    }
  }
  const controls = "input:not([type=hidden]):not([type=submit]):not([type=button])"
    + ":not([type=reset]):not([type=image]), select, textarea";
  for (const control of document.querySelectorAll(controls)) {
    if (!(control.labels && control.labels.length) && !named(control)) {
      out.push("control " + control.outerHTML.slice(0, 80));
    }
  }
  const buttons = "button, input[type=submit], input[type=button]";
  for (const button of document.querySelectorAll(buttons)) {
    if (!(button.textContent || button.value || "").trim() && !named(button)) {
      out.push("button " + button.outerHTML.slice(0, 80));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page(browser: Any, site_server: str, artifacts: Path, path: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": 800}, locale="de-DE")
    page = context.new_page()
    log = PageLog.record(page)
    try:
        url = site_server + path
        if lang == "en":
            url += ("&" if "?" in path else "?") + "lang=en"
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, path
        if page.locator(".network-view").count():
            page.locator(".network-view[data-state=settled]").first.wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "start"
        page.screenshot(path=str(artifacts / f"site-{name}-{lang}.png"), full_page=True)
        assert log.errors == [], log.errors
        assert log.foreign(site_server) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
        assert page.evaluate(_UNNAMED) == []
        # Swagger UI (/docs) speaks English whatever the site's language
        assert page.locator("html").get_attribute("lang") == ("en" if path == "/docs" else lang)
    finally:
        context.close()
