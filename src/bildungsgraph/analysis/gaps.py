"""The gap matrix: Kommune × life phase / topic / format / target group, with flags.

A cell counts the offers that lie in the Kommune (``records.index``: the Kommunen an offer
serves, its venue's Gemeinde, else its providers'), their providers and those in presence or
hybrid — the read model's figures. Kommunen with at least one offer of a life phase are judged
("covered"), and so is every Gemeinde of a covered Kreis: a Gemeinde without any recorded offer
has a gap in every life phase (it is only not a comparison point for the others). A Kreis
without any data is not a gap but a blank spot of the data. Flags, per cell:

- ``no-offer``: no recorded offer (life phases, topics, format groups; in a Gemeinde without any
  offer only the life phases, which say it all);
- ``far-below-median``: offers per 1,000 inhabitants of the reference age band below a quarter
  of the median of comparable covered Kommunen (at least three: Gemeinden of the same Kreis,
  Kreise with Kreise, kreisfreie Städte with kreisfreie Städte);
- ``only-digital``: at least MIN_OFFERS offers, none in presence or hybrid;
- ``single-provider``: at least MIN_OFFERS offers, all from one provider.
Target groups are optional on offers, so their cells are shown but not flagged.

Relevance: a topic names the life phases it applies to (``bg:relevantLifePhase`` in the topic
vocabulary, with the reasoning there). Only relevant life phase × topic pairs can be gaps: the
others are "nicht relevant" in the heat map, and a report for one life phase leaves out the
topics that do not apply to it. A topic without the property applies to every life phase.
``no-offer``, ``only-digital`` and ``no-actor-type`` are gaps (severity ``gap``); the relative
flags ``far-below-median`` and ``single-provider`` are hints (severity ``hint``) to look at.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Concept, Kommune
from .population import Population

if TYPE_CHECKING:  # partners builds on the gaps
    from .partners import Candidate

SCHEMES = {"life-phase": "life-phase", "topic": "topic", "target-group": "target-group"}
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
    "no-offer": ("kein erfasstes Angebot", "no recorded offer"),
    "far-below-median": (
        "weit unter dem Median vergleichbarer Kommunen",
        "far below the median of comparable Kommunen",
    ),
    "only-digital": ("nur digitale Angebote", "only digital offers"),
    "single-provider": ("nur ein Anbieter", "only one provider"),
    "no-actor-type": ("kein erfasster Akteur dieses Typs", "no recorded actor of this type"),
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
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return "hint" if self.kind in HINTS else "gap"


CellCounts = Mapping[tuple[str, str], tuple[int, int, int]]
Relevance = Mapping[str, frozenset[str]]  # topic slug → the life-phase slugs it applies to


@dataclass(frozen=True)
class PairCell:
    """One life phase × topic pair of the heat map: its offers, whether the topic applies to
    the life phase, and whether it is a gap (relevant, no recorded offer)."""

    life_phase: str
    topic: str
    offers: int
    relevant: bool

    @property
    def gap(self) -> bool:
        return self.relevant and self.offers == 0


def topic_relevance(concepts: Mapping[str, Concept]) -> dict[str, frozenset[str]]:
    """Topic slug → the life-phase slugs it is relevant for (all, when the vocabulary names
    none)."""
    phases = frozenset(c.slug for c in concepts.values() if c.scheme == "life-phase")
    return {
        c.slug: frozenset(c.relevant_phases) & phases if c.relevant_phases else phases
        for c in concepts.values()
        if c.scheme == "topic"
    }


def is_relevant(relevance: Relevance, life_phase: str, topic: str) -> bool:
    """Whether ``topic`` applies to ``life_phase``; unknown topics apply everywhere."""
    phases = relevance.get(topic)
    return phases is None or life_phase in phases


def pair_cells(
    heat: Mapping[str, Mapping[str, int]],
    phases: Iterable[str],
    topics: Iterable[str],
    relevance: Relevance,
) -> list[PairCell]:
    """Every life phase × topic pair (in the given order) with offers and relevance."""
    topics = list(topics)
    return [
        PairCell(
            phase, topic, heat.get(phase, {}).get(topic, 0), is_relevant(relevance, phase, topic)
        )
        for phase in phases
        for topic in topics
    ]


def comparison_group(kommune: Kommune) -> tuple[str, str]:
    """Whom a Kommune is compared with: Gemeinden with the Gemeinden of their Kreis, Kreise
    with Kreise, kreisfreie Städte with kreisfreie Städte."""
    return (kommune.level, kommune.parent if kommune.is_municipality else "")


def dimension_concepts(
    concepts: Mapping[str, Concept], dimension: str
) -> list[tuple[str, str, str]]:
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


def is_covered(counts: CellCounts) -> bool:
    """Whether a Kommune is judged: it has at least one offer of a life phase."""
    return any(v[0] for (dimension, _), v in counts.items() if dimension == "life-phase")


def kommune_cells(
    kommune: Kommune,
    counts: CellCounts,
    concepts: Mapping[str, Concept],
    population: Population,
    judged: bool = False,
) -> list[Cell]:
    """The cells of one Kommune with population and rate, not yet ranked; none when the
    Kommune is neither covered nor ``judged`` (a Gemeinde of a covered Kreis).
    ``counts``: (dimension, slug) → (offers, providers, in person)."""
    if not (judged or is_covered(counts)):
        return []
    bands = {c.slug: c.age_bands for c in concepts.values() if c.scheme == "life-phase"}
    cells: list[Cell] = []
    for dimension in ("life-phase", "topic", "format", "target-group"):
        for slug, label_de, label_en in dimension_concepts(concepts, dimension):
            offers, providers, in_person = counts.get((dimension, slug), (0, 0, 0))
            reference, estimated = population.of(
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
                    population=reference,
                    population_estimated=estimated,
                    per_1000=offers / reference * 1000 if reference else None,
                )
            )
    return cells


def rank_and_flag(cells: Iterable[Cell]) -> None:
    """Rank and flag the cells of one comparison group (``comparison_group``) in place.
    Kommunen without any offer of a life phase get their life-phase gaps only and are no
    comparison point (an empty Gemeinde would pull every median down)."""
    cells = list(cells)
    covered = {c.kommune for c in cells if c.dimension == "life-phase" and c.offers}
    groups: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for cell in cells:
        groups[(cell.dimension, cell.concept)].append(cell)
    for group in groups.values():
        rated = sorted(
            (c for c in group if c.per_1000 is not None and c.kommune in covered),
            key=lambda c: -(c.per_1000 or 0),
        )
        median = (
            statistics.median(c.per_1000 for c in rated if c.per_1000 is not None)
            if rated
            else None
        )
        for position, cell in enumerate(rated, start=1):
            cell.rank, cell.comparable, cell.median_per_1000 = position, len(rated), median
    for cell in cells:
        if cell.dimension not in FLAGGED_DIMENSIONS:
            continue
        if cell.kommune not in covered and cell.dimension != "life-phase":
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


def gaps_from_cells(cells: Iterable[Cell]) -> list[Gap]:
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


def actor_type_gaps(
    gemeinden: Iterable[Kommune],
    present: Callable[[Kommune], Collection[str]],
    concepts: Mapping[str, Concept],
) -> list[Gap]:
    """Gemeinden (covered ones) without a contributed actor of a basic type (Kita, library,
    youth centre …); ``present`` gives the actor-type slugs a Gemeinde has."""
    labels = {c.slug: c for c in concepts.values() if c.scheme == "actor-type"}
    gaps = []
    for kommune in sorted(gemeinden, key=lambda k: k.key):
        found = present(kommune)
        for slug in REQUIRED_ACTOR_TYPES:
            if slug in found:
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
