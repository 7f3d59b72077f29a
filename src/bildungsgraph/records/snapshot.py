"""The records the read side serves, with the vocabularies and the population they refer to.

A snapshot holds every record of the record classes with everything the store says about it
(values in the plain form of :mod:`.terms`). It is never changed in place: the read model
makes a new snapshot per store state, sharing what did not change (``readmodel``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from ..namespaces import BG, ID, SCHEMA
from .terms import Value, lexical

Properties = dict[str, list[Value]]
KOMMUNE_PREFIX = f"{ID}kommune/"

# record kind (URL segment) → class
RECORD_CLASSES: dict[str, URIRef] = {
    "actors": BG.EducationActor,
    "sites": BG.Site,
    "offers": BG.EducationOffer,
    "cooperations": BG.Cooperation,
    "networks": BG.Network,
    "memberships": BG.Membership,
    "confirmations": BG.CooperationConfirmation,  # partners' decisions on cooperations
    "kommunen": BG.AdministrativeUnit,
}


@dataclass(frozen=True)
class Concept:
    """A vocabulary concept with what the API shows of it."""

    iri: str
    scheme: str
    notation: str | None
    labels: dict[str, str]
    definitions: dict[str, str]
    broader: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def scheme_slug(self) -> str:
        return self.scheme.rsplit("/", 1)[-1]


@dataclass
class Snapshot:
    """Records by kind, concepts, schemes and population, indexed for the API."""

    records: dict[str, dict[str, Properties]]
    concepts: dict[str, Concept]
    schemes: dict[str, dict[str, str]]
    population: dict[str, dict[str, dict[str, int]]]  # unit → date → age band → count
    age_bands: dict[str, tuple[int | None, int | None]]
    narrower: dict[str, set[str]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    graphs: dict[str, frozenset[str]] = field(default_factory=dict)  # record → named graphs

    def props(self, kind: str, iri: str) -> Properties | None:
        return self.records[kind].get(iri)

    def concept_label(self, iri: str, lang: str) -> str:
        concept = self.concepts.get(iri)
        if concept is None:
            return iri.rsplit("/", 1)[-1]
        return concept.labels.get(lang) or concept.labels.get("de") or concept.slug

    def descendants(self, iri: str) -> set[str]:
        """The concept and every concept below it (skos:broader, transitively)."""
        found = {iri}
        todo = [iri]
        while todo:
            for child in self.narrower.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def kommune_name(self, iri: str) -> str:
        props = self.records["kommunen"].get(iri, {})
        names = props.get(str(SCHEMA.name), [])
        return lexical(names[0]) if names else iri.removeprefix(KOMMUNE_PREFIX)

    def within(self, unit: str, area: str) -> bool:
        """Whether ``unit`` is ``area`` or lies inside it (following bg:parentUnit)."""
        current: str | None = unit
        while current is not None:
            if current == area:
                return True
            current = self.parents.get(current)
        return False
