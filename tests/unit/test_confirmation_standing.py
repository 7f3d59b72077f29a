"""The standing of a cooperation per partner (``readmodel.confirmations.standing``), on
hand-made snapshots: claimed partners, decisions, versions, the latest decision."""

from __future__ import annotations

from bildungsgraph.namespaces import BG, ID, PROV, VOC
from bildungsgraph.readmodel.confirmation_items import confirmation_item
from bildungsgraph.readmodel.confirmations import (
    CLAIMED,
    CONFIRMED,
    DISPUTED,
    cooperation_version,
    standing,
)
from bildungsgraph.records.snapshot import Properties, Snapshot

COOP = f"{ID}cooperation/05114-koop-test"
A, B, C = (f"{ID}actor/05114-a", f"{ID}actor/05166-b", f"{ID}actor/05166-c")
XSD = "http://www.w3.org/2001/XMLSchema#"


def _snapshot(cooperation: Properties, decisions: dict[str, Properties] | None = None) -> Snapshot:
    records: dict[str, dict[str, Properties]] = {
        "actors": {A: {}, B: {}, C: {}},
        "cooperations": {COOP: cooperation},
        "confirmations": decisions or {},
    }
    return Snapshot(records=records, concepts={}, schemes={}, population={}, age_bands={})


def _cooperation(claimed: tuple[str, ...] = (B, C), links: tuple[str, ...] = ()) -> Properties:
    props: Properties = {
        str(BG.partner): [A, B, C],
        str(BG.claimedPartner): list(claimed),
        "http://schema.org/name": [("Test", "")],
    }
    if links:
        props[str(BG.confirmation)] = list(links)
    return props


def _decision(
    partner: str, decision: str, version: str, at: str, reason: str | None = None
) -> Properties:
    props: Properties = {
        str(BG.confirmingPartner): [partner],
        str(BG.confirmationDecision): [f"{VOC}confirmation-decision/{decision}"],
        str(BG.cooperationVersion): [(version, "")],
        str(PROV.wasAttributedTo): [f"{ID}contributor/account-2"],
        str(PROV.generatedAtTime): [(at, f"{XSD}dateTime")],
    }
    if reason is not None:
        props[str(BG.reason)] = [(reason, "")]
    return props


def test_claimed_partners_wait_and_unclaimed_ones_count_as_confirmed() -> None:
    held = standing(_snapshot(_cooperation()), COOP)
    assert held.partners == {A: CONFIRMED, B: CLAIMED, C: CLAIMED}
    assert held.status == CLAIMED
    assert held.pending == {B, C}
    assert held.disputed == frozenset()


def test_without_claims_everything_is_confirmed() -> None:
    held = standing(_snapshot(_cooperation(claimed=())), COOP)
    assert held.status == CONFIRMED and not held.pending


def test_an_unknown_cooperation_has_no_partners_and_counts_as_confirmed() -> None:
    assert standing(_snapshot(_cooperation()), f"{ID}cooperation/none").status == CONFIRMED


def test_decisions_for_the_current_version_hold_and_dispute_is_worst() -> None:
    version = cooperation_version(_cooperation())
    links = (f"{ID}confirmation/1", f"{ID}confirmation/2")
    snapshot = _snapshot(
        _cooperation(links=links),
        {
            links[0]: _decision(B, "confirmed", version, "2026-05-01T10:00:00Z"),
            links[1]: _decision(C, "disputed", version, "2026-05-02T10:00:00Z", "nie gehört"),
        },
    )
    held = standing(snapshot, COOP)
    assert held.partners == {A: CONFIRMED, B: CONFIRMED, C: DISPUTED}
    assert held.status == DISPUTED
    assert held.decisions[C].reason == "nie gehört"
    assert held.decisions[C].by == f"{ID}contributor/account-2"


def test_the_confirmation_links_do_not_change_the_version() -> None:
    assert cooperation_version(_cooperation()) == cooperation_version(
        _cooperation(links=(f"{ID}confirmation/1",))
    )


def test_a_decision_for_an_earlier_version_is_outdated() -> None:
    link = f"{ID}confirmation/1"
    snapshot = _snapshot(
        _cooperation(links=(link,)),
        {
            link: _decision(B, "confirmed", "0123456789abcdef", "2026-05-01T10:00:00Z"),
        },
    )
    held = standing(snapshot, COOP)
    assert held.partners[B] == CLAIMED
    assert held.outdated(B)
    assert not held.outdated(C)


def test_the_latest_decision_of_a_partner_counts() -> None:
    version = cooperation_version(_cooperation())
    links = (f"{ID}confirmation/1", f"{ID}confirmation/2")
    snapshot = _snapshot(
        _cooperation(links=links),
        {
            links[0]: _decision(B, "disputed", version, "2026-05-01T10:00:00Z", "falsch"),
            links[1]: _decision(B, "confirmed", version, "2026-06-01T10:00:00Z"),
        },
    )
    assert standing(snapshot, COOP).partners[B] == CONFIRMED


def test_a_decision_for_a_partner_that_is_not_claimed_is_ignored() -> None:
    version = cooperation_version(_cooperation(claimed=(B,)))
    link = f"{ID}confirmation/1"
    snapshot = _snapshot(
        _cooperation(claimed=(B,), links=(link,)),
        {
            link: _decision(C, "disputed", version, "2026-05-01T10:00:00Z", "x"),
        },
    )
    assert standing(snapshot, COOP).partners[C] == CONFIRMED


def test_the_confirmation_item_spells_out_each_partner() -> None:
    version = cooperation_version(_cooperation())
    link = f"{ID}confirmation/1"
    snapshot = _snapshot(
        _cooperation(links=(link,)),
        {
            link: _decision(C, "disputed", version, "2026-05-02T10:00:00Z", "<b>nein</b>"),
        },
    )
    item = confirmation_item(snapshot, COOP)
    assert item["status"] == DISPUTED
    assert [p["iri"] for p in item["awaiting"]] == [B]
    [disputing] = item["disputed_by"]
    assert disputing["iri"] == C
    assert disputing["decision"] == {
        "decision": DISPUTED,
        "at": "2026-05-02T10:00:00Z",
        "by": f"{ID}contributor/account-2",
        "reason": "<b>nein</b>",
        "outdated": False,
    }
    assert {p["iri"]: p["standing"] for p in item["partners"]} == {
        A: CONFIRMED,
        B: CLAIMED,
        C: DISPUTED,
    }
