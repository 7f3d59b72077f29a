"""Protocol parsing, content negotiation, the lexical safety checks and the client budget of the
SPARQL endpoint."""

from __future__ import annotations

import pytest

from bildungsgraph.errors import TooManyRequestsError
from bildungsgraph.sparql import budget, parse_request, prefers_html
from bildungsgraph.sparql.budget import ClientBudget, client_key
from bildungsgraph.sparql.errors import (
    MethodNotAllowed,
    ProtocolError,
    QueryTooLong,
    UnsupportedMediaType,
    UpdateRefused,
)
from bildungsgraph.sparql.negotiation import choose
from bildungsgraph.sparql.protocol import check_body_size
from bildungsgraph.sparql.safety import has_dataset_clause, looks_like_update, mentions_service


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { SERVICE <http://x> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x> { ?s ?p ?o } }", True),
        ("SELECT * { ?s ?p ?o .SERVICE ?e { } }", True),
        ("SELECT * { \\u0053ERVICE <http://x> {} }", True),
        ("SELECT * { SERVICE s:ep {} }", True),
        ("SELECT * { FILTER(?a<?b)SERVICE?x#>\n{} }", True),  # '<' as operator, not an IRI
        ("SELECT * { <http://x/'> SERVICE <http://evil> {} <'> }", True),  # quote inside an IRI
        ("SELECT * { ?s a <https://schema.org/Service> }", False),
        ("SELECT * { ?s a schema:Service }", False),
        ('SELECT * { ?s ?p "Service <x>" }', False),
        ("SELECT * { ?s ?p ?o } # SERVICE <x>", False),
        ("SELECT * { ?s ?p ?service }", False),
    ],
)
def test_service_scan(query: str, expected: bool) -> None:
    assert mentions_service(query) is expected


def test_update_and_dataset_detection() -> None:
    assert looks_like_update("PREFIX a: <http://x> # c\n INSERT DATA {}")
    assert looks_like_update("clear all")
    assert not looks_like_update("PREFIX a: <x> ASK {}")
    assert has_dataset_clause("SELECT * FROM <http://g> { ?s ?p ?o }")
    assert has_dataset_clause("select * from named <http://g> { graph ?g {} }")
    assert not has_dataset_clause('SELECT * { ?s <http://from> "FROM <x>" }')


@pytest.mark.parametrize(
    ("kind", "accept", "fmt", "expected"),
    [
        ("solutions", None, None, "application/sparql-results+json"),
        (
            "solutions",
            "text/csv;q=0.2, text/tab-separated-values",
            None,
            "text/tab-separated-values",
        ),
        ("solutions", "*/*;q=0.1, text/csv", None, "text/csv"),
        ("solutions", "text/*", None, "text/csv"),
        ("solutions", "text/csv;q=0, */*", None, "application/sparql-results+json"),
        ("solutions", "image/png", None, None),
        ("solutions", "text/turtle", "csv", "text/csv"),
        ("graph", "application/json", None, "application/ld+json"),
        ("graph", None, "xml", "application/rdf+xml"),
        ("graph", None, "csv", None),
        ("boolean", "application/sparql-results+xml", None, "application/sparql-results+xml"),
    ],
)
def test_negotiation(kind: str, accept: str | None, fmt: str | None, expected: str | None) -> None:
    assert choose(kind, accept, fmt) == expected


def test_browsers_prefer_html_and_clients_do_not() -> None:
    assert prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert not prefers_html("application/sparql-results+json")
    assert not prefers_html("*/*")
    assert not prefers_html(None)


def test_parse_request_forms() -> None:
    get = parse_request(
        "GET", None, b"", [("query", "ASK {}"), ("default-graph-uri", "http://g")], 100
    )
    assert (
        get.query == "ASK {}" and get.default_graphs == ("http://g",) and get.named_graphs is None
    )
    form = parse_request(
        "POST", "application/x-www-form-urlencoded; charset=UTF-8",
        b"query=ASK+%7B%7D&named-graph-uri=http%3A%2F%2Fn&format=csv", [], 100,
    )  # fmt: skip
    assert form.query == "ASK {}" and form.named_graphs == ("http://n",) and form.format == "csv"
    direct = parse_request("POST", "application/sparql-query", 'ASK { "ü" }'.encode(), [], 100)
    assert direct.query == 'ASK { "ü" }'
    assert parse_request("GET", None, b"", [], 100).query is None


