"""What a browser page did (every request, every console or page error), pages that record it, and
probes run in the page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit


class PageLog:
    """Every request and every console error of one page."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []

    @classmethod
    def record(cls, page: Any) -> PageLog:
        """A log that records ``page`` (a Playwright page) from now on."""
        log = cls()
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda error: log.errors.append(str(error)))
        return log

    def foreign(self, origin: str) -> list[str]:
        """Requests to anything but ``origin`` (data: and blob: URLs are local)."""
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:")) and origin_of(url) != origin
        ]


def origin_of(url: str) -> str:
    """``scheme://host:port`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@contextmanager
def page_at(browser: Any, width: int, **options: Any) -> Iterator[tuple[Any, PageLog]]:
    """A German page ``width`` px wide whose requests and console errors are recorded."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="de-DE", **options
    )
    try:
        page = context.new_page()
        yield page, PageLog.record(page)
    finally:
        context.close()


# For every cell matching the selector under a root element: the words that do not sit on one
# line (a Range over a word with more than one line box is a word broken in two), skipping
# visually hidden text, and the cells whose content overflows them.
# Use: ``locator.evaluate(BROKEN_WORDS, "thead th") == []``.
BROKEN_WORDS = """(root, selector) => {
  const broken = [];
  for (const cell of root.querySelectorAll(selector)) {
    if (cell.scrollWidth > cell.clientWidth + 1) broken.push('overflow: ' + cell.textContent);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden')) continue;
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""
