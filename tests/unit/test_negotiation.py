"""The one reading of Accept and Accept-Language (bildungsgraph.negotiation)."""

from __future__ import annotations

import pytest

from bildungsgraph.linked_data import HTML, choose_representation
from bildungsgraph.negotiation import choose_language, choose_media_type, parse_accept
from bildungsgraph.sparql import prefers_html
from bildungsgraph.sparql.negotiation import choose

JSON, CSV, TSV, HTML_TYPE = "application/json", "text/csv", "text/tab-separated-values", "text/html"
OFFERED = (JSON, CSV, TSV)
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("garbage", JSON),  # no valid range at all: as if absent
        ("*/*", JSON),
        ("text/csv", CSV),
        ("text/*", CSV),  # a subtype wildcard; the server's order among the text types
        ("text/csv;q=0.5, */*", JSON),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.6", TSV),
        ("text/csv, application/json", JSON),  # equal q: the server's order, not the client's
        ("*/*, text/tab-separated-values", TSV),  # equal q: named beats a wildcard
        ("text/*;q=0.3, text/csv;q=0.9, */*;q=0.1", CSV),  # the most specific range counts
        ("text/csv;q=0, text/*", TSV),  # q=0: not acceptable, though text/* covers it
        ("application/json;q=0, text/csv;q=0, text/tab-separated-values;q=0, */*", None),
        ("image/png", None),
        ("TEXT/CSV;Q=0.9", CSV),  # case-insensitive
        ("text/csv;level=1;q=0.9, application/json;q=0.1", CSV),  # q after another parameter
        ("text/csv;q=x, application/json;q=0.1", JSON),  # a malformed q is 0
        ("text/csv;q=7, application/json", JSON),  # clamped to 1, then the server's order
        ("*/csv", JSON),  # not a media range: skipped, so the header accepts anything
    ],
)
def test_choose_media_type(accept: str | None, expected: str | None) -> None:
    assert choose_media_type(accept, OFFERED) == expected


def test_aliases_count_as_named_and_by_name_only_needs_a_name() -> None:
    offered = ("text/turtle", "application/ld+json", HTML_TYPE)
    aliases = {"application/json": "application/ld+json", "application/xhtml+xml": HTML_TYPE}
    choose_ = lambda accept: choose_media_type(accept, offered, aliases, {HTML_TYPE})  # noqa: E731
    assert choose_("application/json, */*") == "application/ld+json"
    assert choose_("application/ld+json;q=0.5, application/json") == "application/ld+json"
    assert choose_("*/*") == "text/turtle"
    assert choose_("text/*") == "text/turtle"
    assert choose_("application/xhtml+xml") == HTML_TYPE
    assert choose_("text/html;q=0.5") == HTML_TYPE
    assert choose_("image/*") is None


def test_parse_accept_keeps_order_and_skips_malformed() -> None:
    ranges = parse_accept("text/html, ;q=1, foo, */*;q=0.8, */html")
    assert [(r.name, r.q) for r in ranges] == [("text/html", 1.0), ("*/*", 0.8)]


@pytest.mark.parametrize(
    ("accept", "ld", "sparql", "html"),
    [
        (BROWSER, HTML, "application/sparql-results+xml", True),  # application/xml;q=0.9
        ("*/*", "turtle", "application/sparql-results+json", False),
        ("text/*", "turtle", "text/csv", False),
        ("text/html;q=0, */*", "turtle", "application/sparql-results+json", False),
        ("application/xml, */*", "rdfxml", "application/sparql-results+xml", False),
        ("text/html;q=0.5, */*", "turtle", "application/sparql-results+json", False),
    ],
)
def test_every_face_reads_one_header_the_same_way(
    accept: str, ld: object, sparql: str, html: bool
) -> None:
    representation = choose_representation(accept)
    assert representation is ld or (representation is not None and representation.name == ld)
    assert choose("solutions", accept, None) == sparql
    assert prefers_html(accept) is html


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "de"),
        ("", "de"),
        ("en", "en"),
        ("EN", "en"),
        ("en-US,en;q=0.9", "en"),
        ("en-GB,en;q=0.9,de;q=0.5", "en"),
        ("fr,de;q=0.8,en;q=0.9", "en"),
        ("de-DE,en;q=0.5", "de"),
        ("de-DE, en;q=0.8", "de"),
        ("de_DE;q=0.4, en;q=0.3", "de"),
        ("en, de", "en"),  # equal q: the client's earlier entry
        ("de, en", "de"),
        ("en;q=0.4, de;q=0.3", "en"),
        ("en;q=0", "de"),
        ("en-GB;q=0.9, en;q=0.1, de;q=0.5", "de"),  # the exact range counts, not the region
        ("*", "de"),
        ("fr, *;q=0.5", "de"),
        ("de;q=0, *", "en"),  # German refused, anything else welcome
        ("de;q=0, en;q=0", "de"),  # nothing offered is acceptable: the default
        ("fr", "de"),
        ("en;q=x", "de"),
        ("english", "de"),  # not a language tag of ours
        ("en;level=1;q=0.1, de;q=0.5", "de"),  # q after another parameter
        ("de;q=0.5, en;q=0.9;x=1", "en"),
        ("en;q=1.5, de", "en"),  # clamped to 1, then the client's order
    ],
)
def test_choose_language(header: str | None, lang: str) -> None:
    assert choose_language(header) == lang


def test_choose_language_offered_and_default() -> None:
    assert choose_language("fr-CH, en;q=0.5", offered=("de", "fr")) == "fr"
    assert choose_language("it", offered=("de", "fr"), default="fr") == "fr"
