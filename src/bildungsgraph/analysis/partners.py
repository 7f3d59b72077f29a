"""Candidate partners to close a gap, the same Gemeinde first, then its neighbours.

1. *In the same Gemeinde*: actors located there that run offers of the cell there already
   (an only-digital gap: in presence), then actors of a type that fits the gap
   (:data:`PHASE_ACTOR_TYPES`) without a recorded offer of the cell there yet — Grefrath's own
   Kitas for its gap in early childhood.
2. *In a neighbouring Gemeinde*: actors who offer the life phase or topic there (or are of the
   missing actor type) and do not yet cooperate with any actor located in the gap Gemeinde.

Within each group: more matching offers first, then by name. Each candidate carries its reason
in plain words. Which actors offer what where comes from the read model's tallies.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from .gaps import Gap
from .model import Actor, Kommune

MAX_CANDIDATES = 5  # per group: neighbours
MAX_LOCAL_CANDIDATES = 10  # actors of a fitting type in the Gemeinde itself
# Which actor types (slugs of the actor-type vocabulary; narrower types count as their broader
# one) typically run the offers of a life phase: those in the gap Gemeinde are asked first.
# Chosen by what each type does (Kitas care for children before school, Grundschulen teach
# the primary years, ...), not by what the data happens to hold.
PHASE_ACTOR_TYPES: dict[str, tuple[str, ...]] = {
    "early-childhood": ("childcare",),  # Kitas, Kindertagespflege, Familienzentren
    "general-school": ("school",),
    "primary": ("school-form-02",),  # Grundschule
    # Hauptschule, Realschule, Sekundarschule, Gesamtschule, Gymnasium
    "secondary-1": (
        "school-form-04",
        "school-form-10",
        "school-form-14",
        "school-form-15",
        "school-form-20",
    ),
    # Gesamtschule and Gymnasium (Oberstufe), Weiterbildungskolleg
    "secondary-2": ("school-form-15", "school-form-20", "school-form-25"),
    "vocational": ("vocational-college", "chamber-of-commerce", "chamber-of-crafts", "company"),
    "higher-education": ("higher-education-institution",),
    "adult-education": ("further-education",),
    "non-formal": ("culture-learning-venue", "youth-services", "sport"),
}


@dataclass
class Candidate:
    """A possible partner with the reason in plain words."""

    iri: str
    kennung: str
    name: str
    kommune: str
    kommune_name: str
    offers: int
    neighbouring: bool
    reason_de: str
    reason_en: str


@dataclass(frozen=True)
class Offering:
    """What a possible partner has in one nearby Gemeinde: matching offers (in presence or
    hybrid for an only-digital gap; 1 for an actor of a missing type)."""

    provider: str  # actor IRI
    place: str  # Gemeinde key
    offers: int


@dataclass(frozen=True)
class LocalActor:
    """An actor located in the gap Gemeinde, of a type that fits the gap, without a recorded
    offer of the gap's cell there; ``type_de``/``type_en``: the label of its fitting type."""

    iri: str
    type_de: str
    type_en: str


def fitting_actor_types(gap: Gap, relevant_phases: Collection[str]) -> tuple[str, ...]:
    """The actor-type slugs whose actors could close a gap: those of its life phase, or, for a
    topic, of the life phases the topic applies to (``relevant_phases``); none for a format
    or a missing actor type."""
    if gap.kind == "no-actor-type" or gap.dimension not in ("life-phase", "topic"):
        return ()
    phases = [gap.concept] if gap.dimension == "life-phase" else sorted(relevant_phases)
    found: dict[str, None] = {}
    for phase in phases:
        found.update(dict.fromkeys(PHASE_ACTOR_TYPES.get(phase, ())))
    return tuple(found)


