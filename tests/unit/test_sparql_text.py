"""SPARQL read as text (``store/sparqltext.py``) and the remote store's bound values: braces,
keywords and prefixes inside strings, IRIs and comments never count."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from bildungsgraph.errors import QueryError
from bildungsgraph.store.remote import with_bindings
from bildungsgraph.store.sparqltext import code_and_iris, query_form, with_prologue

X = URIRef("https://example.org/x")


def test_code_keeps_every_character_at_its_position() -> None:
    query = 'SELECT * { ?s <urn:a> "}" } # }\n'
    code, iris = code_and_iris(query)
    assert len(code) == len(query)
    assert code.count("}") == 1 and iris == ["urn:a"]


@pytest.mark.parametrize(
    ("query", "form"),
    [
        (
            "PREFIX ask: <http://x/> # CONSTRUCT\nSELECT ?ask WHERE { ?s ask:d 'DESCRIBE' }",
            "select",
        ),
        ("BASE <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct"),
        ("  describe <urn:x>", "describe"),
    ],
)
def test_query_form_is_the_first_word_after_the_prologue(query: str, form: str) -> None:
    assert query_form(query) == form


def test_bindings_go_into_the_where_clause_not_the_template() -> None:
    query = 'CONSTRUCT { ?s ?p "}" } WHERE { # {\n ?s ?p ?o { SELECT * WHERE {} } }'
    bound = with_bindings(query, {"s": X, "o": Literal('a" } ; DROP ALL ; #')})
    template, where = bound.split("WHERE", 1)
    assert "VALUES" not in template
    assert where.lstrip().startswith('{ VALUES (?s ?o) { (<https://example.org/x> "a\\" } ; DROP')


def test_bindings_without_a_where_clause_or_with_a_blank_node_are_refused() -> None:
    with pytest.raises(QueryError):
        with_bindings("ASK", {"s": X})
    with pytest.raises(QueryError, match="blank node"):
        with_bindings("SELECT * WHERE { ?s ?p ?o }", {"s": BNode()})


def test_the_prologue_keeps_declared_prefixes_and_the_line_numbers() -> None:
    query = "PREFIX schema: <urn:mine#>\nSELECT * WHERE { ?s schema:name ?n }"
    text = with_prologue(query, "http://127.0.0.1/sparql")
    assert text.count("\n") == query.count("\n")
    assert text.startswith("BASE <http://127.0.0.1/sparql> PREFIX ")
    assert "PREFIX schema: <https://schema.org/>" not in text
    assert "PREFIX bg: <" in text
