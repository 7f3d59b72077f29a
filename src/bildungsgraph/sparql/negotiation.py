"""Content negotiation: which media type to answer in, per result kind.

The ``format`` parameter wins over the ``Accept`` header. Short names mean the natural format
of each result kind (``json`` is SPARQL JSON for SELECT/ASK and JSON-LD for CONSTRUCT), as
Virtuoso and Fuseki read them, so one parameter serves every query form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header (malformed parts are skipped)."""
    ranges: list[MediaRange] = []
    for part in (header or "").split(","):
        fields = [field.strip() for field in part.split(";")]
        main, _, sub = fields[0].lower().partition("/")
        if not main or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub, q))
    return ranges


def _quality(ranges: list[MediaRange], media_type: str) -> float:
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    return max(matching, key=lambda r: r.specificity).q


def choose(kind: str, accept: str | None, fmt: str | None) -> str | None:
    """The media type to answer a result of ``kind`` in, or None when nothing fits."""
    served = list(RESULT_FORMATS[kind])
    if fmt:
        wanted = fmt.strip().lower()
        wanted = _SHORT_NAMES[kind].get(wanted, wanted)
        wanted = _ALIASES[kind].get(wanted, wanted)
        return wanted if wanted in served else None
    ranges = parse_accept(accept)
    if not ranges:
        return served[0]
    best, best_q = None, 0.0
    for media_type in served:  # server preference breaks ties
        q = _quality(ranges, media_type)
        for alias, target in _ALIASES[kind].items():
            if target == media_type:
                q = max(q, _quality([r for r in ranges if r.specificity == 2], alias))
        if q > best_q:
            best, best_q = media_type, q
    return best


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
    """Whether the client (a browser) asks for HTML before any SPARQL format."""
    ranges = parse_accept(accept)
    html = _quality([r for r in ranges if r.specificity == 2], "text/html")
    if html <= 0:
        return False
    others = [
        _quality([r for r in ranges if r.specificity == 2], media_type)
        for kind in KINDS
        for media_type in [*RESULT_FORMATS[kind], "text/turtle"]
    ]
    return html >= max(others, default=0.0)
