"""The definition of every figure about a Kommune: which records count towards it.

A record counts in each Kommune it lies in and in the units above (``Index.areas``: the one
definition of where a record is). This module says, per record, towards which figures it
counts there; ``figures.py`` reads the counts. Sections and their keys:

=================  =================================  ===========================================
section            key                                members
=================  =================================  ===========================================
``records``        kind (``actors``, ``offers``, …)   the records of that kind
``digital``        ``offers``                         offers with a digital format
``cell``           (dimension, concept)               offers of a life phase / topic / target
                                                      group (concept IRI) or format group
``providers``      (dimension, concept)               their providers, multiplicity = offers
``in-person``      (dimension, concept)               those offers in presence or hybrid
``in-person-by``   (dimension, concept)               their providers, multiplicity = offers
``format``         format concept IRI                 offers of that exact format
``format-by``      format concept IRI                 their providers
``heat``           (life phase IRI, topic IRI)        offers of both
``actor-type``     actor-type slug                    contributed actors of that type (or below)
``quality``        ``actors`` ``contact`` ``sites``   contributed records; with e-mail or phone;
                   ``coordinates`` ``offers``         sites; with coordinates; offers
``modified``       date (``YYYY-MM-DD``)              contributed actors and offers changed then
``schools``        ``all`` ``primary`` ``connected``  the official list's schools (no school
                                                      supervision); Grundschulen; those in a
                                                      cooperation or network
=================  =================================  ===========================================

*Contributed* means not from the state's school list (``graph/reference/schools``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..namespaces import BG, DCT, SCHEMA, SCHOOLS_GRAPH, WGS
from ..records.index import Index
from ..records.snapshot import Snapshot
from ..records.values import iris, text, values
from .closed import is_closed
from .tally import Fact

DIMENSIONS = (
    ("life-phase", BG.lifePhase),
    ("topic", BG.topic),
    ("target-group", BG.targetGroup),
)
FORMAT_GROUPS = {
    "presence": "presence",
    "hybrid": "hybrid",
    "digital": "digital",
    "digital-synchronous": "digital",
    "digital-asynchronous": "digital",
}
IN_PERSON = frozenset({"presence", "hybrid"})
SCHOOL_SUPERVISION = "school-supervision"
PRIMARY_SCHOOL = "school-form-02"
OFFICIAL = str(SCHOOLS_GRAPH)


def is_official(snapshot: Snapshot, iri: str) -> bool:
    """Whether a record comes from the state's school list."""
    return OFFICIAL in snapshot.graphs.get(iri, frozenset())


def _slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def record_facts(index: Index, kind: str, iri: str) -> set[Fact]:
    """Every fact a record contributes, in every Kommune it lies in."""
    areas = index.areas.get(iri, frozenset())
    if not areas or is_closed(index.snapshot, iri):  # a closed school counts nowhere
        return set()
    return {(area, *fact) for fact in _facts(index, kind, iri) for area in areas}


def _facts(index: Index, kind: str, iri: str) -> Iterator[tuple[str, object, str]]:
    yield "records", kind, iri
    if kind == "offers":
        yield from _offer_facts(index, iri)
    elif kind == "actors":
        yield from _actor_facts(index, iri)
    elif kind == "sites" and not is_official(index.snapshot, iri):
        props = index.snapshot.records["sites"][iri]
        yield "quality", "sites", iri
        if values(props, WGS.lat) and values(props, WGS.long):
            yield "quality", "coordinates", iri


def _offer_facts(index: Index, iri: str) -> Iterator[tuple[str, object, str]]:
    props = index.snapshot.records["offers"][iri]
    providers = iris(props, BG.provider)
    formats = iris(props, BG.offerFormat)
    groups = {FORMAT_GROUPS.get(_slug(f), _slug(f)) for f in formats}
    in_person = not IN_PERSON.isdisjoint(groups)
    if "digital" in groups:
        yield "digital", "offers", iri
    cells = [
        (dimension, concept)
        for dimension, predicate in DIMENSIONS
        for concept in iris(props, predicate)
    ]
    cells += [("format", group) for group in groups]
    for cell in cells:
        yield "cell", cell, iri
        if in_person:
            yield "in-person", cell, iri
        for provider in providers:
            yield "providers", cell, provider
            if in_person:
                yield "in-person-by", cell, provider
    for fmt in formats:
        yield "format", fmt, iri
        for provider in providers:
            yield "format-by", fmt, provider
    for phase in iris(props, BG.lifePhase):
        for topic in iris(props, BG.topic):
            yield "heat", (phase, topic), iri
    if not is_official(index.snapshot, iri):
        yield "quality", "offers", iri
        modified = text(props, DCT.modified)
        if modified:
            yield "modified", modified[:10], iri


def _actor_facts(index: Index, iri: str) -> Iterator[tuple[str, object, str]]:
    snapshot = index.snapshot
    props = snapshot.records["actors"][iri]
    types = iris(props, BG.actorType)
    if is_official(snapshot, iri):
        slugs = {_slug(t) for t in types}
        if text(props, BG.schoolNumber) and SCHOOL_SUPERVISION not in slugs:
            yield "schools", "all", iri
            if PRIMARY_SCHOOL in slugs:
                yield "schools", "primary", iri
            if index.actor_cooperations.get(iri) or index.actor_memberships.get(iri):
                yield "schools", "connected", iri
        return
    for actor_type in types:
        yield "actor-type", _slug(actor_type), iri
        concept = snapshot.concepts.get(actor_type)
        for broader in concept.broader if concept else ():
            yield "actor-type", _slug(broader), iri
    yield "quality", "actors", iri
    if values(props, SCHEMA.email) or values(props, SCHEMA.telephone):
        yield "quality", "contact", iri
    modified = text(props, DCT.modified)
    if modified:
        yield "modified", modified[:10], iri
