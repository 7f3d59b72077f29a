"""Content negotiation for Linked Data: which representation of a resource to send.

A ``?format=`` parameter wins over the ``Accept`` header; the header's q-values are honoured.
HTML is chosen only when a client asks for it by name (browsers do), so ``Accept: */*`` (curl,
most RDF libraries) gets Turtle::

    >>> choose_representation("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8").name
    'html'
    >>> choose_representation("application/ld+json;q=0.5, text/turtle;q=0.9").name
    'turtle'
    >>> choose_representation("*/*").name
    'turtle'
    >>> choose_representation("application/pdf") is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Representation:
    """One way of sending a resource: HTML or an RDF serialisation."""

    name: str
    media_type: str
    extension: str
    aliases: tuple[str, ...] = ()

    @property
    def is_rdf(self) -> bool:
        return self.name != "html"

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.name in ("ntriples", "nquads")
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type


HTML = Representation("html", "text/html", "html", ("application/xhtml+xml",))
TURTLE = Representation("turtle", "text/turtle", "ttl", ("application/x-turtle",))
JSONLD = Representation("jsonld", "application/ld+json", "jsonld", ("application/json",))
NTRIPLES = Representation("ntriples", "application/n-triples", "nt", ("text/plain",))
RDFXML = Representation("rdfxml", "application/rdf+xml", "rdf", ("application/xml", "text/xml"))

# Server preference on equal quality: RDF first (Turtle), HTML only when named.
REPRESENTATIONS: tuple[Representation, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, HTML)
RDF_REPRESENTATIONS: tuple[Representation, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML)
_BY_FORMAT = {
    "html": HTML,
    "ttl": TURTLE,
    "turtle": TURTLE,
    "jsonld": JSONLD,
    "json-ld": JSONLD,
    "json": JSONLD,
    "nt": NTRIPLES,
    "ntriples": NTRIPLES,
    "rdf": RDFXML,
    "xml": RDFXML,
    "rdfxml": RDFXML,
}


def representation_for_format(value: str) -> Representation | None:
    """The representation named by a ``?format=`` value (``ttl``, ``jsonld``, ``nt``, ``rdf``,
    ``html``), or None."""
    return _BY_FORMAT.get(value.strip().lower())


def parse_accept(header: str) -> list[tuple[str, float]]:
    """``Accept`` as (media range, quality) pairs; malformed qualities count as 0."""
    ranges: list[tuple[str, float]] = []
    for item in header.split(","):
        media_range, *params = (part.strip() for part in item.split(";"))
        if not media_range:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media_range.lower(), quality))
    return ranges


def _major(representation: Representation) -> str:
    return representation.media_type.split("/")[0]


def _quality(representation: Representation, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """(quality, specificity) of the most specific matching range; (0, -1) if none matches."""
    best: tuple[float, int] = (0.0, -1)
    names = (representation.media_type, *representation.aliases)
    for media_range, quality in ranges:
        if media_range in names:
            specificity = 2 if media_range == representation.media_type else 1
        elif media_range == _major(representation) + "/*" or (
            media_range == "*/*" and representation.is_rdf
        ):
            specificity = 0
        else:
            continue
        if (specificity, quality) > (best[1], best[0]):
            best = (quality, specificity)
    return best


def choose_representation(
    accept: str | None,
    offered: tuple[Representation, ...] = REPRESENTATIONS,
) -> Representation | None:
    """The offered representation the ``Accept`` header likes best, or None (406)."""
    ranges = parse_accept(accept or "*/*") or [("*/*", 1.0)]
    scored = []
    for rank, representation in enumerate(offered):
        quality, specificity = _quality(representation, ranges)
        if quality > 0 and specificity >= 0:
            # Higher quality first; on a tie a named type beats a wildcard, then server order.
            scored.append((-quality, -min(specificity, 1), rank, representation))
    return min(scored, key=lambda item: item[:3])[3] if scored else None
