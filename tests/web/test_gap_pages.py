"""/gaps: the gap dashboard on the example landscape (its deliberate gaps, German and
English, errors, and the time a page takes)."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow
GREFRATH, NIEDERKRUECHTEN = "05166008", "05166020"


def _gaps(html: str) -> set[tuple[str, str, str]]:
    return set(
        re.findall(
            r'<li data-kind="([a-z-]+)" data-kommune="(\d+)" data-concept="([a-z-]+)">', html
        )
    )


def test_deliberate_gaps_of_the_example(client: TestClient) -> None:
    page = client.get("/gaps", params={"kommune": "05166"})
    assert page.status_code == 200 and '<html lang="de">' in page.text
    found = _gaps(page.text)
    assert ("no-offer", GREFRATH, "early-childhood") in found
    assert ("no-offer", NIEDERKRUECHTEN, "early-childhood") in found
    assert ("no-actor-type", "05166004", "library") in found  # Brüggen has no library
    assert "Mögliche Partner" in page.text and 'href="/actors/' in page.text
    assert 'class="flag">kein Angebot</span>' in page.text  # the matrix flags the cells
    assert 'class="heatmap__table"' in page.text
    assert 'href="/api/gaps?kommune=05166&amp;cells=true"' in page.text
    assert '<option value="05166008">– Grefrath' in page.text  # Gemeinden can be chosen
    # the place is named once, as the link, not again at the start of the gap text
    assert "Sport- und Freizeitgemeinde</a>: kein Angebot – Frühkindliche Bildung" in page.text


def test_life_phase_filter_in_english(client: TestClient) -> None:
    page = client.get(
        "/gaps", params={"kommune": "05166", "life_phase": "early-childhood", "lang": "en"}
    )
    assert '<html lang="en">' in page.text and "Candidate partners" in page.text
    found = _gaps(page.text)
    assert ("no-offer", GREFRATH, "early-childhood") in found
    assert ("only-digital", "05166024", "adult-education") not in found  # another life phase
    assert "lebensphase=early-childhood" in page.text


def test_all_of_nrw_and_a_gemeinde(client: TestClient) -> None:
    nrw = client.get("/gaps")
    assert nrw.status_code == 200 and "Nordrhein-Westfalen" in nrw.text
    assert ("no-offer", "05114000", "basic-education-literacy") in _gaps(nrw.text)
    grefrath = client.get("/gaps", params={"kommune": GREFRATH})
    assert _gaps(grefrath.text) >= {("no-offer", GREFRATH, "early-childhood")}


def test_errors(client: TestClient) -> None:
    assert client.get("/gaps", params={"kommune": "05999"}).status_code == 404
    assert client.get("/gaps", params={"life_phase": "nonsense"}).status_code == 422
    assert client.get("/gaps", params={"life_phase": "<b>"}).status_code == 422


def test_page_time(client: TestClient) -> None:
    client.get("/gaps", params={"kommune": "05166"})  # the analysis is kept per store state
    start = time.perf_counter()
    assert client.get("/gaps", params={"kommune": "05166"}).status_code == 200
    again = time.perf_counter() - start
    start = time.perf_counter()
    assert client.get("/gaps", params={"kommune": "05166024"}).status_code == 200
    other = time.perf_counter() - start  # another Kommune: the query rows are kept
    print(f"/gaps?kommune=05166 again: {again:.2f} s, /gaps?kommune=05166024: {other:.2f} s")
    assert again < 2.0 and other < 5.0
