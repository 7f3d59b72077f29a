"""The GraphStore contract on each backend (embedded Oxigraph, Oxigraph server, Virtuoso): atomic
graph writes, queries with bound parameters, dumps; then what only the embedded store does."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from bildungsgraph.errors import NotFoundError, QueryError, StoreError
from bildungsgraph.store import DumpFormat, GraphStore, OxigraphStore, open_store

G1 = "https://w3id.org/bildungsgraph/graph/test/one"
G2 = "https://w3id.org/bildungsgraph/graph/test/two"
S = URIRef("https://w3id.org/bildungsgraph/id/actor/a")
P = URIRef("https://schema.org/name")


def test_terms_round_trip(any_store: GraphStore) -> None:
    terms = [
        Literal('Volkshochschule "Nord"\n<b>', lang="de"),
        Literal(42),
        Literal("2024-01-31", datatype=XSD.date),
        Literal("plain"),
        URIRef("https://example.org/ä"),
    ]
    any_store.replace_graph(G1, [(S, P, term) for term in terms])
    # a remote store's default graph holds more (its own graphs, bildungsgraph's state)
    got = {row["o"] for row in any_store.select("SELECT ?o WHERE { ?s schema:name ?o }")}
    assert got == set(terms)


def test_replace_graph_replaces_only_that_graph(any_store: GraphStore) -> None:
    any_store.replace_graph(G1, [(S, P, Literal("alt"))])
    any_store.replace_graph(G2, [(S, P, Literal("andere"))])
    any_store.replace_graph(G1, [(S, P, Literal("neu")), (S, P, Literal("neu"))])
    assert any_store.graph_sizes() == {G1: 1, G2: 1}
    assert set(any_store.get_graph(G1).objects()) == {Literal("neu")}


def test_failed_write_changes_nothing(any_store: GraphStore) -> None:
    any_store.replace_graph(G1, [(S, P, Literal("bleibt"))])
    bad = [(S, P, Literal("neu")), (BNode("x y"), P, Literal("kaputt"))]
    with pytest.raises(StoreError):
        any_store.replace_graphs({G1: [(S, P, Literal("neu"))], G2: bad})
    assert any_store.graph_sizes() == {G1: 1}
    assert set(any_store.get_graph(G1).objects()) == {Literal("bleibt")}


def test_drop_graph(any_store: GraphStore) -> None:
    any_store.replace_graph(G1, [(S, P, Literal("x"))])
    any_store.drop_graph(G1)
    assert any_store.graph_names() == []
    with pytest.raises(NotFoundError):
        any_store.drop_graph(G1)


def test_bindings_are_substituted_not_pasted(any_store: GraphStore) -> None:
    any_store.replace_graph(G1, [(S, P, Literal("x"))])
    hostile = Literal('x" } ; DROP ALL ; SELECT * { "')
    rows = any_store.select("SELECT ?s ?name WHERE { ?s ?p ?name }", {"name": hostile})
    assert rows == []
    rows = any_store.select("SELECT ?s ?name WHERE { ?s ?p ?name }", {"name": Literal("x")})
    assert rows == [{"s": S, "name": Literal("x")}]


def test_query_kinds_and_errors(any_store: GraphStore) -> None:
    any_store.replace_graph(G1, [(S, P, Literal("x"))])
    assert any_store.ask("ASK { ?s schema:name 'x' }")
    assert len(any_store.construct("CONSTRUCT WHERE { ?s schema:name ?o }")) == 1
    with pytest.raises(QueryError, match="malformed"):
        any_store.select("SELECT WHERE {")
    with pytest.raises(QueryError):
        any_store.select("ASK {}")


def test_describe_resources(any_store: GraphStore) -> None:
    any_store.replace_graph(G1, [(S, P, Literal("x")), (S, URIRef(str(XSD) + "p"), Literal(1))])
    described = any_store.describe_resources([str(S), "https://example.org/none"], [str(P)])
    assert set(described) == {(S, P, Literal("x"))}


def test_set_value_replaces_only_that_value(any_store: GraphStore) -> None:
    other = URIRef(str(XSD) + "p")
    any_store.replace_graph(
        G1, [(S, P, Literal("alt")), (S, P, Literal("auch alt")), (S, other, Literal(1))]
    )
    any_store.set_value(G1, S, P, Literal("neu"))
    assert set(any_store.get_graph(G1)) == {(S, P, Literal("neu")), (S, other, Literal(1))}


def test_statements_subjects_and_sizes(any_store: GraphStore) -> None:
    any_store.replace_graph(G1, [(S, P, Literal("eins"))])
    any_store.replace_graph(G2, [(S, P, Literal("zwei")), (URIRef(G2), P, Literal("g"))])
    assert any_store.has_graph(G1) and not any_store.has_graph(G1 + "x")
    assert not any_store.has_graph("kein IRI")
    assert any_store.graph_names() == [G1, G2]
    assert any_store.graph_sizes([G2, G1 + "x"]) == {G2: 2}
    assert any_store.subjects([G2]) == {str(S), G2}
    about = set(any_store.statements_about([str(S)]))
    assert about == {(str(S), str(P), Literal("eins"), G1), (str(S), str(P), Literal("zwei"), G2)}
    assert set(any_store.statements({G2})) == {(G2, str(P), Literal("g"), G2)}
    assert len(list(any_store.statements())) == 3


@pytest.mark.parametrize("fmt", list(DumpFormat))
def test_dump_formats(any_store: GraphStore, fmt: DumpFormat) -> None:
    any_store.replace_graph(G1, [(S, P, Literal("eins", lang="de"))])
    any_store.replace_graph(G2, [(S, P, Literal("zwei", lang="de"))])
    buffer = io.BytesIO()
    any_store.dump(buffer, fmt)
    text = buffer.getvalue().decode()
    assert "eins" in text and "zwei" in text
    if fmt is DumpFormat.NQUADS:
        assert G1 in text and G2 in text
    if fmt is DumpFormat.JSONLD:
        assert {entry["@id"] for entry in json.loads(text)} == {G1, G2}


def test_second_process_gets_a_clear_error(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    try:
        with pytest.raises(StoreError, match="another bildungsgraph process"):
            OxigraphStore(tmp_path / "store")
    finally:
        store.close()


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rdflib import Literal, URIRef
    from bildungsgraph.store import open_store
    store = open_store(Path(sys.argv[1]))
    triples = [
        (URIRef(f"https://w3id.org/bildungsgraph/id/actor/a{i}"),
         URIRef("https://schema.org/name"), Literal(f"{sys.argv[3]} {i}"))
        for i in range(int(sys.argv[2]))
    ]
    print("writing", flush=True)
    store.replace_graph("https://w3id.org/bildungsgraph/graph/test/big", triples)
    print("done", flush=True)
    """
)
BIG = "https://w3id.org/bildungsgraph/graph/test/big"


