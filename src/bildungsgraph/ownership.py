"""Who may state what about a record: its owner, and the Kommunen of the account.

A record (a subject under ``id/``: actor, site, offer, cooperation, network, membership …)
belongs to the named graph that holds statements about it: the contribution that created it,
or a graph that is not a contribution (reference data, an import). A new contribution may
*refer* to any record, but a statement *about* a record held by another graph is a Violation
naming its owner, with the hint to reference the Kennung instead. The graphs a contribution
replaces (``own``) hold its own records, which it may restate.

The record a triple is about is its subject, except for the triples of an inverse column:
``actor bg:hasSite site`` comes with the site's row and is about the site.

With an account scope, every record the upload states something about must lie in the
account's Kommunen. A record lies where the upload places it (its Gemeinde or area served, or
its sites'); when the upload places it nowhere, where the store places it; and failing that,
where the records lie that it attaches to (an offer's provider, a cooperation's partners, a
membership's actor and network). A cooperation placed only through its partners is within
scope when one of its partners lies in the account's Kommunen: the others are *claimed*
(``claimed_partners``; ``bg:claimedPartner``) until an account of their Kommune confirms it.

The decisions on claims (graphs under ``graph/confirmation/``) state a triple about the
cooperation, but they own nothing: the contribution stays free to restate its cooperation.
Uploads may not state decisions or claims themselves (``reserved_problems``).

Everything is looked up per record (``GraphStore.statements_about``), so the cost depends on
the size of the contribution, not on the size of the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from .accounts import Account
from .ingest import MappedContribution, SourceLocation
from .namespaces import (
    BG,
    CONFIRMATION_GRAPH_PREFIX,
    CONFIRMATION_PREFIX,
    CONTRIBUTION_GRAPH_PREFIX,
    DCT,
    ID,
    PROV,
    SCHEMA,
)
from .shapes import Problem, template_model
from .store import GraphStore

KOMMUNE_PREFIX = f"{ID}kommune/"
_RECORDS = str(ID)
# set by the store (claims) and by decisions, never by an upload
RESERVED_PREDICATES = frozenset(
    str(p)
    for p in (
        BG.claimedPartner,
        BG.confirmation,
        BG.confirmingPartner,
        BG.confirmationDecision,
        BG.cooperationVersion,
    )
)


@dataclass(frozen=True)
class Links:
    """The predicates that place records and link them, read from the template model."""

    places: frozenset[str]  # record → Kommune (Gemeinde, area served)
    sites: frozenset[str]  # record → a site it lies at (bg:hasSite, bg:location)
    attachments: frozenset[str]  # record → another record it belongs to (provider, partner …)
    inverse: frozenset[str]  # stated with the object's row: about the object


@lru_cache(maxsize=1)
def links() -> Links:
    """The link predicates of the shipped templates (an inverse column links the referenced
    record to the row's record, so ``actor bg:hasSite site`` is a site link of the actor)."""
    places: set[str] = set()
    sites: set[str] = set()
    attachments: set[str] = set()
    inverse: set[str] = set()
    for template in template_model():
        for column in template.columns:
            if column.path is None:
                continue
            path = str(column.path)
            if column.kind == "kommune":
                places.add(path)
            elif column.kind == "reference":
                linked = template.target_class if column.inverse else column.target_class
                (sites if linked == BG.Site else attachments).add(path)
                if column.inverse:
                    inverse.add(path)
    attachments -= sites
    return Links(frozenset(places), frozenset(sites), frozenset(attachments), frozenset(inverse))


def about(subject: Node, predicate: Node, obj: Node) -> str:
    """The record a triple is about: its subject, or the object of an inverse column."""
    if (
        str(predicate) in links().inverse
        and isinstance(obj, URIRef)
        and str(obj).startswith(_RECORDS)
    ):
        return str(obj)
    return str(subject)


def stated_records(graph: Graph) -> set[str]:
    """The records the triples of ``graph`` are about."""
    return {about(s, p, o) for s, p, o in graph}


@dataclass
class _Facts:
    """What is stated about each record: (predicate, object) pairs per subject."""

    pairs: dict[str, list[tuple[str, Node]]]
    graphs: dict[str, set[str]]  # record → the graphs holding statements about it

    def objects(self, record: str, predicates: Collection[str]) -> list[str]:
        return [str(o) for p, o in self.pairs.get(record, ()) if p in predicates]


class _StoreFacts(_Facts):
    """The store's statements about records, fetched per record on first use; statements in
    the ``own`` graphs (those being replaced) do not count."""

    def __init__(self, store: GraphStore, own: Collection[str]) -> None:
        super().__init__({}, {})
        self.store = store
        self.own = own

    def fetch(self, records: Iterable[str]) -> None:
        missing = [r for r in records if r not in self.pairs and r.startswith(_RECORDS)]
        for record in missing:
            self.pairs[record] = []
        for subject, predicate, obj, graph in self.store.statements_about(missing):
            if graph in self.own:
                continue
            self.pairs[subject].append((predicate, obj))
            if graph.startswith(CONFIRMATION_GRAPH_PREFIX):
                continue  # a decision on a cooperation is no claim on it
            record = about(URIRef(subject), URIRef(predicate), obj)
            self.graphs.setdefault(record, set()).add(graph)

    def objects(self, record: str, predicates: Collection[str]) -> list[str]:
        self.fetch([record])
        return super().objects(record, predicates)


def _upload_facts(graph: Graph) -> _Facts:
    pairs: dict[str, list[tuple[str, Node]]] = defaultdict(list)
    for subject, predicate, obj in graph:
        pairs[str(subject)].append((str(predicate), obj))
    return _Facts(dict(pairs), {})


@dataclass(frozen=True)
class Holder:
    """A graph that holds statements about a record: who it is, for the message."""

    graph: str
    title: str | None
    contributor: str | None
    contribution: bool  # a contribution (else reference data, an import …)

    def label(self, lang: str) -> str:
        """``Beitrag „Titel“ (id)`` or ``Graph „reference/schools“`` (English: ``contribution
        'Titel' (id)``)."""
        name = self.graph.removeprefix(CONTRIBUTION_GRAPH_PREFIX).rsplit("graph/", 1)[-1]
        start, end = ("„", "“") if lang == "de" else ("'", "'")
        if not self.contribution:
            return f"{'Graph' if lang == 'de' else 'graph'} {start}{name}{end}"
        word = "Beitrag" if lang == "de" else "contribution"
        return f"{word} {start}{self.title}{end} ({name})" if self.title else f"{word} {name}"


class Claims:
    """The records an upload states something about, looked up in the store when first asked
    for (``held_elsewhere`` asks for all of them at once)."""

    def __init__(self, store: GraphStore, mapped: MappedContribution, own: Collection[str]) -> None:
        self.store = store
        self.mapped = mapped
        self.upload = _upload_facts(mapped.graph)
        self.stored = _StoreFacts(store, set(own))
        self.records = sorted(r for r in stated_records(mapped.graph) if r.startswith(_RECORDS))

    def held_elsewhere(self) -> dict[str, list[Holder]]:
        """Record → the other graphs that hold statements about it."""
        self.stored.fetch(self.records)  # one look-up for all of them
        graphs = {r: sorted(self.stored.graphs.get(r, ())) for r in self.records}
        names = {g for held in graphs.values() for g in held}
        described = self.store.describe_resources(
            names, (str(RDF.type), str(DCT.title), str(PROV.wasAttributedTo))
        )
        holders = {
            g: Holder(
                g,
                _text(described.value(URIRef(g), DCT.title)),
                _text(described.value(URIRef(g), PROV.wasAttributedTo)),
                (URIRef(g), RDF.type, BG.Contribution) in described,
            )
            for g in names
        }
        return {r: [holders[g] for g in held] for r, held in graphs.items() if held}

    def places(self, record: str) -> tuple[set[str], str]:
        """The Kommune keys a record lies in and where that comes from: ``upload``, ``store``,
        ``attached`` (the records it attaches to) or ``""`` (nowhere)."""
        for facts, basis in ((self.upload, "upload"), (self.stored, "store")):
            found = self._located(record, facts)
            if found:
                return found, basis
        found = set()
        for other in self._attached(record):
            found |= self.own_places(other)
        return found, "attached" if found else ""

    def own_places(self, record: str) -> set[str]:
        """Where the upload places a record, else where the store does (not through links)."""
        return self._located(record, self.upload) or self._located(record, self.stored)

    def is_cooperation(self, record: str) -> bool:
        types = (str(RDF.type),)
        return str(BG.Cooperation) in (
            self.upload.objects(record, types) + self.stored.objects(record, types)
        )

    def partners(self, record: str) -> set[str]:
        """The partners of a cooperation, as the upload names them, else as stored."""
        predicates = (str(BG.partner),)
        return set(
            self.upload.objects(record, predicates) or self.stored.objects(record, predicates)
        )

    def stored_places(self, record: str) -> set[str]:
        """The Kommune keys the store gives a record (for naming an owner)."""
        return self._located(record, self.stored)

    def _located(self, record: str, facts: _Facts) -> set[str]:
        """A record's own places in ``facts``, and those of the sites it lies at (described in
        the upload, or else in the store)."""
        found = _keys(facts.objects(record, links().places))
        for site in facts.objects(record, links().sites):
            found |= _keys(self.upload.objects(site, links().places)) or _keys(
                self.stored.objects(site, links().places)
            )
        return found

    def _attached(self, record: str) -> set[str]:
        attached = set(self.upload.objects(record, links().attachments))
        attached |= set(self.stored.objects(record, links().attachments))
        for subject, predicate, _ in self.mapped.graph.triples((None, None, URIRef(record))):
            if str(predicate) in links().inverse:
                attached.add(str(subject))  # the actor of a site row
        return {a for a in attached if a.startswith(_RECORDS) and a != record}

    def location(self, record: str) -> SourceLocation | None:
        """Where the upload states the record (its row, or the file of an RDF record)."""
        where = self.mapped.subjects.get(record)
        if where is None:
            for subject, predicate, _ in self.mapped.graph.triples((None, None, URIRef(record))):
                where = self.mapped.locations.get((str(subject), str(predicate)))
                if where is not None:
                    break
        return where

    def kommune_names(self, keys: Iterable[str]) -> dict[str, str]:
        iris = [KOMMUNE_PREFIX + key for key in keys]
        described = self.store.describe_resources(iris, (str(SCHEMA.name),))
        return {
            iri.removeprefix(KOMMUNE_PREFIX): str(name)
            for iri in iris
            if (name := described.value(URIRef(iri), SCHEMA.name)) is not None
        }


def claim_problems(
    store: GraphStore,
    mapped: MappedContribution,
    *,
    own: Collection[str] = (),
    scope: Account | None = None,
    contributor: str | None = None,
) -> list[Problem]:
    """Violations for statements only the store makes (claims, decisions), for records of
    the upload held by another graph, and (with a ``scope`` that is not an admin's) for
    records outside the account's Kommunen; one per record.

    ``own``: the graphs the contribution replaces; ``contributor``: its contributor IRI, so
    that the message can tell a record of one's own other contribution apart.
    """
    claims = Claims(store, mapped, own)
    problems = reserved_problems(mapped)
    held = claims.held_elsewhere()
    for record, holders in held.items():
        problems.append(_held_problem(claims, record, holders, contributor))
    if scope is None or scope.admin:
        return problems
    for record in claims.records:
        if record in held:
            continue  # already refused; its owner is named
        keys, basis = claims.places(record)
        if basis == "attached" and claims.is_cooperation(record):
            if any(_inside(claims.own_places(p), scope) for p in claims.partners(record)):
                continue  # the partners outside are claimed (``claimed_partners``)
            basis = "partners"
        outside = sorted(key for key in keys if not scope.covers(key))
        if outside:
            problems.append(_scope_problem(claims, record, outside, basis, scope))
    return problems


def _held_problem(
    claims: Claims, record: str, holders: list[Holder], contributor: str | None
) -> Problem:
    kennung = record.rsplit("/", 1)[-1]
    keys = sorted(claims.stored_places(record))
    names = claims.kommune_names(keys)
    kommunen = ", ".join(f"{key} {names[key]}" if key in names else key for key in keys)
    lies = f", Kommune {kommunen}" if kommunen else ""
    owners_de = "; ".join(holder.label("de") for holder in holders)
    owners_en = "; ".join(holder.label("en") for holder in holders)
    if contributor is not None and all(h.contributor == contributor for h in holders):
        message_de = (
            f"Die Kennung „{kennung}“ gehört schon zu Ihrem {owners_de}{lies}. Der ganze Beitrag "
            "wurde nicht gespeichert: reichen Sie eine neue Fassung jenes Beitrags ein "
            "(ersetzen), statt den Datensatz ein zweites Mal anzulegen, oder verweisen Sie nur "
            "auf die Kennung."
        )
        message_en = (
            f"The Kennung '{kennung}' already belongs to your {owners_en}{lies}. The whole "
            "contribution was not stored: submit a new version of that contribution (replace "
            "it) instead of creating the record a second time, or only refer to the Kennung."
        )
    else:
        message_de = (
            f"Die Kennung „{kennung}“ gehört schon zu {owners_de}{lies}. Ein Beitrag darf nur "
            "eigene Datensätze beschreiben; der ganze Beitrag wurde nicht gespeichert. "
            "Verweisen Sie auf die Kennung (z. B. in der Spalte „Anbieter“ oder „Partner“), "
            "statt den Datensatz neu anzulegen oder zu ändern."
        )
        message_en = (
            f"The Kennung '{kennung}' already belongs to {owners_en}{lies}. A contribution may "
            "only describe its own records; the whole contribution was not stored. Refer to "
            "the Kennung (e.g. in the column “Anbieter” or “Partner”) instead of creating or "
            "changing the record again."
        )
    where = claims.location(record)
    return Problem(
        severity="Violation",
        message_de=message_de,
        message_en=message_en,
        file=where.file if where else None,
        sheet=where.sheet if where else None,
        row=where.row if where else None,
        kennung=kennung,
        column="Kennung" if where is not None and where.row is not None else None,
        value=kennung,
        focus_node=record,
        constraint="ownership:record",
    )


_BASIS = {
    "upload": ("", ""),
    "store": (
        " (laut Bildungsgraph; der Beitrag nennt keinen Ort)",
        " (as stored; the contribution names no place)",
    ),
    "attached": (
        " (über die verknüpften Datensätze; der Beitrag nennt keinen Ort)",
        " (through the records it links to; the contribution names no place)",
    ),
    "partners": (
        " (über ihre Partner, von denen keiner in Ihren Kommunen liegt; der Beitrag "
        "nennt kein Gebiet)",
        " (through its partners, none of which lies in your Kommunen; the "
        "contribution names no area)",
    ),
}


def _scope_problem(
    claims: Claims, record: str, outside: list[str], basis: str, account: Account
) -> Problem:
    kennung = record.rsplit("/", 1)[-1]
    allowed = ", ".join(account.kommunen)
    basis_de, basis_en = _BASIS[basis]
    where = claims.location(record)
    return Problem(
        severity="Violation",
        message_de=(
            f"Der Datensatz „{kennung}“ liegt in {', '.join(outside)}{basis_de}, außerhalb der "
            f"Kommunen dieses Kontos ({allowed}). Der ganze Beitrag wurde nicht "
            "gespeichert; reichen Sie nur Datensätze aus Ihren Kommunen ein."
        ),
        message_en=(
            f"The record '{kennung}' is located in {', '.join(outside)}{basis_en}, outside the "
            f"Kommunen of this account ({allowed}). The whole contribution was not "
            "stored; submit only records located in your Kommunen."
        ),
        file=where.file if where else None,
        sheet=where.sheet if where else None,
        row=where.row if where else None,
        kennung=kennung,
        value=", ".join(outside),
        focus_node=record,
        constraint="scope:kommune",
    )


def claimed_partners(
    store: GraphStore,
    mapped: MappedContribution,
    account: Account | None,
    own: Collection[str] = (),
) -> Graph:
    """``coop bg:claimedPartner partner`` for every partner of the upload's cooperations that
    lies outside the account's Kommunen (placed nowhere: not claimed); nothing for no
    account or an admin (their contributions vouch for every partner)."""
    claimed = Graph()
    if account is None or account.admin:
        return claimed
    claims = Claims(store, mapped, own)
    partners = {
        str(c): claims.partners(str(c)) for c in mapped.graph.subjects(RDF.type, BG.Cooperation)
    }
    claims.stored.fetch({p for named in partners.values() for p in named})  # the partners only
    for cooperation, named in partners.items():
        for partner in named:
            places = claims.own_places(partner)
            if places and not _inside(places, account):
                claimed.add((URIRef(cooperation), BG.claimedPartner, URIRef(partner)))
    return claimed


def reserved_problems(mapped: MappedContribution) -> list[Problem]:
    """Violations for statements only the store makes: claims and decisions on them."""
    problems: list[Problem] = []
    for subject, predicate, _ in mapped.graph:
        if str(predicate) not in RESERVED_PREDICATES and not str(subject).startswith(
            CONFIRMATION_PREFIX
        ):
            continue
        name = str(predicate).rsplit("#", 1)[-1]
        where = mapped.subjects.get(str(subject))
        problems.append(
            Problem(
                severity="Violation",
                message_de=(
                    f"„{name}“ über „{_local(subject)}“ setzt der Bildungsgraph selbst: Partner "
                    "außerhalb Ihrer Kommunen werden beim Speichern als beansprucht markiert, und "
                    "bestätigen oder bestreiten können sie nur die Konten ihrer Kommune "
                    "(„Zu bestätigen“). Der ganze Beitrag wurde nicht gespeichert."
                ),
                message_en=(
                    f"'{name}' about '{_local(subject)}' is set by bildungsgraph itself: partners "
                    "outside your Kommunen are marked as claimed when a contribution is stored, "
                    'and only the accounts of their Kommune confirm or dispute them ("Zu '
                    'bestätigen"). The whole contribution was not stored.'
                ),
                file=where.file if where else None,
                sheet=where.sheet if where else None,
                row=where.row if where else None,
                kennung=_local(subject),
                value=str(predicate),
                focus_node=str(subject),
                constraint="ownership:reserved",
            )
        )
        if len(problems) >= 10:  # the same mistake throughout a file: a few name it
            break
    return problems


def _local(node: Node) -> str:
    return str(node).rsplit("/", 1)[-1]


def _inside(keys: Iterable[str], account: Account) -> bool:
    return any(account.covers(key) for key in keys)


def _keys(iris: Iterable[str]) -> set[str]:
    return {iri.removeprefix(KOMMUNE_PREFIX) for iri in iris if iri.startswith(KOMMUNE_PREFIX)}


def _text(node: Node | None) -> str | None:
    return str(node) if node is not None else None
