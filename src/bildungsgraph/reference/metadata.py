"""Sources, licence, attribution and the DCAT description of each reference graph.

Each generated file describes itself: the subject is the named graph IRI, typed
``dcat:Dataset``, with titles, sources, the dl-de/by-2-0 licence, the attribution text that
must be shown (``dct:bibliographicCitation``), the rights holders, the Stichtag
(``dct:temporal``) and a fixed ``dct:issued`` date (fixed so that a rebuild is byte-identical;
change :data:`ISSUED` when the reference data is refreshed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib import BNode, Graph, Literal, URIRef

from ..namespaces import (
    DCAT,
    DCT,
    FOAF,
    KOMMUNEN_GRAPH,
    ONTOLOGY_IRI,
    POPULATION_GRAPH,
    RDF,
    SCHOOLS_GRAPH,
    XSD,
    kommune_iri,
)

ISSUED = date(2026, 11, 26)
LICENCE = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")

# Upstream datasets (dct:source of the graphs and of individual records).
GV_ISYS = URIRef(
    "https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/_inhalt.html"
)
GENESIS_12411 = URIRef(
    "https://www-genesis.destatis.de/genesis/online?operation=table&code=12411-0018"
)
BKG_VG5000 = URIRef(
    "https://gdz.bkg.bund.de/index.php/default/verwaltungsgebiete-1-5-000-000-stand-01-01-vg5000-01-01.html"
)
MSB_SCHULDATEN = URIRef("https://open.nrw/dataset/schulgrunddaten_nrw_1572515479")
MSB_SCHULDATEN_CSV = URIRef(
    "https://www.schulministerium.nrw.de/BiPo/OpenData/Schuldaten/schuldaten.csv"
)

# Rights holders and the attribution text ("Quellenvermerk") the licence requires.
DESTATIS = URIRef("https://www.destatis.de/")
BKG = URIRef("https://www.bkg.bund.de/")
MSB = URIRef("https://www.schulministerium.nrw/")
RIGHTS_HOLDERS = {
    DESTATIS: "Statistisches Bundesamt (Destatis)",
    BKG: "Bundesamt für Kartographie und Geodäsie (BKG)",
    MSB: "Ministerium für Schule und Bildung des Landes Nordrhein-Westfalen",
}
ATTRIBUTION_DESTATIS = "© Statistisches Bundesamt (Destatis), 2021"
ATTRIBUTION_BKG = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
ATTRIBUTION_MSB = "Ministerium für Schule und Bildung NRW, Schulgrunddaten"
LICENCE_TEXT = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"


@dataclass(frozen=True)
class DatasetInfo:
    """What is said about one reference graph."""

    iri: URIRef
    file_name: str
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    sources: tuple[URIRef, ...]
    rights_holders: tuple[URIRef, ...]
    attributions: tuple[str, ...]
    start: date
    end: date
    issued: date = ISSUED


KOMMUNEN = DatasetInfo(
    iri=KOMMUNEN_GRAPH,
    file_name="kommunen.ttl",
    title_de="Gebietseinheiten in Nordrhein-Westfalen",
    title_en="Administrative units of North Rhine-Westphalia",
    description_de=(
        "Land, 5 Regierungsbezirke, 53 Kreise und kreisfreie Städte und 396 Gemeinden mit "
        "Schlüsseln (AGS, ARS, Kreisschlüssel), Namen, Fläche, Mittelpunkt und vereinfachten "
        "Grenzen. Gebietsstand 31.12.2020 (Destatis GV-ISys); Grenzen BKG VG5000, Stand "
        "01.01.2021, nach WGS84 umgerechnet."
    ),
    description_en=(
        "The state, 5 government districts, 53 districts and independent cities and 396 "
        "municipalities with official keys, names, area, centroid and simplified boundaries. "
        "Territorial status 31 Dec 2020 (Destatis GV-ISys); boundaries BKG VG5000 as of "
        "1 Jan 2021, converted to WGS84."
    ),
    sources=(GV_ISYS, BKG_VG5000),
    rights_holders=(DESTATIS, BKG),
    attributions=(ATTRIBUTION_DESTATIS, ATTRIBUTION_BKG),
    start=date(2020, 12, 31),
    end=date(2021, 1, 1),
)

POPULATION = DatasetInfo(
    iri=POPULATION_GRAPH,
    file_name="population.ttl",
    title_de="Bevölkerung in Nordrhein-Westfalen nach Altersgruppen",
    title_en="Population of North Rhine-Westphalia by age band",
    description_de=(
        "Bevölkerung der 53 Kreise und kreisfreien Städte in 17 Altersgruppen und insgesamt, "
        "Stichtage 31.12.2015 bis 31.12.2020 (Destatis GENESIS 12411-0018); Bevölkerung der "
        "396 Gemeinden am 31.12.2019 (GV-ISys) und daraus summiert für Land und "
        "Regierungsbezirke. Fortschreibung auf Basis des Zensus 2011."
    ),
    description_en=(
        "Population of the 53 districts and independent cities in 17 age bands and in total, "
        "31 Dec 2015 to 31 Dec 2020 (Destatis GENESIS 12411-0018); population of the 396 "
        "municipalities on 31 Dec 2019 (GV-ISys), summed for the state and the government "
        "districts. Updated from the 2011 census."
    ),
    sources=(GENESIS_12411, GV_ISYS),
    rights_holders=(DESTATIS,),
    attributions=(ATTRIBUTION_DESTATIS,),
    start=date(2015, 12, 31),
    end=date(2020, 12, 31),
)

SCHOOLS = DatasetInfo(
    iri=SCHOOLS_GRAPH,
    file_name="schools.ttl",
    title_de="Schulen in Nordrhein-Westfalen (Schulgrunddaten)",
    title_en="Schools in North Rhine-Westphalia (school master data)",
    description_de=(
        "Die 5.424 Einträge der Schulliste des MSB NRW mit Schulbetriebsschlüssel 1 "
        "(in Betrieb): 5.365 Schulen und 59 Schulaufsichten (Schulform 0A), mit Schulform, "
        "Rechtsform, Website, E-Mail und Standort (Adresse, Gemeinde, WGS84-Koordinaten aus "
        "UTM32 umgerechnet). Stand der Liste: September 2021."
    ),
    description_en=(
        "The 5,424 records of the NRW school list (MSB) in operation: 5,365 schools and 59 "
        "school supervision offices (Schulform 0A), with school form, legal status, website, "
        "e-mail and site (address, municipality, WGS84 coordinates converted from UTM32). "
        "List as of September 2021."
    ),
    sources=(MSB_SCHULDATEN, MSB_SCHULDATEN_CSV),
    rights_holders=(MSB,),
    attributions=(ATTRIBUTION_MSB,),
    start=date(2021, 9, 8),
    end=date(2021, 9, 8),
)

DATASETS = (KOMMUNEN, POPULATION, SCHOOLS)


def add_dataset(graph: Graph, info: DatasetInfo) -> None:
    """Add the DCAT description of ``info`` to ``graph``."""
    ds = info.iri
    graph.add((ds, RDF.type, DCAT.Dataset))
    graph.add((ds, DCT.title, Literal(info.title_de, lang="de")))
    graph.add((ds, DCT.title, Literal(info.title_en, lang="en")))
    graph.add((ds, DCT.description, Literal(info.description_de, lang="de")))
    graph.add((ds, DCT.description, Literal(info.description_en, lang="en")))
    graph.add((ds, DCT.license, LICENCE))
    graph.add((ds, DCT.rights, Literal(LICENCE_TEXT, lang="de")))
    graph.add((ds, DCT.issued, Literal(info.issued.isoformat(), datatype=XSD.date)))
    graph.add((ds, DCT.spatial, kommune_iri("05")))
    graph.add((ds, DCT.conformsTo, URIRef(ONTOLOGY_IRI)))
    for source in info.sources:
        graph.add((ds, DCT.source, source))
    for holder in info.rights_holders:
        graph.add((ds, DCT.rightsHolder, holder))
        graph.add((holder, RDF.type, FOAF.Organization))
        graph.add((holder, FOAF.name, Literal(RIGHTS_HOLDERS[holder], lang="de")))
        graph.add((holder, FOAF.homepage, holder))
    for text in info.attributions:
        graph.add((ds, DCT.bibliographicCitation, Literal(text)))
    period = BNode()
    graph.add((ds, DCT.temporal, period))
    graph.add((period, RDF.type, DCT.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(info.start.isoformat(), datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(info.end.isoformat(), datatype=XSD.date)))