def _write(path: Path, size: int, label: str, kill_after: float | None) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), str(size), label],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        if kill_after is None:
            assert process.stdout.readline().strip() == "done"
            assert process.wait() == 0
            return
        time.sleep(kill_after)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


def _labels(path: Path) -> tuple[int, set[str]]:
    store = open_store(path)
    try:
        rows = store.select(f"SELECT ?o WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}")
    finally:
        store.close()
    return len(rows), {str(row["o"]).split()[0] for row in rows}


@pytest.mark.live
@pytest.mark.parametrize("kill_after", [0.0, 0.3, 0.8, 1.6])
def test_killed_first_write_leaves_nothing_or_everything(tmp_path: Path, kill_after: float) -> None:
    path = tmp_path / "store"
    _write(path, 50_000, "neu", kill_after)
    count, labels = _labels(path)
    assert (count, labels) in ((0, set()), (50_000, {"neu"}))


@pytest.mark.live
@pytest.mark.parametrize("kill_after", [0.0, 0.5, 1.5, 3.0])
def test_killed_replacement_leaves_old_or_new_graph(tmp_path: Path, kill_after: float) -> None:
    path = tmp_path / "store"
    _write(path, 20_000, "alt", None)
    _write(path, 50_000, "neu", kill_after)
    count, labels = _labels(path)
    assert (count, labels) in ((20_000, {"alt"}), (50_000, {"neu"}))
