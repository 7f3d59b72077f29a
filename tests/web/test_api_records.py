"""Reading the REST API: listings, filters, sorting, paging, languages, JSON-LD and CSV."""

from __future__ import annotations

import csv
import io
import json
import warnings

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow
EN = {"Accept-Language": "en"}


def items(client: TestClient, url: str, **headers: str) -> list[dict]:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def total(client: TestClient, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["x-total-count"] == str(response.json()["total"])
    return response.json()["total"]


@pytest.mark.parametrize("kind", ["actors", "offers", "cooperations", "networks"])
def test_every_listing_and_its_records(client: TestClient, kind: str) -> None:
    page = client.get(f"/api/{kind}?page_size=3").json()
    assert page["total"] > 3 and len(page["items"]) == 3 and page["pages"] >= 2
    for item in page["items"]:
        assert item["iri"].startswith("https://w3id.org/bildungsgraph/id/")
        one = client.get(item["href"])
        assert one.status_code == 200
        assert one.json()["iri"] == item["iri"]
    assert client.get(f"/api/{kind}/gibt-es-nicht").status_code == 404


def test_actor_detail_links_offers_cooperations_memberships_and_kommune(client: TestClient) -> None:
    actor = client.get("/api/actors/05114-bildungsbuero").json()
    assert actor["types"][0]["id"] == "education-office"
    assert actor["cooperations"] and actor["memberships"]
    assert {k["key"] for k in actor["kommunen"]} >= {"05114000"}
    assert actor["sites"][0]["kommune"]["key"] == "05114000"
    membership = actor["memberships"][0]
    assert membership["network"]["href"].startswith("/api/networks/")
    offer_ids = {o["id"] for o in client.get("/api/actors/05114-bib-002").json()["offers"]}
    assert "05114-ang-00002" in offer_ids


def test_offer_detail(client: TestClient) -> None:
    offer = client.get("/api/offers/05114-ang-00002").json()
    assert offer["name"] == "Lesesommer"
    assert offer["min_age"] == 3 and offer["max_age"] == 14 and offer["is_free"] is True
    assert {p["id"] for p in offer["providers"]} == {"05114-agentur", "05114-bib-002"}
    assert offer["location"]["kommune"]["key"] == "05114000"
    assert offer["schedule"]


def test_labels_follow_accept_language(client: TestClient) -> None:
    german = client.get("/api/offers/05114-ang-00002").json()
    english = client.get("/api/offers/05114-ang-00002", headers=EN).json()
    assert german["life_phases"][0]["label"] == "Primarbereich"
    assert english["life_phases"][0]["label"] == "Primary education"
    response = client.get("/api/vocab/offer-format", headers={"Accept-Language": "fr, en;q=0.5"})
    assert response.headers["content-language"] == "en"
    assert {c["label"] for c in response.json()["concepts"]} >= {"In person"}


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("en;level=1;q=0.1, de;q=0.5", "de"),  # the API chose en, ignoring q after a parameter
        ("de;q=0.5, en;q=0.9;x=1", "en"),  # the API chose de, reading q as "0.9;x=1"
        ("english, de;q=0.1", "de"),  # the pages chose en, reading "english" as "en"
        ("de;q=0, *", "en"),
    ],
)
def test_a_page_and_its_json_twin_choose_one_language(
    client: TestClient, header: str, lang: str
) -> None:
    page = client.get("/sparql/editor", headers={"Accept": "text/html", "Accept-Language": header})
    api = client.get("/api/vocab/offer-format", headers={"Accept-Language": header})
    assert api.headers["content-language"] == lang
    assert f'<html lang="{lang}">' in page.text


