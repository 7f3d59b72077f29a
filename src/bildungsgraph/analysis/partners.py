"""Candidate partners to close a gap: actors in the same or a neighbouring Kommune who offer
the life phase or topic (or are of the missing actor type) and do not yet cooperate with any
actor located in the gap Kommune. Ranked: more matching offers first, the same Gemeinde before
neighbours, then by name."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from .gaps import DIMENSIONS, Gap
from .model import KOMMUNE_PREFIX, Actor, Kommune, local_name
from .neighbours import neighbours
from .rows import Row, number, text

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


def _offers_by_provider(rows: list[Row]) -> dict[tuple[str, str], dict[str, tuple[int, int]]]:
    """(dimension, concept slug) → provider IRI → municipality key → (offers, in person)."""
    table: dict[tuple[str, str], dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in rows:
        dimension = DIMENSIONS.get(text(row, "dimension"), "")
        key = (dimension, local_name(text(row, "concept")))
        provider, place = text(row, "provider"), local_name(text(row, "municipality"))
        table[key][provider + " " + place] = (number(row, "offers"), number(row, "inPersonOffers"))
    return table


def _tied_to(graph: nx.Graph, actors: dict[str, Actor], municipality: str) -> set[str]:
    """Actors that already cooperate with an actor located in the municipality."""
    located = {iri for iri, a in actors.items() if municipality in a.municipalities}
    return {n for iri in located if iri in graph for n in graph.neighbors(iri)}


def candidate_partners(
    gap: Gap,
    provider_rows: list[Row],
    actors: dict[str, Actor],
    kommunen: dict[str, Kommune],
    graph: nx.Graph,
    limit: int = MAX_CANDIDATES,
) -> list[Candidate]:
    """Ranked candidates for one Gemeinde-level gap (Kreis-level gaps get none)."""
    if len(gap.kommune) != 8:
        return []
    home = KOMMUNE_PREFIX + gap.kommune
    nearby = {gap.kommune, *neighbours(gap.kommune)}
    tied = _tied_to(graph, actors, home)
    scored: dict[str, tuple[int, str]] = {}
    if gap.kind == "no-actor-type":
        for iri, actor in actors.items():
            if any(local_name(t) == gap.concept for t in actor.types):
                place = next(
                    (
                        local_name(m)
                        for m in sorted(actor.municipalities)
                        if local_name(m) in nearby
                    ),
                    None,
                )
                if place and iri not in tied:
                    scored[iri] = (1, place)
    else:
        table = _offers_by_provider(provider_rows).get((gap.dimension, gap.concept), {})
        for entry, (offers, in_person) in table.items():
            provider, place = entry.rsplit(" ", 1)
            relevant = in_person if gap.kind == "only-digital" else offers
            if place in nearby and relevant and provider not in tied and provider in actors:
                best = scored.get(provider)
                if best is None or relevant > best[0]:
                    scored[provider] = (relevant, place)
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
    actors: dict[str, Actor],
    by_key: dict[str, Kommune],
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
