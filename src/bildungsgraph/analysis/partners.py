"""Candidate partners to close a gap: actors in the same or a neighbouring Kommune who offer
the life phase or topic (or are of the missing actor type) and do not yet cooperate with any
actor located in the gap Kommune. Ranked: more matching offers first, the same Gemeinde before
neighbours, then by name. Which actors offer what where comes from the read model."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from .gaps import Gap
from .model import Actor, Kommune

MAX_CANDIDATES = 5


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


def candidate_partners(
    gap: Gap,
    offerings: Iterable[Offering],
    tied: Collection[str],
    actors: Mapping[str, Actor],
    kommunen: Mapping[str, Kommune],
    limit: int = MAX_CANDIDATES,
) -> list[Candidate]:
    """Ranked candidates for one Gemeinde-level gap from what actors of the Gemeinde and its
    neighbours offer; ``tied`` are the actors already cooperating with one located there."""
    scored: dict[str, tuple[int, str]] = {}
    for offering in offerings:
        if offering.offers and offering.provider not in tied and offering.provider in actors:
            best = scored.get(offering.provider)
            if best is None or offering.offers > best[0]:
                scored[offering.provider] = (offering.offers, offering.place)
    by_key = {k.key: k for k in kommunen.values()}
    ranked = sorted(
        scored.items(),
        key=lambda item: (-item[1][0], item[1][1] != gap.kommune, actors[item[0]].name),
    )
    return [
        _candidate(iri, offers, place, gap, actors, by_key)
        for iri, (offers, place) in ranked[:limit]
    ]


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
    where_de = f"in der Nachbarkommune {place_name}" if neighbouring else f"in {place_name}"
    where_en = f"in the neighbouring {place_name}" if neighbouring else f"in {place_name}"
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
    return Candidate(
        iri=iri,
        kennung=actor.kennung,
        name=actor.name,
        kommune=place,
        kommune_name=place_name,
        offers=offers,
        neighbouring=neighbouring,
        reason_de=f"{actor.name} {what_de} {where_de} und kooperiert bisher mit keinem Akteur "
        f"in {gap.kommune_name}.",
        reason_en=f"{actor.name} {what_en} {where_en} and does not yet cooperate with any actor "
        f"in {gap.kommune_name}.",
    )
