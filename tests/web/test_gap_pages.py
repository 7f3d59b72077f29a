"""/gaps: the gap dashboard on the example landscape (its deliberate gaps, German and
English, relevance of life phase × topic cells, candidate partners, the heat map's two
markups, /api/gaps, the wording on the Kommune page, errors, and the time a page takes)."""

from __future__ import annotations

import re

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
    assert 'class="flag">kein erfasstes Angebot</span>' in page.text  # the matrix flags cells
    assert "kein Angebot" not in page.text
    assert 'class="heatmap__table"' in page.text
    assert 'href="/api/gaps?kommune=05166&amp;cells=true"' in page.text
    assert '<option value="05166008">– Grefrath' in page.text  # Gemeinden can be chosen
    # the place is named once, as the link, not again at the start of the gap text
    assert (
        "Sport- und Freizeitgemeinde</a>: kein erfasstes Angebot – Frühkindliche Bildung"
        in page.text
    )


def test_life_phase_filter_in_english(client: TestClient) -> None:
    page = client.get(
        "/gaps", params={"kommune": "05166", "life_phase": "early-childhood", "lang": "en"}
    )
    assert '<html lang="en">' in page.text and "Candidate partners" in page.text
    found = _gaps(page.text)
    assert ("no-offer", GREFRATH, "early-childhood") in found
    assert ("only-digital", "05166024", "adult-education") not in found  # another life phase
    assert "life_phase=early-childhood" in page.text and "lebensphase" not in page.text


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


def _heatmap_figures(html: str) -> tuple[int, int, int]:
    found = re.search(
        r'class="heatmap" id="heatmap-\d+" data-gaps="(\d+)" data-relevant="(\d+)" '
        r'data-cells="(\d+)"',
        html,
    )
    assert found, "heat map figures"
    gaps, relevant, cells = (int(n) for n in found.groups())
    return gaps, relevant, cells


def test_heat_map_relevance_abbreviations_and_list(client: TestClient) -> None:
    html = client.get("/gaps", params={"kommune": "05166"}).text
    gaps, relevant, cells = _heatmap_figures(html)
    assert cells == 153 and relevant == 116 and 0 < gaps < 72  # 72 red cells before
    assert html.count('class="heat heat-0"') == gaps  # each gap cell, and only those
    assert html.count('class="heat heat-na"') == cells - relevant
    assert "nicht relevant" in html and "Lücke: kein erfasstes Angebot" in html
    # Hochschule × Ganztag is greyed, not red
    row = re.search(r'<tr data-phase="higher-education">(.*?)</tr>', html, re.S)
    assert row and 'heat-na" title="Hochschule × Ganztag' in row.group(1)
    # abbreviated topic headers with the full name as tooltip, and the key below
    assert '<th scope="col" data-topic="all-day-school" title="Ganztag">' in html
    assert '<abbr title="Berufliche Orientierung">BO</abbr>' in html
    assert "<div><dt>BO</dt><dd>Berufliche Orientierung</dd></div>" in html
    # the list per life phase for narrow screens, and the stylesheet that switches
    assert html.count('<section class="heatmap__phase"') == 9
    assert "/static/css/heatmap.css" in html
    assert "word-break: break-all" not in client.get("/static/css/heatmap.css").text


def test_candidates_from_the_same_gemeinde_first(client: TestClient) -> None:
    html = client.get("/gaps", params={"kommune": GREFRATH}).text
    item = re.search(
        r'<li data-kind="no-offer" data-kommune="05166008" data-concept="early-childhood">'
        r"(.*?)</li>\s*</ul>\s*</div>\s*</li>",
        html,
        re.S,
    )
    assert item, "Grefrath's gap in early childhood"
    text = item.group(1)
    same, neighbour = text.find('data-origin="same"'), text.find('data-origin="neighbour"')
    assert 0 <= same < neighbour
    assert text.count("in derselben Gemeinde, ") == 8  # Grefrath's own Kitas
    assert "Nachbargemeinde " in text


def test_api_gaps_says_which_cells_are_relevant(client: TestClient) -> None:
    body = client.get("/api/gaps", params={"kommune": "05166"}).json()
    pairs = {(p["life_phase"], p["topic"]): p for p in body["pairs"]}
    assert len(pairs) == 153 and body["relevant_pairs"] == 116
    assert body["pair_gaps"] == sum(p["gap"] for p in pairs.values())
    assert not any(p["gap"] for p in pairs.values() if not p["relevant"])
    assert pairs[("higher-education", "all-day-school")] | {"offers": 0} == {
        "life_phase": "higher-education",
        "topic": "all-day-school",
        "offers": 0,
        "relevant": False,
        "gap": False,
    }
    assert pairs[("primary", "all-day-school")]["relevant"] is True
    gap = next(
        g for g in body["gaps"] if (g["kommune"], g["concept"]) == (GREFRATH, "early-childhood")
    )
    assert gap["text_de"].endswith("kein erfasstes Angebot – Frühkindliche Bildung")
    assert gap["text_en"].endswith("no recorded offer – Early childhood education")
    neighbouring = [c["neighbouring"] for c in gap["candidates"]]
    assert neighbouring == sorted(neighbouring) and not neighbouring[0]
    one_phase = client.get(
        "/api/gaps", params={"kommune": "05166", "lebensphase": "higher-education"}
    ).json()
    assert {p["life_phase"] for p in one_phase["pairs"]} == {"higher-education"}


def test_kommune_page_wording(client: TestClient) -> None:
    for key in ("05166", GREFRATH):
        html = client.get(f"/kommunen/{key}").text
        assert "Lücke: kein erfasstes Angebot" in html and "kein Angebot" not in html
        assert 'class="heatmap__list"' in html and "/static/css/heatmap.css" in html
    english = client.get("/kommunen/05166", params={"lang": "en"}).text
    assert "gap: no recorded offer" in english and not re.search(r"\bno offer\b", english)
    assert "not relevant" in english


def test_embedded_heat_map(client: TestClient) -> None:
    html = client.get("/embed/gaps/05166").text
    gaps, relevant, cells = _heatmap_figures(html)
    assert cells == 153 and relevant == 116
    assert "/static/css/heatmap.css" in html and 'class="heatmap__list"' in html
