"""/network: filters in the URL, the view and its data, 422 for bad values, English, exports."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.readmodel import network
from bildungsgraph.service import BildungsGraph
from bildungsgraph.visualisation.builder import ViewSettings
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow
XSS = "<img src=x onerror=alert(1)>"


def view_data(html: str) -> dict[str, list[dict[str, object]]]:
    match = re.search(
        r'<script type="application/json" class="network-view__data">(.*?)</script>', html, re.S
    )
    assert match
    return json.loads(match.group(1))


def test_the_explorer_shows_the_view_of_its_filters(
    client: TestClient, service: BildungsGraph
) -> None:
    page = client.get("/network", params={"kommune": "05166004"})
    assert page.status_code == 200 and '<html lang="de"' in page.text
    html = page.text
    assert "<h1>Netzwerk erkunden</h1>" in html and 'data-state="loading"' in html
    assert '<option value="05166004" selected>' in html
    data = view_data(html)
    view = service.readmodel.current()
    expected = network.network_view(
        view, network.parse_filter(view, kommune="05166004"), ViewSettings()
    )
    assert [n["id"] for n in data["nodes"]] == [n.id for n in expected.nodes]
    assert len(data["edges"]) == len(expected.edges) and data["options"]["physics"]
    assert "/static/vis-network/vis-network.min.js" in html and "/static/js/network-view.js" in html
    assert 'href="/actors/' in html  # the table alternative links the actors
    assert 'href="/api/network?kommune=05166004&amp;ties=cooperation"' in html
    assert (
        'href="/api/network/export?format=gexf&amp;kommune=05166004&amp;ties=cooperation"' in html
    )
    assert "onclick" not in html and "<script>" not in html  # no inline code


def test_filters_change_the_node_set(client: TestClient) -> None:
    whole = {n["id"] for n in view_data(client.get("/network?kommune=05166004").text)["nodes"]}
    schools = view_data(client.get("/network?kommune=05166004&actor_type=school").text)["nodes"]
    stem = view_data(client.get("/network?kommune=05166004&topic=stem").text)["nodes"]
    assert {n["id"] for n in schools} != whole and {n["id"] for n in stem} != whole
    assert schools and stem


def test_large_selections_are_aggregated_and_expandable(client: TestClient) -> None:
    html = client.get("/network", params={"kommune": "05166"}).text
    nodes = view_data(html)["nodes"]
    assert all(n["actor"] is None and n["expand"][0] == "kommune" for n in nodes if n["expand"])
    assert any(n["expand"] == ["kommune", "05166004"] for n in nodes)
    assert "kommune=05166004" in html  # the table's expand links
    krefeld = view_data(client.get("/network", params={"kommune": "05114"}).text)["nodes"]
    assert {n["expand"][0] for n in krefeld if n["expand"]} == {"actor_type"}


@pytest.mark.parametrize(
    "query",
    [
        "topic=nope",
        "actor_type=%3Cb%3E",
        "life_phase=x",
        "programme=y",
        "kommune=05999",
        "as_of=2024-13-01",
        "colour=red",
        "size=height",
        "group=planet",
    ],
)
def test_bad_values_are_422_with_the_form(client: TestClient, query: str) -> None:
    page = client.get("/network?" + query)
    assert page.status_code == 422 and 'class="network-filters"' in page.text
    assert 'role="alert"' in page.text and "network-view__data" not in page.text


def test_english(client: TestClient) -> None:
    page = client.get("/network", params={"kommune": "05166004", "lang": "en"})
    assert '<html lang="en"' in page.text and "<h1>Explore the network</h1>" in page.text
    assert '<input type="hidden" name="lang" value="en">' in page.text
    assert "Show network" in page.text and "Legend" in page.text


def test_exports_and_the_vis_network_files(client: TestClient) -> None:
    gexf = client.get("/api/network/export", params={"format": "gexf", "kommune": "05166004"})
    assert gexf.status_code == 200 and gexf.headers["content-type"] == "application/gexf+xml"
    assert (
        b"<gexf" in gexf.content and "netzwerk-05166004.gexf" in gexf.headers["content-disposition"]
    )
    csv = client.get("/api/network/export", params={"format": "csv", "actor_type": "school"})
    assert set(zipfile.ZipFile(io.BytesIO(csv.content)).namelist()) == {"nodes.csv", "edges.csv"}
    assert client.get("/api/network/export", params={"format": "pdf"}).status_code == 422
    script = client.get("/static/vis-network/vis-network.min.js")
    assert script.status_code == 200 and b"vis-network" in script.content[:2000]
    assert client.get("/static/vis-network/vis-network.css").status_code == 200


def test_views_are_kept_until_a_write_touches_their_kommune(service: BildungsGraph) -> None:
    view = service.readmodel.current()
    here, elsewhere = (network.parse_filter(view, kommune=k) for k in ("05166004", "05166032"))
    first = network.network_view(view, here, ViewSettings())
    other = network.network_view(view, elsewhere, ViewSettings())
    assert network.network_view(view, here, ViewSettings()) is first
    actors = (
        "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
        "05166-cache-probe,Bücherei Probe,library,05166004\n"
    )
    assert service.contributions.contribute([("akteure.csv", actors.encode())], "Test").stored
    after = service.readmodel.current()
    assert after.state != view.state
    redrawn = network.network_view(after, here, ViewSettings())
    assert redrawn is not first and len(redrawn.nodes) == len(first.nodes) + 1
    assert network.network_view(after, elsewhere, ViewSettings()) is other  # not touched


def test_markup_in_names_stays_text(service: BildungsGraph) -> None:
    actors = f"Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n05166-xss-net,{XSS},library,05166\n"
    sites = (
        "Kennung,Akteur,Bezeichnung,Straße,PLZ,Ort,Gemeinde\n"
        "05166-xss-net-s1,05166-xss-net,Ort,Weg 1,41379,Brüggen,05166004\n"
    )
    outcome = service.contributions.contribute(
        [("akteure.csv", actors.encode()), ("standorte.csv", sites.encode())], "Test"
    )
    assert outcome.stored, outcome.report.to_text("en")
    with TestClient(create_app(service=service)) as client:
        html = client.get("/network", params={"kommune": "05166004"}).text
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    labels = [n["label"] for n in view_data(html)["nodes"]]
    assert XSS in labels