def test_kommune_profile_as_jsonld(client: TestClient, service: BildungsGraph) -> None:
    response = client.get("/api/kommunen/05166032", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"] == "application/ld+json"
    parsed = _parse_with_inlined_context(client, response.json())
    iri = URIRef("https://w3id.org/bildungsgraph/id/kommune/05166032")
    assert {p for p in parsed.predicates(iri)} == {
        p for p in _store_triples(service, [str(iri)]).predicates(iri)
    }


def test_kommune_filter_includes_the_gemeinden_of_a_kreis(client: TestClient) -> None:
    kreis = total(client, "/api/offers?kommune=05166")
    gemeinde = total(client, "/api/offers?kommune=05166032")
    assert 0 < gemeinde < kreis
    for item in items(client, "/api/offers?kommune=05166&page_size=100"):
        assert any(k["key"].startswith("05166") for k in item["kommunen"])
    both = total(client, "/api/offers?kommune=05166&kommune=05114")
    assert both == kreis + total(client, "/api/offers?kommune=05114")


def test_actor_type_includes_narrower_types(client: TestClient) -> None:
    schools = total(client, "/api/actors?actor_type=school")
    primary = total(client, "/api/actors?actor_type=school-form-02")
    assert 0 < primary < schools
    assert total(client, "/api/offers?actor_type=library") > 0


@pytest.mark.parametrize(
    ("filter_", "field"),
    [
        ("life_phase=vocational", "life_phases"),
        ("topic=stem", "topics"),
        ("format=digital", "formats"),
        ("kind=course", "kinds"),
        ("target_group=parents-families", "target_groups"),
    ],
)
def test_concept_filters_on_offers(client: TestClient, filter_: str, field: str) -> None:
    found = items(client, f"/api/offers?{filter_}&page_size=200")
    assert found
    value = filter_.split("=")[1]
    for item in found:
        ids = {c["id"] for c in item[field]}
        assert value in ids or ids & {"digital-synchronous", "digital-asynchronous"}


def test_format_filter_includes_narrower_formats(client: TestClient) -> None:
    digital = total(client, "/api/offers?format=digital")
    parts = total(client, "/api/offers?format=digital-synchronous") + total(
        client, "/api/offers?format=digital-asynchronous"
    )
    assert digital >= parts > 0


def test_programme_status_and_form_filters_on_cooperations(client: TestClient) -> None:
    assert total(client, "/api/cooperations?programme=regional-education-network") > 0
    active = items(client, "/api/cooperations?status=active&page_size=50")
    assert active and all(c["status"]["id"] == "active" for c in active)
    partnership = total(client, "/api/cooperations?cooperation_form=education-partnership")
    assert partnership >= total(client, "/api/cooperations?cooperation_form=school-business") > 0
    assert total(client, "/api/networks?programme=regional-education-network") > 0


def test_date_range(client: TestClient) -> None:
    found = items(client, "/api/offers?date_from=2026-07-01&date_to=2026-07-31&page_size=500")
    assert found
    for offer in found:
        assert (offer["start_date"] or "0000") <= "2026-07-31"
        assert (offer["end_date"] or "9999") >= "2026-07-01"
    assert client.get("/api/offers?date_from=2026-08-01&date_to=2026-07-01").status_code == 422
    assert client.get("/api/offers?date_from=gestern").status_code == 422


def test_free_text_ignores_case_and_umlauts(client: TestClient) -> None:
    assert total(client, "/api/actors?q=BILDUNGSBÜRO") == total(
        client, "/api/actors?q=bildungsbuero"
    )
    assert total(client, "/api/actors?q=bildungsbuero") > 0
    assert total(client, "/api/offers?q=lesesommer") >= 1


def test_bounding_box(client: TestClient) -> None:
    krefeld = "51.25,6.45,51.42,6.70"
    inside = items(client, f"/api/actors?bbox={krefeld}&page_size=500")
    assert inside
    for actor in inside:
        assert any(
            51.25 <= s["lat"] <= 51.42 and 6.45 <= s["long"] <= 6.70
            for s in actor["sites"]
            if s["lat"] is not None
        )
    assert client.get("/api/actors?bbox=1,2,3").status_code == 422


def test_sorting_and_paging_are_stable(client: TestClient) -> None:
    first = items(client, "/api/offers?sort=name&page_size=20")
    second = items(client, "/api/offers?sort=name&page=2&page_size=20")
    both = items(client, "/api/offers?sort=name&page_size=40")
    assert [i["iri"] for i in first + second] == [i["iri"] for i in both]
    names = [i["name"].casefold() for i in both]
    assert names == sorted(names) or len(set(names)) < len(names)
    descending = items(client, "/api/offers?sort=-start_date&page_size=10")
    dates = [i["start_date"] or "" for i in descending]
    assert dates == sorted(dates, reverse=True)
    assert client.get("/api/offers?sort=preis").status_code == 422
    assert client.get("/api/offers?page_size=501").status_code == 422
    assert client.get("/api/offers?page=0").status_code == 422


@pytest.mark.parametrize(
    ("url", "value", "allowed"),
    [
        ("/api/offers?life_phase=kindheit", "kindheit", "early-childhood"),
        ("/api/actors?actor_type=schule", "schule", "school"),
        ("/api/offers?kommune=99999", "99999", "/api/kommunen"),
        ("/api/actors?format=digital", "format", "actor_type"),
        ("/api/kommunen?level=dorf", "dorf", "gemeinde"),
    ],
)
def test_unknown_filter_values_are_422_naming_value_and_allowed(
    client: TestClient, url: str, value: str, allowed: str
) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert value in response.json()["detail"] and allowed in response.json()["detail"]


def test_csv_for_lists(client: TestClient) -> None:
    response = client.get("/api/offers?kommune=05166&page_size=5", headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and rows[0]["iri"].startswith("https://w3id.org/bildungsgraph/id/offer/")
    kommunen = client.get("/api/kommunen?level=kreis", headers={"Accept": "text/csv"})
    assert len(list(csv.DictReader(io.StringIO(kommunen.text)))) == 53


def test_as_parameter_chooses_the_representation_for_links(client: TestClient) -> None:
    # a browser link cannot set Accept: ?as= makes CSV and JSON-LD one click away
    as_csv = client.get("/api/actors?kommune=05166&page_size=3&as=csv")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == 3
    as_json = client.get("/api/actors?page_size=3&as=json", headers={"Accept": "text/csv"})
    assert as_json.headers["content-type"].startswith("application/json")
    as_jsonld = client.get("/api/offers?page_size=2&as=jsonld")
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")
    assert client.get("/api/actors?as=xml").status_code == 422


def _store_triples(service: BildungsGraph, iris: list[str]) -> Graph:
    graph = Graph()
    for iri in iris:
        for row in service.store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", {"s": URIRef(iri)}):
            graph.add((URIRef(iri), row["p"], row["o"]))
    return graph


def _parse_with_inlined_context(client: TestClient, document: dict) -> Graph:
    context = client.get("/api/context.jsonld").json()["@context"]
    assert document["@context"] == "/api/context.jsonld"
    document = dict(document, **{"@context": context})
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=json.dumps(document), format="json-ld")


@pytest.mark.parametrize(
    "url",
    [
        "/api/offers/05114-ang-00002",
        "/api/actors/05114-bildungsbuero",
        "/api/cooperations?page_size=5",
        "/api/offers?kommune=05166&page_size=7",
    ],
)
def test_jsonld_parses_to_the_triples_the_store_holds(
    client: TestClient, service: BildungsGraph, url: str
) -> None:
    response = client.get(url, headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"] == "application/ld+json"
    parsed = _parse_with_inlined_context(client, response.json())
    subjects = sorted({str(s) for s in parsed.subjects()})
    assert subjects
    expected = _store_triples(service, subjects)
    assert set(parsed) == set(expected)


def test_openapi_and_docs_without_cdn(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in [
        "/api/actors",
        "/api/offers/{record_id}",
        "/api/kommunen/{key}",
        "/api/vocab/{scheme}",
        "/api/contributions",
        "/api/templates/{name}.csv",
    ]:
        assert path in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text.split("<body>")[0]
    assert "/static/swagger-ui-5.35.0/swagger-ui-bundle.js" in docs.text
    assert '"validatorUrl": null' in docs.text  # no badge from validator.swagger.io
    assert client.get("/static/swagger-ui-5.35.0/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404
