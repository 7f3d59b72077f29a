"""Contact persons: kept out of the store, shown only to accounts whose scope covers the actor.

The contribution workflow hands each contribution's contact persons here (``take``, ``pend``,
``settle``, ``follow_withdrawal``); they live in the protected contact store beside the triple
store (``contacts.ContactStore``), never in it. Readers ask with an account: an account sees
the contact persons of an actor when it covers one of the Kommunen the read model places the
actor in (``Account.covers``); without an account, or outside its scope, there is nothing,
not even a count.

Retention (``BILDUNGSGRAPH_CONTACT_RETENTION_DAYS``, 730 days): counted from the consent date,
the legal basis for naming the person; a new version of a contribution does not extend it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from rdflib import URIRef

from .. import config
from ..accounts import Account, check_kommune_key
from ..contacts import ContactPerson, ContactStore, kept_since, take_contacts
from ..errors import InvalidParameterError
from ..ingest import MappedContribution
from ..namespaces import BG, record_iri
from ..queries import get_query
from ..readmodel import ReadModel, View
from ..records.snapshot import KOMMUNE_PREFIX
from ..shapes import Problem, ValidationReport
from ..store import GraphStore


class Contacts:
    """The protected contact persons of the contributions over one store."""

    def __init__(
        self,
        store: GraphStore,
        readmodel: ReadModel,
        path: Path | None,
        retention_days: int | None = None,
    ) -> None:
        self.store = store
        self.readmodel = readmodel
        self.protected = ContactStore(path)
        days = retention_days if retention_days is not None else _configured_days(store)
        self.retention = timedelta(days=days)
        if store.writable:  # only the process that writes the store settles what it left
            self._settle()

    def close(self) -> None:
        self.protected.close()

    # -- the contribution workflow (inside the writer's lock) -------------------------------

    def expired(self, mapped: MappedContribution, today: date | None = None) -> list[Problem]:
        """A Violation for every contact person whose consent is already past the retention
        period: it could not be kept, so the contribution is refused (the uploader sees row
        and Kennung; a stored contribution's public report never hints at contact persons)."""
        since = kept_since(self.retention, today)
        return [
            _expired(mapped, person, self.retention.days)
            for person in take_contacts(mapped)[1]
            if person.consent < since
        ]

    def take(
        self, mapped: MappedContribution, report: ValidationReport
    ) -> tuple[MappedContribution, list[ContactPerson]]:
        """The contribution without its contact persons, and those; the report's counts (kept
        with the contribution, readable by everyone) no longer count them either."""
        rest, people = take_contacts(mapped)
        report.triples -= len(mapped.graph) - len(rest.graph)
        report.records -= len(people)
        return rest, people

    def pend(self, graph: str, people: Sequence[ContactPerson], hashes: list[str]) -> None:
        """Before the store write of ``graph``: its new contact persons, pending (also none,
        when an earlier version had some: they go once the new version landed)."""
        if people or self.protected.has(graph):
            self.protected.pend(graph, people, hashes)

    def settle(self, graph: str, today: date | None = None) -> None:
        """After the store write of ``graph`` (landed or not): keep or drop what is pending,
        as the store decides, and remove what the retention period has passed."""
        hashes = self.protected.pending().get(graph)
        if hashes is not None:
            self.protected.settle(graph, self._stored_with(graph, hashes))
        self.purge(today)

    def follow_withdrawal(self, graph: str) -> None:
        """After a withdrawal: a contribution that left the store takes its contact persons
        with it. Restoring it does not bring them back (the consent went with them)."""
        if not self.store.has_graph(graph):
            self.protected.forget(graph)
        self.purge()

    def purge(self, today: date | None = None) -> int:
        """Remove the contact persons whose retention period has passed; returns how many."""
        return self.protected.purge(self.retention, today)

    # -- reading -----------------------------------------------------------------------------

    def of_actor(
        self, view: View, actor: str, account: Account | None, today: date | None = None
    ) -> list[ContactPerson]:
        """An actor's contact persons, if the account covers the actor; else none."""
        if account is None or not account.active or not _covers(view, account, actor):
            return []
        return self.protected.of_actor(actor, kept_since(self.retention, today))

    def of_account(
        self, view: View, account: Account, kommune: str | None = None, today: date | None = None
    ) -> list[ContactPerson]:
        """Every contact person the account may see (``kommune``: of actors in that Kommune,
        a key such as 05166 or 05166032)."""
        if kommune is not None:
            try:
                check_kommune_key(kommune)
            except ValueError as error:
                raise InvalidParameterError(f"kommune: {error}") from error
        if not account.active:
            return []
        area = KOMMUNE_PREFIX + kommune if kommune else None
        return [
            person
            for person in self.protected.all(kept_since(self.retention, today))
            if _covers(view, account, person.actor)
            and (area is None or area in view.index.areas.get(person.actor, ()))
        ]

    # -- following the store ---------------------------------------------------------------

    def _stored_with(self, graph: str, hashes: list[str]) -> bool:
        rows = self.store.select(
            get_query("contribution_files").text, {"contribution": URIRef(graph)}
        )
        stored = sorted(str(row["sha256"]) for row in rows if "sha256" in row)
        return bool(stored) and stored == sorted(hashes)

    def _settle(self) -> None:
        """At start: settle what a crash left pending, drop the rows of contributions no
        longer stored (a withdrawal that landed just before a crash), apply the retention."""
        for graph, hashes in self.protected.pending().items():
            self.protected.settle(graph, self._stored_with(graph, hashes))
        for graph in self.protected.graphs():
            if not self.store.has_graph(graph):
                self.protected.forget(graph)
        self.purge()


def _covers(view: View, account: Account, actor: str) -> bool:
    places = view.index.kommunen.get(actor, frozenset())
    return any(account.covers(place.removeprefix(KOMMUNE_PREFIX)) for place in places)


def _configured_days(store: GraphStore) -> int:
    return config.Settings.from_env(store.path).contact_retention_days


def _expired(mapped: MappedContribution, person: ContactPerson, days: int) -> Problem:
    where = mapped.subjects.get(str(record_iri("contact", person.kennung)))
    return Problem(
        severity="Violation",
        message_de=(
            f"Die Einwilligung liegt mehr als {days} Tage zurück (Aufbewahrungsfrist für "
            "Ansprechpersonen); der ganze Beitrag wurde nicht gespeichert. Holen Sie eine neue "
            "Einwilligung ein und tragen Sie ihr Datum in der Spalte „Einwilligung am“ ein, "
            "oder lassen Sie die Zeile weg."
        ),
        message_en=(
            f"The consent is more than {days} days old (retention period for contact "
            "persons); the whole contribution was not stored. Obtain a new consent and enter "
            "its date in the column “Einwilligung am” (consent date), or leave the row out."
        ),
        file=where.file if where else None,
        sheet=where.sheet if where else None,
        row=where.row if where else None,
        kennung=person.kennung,
        column="Einwilligung am",
        value=person.consent.isoformat(),
        focus_node=str(record_iri("contact", person.kennung)),
        path=str(BG.consentDate),
        constraint="contacts:retention",
    )
