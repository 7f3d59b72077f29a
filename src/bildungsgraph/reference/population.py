"""The graph ``graph/reference/population``: ``bg:PopulationCount`` observations.

One observation ``id/population/{key}/{YYYY-MM-DD}/{age-band}`` per area, Stichtag and age band:

* the 53 Kreise and kreisfreie Städte × 6 Stichtage (31.12.2015–2020) × 17 Destatis age bands
  and ``total`` (GENESIS 12411-0018);
* the 396 Gemeinden, band ``total``, 31.12.2019 (GV-ISys);
* the Land and the 5 Regierungsbezirke, band ``total``, 31.12.2019, summed over the Gemeinden.

Each observation carries ``dct:source`` (the upstream table it comes from), because the graph
combines two Destatis products.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rdflib import Graph, Literal, URIRef

from ..namespaces import BG, DCT, ID, RDF, XSD, concept_iri, kommune_iri
from .metadata import GENESIS_12411, GV_ISYS, POPULATION, add_dataset
from .sources import GV_REFERENCE_DATE, TOTAL_BAND, AgeBandRow, ReferenceSources

AGE_BAND_SCHEME = "age-band"


def population_iri(key: str, reference_date: date, band: str) -> URIRef:
    """``id/population/{key}/{YYYY-MM-DD}/{age-band-slug}``."""
    return URIRef(f"{ID}population/{key}/{reference_date.isoformat()}/{band}")


def _count(
    graph: Graph, key: str, reference_date: date, band: str, persons: int, source: URIRef
) -> None:
    observation = population_iri(key, reference_date, band)
    graph.add((observation, RDF.type, BG.PopulationCount))
    graph.add((observation, BG.refArea, kommune_iri(key)))
    graph.add(
        (observation, BG.referenceDate, Literal(reference_date.isoformat(), datatype=XSD.date))
    )
    graph.add((observation, BG.ageBand, concept_iri(AGE_BAND_SCHEME, band)))
    graph.add((observation, BG.population, Literal(str(persons), datatype=XSD.integer)))
    graph.add((observation, DCT.source, source))


def add_age_bands(graph: Graph, rows: Iterable[AgeBandRow]) -> None:
    """The observations of GENESIS 12411-0018: per Kreis, Stichtag and age band."""
    for row in rows:
        for band, persons in row.counts.items():
            _count(graph, row.kreis_key, row.reference_date, band, persons, GENESIS_12411)


def build_population(sources: ReferenceSources) -> Graph:
    """The population observations as RDF (see the module docstring)."""
    graph = Graph()
    add_dataset(graph, POPULATION)
    add_age_bands(graph, sources.age_bands)

    totals: dict[str, int] = {}
    for gemeinde in sources.gemeinden:
        _count(graph, gemeinde.ags, GV_REFERENCE_DATE, TOTAL_BAND, gemeinde.population, GV_ISYS)
        for key in ("05", gemeinde.rb_key):
            totals[key] = totals.get(key, 0) + gemeinde.population
    for key, persons in totals.items():
        _count(graph, key, GV_REFERENCE_DATE, TOTAL_BAND, persons, GV_ISYS)
    return graph
