"""Confirmations: the claims an account is asked to decide, and its decisions on them.

A cooperation contributed by an account names its partners outside that account's Kommunen as
claimed (``ownership.claimed_partners``). An account whose Kommunen cover such a partner (any
Kommune the read model places the partner in) sees the claim until it decides: confirmed, or
disputed with a reason. A decision is one named graph per cooperation and partner
(``graph/confirmation/{h}``), written through the GraphWriter in one transaction; a new
decision replaces it. It holds for the version of the cooperation it was made for
(``readmodel.confirmations``): a changed cooperation asks again, the earlier decision shown as
outdated.

The lists are read from the read-model view and kept per view: the claims of the Land once,
each account's list once per set of Kommunen.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..accounts import Account
from ..analysis.model import CLAIMED
from ..contribution import Contributor
from ..errors import ForbiddenError, InvalidParameterError, NotFoundError
from ..namespaces import BG, CONFIRMATION_GRAPH_PREFIX, CONFIRMATION_PREFIX, PROV, SCHEMA
from ..readmodel import View
from ..readmodel.confirmations import DECISIONS, Decision, Standing, standing
from ..readmodel.model import ReadModel
from ..readmodel.sources import GraphDates
from ..readmodel.view import LAND
from ..records.listing import record_iri_for
from ..records.snapshot import KOMMUNE_PREFIX, Snapshot
from ..records.values import iris, local_id, name_of, text
from ..store import GraphStore
from .writes import GraphWriter

MAX_REASON = 2_000  # characters
DECISION_IRIS = {standing_: iri for iri, standing_ in DECISIONS.items()}


@dataclass(frozen=True)
class Partner:
    """A partner of a cooperation with its standing."""

    iri: str
    kennung: str
    name: str
    standing: str  # confirmed, claimed or disputed


@dataclass(frozen=True)
class Claim:
    """One claimed partner of a cooperation, waiting for the decision of an account."""

    cooperation: str  # IRI
    kennung: str
    name: str
    form: str | None  # label of the cooperation form
    partner: Partner  # the partner to decide for
    partners: list[Partner]
    contributor: str | None  # IRI of the contributing account
    contributor_name: str | None
    since: str | None  # when the contribution was stored (xsd:dateTime)
    outdated: bool  # decided before, for an earlier version of the cooperation
    previous: Decision | None = None  # that earlier decision

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def row(self) -> dict[str, Any]:
        """A flat row for CSV."""
        return {
            "cooperation": self.kennung,
            "cooperation_iri": self.cooperation,
            "name": self.name,
            "form": self.form,
            "partner": self.partner.kennung,
            "partner_name": self.partner.name,
            "partners": " | ".join(f"{p.kennung} ({p.standing})" for p in self.partners),
            "contributor": self.contributor_name or self.contributor,
            "since": self.since,
            "outdated": self.outdated,
        }


@dataclass(frozen=True)
class Decided:
    """An account's decision on a claim, with whether it still holds."""

    cooperation: str
    kennung: str
    name: str
    partner: Partner
    decision: str  # confirmed or disputed
    reason: str | None
    at: str | None
    current: bool  # made for the cooperation's present version
    iri: str = ""  # the decision node

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Land:
    """Every claim of a view: (cooperation, partner) pairs, and which cooperation each
    decision node belongs to."""

    claimed: list[tuple[str, str]] = field(default_factory=list)
    decided_on: dict[str, str] = field(default_factory=dict)


def confirmation_name(cooperation: str, partner: str) -> str:
    """The hash naming the decision of ``partner`` on ``cooperation`` (graph and node)."""
    return hashlib.sha256(f"{cooperation} {partner}".encode()).hexdigest()[:16]


_CLAIMED = str(BG.claimedPartner)


