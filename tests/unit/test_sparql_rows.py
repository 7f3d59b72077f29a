"""The row counters of the forwarding endpoint count what Oxigraph writes, whatever the chunks:
values with line breaks, quotes, brackets, backslashes and markup in them included."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from bildungsgraph.sparql.rows import row_counter

TRICKY = [
    "plain",
    'two\nlines\r\nand a "quote"',
    '{"results": {"bindings": [{}]}} <result> </result>',
    'back\\slash\\" and \\\\',
    'comma, "quoted", semi;',
    "",
]
FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def _store() -> ox.Store:
    store = ox.Store()
    for number, value in enumerate(TRICKY):
        subject = ox.NamedNode(f"http://example.org/s{number}")
        store.add(ox.Quad(subject, ox.NamedNode("http://example.org/p"), ox.Literal(value)))
        store.add(ox.Quad(subject, ox.NamedNode("http://example.org/q"), ox.BlankNode()))
    return store


def _counted(media_type: str, body: bytes, chunk_size: int) -> int:
    counter = row_counter(media_type)
    for start in range(0, len(body), chunk_size):
        counter.feed(body[start : start + chunk_size])
    return counter.rows


@pytest.mark.parametrize("media_type", list(FORMATS))
@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s ?o WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o FILTER(false) }",
        "SELECT * WHERE { }",  # one solution without variables
        "SELECT ?s ?x WHERE { ?s <http://example.org/p> ?o OPTIONAL { ?s <http://no> ?x } }",
    ],
)
def test_solutions_are_counted_at_every_chunk_boundary(media_type: str, query: str) -> None:
    store = _store()
    expected = len(list(store.query(query)))  # type: ignore[arg-type]
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    body = result.serialize(format=FORMATS[media_type])
    assert body is not None
    for chunk_size in (1, 2, 3, 7, len(body)):
        assert _counted(media_type, body, chunk_size) == expected, chunk_size


def test_triples_are_counted_at_every_chunk_boundary() -> None:
    triples = [quad.triple for quad in _store()]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert body is not None
    body = b"# a comment first\n\n" + body
    for chunk_size in (1, 2, 5, len(body)):
        assert _counted("application/n-triples", body, chunk_size) == len(triples)


def test_a_row_still_arriving_counts() -> None:
    counter = row_counter("text/tab-separated-values")
    counter.feed(b"?s\n<http://example.org/a>\n<http://exa")
    assert counter.rows == 2


def test_json_rows_are_counted_in_any_layout_and_with_triple_terms() -> None:
    """Virtuoso indents its JSON; a triple term nests a row deeper than term objects."""
    term = {"type": "literal", "value": 'x { "y" } [z] \\'}
    triple = {"type": "triple", "value": {"subject": term, "predicate": term, "object": term}}
    rows = [{"a": term}, {}, {"a": term, "t": triple}, {"t": triple}, {"b": term}] * 3
    results = {"head": {"vars": ["a", "b", "t"]}, "results": {"bindings": rows}}
    for indent in (None, 2):
        body = json.dumps(results, indent=indent).encode()
        for chunk_size in (1, 3, 11, len(body)):
            counted = _counted("application/sparql-results+json", body, chunk_size)
            assert counted == len(rows), (indent, chunk_size)
