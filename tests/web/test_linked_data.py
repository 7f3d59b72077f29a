"""Dereferencing the project's IRIs: pages and RDF, content negotiation, errors, escaping."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from bildungsgraph.namespaces import GRAPH, ID, ONTOLOGY_GRAPH, VOC
from bildungsgraph.readmodel import pages
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FORMATS = {
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "rdf": ("application/rdf+xml", "xml"),
}
KOMMUNE = "/id/kommune/05166"
SCHOOL = "/id/actor/school-100012"


@pytest.fixture
def client(loaded_service: BildungsGraph) -> Iterator[TestClient]:
    with TestClient(create_app(service=loaded_service)) as test_client:
        yield test_client


def parse(body: bytes, rdflib_format: str) -> Graph:
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser uses its deprecated ConjunctiveGraph internally.
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=body, format=rdflib_format)


def store_description(service: BildungsGraph, iri: str) -> Graph:
    """What the store holds about ``iri``: its triples and those of its blank nodes."""
    result = service.sparql.query(
        "CONSTRUCT { ?s ?p ?o . ?o ?q ?v } WHERE { ?s ?p ?o OPTIONAL { FILTER(isBlank(?o)) ?o ?q ?v } }",
        {"s": URIRef(iri)},
    )
    assert result.graph is not None
    return result.graph


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("path", [KOMMUNE, SCHOOL, "/vocab/life-phase/primary"])
def test_every_format_matches_the_store(client, loaded_service, path: str, fmt: str) -> None:
    media_type, rdflib_format = FORMATS[fmt]
    iri = "https://w3id.org/bildungsgraph" + path
    expected = store_description(loaded_service, iri)
    assert len(expected) > 3
    for response in (
        client.get(path, params={"format": fmt}),
        client.get(path, headers={"Accept": media_type}),
    ):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(media_type)
        assert "Accept" in response.headers["vary"]
        assert response.headers["access-control-allow-origin"] == "*"
        assert parse(response.content, rdflib_format).isomorphic(expected)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (BROWSER, "text/html"),
        ("*/*", "text/turtle"),
        ("application/ld+json;q=0.4, application/n-triples;q=0.8", "application/n-triples"),
        ("text/turtle;q=0.1, application/rdf+xml", "application/rdf+xml"),
    ],
)
def test_accept_with_q_values(client, accept: str, media_type: str) -> None:
    response = client.get(KOMMUNE, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)


def test_unsupported_media_type_is_406_problem(client) -> None:
    response = client.get(KOMMUNE, headers={"Accept": "application/pdf"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get(KOMMUNE, params={"format": "pdf"}).status_code == 406


@pytest.mark.parametrize(
    "path", ["/id/actor/gibt-es-nicht", "/vocab/no-such-scheme", "/vocab/topic/nope", "/graph/x"]
)
def test_unknown_iri_is_404_page_or_problem(client, path: str) -> None:
    page = client.get(path, headers={"Accept": BROWSER})  # one handler: a browser gets a page
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_record_page_shows_labels_links_and_provenance(client) -> None:
    response = client.get(KOMMUNE, headers={"Accept": BROWSER})
    assert response.status_code == 200
    page = response.text
    assert "<h1>Viersen</h1>" in page
    assert "Kreisschlüssel" in page  # predicate label from the ontology
    assert 'href="/id/kommune/051"' in page  # parent unit, linked locally
    assert "Regierungsbezirk Düsseldorf" in page  # object label
    assert 'href="/graph/reference/kommunen"' in page
    assert "Destatis" in page or "GeoBasis" in page  # attribution of the source graph
    assert "Verweise auf diese Ressource" in page
    for fmt in ("ttl", "jsonld", "nt"):
        assert f'href="{KOMMUNE}?format={fmt}"' in page
    english = client.get(KOMMUNE, params={"lang": "en"}, headers={"Accept": BROWSER}).text
    assert "district key" in english.lower()


def test_script_in_a_name_is_escaped(client, loaded_service: BildungsGraph) -> None:
    header = "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
    row = "xss-test,<script>alert(1)</script>,association,05166\n"
    outcome = loaded_service.contributions.contribute(
        [("akteure.csv", (header + row).encode("utf-8"))], "Testbüro"
    )
    assert outcome.stored, outcome.report.to_text("en")
    page = client.get("/id/actor/xss-test", headers={"Accept": BROWSER}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Testbüro" in page  # the contributor of the source graph
    turtle = client.get("/id/actor/xss-test", params={"format": "ttl"}).text
    assert "<script>alert(1)</script>" in turtle


def test_ontology_page_lists_every_term_in_both_languages(client, loaded_service) -> None:
    ontology = loaded_service.linked_data.named_graph(str(ONTOLOGY_GRAPH))
    response = client.get("/ontology", headers={"Accept": BROWSER})
    assert response.status_code == 200
    page = response.text
    terms = loaded_service.linked_data.ontology_documentation().terms()
    assert len(terms) >= 60
    for term in terms:
        assert f'id="{term.anchor}"' in page
        for label in ontology.objects(URIRef(term.iri), URIRef(str(RDFS_LABEL))):
            assert str(label).replace("&", "&amp;") in page, (term.anchor, label)
    assert 'id="EducationActor"' in page and "Bildungsakteur" in page and "Education actor" in page
    assert 'id="life-phase/primary"' in page  # concepts of the schemes
    english = client.get("/ontology", params={"lang": "en"}, headers={"Accept": BROWSER}).text
    assert '<html lang="en">' in english


RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.mark.parametrize(
    ("path", "graph"),
    [
        ("/ontology", str(ONTOLOGY_GRAPH)),
        ("/shapes", str(GRAPH["shapes"])),
        ("/vocab/life-phase", str(GRAPH["vocab/life-phase"])),
        ("/graph/vocab/topic", str(GRAPH["vocab/topic"])),
    ],
)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_documents_are_their_named_graph(client, loaded_service, path, graph, fmt) -> None:
    response = client.get(path, params={"format": fmt})
    assert response.status_code == 200
    assert parse(response.content, FORMATS[fmt][1]).isomorphic(
        loaded_service.linked_data.named_graph(graph)
    )


def test_scheme_page_shows_the_hierarchy(client) -> None:
    page = client.get("/vocab/life-phase", headers={"Accept": BROWSER}).text
    assert 'id="primary"' in page and "Primarbereich" in page and "Primary education" in page
    assert page.index('id="general-school"') < page.index('id="primary"')


def test_graph_page_describes_the_graph(client) -> None:
    page = client.get("/graph/example", headers={"Accept": BROWSER}).text
    assert "Erfundene Beispiel-Bildungslandschaft" in page
    assert "Bildungsangebot" in page  # class partition label
    shapes = client.get("/shapes", headers={"Accept": BROWSER})
    assert shapes.status_code == 200 and "SHACL" in shapes.text


def test_contribution_records_dereference(client, loaded_service) -> None:
    sizes = pages.stats(loaded_service.readmodel.current()).graphs
    assert str(GRAPH["example"]) in sizes
    row = loaded_service.sparql.query(
        "SELECT ?who ?file WHERE { GRAPH ?g { ?g prov:wasAttributedTo ?who ; "
        "prov:wasDerivedFrom ?file } } LIMIT 1"
    ).rows[0]
    for iri in (row["who"], row["file"]):
        path = str(iri).removeprefix("https://w3id.org/bildungsgraph")
        assert str(iri).startswith(str(ID))
        assert client.get(path, headers={"Accept": BROWSER}).status_code == 200
        assert client.get(path, params={"format": "ttl"}).status_code == 200
    assert client.get("/vocab/topic/stem", params={"format": "nt"}).text.count(str(VOC)) > 0
