"""Browser tests: Debian's Chromium driven by Playwright against a live server.

Chromium is ``/usr/bin/chromium`` (installed by ``.ci/run`` with apt); Playwright never
downloads a browser. The server is ``bildungsgraph serve`` on a free loopback port with a copy
of the loaded store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pagelog import PageLog, page_at

from serverprocess import running_server
from storecopy import copy_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def site_store(loaded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store that ``site_server`` serves: a copy of the loaded store (its accounts file
    is ``accounts_path(site_store)``)."""
    store_path = tmp_path_factory.mktemp("browser") / "store"
    copy_store(loaded_store_dir, store_path)
    return store_path


@pytest.fixture(scope="session")
def site_server(site_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a live server with the shipped data."""
    log = tmp_path_factory.mktemp("browser-log") / "server.log"
    with running_server(site_store, log, "/sparql/editor") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, PageLog]]:
    """A desktop-sized German page whose requests and console errors are recorded."""
    with page_at(browser, 1280, accept_downloads=True) as recorded:
        yield recorded


@pytest.fixture
def desktop(browser: Any) -> Iterator[tuple[Any, PageLog]]:
    """A page of a 1,366 px wide window (the common laptop width)."""
    with page_at(browser, 1366) as recorded:
        yield recorded


@pytest.fixture
def phone(browser: Any) -> Iterator[tuple[Any, PageLog]]:
    """A page of a 390 px wide phone."""
    with page_at(browser, 390) as recorded:
        yield recorded
