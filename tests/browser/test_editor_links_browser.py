"""The SPARQL editor's result table links only local, http(s) and mailto IRIs."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from pagelog import PageLog

pytestmark = pytest.mark.browser
QUERY = """SELECT ?iri WHERE { VALUES ?iri {
  <javascript:alert(1)> <data:text/html;base64,PHNjcmlwdD4> <JaVaScRiPt:alert(2)>
  <https://example.org/fine> <mailto:info@example.org>
  <https://w3id.org/bildungsgraph/id/actor/05114-bildungsbuero> } }"""


def test_script_iris_in_results_are_text_not_links(
    page: tuple[Any, PageLog], site_server: str
) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/sparql/editor?query=" + quote(QUERY))
    browser_page.click("#run-button")
    browser_page.wait_for_selector("#results-table table.data")
    hrefs = browser_page.locator("#results-table tbody a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert sorted(hrefs) == [
        "/id/actor/05114-bildungsbuero",
        "https://example.org/fine",
        "mailto:info@example.org",
    ]
    unlinked = browser_page.locator("#results-table tbody td > span").evaluate_all(
        "spans => spans.map(span => span.title)"
    )
    assert sorted(unlinked) == [
        "JaVaScRiPt:alert(2)",
        "data:text/html;base64,PHNjcmlwdD4",
        "javascript:alert(1)",
    ]
    assert log.errors == [] and log.foreign(site_server) == []