class Confirmations:
    """Claims to decide per account and the decisions, over the read model and the writer."""

    def __init__(self, store: GraphStore, writer: GraphWriter, readmodel: ReadModel) -> None:
        self.store = store
        self.writer = writer
        self.readmodel = readmodel

    # -- reading -----------------------------------------------------------------------------

    def pending(self, account: Account, lang: str = "de") -> list[Claim]:
        """The claimed partners the account covers that have no decision for the present
        version of their cooperation (earlier decisions shown as ``outdated``), oldest
        contribution first."""
        return self._pending_in(self.readmodel.current(), account, lang)

    def decided(self, account: Account) -> list[Decided]:
        """The account's decisions on cooperations that are stored, newest first."""
        return self._decided_in(self.readmodel.current(), account)

    def standing(self, cooperation: str) -> Standing:
        """The standing of a cooperation (IRI or Kennung); NotFoundError."""
        view = self.readmodel.current()
        return standing(view.snapshot, self._cooperation(view, cooperation))

    # -- deciding ----------------------------------------------------------------------------

    def decide(
        self,
        account: Account,
        cooperation: str,
        partner: str,
        decision: str,
        reason: str | None = None,
    ) -> Decided:
        """Confirm or dispute the claim of ``cooperation`` (IRI or Kennung) on ``partner``
        (IRI or Kennung) for the account, replacing an earlier decision. NotFoundError for an
        unknown cooperation or partner, InvalidParameterError for a partner that needs no
        decision, a wrong decision or reason, ForbiddenError when the account does not
        cover the partner."""
        reason = (reason or "").strip() or None
        if decision not in DECISION_IRIS:
            raise InvalidParameterError(
                f"Entscheidung „{decision}“ unbekannt: confirmed oder disputed / unknown "
                f"decision '{decision}': confirmed or disputed"
            )
        if decision == "disputed" and reason is None:
            raise InvalidParameterError(
                "Wer eine Kooperation bestreitet, nennt den Grund (Feld „reason“) / disputing "
                "a cooperation needs a reason (field 'reason')"
            )
        if reason is not None and len(reason) > MAX_REASON:
            raise InvalidParameterError(
                f"Die Begründung ist länger als {MAX_REASON} Zeichen / the reason is longer "
                f"than {MAX_REASON} characters"
            )
        with self.writer.lock:  # the version decided for is the one stored at the write
            view = self.readmodel.current()
            coop = self._cooperation(view, cooperation)
            partner_iri = record_iri_for("actors", partner)
            now = standing(view.snapshot, coop)
            props = view.snapshot.records["cooperations"][coop]
            if partner_iri not in now.partners:
                raise NotFoundError(
                    f"„{local_id(partner_iri)}“ ist kein Partner der Kooperation "
                    f"„{local_id(coop)}“ / '{local_id(partner_iri)}' is no partner of the "
                    f"cooperation '{local_id(coop)}'"
                )
            if partner_iri not in iris(props, BG.claimedPartner):
                raise InvalidParameterError(
                    f"Der Partner „{local_id(partner_iri)}“ ist nicht beansprucht: er liegt in "
                    "den Kommunen der beitragenden Stelle und braucht keine Bestätigung / the "
                    f"partner '{local_id(partner_iri)}' is not claimed: it lies in the "
                    "contributor's Kommunen and needs no confirmation"
                )
            if not _covers(view, account, partner_iri):
                raise ForbiddenError(
                    f"Der Partner „{local_id(partner_iri)}“ liegt nicht in den Kommunen dieses "
                    f"Kontos ({', '.join(account.kommunen)}) / the partner "
                    f"'{local_id(partner_iri)}' lies outside this account's Kommunen"
                )
            name = confirmation_name(coop, partner_iri)
            graph = CONFIRMATION_GRAPH_PREFIX + name
            triples = _decision_graph(
                coop,
                partner_iri,
                name,
                decision,
                now.version,
                reason,
                Contributor(account.name, account.contributor_slug),
            )
            self.writer.write([graph], lambda: self.store.replace_graph(graph, triples))
            after = self.readmodel.current()
            held = standing(after.snapshot, coop)
            return _decided_item(after.snapshot, held, held.decisions[partner_iri])

    # -- helpers -----------------------------------------------------------------------------

    def _cooperation(self, view: View, cooperation: str) -> str:
        iri = record_iri_for("cooperations", cooperation)
        if iri not in view.snapshot.records["cooperations"]:
            raise NotFoundError(
                f"Keine Kooperation „{local_id(iri)}“ / no cooperation '{local_id(iri)}'"
            )
        return iri

    # Every write changes the Land, so these are made again after each one; ``again`` lets
    # the writer make them for the next state before it is published (readmodel.memo).

    def _pending_in(self, view: View, account: Account, lang: str) -> list[Claim]:
        key = ("confirmations.pending", account.admin, account.kommunen, lang)
        return view.remember(
            key,
            [LAND],
            lambda: self._pending(view, account, lang),
            lambda later: self._pending_in(later, account, lang),
        )

    def _decided_in(self, view: View, account: Account) -> list[Decided]:
        key = ("confirmations.decided", account.contributor_slug)
        return view.remember(
            key,
            [LAND],
            lambda: self._decided(view, account),
            lambda later: self._decided_in(later, account),
        )

    def _land(self, view: View) -> _Land:
        return view.remember(
            ("confirmations.land",), [LAND], lambda: _claims_of(view.snapshot), self._land
        )

    def _pending(self, view: View, account: Account, lang: str) -> list[Claim]:
        snapshot = view.snapshot
        claims: list[Claim] = []
        for coop, partner in self._land(view).claimed:
            if not _covers(view, account, partner):
                continue
            now = standing(snapshot, coop)
            if now.partners.get(partner) != CLAIMED:
                continue
            props = snapshot.records["cooperations"][coop]
            form = iris(props, BG.cooperationForm)
            contribution = next(
                (
                    view.graph_dates[g]
                    for g in sorted(snapshot.graphs.get(coop, ()))
                    if g in view.graph_dates
                ),
                GraphDates(),
            )
            previous = now.decisions.get(partner)
            claims.append(
                Claim(
                    cooperation=coop,
                    kennung=local_id(coop),
                    name=name_of(snapshot, "cooperations", coop),
                    form=snapshot.concept_label(form[0], lang) if form else None,
                    partner=_partner(snapshot, partner, now),
                    partners=[_partner(snapshot, p, now) for p in sorted(now.partners)],
                    contributor=contribution.attributed,
                    contributor_name=contribution.contributor,
                    since=contribution.generated,
                    outdated=now.outdated(partner),
                    previous=previous,
                )
            )
        return sorted(claims, key=lambda c: (c.since or "", c.kennung, c.partner.kennung))

    def _decided(self, view: View, account: Account) -> list[Decided]:
        snapshot = view.snapshot
        mine = str(Contributor(account.name, account.contributor_slug).iri)
        found: list[Decided] = []
        for node, coop in self._land(view).decided_on.items():
            props = snapshot.records["confirmations"].get(node, {})
            if mine not in iris(props, PROV.wasAttributedTo):
                continue
            now = standing(snapshot, coop)
            partner = iris(props, BG.confirmingPartner)
            decision = now.decisions.get(partner[0]) if partner else None
            if decision is None or decision.iri != node:
                continue
            found.append(_decided_item(snapshot, now, decision))
        return sorted(found, key=lambda d: d.at or "", reverse=True)


