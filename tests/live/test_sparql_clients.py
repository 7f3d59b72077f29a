"""Real SPARQL clients against the live server, compared with the store queried directly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from livehelpers import LiveServer
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from bildungsgraph.store import OxigraphStore

pytestmark = pytest.mark.live

NODE_DIR = Path(__file__).parent / "node"
LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?concept ?label WHERE {
  ?concept skos:inScheme <https://w3id.org/bildungsgraph/vocab/life-phase> ; skos:prefLabel ?label .
} ORDER BY ?concept ?label
"""
KREISE = """
PREFIX bg: <https://w3id.org/bildungsgraph/ontology#>
SELECT ?kreis ?key WHERE { ?kreis a bg:District ; bg:districtKey ?key } ORDER BY ?key
"""


def _direct_rows(store: OxigraphStore, query: str) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.items()} for row in store.select(query)]


def test_sparqlwrapper_select_and_construct(
    live_server: LiveServer, direct_store: OxigraphStore
) -> None:
    client = SPARQLWrapper(live_server.endpoint)
    client.setQuery(KREISE)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    rows = [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]  # type: ignore[index]
    assert len(rows) == 31
    assert rows == _direct_rows(direct_store, KREISE)

    client.setQuery(
        'CONSTRUCT { ?k ?p ?o } WHERE { ?k <https://w3id.org/bildungsgraph/ontology#districtKey> "05166" ; ?p ?o }'
    )
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    direct = direct_store.construct(
        'CONSTRUCT { ?k ?p ?o } WHERE { ?k <https://w3id.org/bildungsgraph/ontology#districtKey> "05166" ; ?p ?o }'
    )
    assert len(graph) == len(direct) > 3


def test_rdflib_sparqlstore_keeps_language_tags(
    live_server: LiveServer, direct_store: OxigraphStore
) -> None:
    store = SPARQLStore(live_server.endpoint, returnFormat="json")
    graph = Graph(store=store)
    try:
        rows = [(row[0], row[1]) for row in graph.query(LABELS)]  # type: ignore[index]
    finally:
        graph.close()
    direct = [(row["concept"], row["label"]) for row in direct_store.select(LABELS)]
    assert rows == direct
    assert any(isinstance(label, Literal) and label.language == "de" for _, label in rows)
    assert all(isinstance(concept, URIRef) for concept, _ in rows)


def _node() -> str | None:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "@comunica").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node and `npm ci` in tests/live/node are required in CI")
        pytest.skip("node or Comunica missing: run `npm ci` in tests/live/node")
    return node


def test_comunica_keeps_language_tags(live_server: LiveServer, direct_store: OxigraphStore) -> None:
    node = _node()
    completed = subprocess.run(
        [node, "select.mjs", live_server.endpoint, LABELS],
        cwd=NODE_DIR, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    rows = json.loads(completed.stdout)
    direct = direct_store.select(LABELS)
    assert len(rows) == len(direct) > 0
    got = sorted((r["concept"]["value"], r["label"]["value"], r["label"]["language"]) for r in rows)
    want = sorted((str(r["concept"]), str(r["label"]), r["label"].language) for r in direct)  # type: ignore[union-attr]
    assert got == want
    assert any(language == "de" for _, _, language in got)
