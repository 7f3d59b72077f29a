"""Content negotiation for Linked Data: which representation of a resource to send.

A ``?format=`` parameter wins over the ``Accept`` header, read by ``bildungsgraph.negotiation``
(q-values honoured). HTML is chosen only when a client asks for it by name (browsers do), so
``Accept: */*`` or ``text/*`` (curl, most RDF libraries) gets Turtle::

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

from ..negotiation import choose_media_type


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


def choose_representation(
    accept: str | None,
    offered: tuple[Representation, ...] = REPRESENTATIONS,
) -> Representation | None:
    """The offered representation the ``Accept`` header likes best, or None (406)."""
    by_type = {r.media_type: r for r in offered}
    chosen = choose_media_type(
        accept,
        tuple(by_type),
        aliases={alias: r.media_type for r in offered for alias in r.aliases},
        by_name_only={r.media_type for r in offered if not r.is_rdf},
    )
    return None if chosen is None else by_type[chosen]
