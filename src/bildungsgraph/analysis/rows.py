"""Query rows → the analysis model. ``Select`` runs a named query (injected by the service)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from rdflib.term import Identifier

from .model import (
    Actor,
    Concept,
    Cooperation,
    Kommune,
    Membership,
    NetworkData,
    Period,
    local_name,
)

Row = Mapping[str, Identifier]
Select = Callable[[str, Mapping[str, Identifier] | None], list[dict[str, Identifier]]]


def text(row: Row, key: str, default: str = "") -> str:
    value = row.get(key)
    return str(value) if value is not None else default


def number(row: Row, key: str) -> int:
    value = row.get(key)
    return int(str(value)) if value is not None else 0


def day(row: Row, key: str) -> date | None:
    value = row.get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _split(row: Row, key: str) -> frozenset[str]:
    return frozenset(text(row, key).split())


def load_kommunen(select: Select) -> dict[str, Kommune]:
    """Kreise, kreisfreie Städte and Gemeinden by IRI."""
    kommunen: dict[str, Kommune] = {}
    for row in select("analysis_kommunen", None):
        iri = text(row, "kommune")
        kommunen[iri] = Kommune(
            iri=iri,
            key=text(row, "key", local_name(iri)),
            name=text(row, "name", local_name(iri)),
            level=text(row, "level"),
            parent=text(row, "parent"),
        )
    return kommunen


def load_concepts(select: Select) -> dict[str, Concept]:
    """Concepts of the life-phase, topic, format, target-group and actor-type schemes."""
    concepts: dict[str, Concept] = {}
    for row in select("analysis_concepts", None):
        iri = text(row, "concept")
        concepts[iri] = Concept(
            iri=iri,
            scheme=local_name(text(row, "scheme")),
            label_de=text(row, "labelDe", local_name(iri)),
            label_en=text(row, "labelEn", local_name(iri)),
            notation=text(row, "notation"),
            broader=text(row, "broader") or None,
            age_bands=tuple(sorted(text(row, "bands").split())),
        )
    return concepts


def load_actors(select: Select) -> dict[str, Actor]:
    """All actors with types, sectors, location and the life phases of their offers."""
    actors: dict[str, Actor] = {}
    for row in select("analysis_actors", None):
        iri = text(row, "actor")
        actor = actors.get(iri)
        if actor is None:
            actor = actors[iri] = Actor(iri=iri, name=text(row, "name", local_name(iri)))
        if text(row, "official") == "true":
            actor.official = True
        if "type" in row:
            actor.types.add(text(row, "type"))
            actor.sectors.add(text(row, "top"))
        if "municipality" in row:
            actor.municipalities.add(text(row, "municipality"))
        if "district" in row:
            actor.districts.add(text(row, "district"))
    for row in select("analysis_actor_phases", None):
        actor = actors.get(text(row, "actor"))
        if actor is not None:
            actor.life_phases.add(text(row, "phase"))
    return actors


def load_cooperations(select: Select) -> list[Cooperation]:
    return [
        Cooperation(
            iri=text(row, "cooperation"),
            partners=tuple(sorted(_split(row, "partners"))),
            form=text(row, "form") or None,
            period=Period(day(row, "start"), day(row, "end")),
            status=text(row, "status") or None,
            topics=_split(row, "topics"),
            life_phases=_split(row, "phases"),
            programmes=_split(row, "programmes"),
        )
        for row in select("analysis_cooperations", None)
    ]


def load_memberships(select: Select) -> list[Membership]:
    return [
        Membership(
            iri=text(row, "membership"),
            network=text(row, "network"),
            member=text(row, "member"),
            network_name=text(row, "networkName", local_name(text(row, "network"))),
            period=Period(day(row, "start"), day(row, "end")),
            topics=_split(row, "topics"),
            programmes=_split(row, "programmes"),
        )
        for row in select("analysis_memberships", None)
    ]


def load_network_data(select: Select) -> NetworkData:
    """Actors, cooperations, memberships and Kommunen in five queries."""
    return NetworkData(
        actors=load_actors(select),
        cooperations=load_cooperations(select),
        memberships=load_memberships(select),
        kommunen=load_kommunen(select),
    )
