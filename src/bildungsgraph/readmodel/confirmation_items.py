"""A cooperation's standing as plain data for the faces: the ``confirmation`` of every
cooperation in ``/api/cooperations``, ``/api/cooperations/{id}`` and on the actor pages.

The standing itself is ``confirmations.standing``; this only spells it out per partner, with
the decision (which partner, when, why), so pages and JSON say the same.
"""

from __future__ import annotations

from ..analysis.model import CLAIMED, DISPUTED
from ..namespaces import BG
from ..records.snapshot import Properties, Snapshot
from ..records.values import Item, ref
from .confirmations import standing

_CLAIMED_PARTNER = str(BG.claimedPartner)


def has_claims(props: Properties) -> bool:
    """Whether a cooperation has claimed partners; one without is confirmed, so the readers
    of every cooperation (networks, gaps, counts) skip working out its standing."""
    return _CLAIMED_PARTNER in props


def confirmation_item(snapshot: Snapshot, cooperation: str) -> Item:
    """``status`` (confirmed, claimed, disputed: the worst partner's), ``awaiting`` and
    ``disputed_by`` (partner references) and ``partners``: each with its ``standing`` and
    the latest ``decision`` made for it (``decision``, ``at``, ``by`` the deciding
    contributor, ``reason``, ``outdated`` when it was made for an earlier version)."""
    held = standing(snapshot, cooperation)
    partners = []
    for partner, state in held.partners.items():
        decision = held.decisions.get(partner)
        partners.append(
            ref(snapshot, "actors", partner)
            | {
                "standing": state,
                "decision": None
                if decision is None
                else {
                    "decision": decision.decision,
                    "at": decision.at,
                    "by": decision.by,
                    "reason": decision.reason,
                    "outdated": held.outdated(partner),
                },
            }
        )
    return {
        "status": held.status,
        "awaiting": [p for p in partners if p["standing"] == CLAIMED],
        "disputed_by": [p for p in partners if p["standing"] == DISPUTED],
        "partners": partners,
    }
