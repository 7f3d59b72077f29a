"""The deliberate, documented gaps of the generated landscapes.

They apply whenever the Kommune concerned is generated (any seed, any scale), so that a gap
analysis on the shipped example finds exactly these. Everywhere else the generator fills every
Gemeinde × Lebensphase, Gemeinde × Themenfeld and Gemeinde × Format cell with at least one offer
and gives every Gemeinde at least one actor of each type in ``COVERED_ACTOR_TYPES``.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_OFFER_LIFE_PHASE = "no-offer-life-phase"
NO_OFFER_TOPIC = "no-offer-topic"
NO_ACTOR_TYPE = "no-actor-type"
ONLY_DIGITAL = "only-digital"

DIGITAL_FORMATS = ("digital", "digital-synchronous", "digital-asynchronous")
COVERED_FORMATS = ("presence", "digital", "hybrid")  # "digital" counts its narrower concepts
COVERED_ACTOR_TYPES = ("kita", "family-centre", "library", "youth-centre", "sports-club")


@dataclass(frozen=True, slots=True)
class Gap:
    """One deliberate gap: kind, Gemeinde (AGS) and the concept slug concerned."""

    kind: str
    ags: str
    gemeinde: str
    scheme: str
    concept: str
    note_de: str
    note_en: str


DELIBERATE_GAPS: tuple[Gap, ...] = (
    Gap(
        NO_OFFER_LIFE_PHASE,
        "05166008",
        "Grefrath",
        "life-phase",
        "early-childhood",
        "kein Angebot der Lebensphase Frühkindliche Bildung",
        "no offer in life phase early-childhood",
    ),
    Gap(
        NO_OFFER_LIFE_PHASE,
        "05166020",
        "Niederkrüchten",
        "life-phase",
        "early-childhood",
        "kein Angebot der Lebensphase Frühkindliche Bildung",
        "no offer in life phase early-childhood",
    ),
    Gap(
        NO_ACTOR_TYPE,
        "05166004",
        "Brüggen",
        "actor-type",
        "library",
        "keine Bibliothek",
        "no library",
    ),
    Gap(
        NO_ACTOR_TYPE,
        "05166004",
        "Brüggen",
        "actor-type",
        "youth-centre",
        "kein Jugendzentrum",
        "no youth centre",
    ),
    Gap(
        NO_OFFER_TOPIC,
        "05114000",
        "Krefeld",
        "topic",
        "basic-education-literacy",
        "kein Angebot zum Themenfeld Grundbildung und Alphabetisierung",
        "no offer on topic basic-education-literacy",
    ),
    Gap(
        ONLY_DIGITAL,
        "05166024",
        "Schwalmtal",
        "life-phase",
        "adult-education",
        "Weiterbildungsangebote nur digital (kein Präsenz- oder Hybridangebot)",
        "adult-education offers only digital (no presence or hybrid offer)",
    ),
)


@dataclass(frozen=True, slots=True)
class GapRules:
    """The gaps of one Gemeinde, as sets for quick checks."""

    no_phases: frozenset[str] = frozenset()
    no_topics: frozenset[str] = frozenset()
    no_actor_types: frozenset[str] = frozenset()
    only_digital_phases: frozenset[str] = frozenset()

    def allows_format(self, phases: list[str], offer_format: str) -> bool:
        """False if one of the phases may only be offered digitally here."""
        if offer_format in DIGITAL_FORMATS:
            return True
        return not any(p in self.only_digital_phases for p in phases)


def rules_for(ags: str) -> GapRules:
    """The gap rules of a Gemeinde (empty rules if it has no deliberate gap)."""
    gaps = [g for g in DELIBERATE_GAPS if g.ags == ags]
    return GapRules(
        no_phases=frozenset(g.concept for g in gaps if g.kind == NO_OFFER_LIFE_PHASE),
        no_topics=frozenset(g.concept for g in gaps if g.kind == NO_OFFER_TOPIC),
        no_actor_types=frozenset(g.concept for g in gaps if g.kind == NO_ACTOR_TYPE),
        only_digital_phases=frozenset(g.concept for g in gaps if g.kind == ONLY_DIGITAL),
    )
