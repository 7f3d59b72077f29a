"""The graph ``graph/reference/kommunen``: Land, Regierungsbezirke, Kreisebene, Gemeinden.

Every unit is ``id/kommune/{key}`` and typed with its class plus the materialised
superclasses ``bg:AdministrativeUnit`` (all) and ``bg:DistrictLevelUnit`` (Kreisebene), so that
queries and SHACL ``sh:class`` checks work without RDFS inference. Keys (``bg:stateKey``,
``bg:governmentDistrictKey``, ``bg:districtKey``, ``bg:ags``) and the 12-digit ``bg:ars`` are
strings; ``bg:areaKm2`` and ``wgs:lat``/``wgs:long`` are ``xsd:decimal`` with the published
lexical form. ``skos:exactMatch`` links to the DCAT-AP.de political geocoding IRIs.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef

from ..namespaces import BG, GEO, RDF, RDFS, SCHEMA, SKOS, WGS, XSD, kommune_iri
from .metadata import KOMMUNEN, add_dataset
from .sources import ReferenceSources

GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
STATE_KEY = "05"
STATE_NAME = "Nordrhein-Westfalen"


def geocoding_iri(level: str, key: str) -> URIRef:
    """A DCAT-AP.de political geocoding IRI, e.g. ``geocoding_iri("districtKey", "05166")``."""
    return URIRef(f"{GEOCODING}{level}/{key}")


def _decimal(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal)


def _unit(
    graph: Graph,
    key: str,
    classes: tuple[URIRef, ...],
    name: str,
    ars: str,
    area: str,
    parent: URIRef | None,
) -> URIRef:
    unit = kommune_iri(key)
    for cls in (*classes, BG.AdministrativeUnit):
        graph.add((unit, RDF.type, cls))
    graph.add((unit, SCHEMA.name, Literal(name)))
    graph.add((unit, RDFS.label, Literal(name)))
    graph.add((unit, BG.ars, Literal(ars)))
    graph.add((unit, BG.areaKm2, _decimal(area)))
    if parent is not None:
        graph.add((unit, BG.parentUnit, parent))
    return unit


def _boundary(graph: Graph, unit: URIRef, wkt: str) -> None:
    geometry = BNode()
    graph.add((unit, GEO.hasGeometry, geometry))
    graph.add((geometry, RDF.type, GEO.Geometry))
    graph.add((geometry, GEO.asWKT, Literal(wkt, datatype=GEO.wktLiteral)))


def build_kommunen(sources: ReferenceSources) -> Graph:
    """The administrative units of NRW as RDF (see the module docstring)."""
    graph = Graph()
    add_dataset(graph, KOMMUNEN)

    state_area = sum((Decimal(g.area_km2) for g in sources.gemeinden), Decimal(0))
    state = _unit(
        graph, STATE_KEY, (BG.State,), STATE_NAME, STATE_KEY + "0" * 10, str(state_area), None
    )
    graph.add((state, BG.stateKey, Literal(STATE_KEY)))
    graph.add((state, SKOS.exactMatch, geocoding_iri("stateKey", STATE_KEY)))

    rb_names = {g.rb_key: g.rb_name for g in sources.gemeinden}
    for rb_key, rb_name in sorted(rb_names.items()):
        area = sum(
            (Decimal(g.area_km2) for g in sources.gemeinden if g.rb_key == rb_key), Decimal(0)
        )
        rb = _unit(
            graph,
            rb_key,
            (BG.GovernmentDistrict,),
            f"Regierungsbezirk {rb_name}",
            rb_key + "0" * 9,
            str(area),
            state,
        )
        graph.add((rb, BG.governmentDistrictKey, Literal(rb_key)))
        graph.add((rb, SKOS.exactMatch, geocoding_iri("governmentDistrictKey", rb_key)))

    for kreis in sources.kreise:
        cls = BG.IndependentCity if kreis.independent_city else BG.District
        unit = _unit(
            graph,
            kreis.key,
            (cls, BG.DistrictLevelUnit),
            kreis.name,
            kreis.ars,
            kreis.area_km2,
            kommune_iri(kreis.rb_key),
        )
        graph.add((unit, BG.districtKey, Literal(kreis.key)))
        graph.add((unit, SKOS.exactMatch, geocoding_iri("districtKey", kreis.key)))
        _boundary(graph, unit, sources.kreis_wkt[kreis.key])

    for gemeinde in sources.gemeinden:
        unit = _unit(
            graph,
            gemeinde.ags,
            (BG.Municipality,),
            gemeinde.name,
            gemeinde.ars,
            gemeinde.area_km2,
            kommune_iri(gemeinde.kreis_key),
        )
        graph.add((unit, BG.ags, Literal(gemeinde.ags)))
        graph.add((unit, WGS.lat, _decimal(gemeinde.lat)))
        graph.add((unit, WGS.long, _decimal(gemeinde.lon)))
        graph.add((unit, SKOS.exactMatch, geocoding_iri("municipalityKey", gemeinde.ags)))
        _boundary(graph, unit, sources.gemeinde_wkt[gemeinde.ags])
    return graph
