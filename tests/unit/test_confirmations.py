"""Claimed partners and their decisions: the scope rule for cooperations across Kommunen,
the claims set on storing, the standing per partner and version, and withdraw / replace."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from bildungsgraph.accounts import Account
from bildungsgraph.errors import ForbiddenError, InvalidParameterError, NotFoundError
from bildungsgraph.namespaces import BG, ID
from bildungsgraph.readmodel import persist
from bildungsgraph.readmodel.confirmations import CLAIMED, CONFIRMED, DISPUTED
from bildungsgraph.service import BildungsGraph
from bildungsgraph.service.confirmations import MAX_REASON, confirmation_name

pytestmark = pytest.mark.slow
COOPERATIONS = "Kennung,Bezeichnung,Partner,Kooperationsform,Gebiet\n"
ACTORS = "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
KREFELD_ACTOR, VIERSEN_ACTOR = "05114-vhs", "05166-vhs"  # of the example data
COOP = f"{ID}cooperation/kr-vhs"


def csv(name: str, text: str) -> list[tuple[str, bytes]]:
    return [(f"{name}.csv", text.encode("utf-8"))]


def cooperation(
    kennung: str = "kr-vhs",
    name: str = "Sprachkurse am Niederrhein",
    partners: str = f"{KREFELD_ACTOR} | {VIERSEN_ACTOR}",
    area: str = "",
) -> str:
    return f"{COOPERATIONS}{kennung},{name},{partners},project-partnership,{area}\n"


@pytest.fixture
def krefeld(loaded_service: BildungsGraph) -> Account:
    return loaded_service.accounts.create("Bildungsbüro Krefeld", ["05114"])[0]


@pytest.fixture
def viersen(loaded_service: BildungsGraph) -> Account:
    return loaded_service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])[0]


def claimed(service: BildungsGraph, coop: str = COOP) -> set[str]:
    return {
        str(o)
        for _, p, o, _ in service.store.statements_about([coop])
        if p == str(BG.claimedPartner)
    }


def contribute(service: BildungsGraph, account: Account, text: str, **kwargs: object) -> str:
    outcome = service.contributions.contribute_as(csv("kooperationen", text), account, **kwargs)  # type: ignore[arg-type]
    assert outcome.stored, outcome.report.to_text("en")
    assert outcome.graph is not None
    return outcome.graph.rsplit("/", 1)[-1]


# -- the scope rule and the claims ---------------------------------------------------------


def test_a_cooperation_with_one_partner_inside_is_stored_and_claims_the_other(
    loaded_service: BildungsGraph, krefeld: Account
) -> None:
    contribute(loaded_service, krefeld, cooperation())
    assert claimed(loaded_service) == {f"{ID}actor/{VIERSEN_ACTOR}"}
    standing = loaded_service.confirmations.standing("kr-vhs")
    assert standing.partners == {
        f"{ID}actor/{KREFELD_ACTOR}": CONFIRMED,
        f"{ID}actor/{VIERSEN_ACTOR}": CLAIMED,
    }
    assert standing.status == CLAIMED


def test_a_cooperation_with_no_partner_inside_is_refused_naming_its_partners(
    loaded_service: BildungsGraph, krefeld: Account
) -> None:
    sizes = loaded_service.store.graph_sizes()
    outcome = loaded_service.contributions.contribute_as(
        csv("kooperationen", cooperation(partners=f"{VIERSEN_ACTOR} | 05166-ki")), krefeld
    )
    [problem] = [p for p in outcome.report.violations if p.constraint == "scope:kommune"]
    assert problem.kennung == "kr-vhs" and "über ihre Partner" in problem.message_de
    assert "none of which lies in your Kommunen" in problem.message_en
    assert loaded_service.store.graph_sizes() == sizes


def test_a_cooperation_placed_by_its_own_area_keeps_the_old_rule(
    loaded_service: BildungsGraph, krefeld: Account
) -> None:
    outcome = loaded_service.contributions.contribute_as(
        csv("kooperationen", cooperation(area="05166")), krefeld
    )
    assert [p.kennung for p in outcome.report.violations if p.constraint == "scope:kommune"] == [
        "kr-vhs"
    ]
    inside = contribute(loaded_service, krefeld, cooperation(area="05114"))
    assert inside and claimed(loaded_service) == {f"{ID}actor/{VIERSEN_ACTOR}"}


def test_partners_placed_nowhere_and_admin_contributions_claim_nothing(
    loaded_service: BildungsGraph, krefeld: Account
) -> None:
    contribute(
        loaded_service, krefeld, f"{ACTORS}kr-neu,Neuer Verein,association,\n", title="ortlos"
    )
    contribute(loaded_service, krefeld, cooperation(partners=f"{KREFELD_ACTOR} | kr-neu"))
    assert claimed(loaded_service) == set()
    admin = loaded_service.accounts.create("Landesstelle", [], admin=True)[0]
    contribute(loaded_service, admin, cooperation("land-k"))
    assert claimed(loaded_service, f"{ID}cooperation/land-k") == set()
    assert loaded_service.confirmations.standing("land-k").status == CONFIRMED


def test_an_upload_may_not_state_claims_or_decisions(
    loaded_service: BildungsGraph, viersen: Account
) -> None:
    node = f"{ID}confirmation/forged"
    turtle = (
        f"<{ID}cooperation/05114-koop-0001> <{BG.confirmation}> <{node}> .\n"
        f"<{node}> <{BG.confirmingPartner}> <{ID}actor/{VIERSEN_ACTOR}> .\n"
    ).encode()
    outcome = loaded_service.contributions.contribute_as([("x.nt", turtle)], viersen)
    assert not outcome.stored
    reserved = [p for p in outcome.report.violations if p.constraint == "ownership:reserved"]
    assert {p.focus_node for p in reserved} == {f"{ID}cooperation/05114-koop-0001", node}
    assert "Zu bestätigen" in reserved[0].message_de


# -- lists and decisions --------------------------------------------------------------------


def test_the_claim_is_listed_for_the_partners_kommune_only(
    loaded_service: BildungsGraph, krefeld: Account, viersen: Account
) -> None:
    contribute(loaded_service, krefeld, cooperation(), title="Sprachkurse")
    [claim] = loaded_service.confirmations.pending(viersen)
    assert claim.kennung == "kr-vhs" and claim.partner.kennung == VIERSEN_ACTOR
    assert claim.contributor_name == "Bildungsbüro Krefeld" and claim.since
    assert not claim.outdated and claim.form
    assert loaded_service.confirmations.pending(krefeld) == []
    # the VHS serves the Kreis and lies in the Stadt Viersen, not in Brüggen
    stadt = loaded_service.accounts.create("Stadt Viersen", ["05166032"])[0]
    assert [c.kennung for c in loaded_service.confirmations.pending(stadt)] == ["kr-vhs"]
    brueggen = loaded_service.accounts.create("Gemeinde Brüggen", ["05166004"])[0]
    assert loaded_service.confirmations.pending(brueggen) == []


def test_confirming_and_disputing(
    loaded_service: BildungsGraph, krefeld: Account, viersen: Account
) -> None:
    contribute(loaded_service, krefeld, cooperation())
    confirmations = loaded_service.confirmations
    made = confirmations.decide(viersen, "kr-vhs", VIERSEN_ACTOR, "confirmed")
    assert made.decision == CONFIRMED and made.current and made.at
    assert confirmations.standing("kr-vhs").status == CONFIRMED
    assert confirmations.pending(viersen) == []
    graph = (
        f"https://w3id.org/bildungsgraph/graph/confirmation/"
        f"{confirmation_name(COOP, f'{ID}actor/{VIERSEN_ACTOR}')}"
    )
    assert loaded_service.store.has_graph(graph)
    # a new decision replaces the old one, in the same graph
    confirmations.decide(viersen, "kr-vhs", VIERSEN_ACTOR, "disputed", "  Gibt es nicht.  ")
    standing = confirmations.standing("kr-vhs")
    assert standing.status == DISPUTED
    assert standing.decisions[f"{ID}actor/{VIERSEN_ACTOR}"].reason == "Gibt es nicht."
    [decided] = confirmations.decided(viersen)
    assert decided.decision == DISPUTED and decided.reason == "Gibt es nicht."
    assert confirmations.decided(krefeld) == []


def test_wrong_decisions_are_refused(
    loaded_service: BildungsGraph, krefeld: Account, viersen: Account
) -> None:
    contribute(loaded_service, krefeld, cooperation())
    decide = loaded_service.confirmations.decide
    sizes = loaded_service.store.graph_sizes()
    with pytest.raises(InvalidParameterError, match="Grund"):
        decide(viersen, "kr-vhs", VIERSEN_ACTOR, "disputed", "   ")
    with pytest.raises(InvalidParameterError, match=str(MAX_REASON)):
        decide(viersen, "kr-vhs", VIERSEN_ACTOR, "disputed", "x" * (MAX_REASON + 1))
    with pytest.raises(InvalidParameterError, match="unknown decision"):
        decide(viersen, "kr-vhs", VIERSEN_ACTOR, "maybe")
    with pytest.raises(ForbiddenError):
        decide(krefeld, "kr-vhs", VIERSEN_ACTOR, "confirmed")
    with pytest.raises(NotFoundError, match="no cooperation"):
        decide(viersen, "gibt-es-nicht", VIERSEN_ACTOR, "confirmed")
    with pytest.raises(NotFoundError, match="no partner"):
        decide(viersen, "kr-vhs", "05166-ki", "confirmed")
    with pytest.raises(InvalidParameterError, match="not claimed"):
        decide(krefeld, "kr-vhs", KREFELD_ACTOR, "confirmed")
    assert loaded_service.store.graph_sizes() == sizes


# -- versions, replace, withdraw, restore -----------------------------------------------------


def test_a_changed_cooperation_is_claimed_again_an_unchanged_one_keeps_its_decision(
    loaded_service: BildungsGraph, krefeld: Account, viersen: Account
) -> None:
    first = contribute(loaded_service, krefeld, cooperation())
    confirmations = loaded_service.confirmations
    confirmations.decide(viersen, "kr-vhs", VIERSEN_ACTOR, "confirmed")
    # same cooperation, another record beside it: a new version, the decision holds
    contribute(
        loaded_service,
        krefeld,
        cooperation() + "kr-2,Zweite,05114-vhs | 05114-ki,project-partnership,\n",
        replace=first,
    )
    assert confirmations.standing("kr-vhs").status == CONFIRMED
    assert confirmations.pending(viersen) == []
    # the cooperation changed: claimed again, the old decision shown as outdated
    contribute(loaded_service, krefeld, cooperation(name="Sprachkurse neu"), replace=first)
    assert confirmations.standing("kr-vhs").status == CLAIMED
    [claim] = confirmations.pending(viersen)
    assert claim.outdated and claim.previous is not None
    assert claim.previous.decision == CONFIRMED
    [decided] = confirmations.decided(viersen)
    assert not decided.current


def test_withdrawing_removes_the_claim_and_restoring_brings_back_the_decision(
    loaded_service: BildungsGraph, krefeld: Account, viersen: Account
) -> None:
    contribution = contribute(
        loaded_service,
        krefeld,
        cooperation() + "kr-2,Zweite,05114-vhs | 05166-ki,project-partnership,\n",
    )
    confirmations = loaded_service.confirmations
    confirmations.decide(viersen, "kr-vhs", VIERSEN_ACTOR, "confirmed")
    assert [c.kennung for c in confirmations.pending(viersen)] == ["kr-2"]
    loaded_service.contributions.withdraw(contribution, krefeld)
    assert confirmations.pending(viersen) == []
    assert confirmations.decided(viersen) == []
    loaded_service.contributions.restore(contribution, krefeld)
    assert confirmations.standing("kr-vhs").status == CONFIRMED
    assert [c.kennung for c in confirmations.pending(viersen)] == ["kr-2"]
    assert [d.kennung for d in confirmations.decided(viersen)] == ["kr-vhs"]


def test_the_contributor_can_restate_a_decided_cooperation(
    loaded_service: BildungsGraph, krefeld: Account, viersen: Account
) -> None:
    """A decision graph states a triple about the cooperation, but does not own it."""
    first = contribute(loaded_service, krefeld, cooperation())
    loaded_service.confirmations.decide(viersen, "kr-vhs", VIERSEN_ACTOR, "confirmed")
    contribute(loaded_service, krefeld, cooperation(name="Umbenannt"), replace=first)


def test_the_pending_list_is_kept_per_view_and_set_of_kommunen(
    loaded_service: BildungsGraph, krefeld: Account, viersen: Account
) -> None:
    contribute(loaded_service, krefeld, cooperation())
    confirmations = loaded_service.confirmations
    first = confirmations.pending(viersen)
    other = loaded_service.accounts.create("Zweites Konto Viersen", ["05166"])[0]
    assert confirmations.pending(other) is first  # same Kommunen, same view: remembered
    confirmations.decide(viersen, "kr-vhs", VIERSEN_ACTOR, "confirmed")
    assert confirmations.pending(other) == []  # the write made a new view


def test_a_saved_view_of_an_older_format_means_a_build(tmp_path: Path) -> None:
    """A view pickled before the "confirmations" kind existed is not loaded (no KeyError)."""
    (tmp_path / persist.VIEW_FILE).write_bytes(
        pickle.dumps({"format": 1, "state": "x", "snapshot": object()})
    )
    assert persist.FORMAT > 1
    assert persist.load_view(tmp_path) is None
