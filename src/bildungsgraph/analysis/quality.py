"""Data quality and school supply per Kommune, from two aggregate queries."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Kommune
from .population import Population
from .rows import Row, number, text

BAND_6_TO_10 = "https://w3id.org/bildungsgraph/vocab/age-band/6-to-10"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class DataQuality:
    """Shares of contributed records with coordinates, contact and a recent change, and the
    share of the official list's schools that appear in a cooperation or network."""

    kommune: str
    kommune_name: str
    actors: int
    sites: int
    offers: int
    with_coordinates: float | None
    with_contact: float | None
    modified_recently: float | None
    since: str
    schools: int
    schools_connected: int
    school_coverage: float | None


@dataclass
class SchoolSupply:
    """Children aged 6 to under 10 per Grundschule (official school list)."""

    kommune: str
    kommune_name: str
    level: str
    primary_schools: int
    children_6_10: float | None
    estimated: bool
    children_per_school: float | None


def data_quality(
    quality_rows: list[Row], school_rows: list[Row], kommunen: dict[str, Kommune], since: str
) -> list[DataQuality]:
    """Per Kommune that has contributed records."""
    counts: dict[str, dict[str, tuple[int, int, int, int]]] = {}
    for row in quality_rows:
        counts.setdefault(text(row, "unit"), {})[text(row, "kind")] = (
            number(row, "records"),
            number(row, "coordinates"),
            number(row, "contact"),
            number(row, "recentRecords"),
        )
    schools = {
        text(r, "unit"): (number(r, "schools"), number(r, "connectedSchools")) for r in school_rows
    }
    result = []
    for iri, kinds in sorted(counts.items()):
        kommune = kommunen.get(iri)
        if kommune is None:
            continue
        actors, sites, offers = (kinds.get(k, (0, 0, 0, 0)) for k in ("actor", "site", "offer"))
        total_schools, connected = schools.get(iri, (0, 0))
        result.append(
            DataQuality(
                kommune=kommune.key,
                kommune_name=kommune.name,
                actors=actors[0],
                sites=sites[0],
                offers=offers[0],
                with_coordinates=_share(sites[1], sites[0]),
                with_contact=_share(actors[2], actors[0]),
                modified_recently=_share(actors[3] + offers[3], actors[0] + offers[0]),
                since=since,
                schools=total_schools,
                schools_connected=connected,
                school_coverage=_share(connected, total_schools),
            )
        )
    return result


def school_supply(
    school_rows: list[Row], kommunen: dict[str, Kommune], population: Population
) -> list[SchoolSupply]:
    """Children 6–<10 per Grundschule for every Kreis, kreisfreie Stadt and Gemeinde."""
    result = []
    for row in school_rows:
        kommune = kommunen.get(text(row, "unit"))
        if kommune is None:
            continue
        primary = number(row, "primarySchools")
        children, estimated = population.of(kommune, (BAND_6_TO_10,))
        result.append(
            SchoolSupply(
                kommune=kommune.key,
                kommune_name=kommune.name,
                level=kommune.level,
                primary_schools=primary,
                children_6_10=children,
                estimated=estimated,
                children_per_school=children / primary
                if children is not None and primary
                else None,
            )
        )
    return sorted(result, key=lambda s: s.kommune)
