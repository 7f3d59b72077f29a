"""The gap matrix: Kommune × life phase / topic / format / target group, with flags.

Offers are counted per Gemeinde (the Gemeinde of ``bg:areaServed`` or of the venue) and per
Kreis (all its Gemeinden) by two aggregate queries for all Kommunen at once. Only Kommunen with
at least one offer are judged ("covered"); a Kommune without any data is not a gap but a
blank spot of the data. Flags, per cell:

- ``no-offer``: no offer at all (life phases, topics, format groups);
- ``far-below-median``: offers per 1,000 inhabitants of the reference age band below a quarter
  of the median of comparable covered Kommunen (at least three: Gemeinden of the same Kreis,
  Kreise with Kreise, kreisfreie Städte with kreisfreie Städte);
- ``only-digital``: at least MIN_OFFERS offers, none in presence or hybrid;
- ``single-provider``: at least MIN_OFFERS offers, all from one provider.
Target groups are optional on offers, so their cells are shown but not flagged.
``no-offer``, ``only-digital`` and ``no-actor-type`` are gaps (severity ``gap``); the relative
flags ``far-below-median`` and ``single-provider`` are hints (severity ``hint``) to look at.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from .model import Concept, Kommune, local_name
from .population import Population
from .rows import Row, number, text

BG = "https://w3id.org/bildungsgraph/ontology#"
DIMENSIONS = {
    BG + "lifePhase": "life-phase",
    BG + "topic": "topic",
    BG + "offerFormat": "format",
    BG + "targetGroup": "target-group",
}
SCHEMES = {"life-phase": "life-phase", "topic": "topic", "target-group": "target-group"}
FORMAT_GROUPS = {
    "presence": "presence",
    "hybrid": "hybrid",
    "digital": "digital",
    "digital-synchronous": "digital",
    "digital-asynchronous": "digital",
}
FORMAT_LABELS = {
    "presence": ("Präsenz", "presence"),
    "hybrid": ("Hybrid", "hybrid"),
    "digital": ("Digital", "digital"),
}
FLAGGED_DIMENSIONS = {"life-phase", "topic", "format"}
FAR_BELOW = 0.25
MIN_COMPARABLE = 3
MIN_OFFERS = 5
HINTS = frozenset({"far-below-median", "single-provider"})
REQUIRED_ACTOR_TYPES = ("kita", "family-centre", "library", "youth-centre", "sports-club")
FLAG_TEXT = {
    "no-offer": ("kein Angebot", "no offer"),
    "far-below-median": (
        "weit unter dem Median vergleichbarer Kommunen",
        "far below the median of comparable Kommunen",
    ),
    "only-digital": ("nur digitale Angebote", "only digital offers"),
    "single-provider": ("nur ein Anbieter", "only one provider"),
    "no-actor-type": ("kein Akteur dieses Typs", "no actor of this type"),
}


@dataclass
class Cell:
    """One Kommune × concept cell of the gap matrix."""

    kommune: str  # key
    kommune_name: str
    level: str
    dimension: str
    concept: str  # slug (format: group)
    label_de: str
    label_en: str
    offers: int = 0
    providers: int = 0
    in_person: int = 0
    population: float | None = None
    population_estimated: bool = False
    per_1000: float | None = None
    rank: int | None = None
    comparable: int = 0
    median_per_1000: float | None = None
    flags: list[str] = field(default_factory=list)


@dataclass
class Gap:
    """A flagged cell (or a missing actor type), with candidate partners to close it."""

    kind: str
    kommune: str
    kommune_name: str
    level: str
    dimension: str
    concept: str
    label_de: str
    label_en: str
    text_de: str
    text_en: str
    candidates: list[object] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return "hint" if self.kind in HINTS else "gap"


@dataclass
class GapInputs:
    """The rows of the aggregate queries plus reference data."""

    kommunen: dict[str, Kommune]
    concepts: dict[str, Concept]
    offer_rows: list[Row]
    actor_type_rows: list[Row]
    population: Population


def _comparison_group(kommune: Kommune) -> tuple[str, str]:
    return (kommune.level, kommune.parent if kommune.is_municipality else "")


def _dimension_concepts(concepts: dict[str, Concept], dimension: str) -> list[tuple[str, str, str]]:
    """(slug, label_de, label_en) of every concept a dimension's cells are made for."""
    if dimension == "format":
        return [(slug, *FORMAT_LABELS[slug]) for slug in ("presence", "hybrid", "digital")]
    scheme = SCHEMES[dimension]
    parents = {c.broader for c in concepts.values() if c.broader}
    return sorted(
        (c.slug, c.label_de, c.label_en)
        for c in concepts.values()
        if c.scheme == scheme and not (dimension == "target-group" and c.iri in parents)
    )


def _counts(rows: list[Row]) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        dimension = DIMENSIONS.get(text(row, "dimension"))
        if dimension is None:
            continue
        slug = local_name(text(row, "concept"))
        if dimension == "format":
            slug = FORMAT_GROUPS.get(slug, slug)
        cell = counts[(text(row, "unit"), dimension, slug)]
        # Formats sum exactly (one format per offer); providers are only used per concept.
        cell[0] += number(row, "offers")
        cell[1] = max(cell[1], number(row, "providers"))
        cell[2] += number(row, "inPersonOffers")
    return {key: (v[0], v[1], v[2]) for key, v in counts.items()}


