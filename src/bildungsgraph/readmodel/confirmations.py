"""Whether a cooperation holds for each of its partners: confirmed, claimed or disputed.

A cooperation is stated by one contribution. Its partners outside the Kommunen of the account
that contributed it are *claimed* (``bg:claimedPartner``, set when the contribution is stored);
an account whose Kommunen cover such a partner decides for it: a ``bg:CooperationConfirmation``
(confirmed or disputed, with PROV), linked from the cooperation by ``bg:confirmation``. A
decision holds for the version of the cooperation it was made for (``bg:cooperationVersion``,
the checksum of the cooperation's own statements): a new version of the contribution that
changes the cooperation makes the partner claimed again, one that leaves it unchanged keeps
the decision, and a withdrawn contribution that is restored finds its decisions again. Every
partner that is not claimed counts as confirmed: the contributor's own scope vouches for it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..analysis.model import CLAIMED, CONFIRMED, DISPUTED, STANDINGS
from ..namespaces import BG, PROV, VOC
from ..records.snapshot import Properties, Snapshot
from ..records.terms import lexical
from ..records.values import iris, text

DECISIONS = {
    f"{VOC}confirmation-decision/confirmed": CONFIRMED,
    f"{VOC}confirmation-decision/disputed": DISPUTED,
}
_CONFIRMATION = str(BG.confirmation)


@dataclass(frozen=True)
class Decision:
    """What an account decided for one claimed partner of a cooperation."""

    iri: str
    partner: str
    decision: str  # CONFIRMED or DISPUTED
    version: str  # the cooperation version it was made for
    by: str | None  # the contributor IRI of the deciding account
    at: str | None  # xsd:dateTime
    reason: str | None


@dataclass(frozen=True)
class Standing:
    """A cooperation's standing per partner, with the latest decision for each claimed one."""

    cooperation: str
    version: str
    partners: dict[str, str]  # partner → CONFIRMED, CLAIMED or DISPUTED
    decisions: dict[str, Decision] = field(default_factory=dict)  # current or outdated

    @property
    def status(self) -> str:
        """The worst standing of any partner (a cooperation without partners: confirmed)."""
        return max(self.partners.values(), key=STANDINGS.index, default=CONFIRMED)

    @property
    def pending(self) -> frozenset[str]:
        """The claimed partners that have no current decision."""
        return frozenset(p for p, s in self.partners.items() if s == CLAIMED)

    @property
    def disputed(self) -> frozenset[str]:
        return frozenset(p for p, s in self.partners.items() if s == DISPUTED)

    def outdated(self, partner: str) -> bool:
        """Whether the partner decided for an earlier version of the cooperation."""
        decision = self.decisions.get(partner)
        return decision is not None and decision.version != self.version


def cooperation_version(props: Properties) -> str:
    """The checksum of a cooperation's own statements (its decisions left out): the same for
    the same statements in any order, from any contribution version."""
    statements = sorted(
        (predicate, value if isinstance(value, str) else list(value))
        for predicate, values in props.items()
        if predicate != _CONFIRMATION
        for value in values
        if not (isinstance(value, str) and value.startswith("_:"))
    )
    digest = hashlib.sha256(json.dumps(statements, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def standing(snapshot: Snapshot, cooperation: str) -> Standing:
    """The standing of a cooperation of the snapshot, per partner."""
    props = snapshot.records["cooperations"].get(cooperation, {})
    version = cooperation_version(props)
    claimed = set(iris(props, BG.claimedPartner))
    decisions: dict[str, Decision] = {}
    for iri in iris(props, BG.confirmation):
        decision = _decision(snapshot, iri)
        if decision is None or decision.partner not in claimed:
            continue
        latest = decisions.get(decision.partner)
        if latest is None or (decision.at or "") > (latest.at or ""):
            decisions[decision.partner] = decision
    partners: dict[str, str] = {}
    for partner in iris(props, BG.partner):
        decision = decisions.get(partner)
        if partner not in claimed:
            partners[partner] = CONFIRMED
        elif decision is not None and decision.version == version:
            partners[partner] = decision.decision
        else:
            partners[partner] = CLAIMED
    return Standing(cooperation, version, partners, decisions)


def _decision(snapshot: Snapshot, iri: str) -> Decision | None:
    props = snapshot.records["confirmations"].get(iri)
    if props is None:
        return None
    partner = iris(props, BG.confirmingPartner)
    decision = [DECISIONS[c] for c in iris(props, BG.confirmationDecision) if c in DECISIONS]
    versions = props.get(str(BG.cooperationVersion), [])
    if not partner or not decision or not versions:
        return None
    attributed = iris(props, PROV.wasAttributedTo)
    return Decision(
        iri=iri,
        partner=partner[0],
        decision=decision[0],
        version=lexical(versions[0]),
        by=attributed[0] if attributed else None,
        at=text(props, PROV.generatedAtTime),
        reason=text(props, BG.reason),
    )
