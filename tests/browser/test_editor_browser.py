"""The SPARQL editor in a real browser: examples run, tables page, graphs draw, nothing leaves."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from pagelog import PageLog

pytestmark = pytest.mark.browser


def test_pick_an_example_run_it_and_page_the_table(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/sparql/editor")
    assert browser_page.locator(".cm-editor").count() == 1  # CodeMirror loaded
    assert browser_page.locator(".cm-content").inner_text().startswith("PREFIX bg:")
    browser_page.select_option("#example-select", "actors_without_cooperation")
    assert "keiner Kooperation" in browser_page.locator("#example-description").inner_text()
    assert "MINUS" in browser_page.locator(".cm-content").inner_text()
    browser_page.click("#run-button")
    browser_page.wait_for_selector("#results-table table.data")
    assert browser_page.locator("#results-status").inner_text().startswith("262 Zeilen")
    assert browser_page.locator("#results-table tbody tr").count() == 50  # first page
    assert browser_page.locator("#page-info").inner_text() == "Seite 1 / 6"
    browser_page.click("#page-next")
    assert browser_page.locator("#page-info").inner_text() == "Seite 2 / 6"
    first = browser_page.locator("#results-table tbody tr").first.inner_text()
    assert "actor:05114-" in first or "actor:05166-" in first
    # the project's own IRIs link to this installation's Linked Data pages, not to w3id.org
    href = browser_page.locator("#results-table tbody tr a").first.get_attribute("href")
    assert href.startswith("/id/actor/05")
    # the URL now holds the query: a shareable link
    assert "/sparql/editor?query=" in browser_page.url
    browser_page.screenshot(path=str(artifacts / "editor-select.png"), full_page=True)
    assert log.errors == []
    assert log.foreign(site_server) == []


def test_gap_example_shows_the_two_gaps(page: tuple[Any, PageLog], site_server: str) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/sparql/editor?lang=en")
    browser_page.select_option("#example-select", "gemeinden_without_offer_in_life_phase")
    browser_page.keyboard.press("Tab")
    browser_page.click("#run-button")
    browser_page.wait_for_selector("#results-table table.data")
    assert browser_page.locator("#results-status").inner_text().startswith("2 rows")
    text = browser_page.locator("#results-table").inner_text()
    assert "Grefrath" in text and "Niederkrüchten" in text
    assert log.errors == [] and log.foreign(site_server) == []


def test_construct_result_is_drawn_as_a_network(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/sparql/editor?example=cooperation_network")
    browser_page.click("#run-button")
    browser_page.wait_for_selector("#results-network svg")
    # 41 cooperations + 81 partners in the town of Viersen
    assert browser_page.locator("#results-network .network__node").count() == 122
    assert browser_page.locator("#results-network line").count() > 100
    assert "Tripel" in browser_page.locator("#results-status").inner_text()
    browser_page.screenshot(path=str(artifacts / "editor-construct.png"), full_page=True)
    browser_page.click("#view-table")
    assert browser_page.locator("#results-table tbody tr").count() == 50
    assert log.errors == [] and log.foreign(site_server) == []


def test_shared_link_runs_the_query_and_downloads_csv(
    page: tuple[Any, PageLog], site_server: str
) -> None:
    browser_page, log = page
    query = "PREFIX bg: <https://w3id.org/bildungsgraph/ontology#>\n" + (
        "SELECT ?kreis (COUNT(?g) AS ?n) WHERE { ?g a bg:Municipality ; bg:parentUnit ?kreis }"
        " GROUP BY ?kreis ORDER BY DESC(?n)"
    )
    browser_page.goto(f"{site_server}/sparql/editor?run=1&query={quote(query)}")
    browser_page.wait_for_selector("#results-table table.data")
    assert browser_page.locator("#results-status").inner_text().startswith("53 Zeilen")
    assert (
        browser_page.locator("#share-link")
        .input_value()
        .startswith(site_server + "/sparql/editor?query=")
    )
    with browser_page.expect_download() as download_info:
        browser_page.click("#download-csv")
    download = download_info.value
    csv = Path(download.path()).read_text(encoding="utf-8")
    assert csv.splitlines()[0].strip() == "kreis,n"
    assert len(csv.strip().splitlines()) == 54
    assert log.errors == [] and log.foreign(site_server) == []


def test_a_bad_query_shows_the_parser_message(page: tuple[Any, PageLog], site_server: str) -> None:
    browser_page, log = page
    browser_page.goto(f"{site_server}/sparql/editor?run=1&query={quote('SELECT * WHERE {')}")
    browser_page.wait_for_selector("#results-error:not([hidden])")
    assert browser_page.locator("#results-error").inner_text().strip()
    assert log.foreign(site_server) == []


def test_hostile_results_show_as_text(page: tuple[Any, PageLog], site_server: str) -> None:
    browser_page, log = page
    query = 'SELECT ?x WHERE { BIND("<img src=x onerror=alert(1)>" AS ?x) }'
    dialogs: list[str] = []
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser_page.goto(f"{site_server}/sparql/editor?run=1&query={quote(query)}")
    browser_page.wait_for_selector("#results-table table.data")
    assert browser_page.locator("#results-table td").inner_text() == "<img src=x onerror=alert(1)>"
    assert browser_page.locator("#results-table img").count() == 0
    assert dialogs == []
    assert log.foreign(site_server) == []


def test_usable_at_375_pixels(browser: Any, site_server: str, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="de-DE")
    small = context.new_page()
    small.goto(site_server + "/sparql/editor")
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    assert small.locator("#run-button").is_visible()
    small.screenshot(path=str(artifacts / "editor-375px.png"), full_page=True)
    context.close()


def test_query_link_to_the_endpoint_opens_the_editor_with_results(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    """``GET /sparql?query=`` in a browser (Accept: text/html first) shows the results in the
    editor instead of downloading a file."""
    browser_page, log = page
    query = (
        "SELECT ?name WHERE { ?k a <https://w3id.org/bildungsgraph/ontology#District> ; "
        "<https://schema.org/name> ?name } ORDER BY ?name"
    )
    downloads: list[Any] = []
    browser_page.on("download", lambda download: downloads.append(download))
    response = browser_page.goto(site_server + "/sparql?query=" + quote(query))
    assert response is not None and response.headers["content-type"].startswith("text/html")
    browser_page.wait_for_selector("#results-table table.data")  # ran on load
    assert "Viersen" in browser_page.locator("#results-table").inner_text()
    assert "ORDER BY ?name" in browser_page.locator(".cm-content").inner_text()
    assert downloads == []
    browser_page.screenshot(path=str(artifacts / "editor-query-link.png"), full_page=True)
    assert log.errors == [] and log.foreign(site_server) == []
