"""Content negotiation: which media type to answer in, per result kind.

The ``format`` parameter wins over the ``Accept`` header. Short names mean the natural format
of each result kind (``json`` is SPARQL JSON for SELECT/ASK and JSON-LD for CONSTRUCT), as
Virtuoso and Fuseki read them, so one parameter serves every query form. The ``Accept``
header is read by ``bildungsgraph.negotiation``, as everywhere else.
"""

from __future__ import annotations

from functools import lru_cache

from ..negotiation import choose_media_type
from .replica import BOOLEAN, GRAPH, RESULT_FORMATS, SOLUTIONS

KINDS = (SOLUTIONS, BOOLEAN, GRAPH)

_RESULTS_JSON = "application/sparql-results+json"
_RESULTS_XML = "application/sparql-results+xml"

# Other names clients send for the formats we serve.
_ALIASES: dict[str, dict[str, str]] = {
    SOLUTIONS: {
        "application/json": _RESULTS_JSON,
        "application/xml": _RESULTS_XML,
        "text/xml": _RESULTS_XML,
        "text/plain": "text/tab-separated-values",
    },
    GRAPH: {
        "application/x-turtle": "text/turtle",
        "text/plain": "application/n-triples",
        "text/n-triples": "application/n-triples",
        "application/xml": "application/rdf+xml",
        "text/xml": "application/rdf+xml",
        "application/json": "application/ld+json",
    },
}
_ALIASES[BOOLEAN] = _ALIASES[SOLUTIONS]

_SHORT_NAMES: dict[str, dict[str, str]] = {
    SOLUTIONS: {"json": _RESULTS_JSON, "srj": _RESULTS_JSON, "xml": _RESULTS_XML,
                "srx": _RESULTS_XML, "csv": "text/csv", "tsv": "text/tab-separated-values"},
    GRAPH: {"turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
            "ntriples": "application/n-triples", "n-triples": "application/n-triples",
            "xml": "application/rdf+xml", "rdf": "application/rdf+xml",
            "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
            "json": "application/ld+json", "jsonld": "application/ld+json",
            "json-ld": "application/ld+json"},
}  # fmt: skip
_SHORT_NAMES[BOOLEAN] = _SHORT_NAMES[SOLUTIONS]


def choose(kind: str, accept: str | None, fmt: str | None) -> str | None:
    """The media type to answer a result of ``kind`` in, or None when nothing fits."""
    served = list(RESULT_FORMATS[kind])
    if fmt:
        wanted = fmt.strip().lower()
        wanted = _SHORT_NAMES[kind].get(wanted, wanted)
        wanted = _ALIASES[kind].get(wanted, wanted)
        return wanted if wanted in served else None
    return choose_media_type(accept, tuple(served), _ALIASES[kind])


def choose_all(accept: str | None, fmt: str | None) -> dict[str, str | None]:
    """The media type per result kind (the query form is known only after parsing).

    Cached: clients send the same few Accept headers again and again (do not change the dict).
    """
    if len(accept or "") + len(fmt or "") > 256:
        return _choose_all.__wrapped__(accept, fmt)
    return _choose_all(accept, fmt)


@lru_cache(maxsize=512)
def _choose_all(accept: str | None, fmt: str | None) -> dict[str, str | None]:
    return {kind: choose(kind, accept, fmt) for kind in KINDS}


def prefers_html(accept: str | None) -> bool:
    """Whether the client (a browser) names HTML and likes it at least as much as every SPARQL
    format (the substring test spares other clients a second reading of their header)."""
    return (
        accept is not None
        and "html" in accept.lower()
        and choose_media_type(accept, _HTML_FIRST, by_name_only={"text/html"}) == "text/html"
    )


# HTML first: a browser that names HTML as high as a SPARQL format gets the editor.
_HTML_FIRST = ("text/html", *{t: None for kind in KINDS for t in RESULT_FORMATS[kind]})