def build_cells(inputs: GapInputs) -> list[Cell]:
    """All cells of all covered Kommunen, with population, rate, rank and flags."""
    counts = _counts(inputs.offer_rows)
    covered = {
        unit for (unit, dimension, _), v in counts.items() if dimension == "life-phase" and v[0]
    }
    bands = {c.slug: c.age_bands for c in inputs.concepts.values() if c.scheme == "life-phase"}
    cells: list[Cell] = []
    for kommune in sorted(inputs.kommunen.values(), key=lambda k: k.key):
        if kommune.iri not in covered:
            continue
        for dimension in ("life-phase", "topic", "format", "target-group"):
            for slug, label_de, label_en in _dimension_concepts(inputs.concepts, dimension):
                offers, providers, in_person = counts.get((kommune.iri, dimension, slug), (0, 0, 0))
                population, estimated = inputs.population.of(
                    kommune, bands.get(slug, ()) if dimension == "life-phase" else ()
                )
                cells.append(
                    Cell(
                        kommune=kommune.key,
                        kommune_name=kommune.name,
                        level=kommune.level,
                        dimension=dimension,
                        concept=slug,
                        label_de=label_de,
                        label_en=label_en,
                        offers=offers,
                        providers=providers,
                        in_person=in_person,
                        population=population,
                        population_estimated=estimated,
                        per_1000=offers / population * 1000 if population else None,
                    )
                )
    _rank_and_flag(cells, inputs.kommunen)
    return cells


def _rank_and_flag(cells: list[Cell], kommunen: dict[str, Kommune]) -> None:
    by_key = {k.key: k for k in kommunen.values()}
    groups: dict[tuple[object, ...], list[Cell]] = defaultdict(list)
    for cell in cells:
        groups[(*_comparison_group(by_key[cell.kommune]), cell.dimension, cell.concept)].append(
            cell
        )
    for group in groups.values():
        rated = sorted(
            (c for c in group if c.per_1000 is not None), key=lambda c: -(c.per_1000 or 0)
        )
        median = statistics.median(c.per_1000 for c in rated) if rated else None
        for position, cell in enumerate(rated, start=1):
            cell.rank, cell.comparable, cell.median_per_1000 = position, len(rated), median
    for cell in cells:
        if cell.dimension not in FLAGGED_DIMENSIONS:
            continue
        if cell.offers == 0:
            cell.flags.append("no-offer")
            continue
        if cell.dimension == "format":
            continue
        if (
            cell.comparable >= MIN_COMPARABLE
            and cell.median_per_1000
            and cell.per_1000 is not None
            and cell.per_1000 < FAR_BELOW * cell.median_per_1000
        ):
            cell.flags.append("far-below-median")
        if cell.offers >= MIN_OFFERS and cell.in_person == 0:
            cell.flags.append("only-digital")
        if cell.offers >= MIN_OFFERS and cell.providers == 1:
            cell.flags.append("single-provider")


def _gap_text(kind: str, cell_label: tuple[str, str], place: str) -> tuple[str, str]:
    de, en = FLAG_TEXT[kind]
    return f"{place}: {de} – {cell_label[0]}", f"{place}: {en} – {cell_label[1]}"


def gaps_from_cells(cells: list[Cell], kommunen: dict[str, Kommune]) -> list[Gap]:
    """One gap per flag; a kreisfreie Stadt is judged once, as its Gemeinde."""
    gaps = []
    for cell in cells:
        if cell.level == "city":
            continue
        for kind in cell.flags:
            text_de, text_en = _gap_text(kind, (cell.label_de, cell.label_en), cell.kommune_name)
            gaps.append(
                Gap(
                    kind,
                    cell.kommune,
                    cell.kommune_name,
                    cell.level,
                    cell.dimension,
                    cell.concept,
                    cell.label_de,
                    cell.label_en,
                    text_de,
                    text_en,
                )
            )
    return gaps


def actor_type_gaps(inputs: GapInputs, covered: set[str]) -> list[Gap]:
    """Covered Gemeinden without an actor of a basic type (Kita, library, youth centre …)."""
    present = {
        (text(row, "unit"), local_name(text(row, "type")))
        for row in inputs.actor_type_rows
        if number(row, "actors")
    }
    labels = {c.slug: c for c in inputs.concepts.values() if c.scheme == "actor-type"}
    gaps = []
    for kommune in sorted(inputs.kommunen.values(), key=lambda k: k.key):
        if not kommune.is_municipality or kommune.key not in covered:
            continue
        for slug in REQUIRED_ACTOR_TYPES:
            if (kommune.iri, slug) in present:
                continue
            concept = labels.get(slug)
            label = (concept.label_de, concept.label_en) if concept else (slug, slug)
            text_de, text_en = _gap_text("no-actor-type", label, kommune.name)
            gaps.append(
                Gap(
                    "no-actor-type",
                    kommune.key,
                    kommune.name,
                    kommune.level,
                    "actor-type",
                    slug,
                    label[0],
                    label[1],
                    text_de,
                    text_en,
                )
            )
    return gaps


def in_scope(key: str, kommune_key: str | None, kommunen: dict[str, Kommune]) -> bool:
    """Whether a Kommune key lies in the requested Kommune (a Kreis includes its Gemeinden)."""
    if not kommune_key:
        return True
    if key == kommune_key:
        return True
    parent = next((k.parent for k in kommunen.values() if k.key == key), "")
    return local_name(parent) == kommune_key