def _claims_of(snapshot: Snapshot) -> _Land:
    land = _Land()
    for coop, props in snapshot.records["cooperations"].items():
        if _CLAIMED not in props:  # most cooperations: read past without building lists
            continue
        for partner in iris(props, BG.claimedPartner):
            land.claimed.append((coop, partner))
        for node in iris(props, BG.confirmation):
            land.decided_on[node] = coop
    land.claimed.sort()
    return land


def _covers(view: View, account: Account, partner: str) -> bool:
    places = view.index.kommunen.get(partner, frozenset())
    return any(account.covers(place.removeprefix(KOMMUNE_PREFIX)) for place in places)


def _partner(snapshot: Snapshot, iri: str, now: Standing) -> Partner:
    return Partner(
        iri, local_id(iri), name_of(snapshot, "actors", iri), now.partners.get(iri, CLAIMED)
    )


def _decided_item(snapshot: Snapshot, now: Standing, decision: Decision) -> Decided:
    """``decision`` as listed to the account, current when made for ``now``'s version."""
    coop = now.cooperation
    return Decided(
        cooperation=coop,
        kennung=local_id(coop),
        name=text(snapshot.records["cooperations"][coop], SCHEMA.name) or local_id(coop),
        partner=_partner(snapshot, decision.partner, now),
        decision=decision.decision,
        reason=decision.reason,
        at=decision.at,
        current=decision.version == now.version,
        iri=decision.iri,
    )


def _decision_graph(
    coop: str,
    partner: str,
    name: str,
    decision: str,
    version: str,
    reason: str | None,
    by: Contributor,
) -> Graph:
    node = URIRef(CONFIRMATION_PREFIX + name)
    now = Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=XSD.dateTime)
    triples = Graph()
    triples.add((URIRef(coop), BG.confirmation, node))
    triples.add((node, RDF.type, BG.CooperationConfirmation))
    triples.add((node, RDF.type, PROV.Entity))
    triples.add((node, BG.confirmingPartner, URIRef(partner)))
    triples.add((node, BG.confirmationDecision, URIRef(DECISION_IRIS[decision])))
    triples.add((node, BG.cooperationVersion, Literal(version)))
    triples.add((node, PROV.wasAttributedTo, by.iri))
    triples.add((node, PROV.generatedAtTime, now))
    if reason is not None:
        triples.add((node, BG.reason, Literal(reason)))
    triples.add((by.iri, RDF.type, BG.Contributor))
    triples.add((by.iri, SCHEMA.name, Literal(by.name)))
    return triples
