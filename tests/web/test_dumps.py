"""Dumps: N-Quads/Turtle/JSON-LD gzip files, cached per store state, and the VoID description."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace, URIRef

from bildungsgraph.namespaces import DCT, EXAMPLE_GRAPH, KOMMUNEN_GRAPH, RDF
from bildungsgraph.readmodel import pages
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = URIRef("https://w3id.org/bildungsgraph/dumps/void.ttl#dataset")


@pytest.fixture
def client(loaded_service: BildungsGraph) -> Iterator[TestClient]:
    with TestClient(create_app(service=loaded_service)) as test_client:
        yield test_client


def test_index_is_html_for_browsers_and_json_for_others(client) -> None:
    page = client.get("/dumps", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    assert "bildungsgraph.nq.gz" in page.text and "dl-de/by-2-0" in page.text
    listing = client.get("/dumps").json()
    names = [entry["name"] for entry in listing["dumps"]]
    assert names == [
        "bildungsgraph.nq.gz",
        "bildungsgraph.ttl.gz",
        "bildungsgraph.jsonld.gz",
        "void.ttl",
    ]


def test_nquads_dump_has_every_quad_in_its_graph(client, loaded_service) -> None:
    response = client.get("/dumps/bildungsgraph.nq.gz")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/gzip"
    assert 'filename="bildungsgraph.nq.gz"' in response.headers["content-disposition"]
    quads = list(ox.parse(gzip.decompress(response.content), ox.RdfFormat.N_QUADS))
    per_graph = Counter(quad.graph_name.value for quad in quads)
    assert dict(per_graph) == pages.stats(loaded_service.readmodel.current()).graphs
    assert len(quads) == sum(pages.stats(loaded_service.readmodel.current()).graphs.values())


def test_turtle_and_jsonld_dumps_parse(client, loaded_service) -> None:
    turtle = gzip.decompress(client.get("/dumps/bildungsgraph.ttl.gz").content)
    triples = list(ox.parse(turtle, ox.RdfFormat.TURTLE))
    assert len(triples) >= max(pages.stats(loaded_service.readmodel.current()).graphs.values())
    jsonld = gzip.decompress(client.get("/dumps/bildungsgraph.jsonld.gz").content)
    assert isinstance(json.loads(jsonld), list | dict)
    graphs = {quad.graph_name.value for quad in ox.parse(jsonld, ox.RdfFormat.JSON_LD)}
    assert str(EXAMPLE_GRAPH) in graphs


def test_dumps_are_generated_once_per_store_state(client, loaded_service) -> None:
    first = loaded_service.linked_data.dump_file("bildungsgraph.nq.gz")
    client.get("/dumps/bildungsgraph.nq.gz")
    again = loaded_service.linked_data.dump_file("bildungsgraph.nq.gz")
    assert again.path == first.path
    assert again.path.stat().st_mtime_ns == first.path.stat().st_mtime_ns
    header = "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
    outcome = loaded_service.contributions.contribute(
        [("akteure.csv", (header + "dump-test,Neu,association,05166\n").encode())], "Test"
    )
    assert outcome.stored
    changed = loaded_service.linked_data.dump_file("bildungsgraph.nq.gz")
    assert changed.path != first.path and not first.path.exists()
    quads = list(ox.parse(gzip.decompress(changed.path.read_bytes()), ox.RdfFormat.N_QUADS))
    assert outcome.graph in {quad.graph_name.value for quad in quads}


def test_void_counts_and_licences(client, loaded_service) -> None:
    response = client.get("/dumps/void.ttl")
    assert response.headers["content-type"].startswith("text/turtle")
    void = Graph().parse(data=response.text, format="turtle")
    sizes = pages.stats(loaded_service.readmodel.current()).graphs
    assert (DATASET, RDF.type, VOID.Dataset) in void
    assert int(void.value(DATASET, VOID.triples)) == sum(sizes.values())
    subsets = {str(s): int(void.value(s, VOID.triples)) for s in void.objects(DATASET, VOID.subset)}
    assert subsets == sizes
    partitions = {
        str(void.value(p, VOID["class"])): int(void.value(p, VOID.entities))
        for p in void.objects(DATASET, VOID.classPartition)
    }
    records = pages.stats(loaded_service.readmodel.current()).records
    assert (
        partitions["https://w3id.org/bildungsgraph/ontology#EducationOffer"]
        == records["EducationOffer"]
    )
    assert partitions["https://w3id.org/bildungsgraph/ontology#Municipality"] == 396
    dumps = {str(o) for o in void.objects(DATASET, VOID.dataDump)}
    assert "https://w3id.org/bildungsgraph/dumps/bildungsgraph.nq.gz" in dumps
    assert void.value(DATASET, VOID.sparqlEndpoint) is not None
    kommunen = URIRef(str(KOMMUNEN_GRAPH))
    assert "dl-by-de/2.0" in str(void.value(kommunen, DCT.license))
    citations = " ".join(str(o) for o in void.objects(kommunen, DCT.bibliographicCitation))
    assert "Destatis" in citations or "GeoBasis" in citations
    vocab = URIRef("https://w3id.org/bildungsgraph/graph/vocab/topic")
    assert "publicdomain/zero" in str(void.value(vocab, DCT.license))
    example = " ".join(str(o) for o in void.objects(URIRef(str(EXAMPLE_GRAPH)), DCT.description))
    assert "invented" in example and "erfunden" in example


def test_unknown_dump_is_404(client) -> None:
    assert client.get("/dumps/passwd").status_code == 404
