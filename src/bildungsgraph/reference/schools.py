"""The graph ``graph/reference/schools``: the NRW school list (MSB Schulgrunddaten).

Only records in operation (Schulbetriebsschlüssel 1) are kept. Each becomes a
``bg:EducationActor`` ``id/actor/school-{schulnummer}`` with ``bg:actorType``
``voc:actor-type/school-form-{key}`` (key ``0A`` → ``voc:actor-type/school-supervision``; a key
the vocabulary does not know yet → ``voc:actor-type/school``) and a
``bg:Site`` ``id/site/school-{schulnummer}`` with address, ``bg:municipality`` (the Gemeinde
``id/kommune/{AGS}``) and WGS84 coordinates. Names have runs of blanks collapsed; homepages are
kept only as absolute http(s) URLs (a leading ``www.`` gets ``http://``).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from ..namespaces import (
    BG,
    DCT,
    RDF,
    SCHEMA,
    WGS,
    XSD,
    concept_iri,
    kommune_iri,
    record_iri,
    school_actor_iri,
)
from .metadata import MSB_SCHULDATEN, SCHOOLS, DatasetInfo, add_dataset
from .sources import SCHOOL_FORM_KEYS, ReferenceSources, School

ACTOR_TYPE_SCHEME = "actor-type"
SCHOOL_SUPERVISION_KEY = "0A"


def school_site_iri(schulnummer: str) -> URIRef:
    """``id/site/school-{schulnummer}``."""
    return record_iri("site", f"school-{schulnummer}")


def school_actor_type(schulform: str) -> URIRef:
    """The actor-type concept of an MSB Schulform key."""
    if schulform == SCHOOL_SUPERVISION_KEY:
        return concept_iri(ACTOR_TYPE_SCHEME, "school-supervision")
    if schulform not in SCHOOL_FORM_KEYS:  # a new MSB key: a school, until the vocabulary has it
        return concept_iri(ACTOR_TYPE_SCHEME, "school")
    return concept_iri(ACTOR_TYPE_SCHEME, f"school-form-{schulform}")


def _add_school(graph: Graph, school: School) -> None:
    actor = school_actor_iri(school.schulnummer)
    site = school_site_iri(school.schulnummer)
    graph.add((actor, RDF.type, BG.EducationActor))
    graph.add((actor, SCHEMA.name, Literal(school.name)))
    graph.add((actor, BG.schoolNumber, Literal(school.schulnummer)))
    graph.add((actor, BG.actorType, school_actor_type(school.schulform)))
    graph.add((actor, BG.legalStatus, Literal(school.legal_status)))
    if school.homepage:
        graph.add((actor, SCHEMA.url, Literal(school.homepage, datatype=XSD.anyURI)))
    if school.email:
        graph.add((actor, SCHEMA.email, Literal(school.email)))
    graph.add((actor, BG.hasSite, site))
    graph.add((actor, DCT.source, MSB_SCHULDATEN))

    graph.add((site, RDF.type, BG.Site))
    if school.street:
        graph.add((site, BG.streetAddress, Literal(school.street)))
    graph.add((site, BG.postalCode, Literal(school.postal_code)))
    if school.locality:
        graph.add((site, BG.locality, Literal(school.locality)))
    graph.add((site, BG.municipality, kommune_iri(school.ags)))
    if school.lat and school.lon:
        graph.add((site, WGS.lat, Literal(school.lat, datatype=XSD.decimal)))
        graph.add((site, WGS.long, Literal(school.lon, datatype=XSD.decimal)))


def build_schools(sources: ReferenceSources) -> Graph:
    """The schools in operation as RDF (see the module docstring)."""
    return build_school_graph(sources.schools)


def build_school_graph(schools: Iterable[School], info: DatasetInfo = SCHOOLS) -> Graph:
    """The graph of ``schools``, described as ``info`` (an update of the list: its date)."""
    graph = Graph()
    add_dataset(graph, info)
    for school in schools:
        _add_school(graph, school)
    return graph