@pytest.mark.parametrize(
    ("method", "content_type", "body", "params", "error"),
    [
        ("POST", "application/sparql-update", b"CLEAR ALL", [], UpdateRefused),
        ("POST", "application/x-www-form-urlencoded", b"update=CLEAR+ALL", [], UpdateRefused),
        ("GET", None, b"", [("update", "CLEAR ALL")], UpdateRefused),
        ("POST", "text/plain", b"ASK {}", [], UnsupportedMediaType),
        ("POST", None, b"query=ASK", [], UnsupportedMediaType),
        ("POST", "application/sparql-query; charset=utf-16", b"ASK {}", [], UnsupportedMediaType),
        ("POST", "application/sparql-query", b"\xff", [], ProtocolError),
        ("GET", None, b"", [("query", "ASK {}"), ("query", "ASK {}")], ProtocolError),
        ("GET", None, b"", [("query", "x" * 101)], QueryTooLong),
        ("PUT", None, b"", [("query", "ASK {}")], MethodNotAllowed),
        ("GET", None, b"", [("query", "ASK {}"), ("named-graph-uri", "a b")], ProtocolError),
    ],
)
def test_parse_request_refusals(
    method: str, content_type: str | None, body: bytes, params: list[tuple[str, str]], error: type
) -> None:
    with pytest.raises(error):
        parse_request(method, content_type, body, params, 100)


def test_a_body_too_large_for_the_longest_query_is_refused_before_it_is_read() -> None:
    check_body_size(100 * 12 + 4096, 100)  # 100 characters, each percent-encoded UTF-8
    with pytest.raises(QueryTooLong, match="longer than 100 characters"):
        check_body_size(100 * 12 + 4097, 100)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    item = _Clock()
    monkeypatch.setattr(budget.time, "monotonic", item)
    return item


def test_a_client_over_its_concurrency_allowance_is_refused_at_once(clock: _Clock) -> None:
    allowance = ClientBudget(queries=2, seconds=60.0)
    allowance.admit("a")
    allowance.admit("a")
    with pytest.raises(TooManyRequestsError, match="höchstens 2 je Client") as refused:
        allowance.admit("a")
    assert refused.value.retry_after == 1
    assert "at most 2 per client" in str(refused.value)
    allowance.admit("b")  # another client is not affected
    allowance.release("a", 0.1)
    allowance.admit("a")  # one ended: room for one more


def test_a_client_over_its_query_time_is_refused_until_the_minute_has_passed(clock: _Clock) -> None:
    allowance = ClientBudget(queries=5, seconds=3.0)
    for _ in range(2):  # two runaways of 2 s each, ended at t=1000 and t=1010
        allowance.admit("a")
        allowance.release("a", 2.0)
        clock.now += 10.0
    with pytest.raises(
        TooManyRequestsError, match="Abfragezeit-Budget ist aufgebraucht"
    ) as refused:
        allowance.admit("a")
    assert refused.value.retry_after == 40  # the first one leaves the minute at t=1060
    assert "at most 3 s of query time per client and minute" in str(refused.value)
    allowance.admit("b")
    clock.now = 1060.0
    allowance.admit("a")


def test_in_process_callers_have_no_budget_and_ipv6_clients_count_per_network(
    clock: _Clock,
) -> None:
    allowance = ClientBudget(queries=1, seconds=0.5)
    for _ in range(3):
        allowance.admit(None)
        allowance.release(None, 10.0)
    assert (
        client_key("2001:db8:1:2:aaaa::1")
        == client_key("2001:db8:1:2:bbbb::2")
        == "2001:db8:1:2::/64"
    )
    assert client_key("203.0.113.7") == "203.0.113.7"
    allowance.admit(client_key("2001:db8:1:2:aaaa::1"))
    with pytest.raises(TooManyRequestsError):
        allowance.admit(client_key("2001:db8:1:2:bbbb::2"))
