"""The download links of a Kommune page in a real browser: the CSV of Kreis Viersen's actors has
as many data rows as the API's ``total``, the workbook the same rows, both named by content."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pagelog import PageLog

pytestmark = pytest.mark.browser
ACTORS = "/api/exports/actors.{}?kommune=05166"


def _download(browser_page: Any, href: str) -> tuple[str, bytes]:
    with browser_page.expect_download() as started:
        browser_page.locator(f'section[aria-labelledby=data] a[href="{href}"]').click()
    download = started.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_the_kommune_page_downloads_every_actor(
    page: tuple[Any, PageLog], site_server: str, artifacts: Path
) -> None:
    browser_page, log = page
    browser_page.goto(site_server + "/kommunen/05166", timeout=120_000)
    browser_page.locator("#data").scroll_into_view_if_needed()
    browser_page.locator("section[aria-labelledby=data]").screenshot(
        path=str(artifacts / "exports-kommune-data.png")
    )
    total = browser_page.request.get(site_server + "/api/actors?kommune=05166").json()["total"]
    assert total > 50  # more than one page of the API

    name, content = _download(browser_page, ACTORS.format("csv"))
    assert name == "akteure-kreis-viersen-05166.csv"
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Kennung", "Name", "Akteurstyp"]
    assert len(rows) - 1 == total

    name, content = _download(browser_page, ACTORS.format("xlsx"))
    assert name == "akteure-kreis-viersen-05166.xlsx"
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [row[0] for row in rows]
    assert log.errors == []