def candidate_partners(
    gap: Gap,
    offerings: Iterable[Offering],
    tied: Collection[str],
    actors: Mapping[str, Actor],
    kommunen: Mapping[str, Kommune],
    limit: int = MAX_CANDIDATES,
    local: Iterable[LocalActor] = (),
) -> list[Candidate]:
    """Ranked candidates for one Gemeinde-level gap: actors of the Gemeinde (from
    ``offerings`` there and ``local``, at most MAX_LOCAL_CANDIDATES), then of its neighbours
    (``offerings`` elsewhere, at most ``limit``, without those in ``tied``: the actors
    already cooperating with one located in the Gemeinde)."""
    scored: dict[str, tuple[int, str]] = {}
    for offering in offerings:
        same = offering.place == gap.kommune
        if (
            offering.offers
            and offering.provider in actors
            and (same or offering.provider not in tied)
        ):
            best = scored.get(offering.provider)
            if best is None or (same, offering.offers) > (best[1] == gap.kommune, best[0]):
                scored[offering.provider] = (offering.offers, offering.place)
    by_key = {k.key: k for k in kommunen.values()}
    ranked = sorted(scored.items(), key=lambda item: (-item[1][0], actors[item[0]].name))
    here = [_candidate(i, n, p, gap, actors, by_key) for i, (n, p) in ranked if p == gap.kommune]
    fitting = sorted(
        (a for a in local if a.iri in actors and a.iri not in scored),
        key=lambda a: (actors[a.iri].name, a.iri),
    )
    here += [_local_candidate(a, gap, actors[a.iri]) for a in fitting]
    nearby = [_candidate(i, n, p, gap, actors, by_key) for i, (n, p) in ranked if p != gap.kommune]
    return here[:MAX_LOCAL_CANDIDATES] + nearby[:limit]


def _local_candidate(local: LocalActor, gap: Gap, actor: Actor) -> Candidate:
    return Candidate(
        iri=actor.iri,
        kennung=actor.kennung,
        name=actor.name,
        kommune=gap.kommune,
        kommune_name=gap.kommune_name,
        offers=0,
        neighbouring=False,
        reason_de=f"in derselben Gemeinde, {local.type_de} ohne erfasstes Angebot zu "
        f"„{gap.label_de}“",
        reason_en=f"in the same Gemeinde, {local.type_en} without a recorded offer on "
        f"'{gap.label_en}'",
    )


def _candidate(
    iri: str,
    offers: int,
    place: str,
    gap: Gap,
    actors: Mapping[str, Actor],
    by_key: Mapping[str, Kommune],
) -> Candidate:
    actor = actors[iri]
    place_name = by_key[place].name if place in by_key else place
    neighbouring = place != gap.kommune
    if gap.kind == "no-actor-type":
        what_de, what_en = f"ist {gap.label_de}", f"is a {gap.label_en}"
    elif gap.kind == "only-digital":
        what_de = f"macht {offers} Präsenz- oder Hybridangebot(e) „{gap.label_de}“"
        what_en = f"runs {offers} in-person or hybrid offer(s) '{gap.label_en}'"
    else:
        what_de, what_en = (
            f"macht {offers} Angebot(e) „{gap.label_de}“",
            f"runs {offers} offer(s) '{gap.label_en}'",
        )
    if neighbouring:
        reason_de = (
            f"Nachbargemeinde {place_name}: {what_de} und kooperiert bisher mit "
            f"keinem Akteur in {gap.kommune_name}"
        )
        reason_en = (
            f"neighbouring Gemeinde {place_name}: {what_en} and does not yet "
            f"cooperate with any actor in {gap.kommune_name}"
        )
    else:
        reason_de = f"in derselben Gemeinde: {what_de}"
        reason_en = f"in the same Gemeinde: {what_en}"
    return Candidate(
        iri=iri,
        kennung=actor.kennung,
        name=actor.name,
        kommune=place,
        kommune_name=place_name,
        offers=offers,
        neighbouring=neighbouring,
        reason_de=reason_de,
        reason_en=reason_en,
    )
