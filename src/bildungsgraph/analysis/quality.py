"""Data quality and school supply per Kommune, from the read model's counts."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Kommune
from .population import Population

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


@dataclass(frozen=True)
class QualityCounts:
    """The counts one Kommune's data-quality figures are made of."""

    actors: int = 0
    with_contact: int = 0
    sites: int = 0
    with_coordinates: int = 0
    offers: int = 0
    modified_since: int = 0  # actors and offers changed on or after ``since``
    schools: int = 0
    schools_connected: int = 0


def data_quality(kommune: Kommune, counts: QualityCounts, since: str) -> DataQuality:
    """The data-quality figures of a Kommune with contributed records."""
    return DataQuality(
        kommune=kommune.key,
        kommune_name=kommune.name,
        actors=counts.actors,
        sites=counts.sites,
        offers=counts.offers,
        with_coordinates=_share(counts.with_coordinates, counts.sites),
        with_contact=_share(counts.with_contact, counts.actors),
        modified_recently=_share(counts.modified_since, counts.actors + counts.offers),
        since=since,
        schools=counts.schools,
        schools_connected=counts.schools_connected,
        school_coverage=_share(counts.schools_connected, counts.schools),
    )


def school_supply(kommune: Kommune, primary: int, population: Population) -> SchoolSupply:
    """Children 6–<10 per Grundschule of a Kreis, kreisfreie Stadt or Gemeinde."""
    children, estimated = population.of(kommune, (BAND_6_TO_10,))
    return SchoolSupply(
        kommune=kommune.key,
        kommune_name=kommune.name,
        level=kommune.level,
        primary_schools=primary,
        children_6_10=children,
        estimated=estimated,
        children_per_school=children / primary if children is not None and primary else None,
    )
