"""Contact persons as a contribution yields them, and how they leave it before the store write.

A row of the template ``ansprechpartner`` (or an RDF ``bg:ContactPerson``) is mapped and
validated like every record, then :func:`take_contacts` removes every triple about it from the
contribution: personal data never reaches the triple store, so no public face can read it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from ..ingest import MappedContribution
from ..namespaces import BG, ID, SCHEMA
from ..spreadsheet import csv_text

# the columns of an export: those of the template, so the file can be submitted again
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Kennung", "kennung"),
    ("Name", "name"),
    ("Funktion", "function"),
    ("E-Mail", "email"),
    ("Telefon", "telephone"),
    ("Akteur", "actor_kennung"),
    ("Einwilligung am", "consent"),
)


@dataclass(frozen=True)
class ContactPerson:
    """One contact person of an actor, from one contribution."""

    kennung: str
    actor: str  # the actor's IRI
    name: str
    consent: date
    function: str | None = None
    email: str | None = None
    telephone: str | None = None
    graph: str = ""  # the contribution graph it came with
    stored: str = ""  # when it was stored (ISO date-time, UTC)

    @property
    def actor_kennung(self) -> str:
        return self.actor.rsplit("/", 1)[-1]

    @property
    def contribution(self) -> str:
        return self.graph.rsplit("/", 1)[-1]

    def field(self, name: str) -> str:
        """A field as text, for exports (empty when not given)."""
        value = getattr(self, name)
        return "" if value is None else str(value)

    def to_json(self) -> dict[str, str | None]:
        return {
            "kennung": self.kennung,
            "name": self.name,
            "function": self.function,
            "email": self.email,
            "telephone": self.telephone,
            "actor": self.actor,
            "actor_kennung": self.actor_kennung,
            "consent_date": self.consent.isoformat(),
            "contribution": self.contribution,
            "stored": self.stored,
        }


def contacts_csv(people: Iterable[ContactPerson]) -> str:
    """Contact persons as CSV with the template's columns; every cell formula-safe."""
    return csv_text(
        [header for header, _ in COLUMNS],
        [[person.field(name) for _, name in COLUMNS] for person in people],
    )


CONTACT_PREFIX = f"{ID}contact/"
# a resource with one of these describes a contact person, typed so or not
PERSONAL_PREDICATES = (BG.contactFor, BG.consentDate)


def take_contacts(mapped: MappedContribution) -> tuple[MappedContribution, list[ContactPerson]]:
    """The contribution without its contact persons, and the contact persons.

    Every triple whose subject or object is a contact person goes. A contact person is what is
    typed so, and also whatever an RDF upload describes like one without the type (under
    ``id/contact/``, or with ``bg:contactFor`` or ``bg:consentDate``): personal data never
    reaches the public graph by a missing type. The files' row counts (kept in the public
    provenance) no longer count the contact rows, so they do not tell how many people were
    named."""
    graph = mapped.graph
    found = set(graph.subjects(RDF.type, BG.ContactPerson))
    for predicate in PERSONAL_PREDICATES:
        found.update(graph.subjects(predicate, None))
    found.update(s for s in graph.subjects() if str(s).startswith(CONTACT_PREFIX))
    people = sorted((s for s in found if isinstance(s, URIRef)), key=str)
    if not people:
        return mapped, []
    named = set(people)
    rest = Graph()
    for prefix, namespace in mapped.graph.namespaces():
        rest.bind(prefix, namespace, override=False)
    for triple in mapped.graph:
        if triple[0] not in named and triple[2] not in named:
            rest.add(triple)
    rows = Counter(
        where.file for person in people if (where := mapped.subjects.get(str(person))) is not None
    )
    files = [
        replace(info, row_count=max(0, info.row_count - rows[info.name]))
        if rows[info.name]
        else info
        for info in mapped.files
    ]
    taken = [_person(mapped.graph, person) for person in people]
    return replace(mapped, graph=rest, files=files), taken


def _person(graph: Graph, subject: URIRef) -> ContactPerson:
    consent = graph.value(subject, BG.consentDate)
    value = consent.toPython() if isinstance(consent, Literal) else None
    return ContactPerson(
        kennung=str(subject).rsplit("/", 1)[-1],
        actor=str(graph.value(subject, BG.contactFor) or ""),
        name=_text(graph.value(subject, SCHEMA.name)) or "",
        consent=value if isinstance(value, date) else date.min,
        function=_text(graph.value(subject, SCHEMA.jobTitle)),
        email=_text(graph.value(subject, SCHEMA.email)),
        telephone=_text(graph.value(subject, SCHEMA.telephone)),
    )


def _text(node: Node | None) -> str | None:
    return str(node) if node is not None else None
