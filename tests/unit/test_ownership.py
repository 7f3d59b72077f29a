"""Record ownership and the Kommune scope: a contribution states things only about its own
records and about records in the account's Kommunen, whatever the file type; it may refer
to anyone's records. One test per case, each asserting the store is unchanged on refusal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from bildungsgraph.accounts import Account
from bildungsgraph.contribution import Contributor
from bildungsgraph.ingest import read_contribution
from bildungsgraph.namespaces import EXAMPLE_GRAPH, ID
from bildungsgraph.ownership import claim_problems, stated_records
from bildungsgraph.service import BildungsGraph
from bildungsgraph.service import contributions as contributions_module
from bildungsgraph.store import GraphStore, Statement

pytestmark = pytest.mark.slow
ACTORS = "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
SITES = "Kennung,Akteur,Bezeichnung,Straße,PLZ,Ort,Gemeinde\n"
OFFERS = "Kennung,Titel,Anbieter,Lebensphase,Themenfeld,Format,Angebotsart,Gebiet\n"
COOPERATIONS = "Kennung,Bezeichnung,Partner,Kooperationsform,Gebiet\n"
MEMBERSHIPS = "Kennung,Netzwerk,Akteur\n"
VIERSEN_ACTOR = "05166-ki"  # an actor of the example data (graph/example), in Kreis Viersen
EXAMPLE_TITLE = "Erfundene Beispiel-Bildungslandschaft"


def csv(name: str, text: str) -> list[tuple[str, bytes]]:
    return [(f"{name}.csv", text.encode("utf-8"))]


def violations(outcome: object, constraint: str) -> list[object]:
    report = outcome.report  # type: ignore[attr-defined]
    return [p for p in report.violations if p.constraint == constraint]


@pytest.fixture
def heinsberg(loaded_service: BildungsGraph) -> Account:
    return loaded_service.accounts.create("Bildungsbüro Kreis Heinsberg", ["05370"])[0]


@pytest.fixture
def sizes(loaded_service: BildungsGraph) -> Iterator[dict[str, int]]:
    """The graph sizes before the test; the test asserts them unchanged where it refuses."""
    yield loaded_service.store.graph_sizes()


def test_turtle_renaming_another_contributions_actor_is_refused(
    loaded_service: BildungsGraph, heinsberg: Account, sizes: dict[str, int]
) -> None:
    turtle = (f'<{ID}actor/{VIERSEN_ACTOR}> <https://schema.org/name> "Gehackt" .\n').encode()
    outcome = loaded_service.contributions.contribute_as([("x.nt", turtle)], heinsberg)
    assert not outcome.stored
    [problem] = violations(outcome, "ownership:record")
    assert problem.kennung == VIERSEN_ACTOR and problem.file == "x.nt"
    assert EXAMPLE_TITLE in problem.message_de and "(example)" in problem.message_de
    assert "05166 Viersen" in problem.message_de and "Verweisen Sie auf die Kennung" in (
        problem.message_de
    )
    assert "Refer to the Kennung" in problem.message_en
    assert loaded_service.store.graph_sizes() == sizes


def test_a_row_with_another_contributions_kennung_is_refused(
    loaded_service: BildungsGraph, heinsberg: Account
) -> None:
    other = loaded_service.accounts.create("Stadt Heinsberg", ["05370016"])[0]
    first = loaded_service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}hs-vhs,VHS Heinsberg,adult-education-centre,05370016\n"),
        other,
        title="VHS",
    )
    assert first.stored, first.report.to_text("en")
    sizes = loaded_service.store.graph_sizes()
    outcome = loaded_service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}hs-vhs,Zweiter Name,adult-education-centre,05370\n"), heinsberg
    )
    [problem] = violations(outcome, "ownership:record")
    contribution_id = first.graph.rsplit("/", 1)[-1]
    assert f"Beitrag „VHS“ ({contribution_id})" in problem.message_de
    assert (problem.file, problem.row, problem.column) == ("akteure.csv", 2, "Kennung")
    assert loaded_service.store.graph_sizes() == sizes


def test_resubmitting_ones_own_records_asks_for_a_new_version(
    loaded_service: BildungsGraph, heinsberg: Account
) -> None:
    first = loaded_service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}hs-bib,Bücherei,library,05370\n"), heinsberg
    )
    assert first.stored, first.report.to_text("en")
    sizes = loaded_service.store.graph_sizes()
    again = loaded_service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}hs-bib,Bücherei Neu,library,05370\n"), heinsberg
    )
    [problem] = violations(again, "ownership:record")
    assert "Ihrem Beitrag" in problem.message_de and "neue Fassung" in problem.message_de
    assert "your contribution" in problem.message_en
    assert loaded_service.store.graph_sizes() == sizes


def test_replacing_ones_contribution_replaces_its_records(
    loaded_service: BildungsGraph, heinsberg: Account
) -> None:
    first = loaded_service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}hs-alt,Alter Name,library,05370\n"), heinsberg
    )
    replaced = loaded_service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}hs-alt,Neuer Name,library,05370\n"),
        heinsberg,
        replace=first.graph.rsplit("/", 1)[-1],
    )
    assert replaced.stored and replaced.graph == first.graph, replaced.report.to_text("en")
    names = {
        str(o)
        for _, p, o, _ in loaded_service.store.statements_about([f"{ID}actor/hs-alt"])
        if p == "https://schema.org/name"
    }
    assert names == {"Neuer Name"}  # no accumulation


def test_referring_to_another_contributions_records_is_allowed(
    loaded_service: BildungsGraph, heinsberg: Account
) -> None:
    offer = (
        f"{OFFERS}hs-kurs,Kurs in Heinsberg,{VIERSEN_ACTOR},adult-education,"
        "language-literacy,digital,course,05370\n"
    )
    outcome = loaded_service.contributions.contribute_as(csv("angebote", offer), heinsberg)
    assert outcome.stored, outcome.report.to_text("en")


def test_an_offer_without_place_lies_where_its_provider_lies(
    loaded_service: BildungsGraph, heinsberg: Account, sizes: dict[str, int]
) -> None:
    offer = (
        f"{OFFERS}hs-kurs,Kurs,{VIERSEN_ACTOR},adult-education,language-literacy,digital,course,\n"
    )
    outcome = loaded_service.contributions.contribute_as(csv("angebote", offer), heinsberg)
    [problem] = violations(outcome, "scope:kommune")
    assert problem.kennung == "hs-kurs" and "05166" in problem.message_de
    assert "über die verknüpften Datensätze" in problem.message_de
    assert loaded_service.store.graph_sizes() == sizes


def test_a_cooperation_without_place_lies_where_its_partners_lie(
    loaded_service: BildungsGraph, heinsberg: Account, sizes: dict[str, int]
) -> None:
    cooperation = (
        f"{COOPERATIONS}hs-k,Partner,{VIERSEN_ACTOR} | 05114-bildungsbuero,project-partnership,\n"
    )
    outcome = loaded_service.contributions.contribute_as(
        csv("kooperationen", cooperation), heinsberg
    )
    [problem] = violations(outcome, "scope:kommune")
    assert "05114" in problem.value and "05166" in problem.value
    assert loaded_service.store.graph_sizes() == sizes


def test_a_membership_lies_where_its_actor_and_network_lie(
    loaded_service: BildungsGraph, heinsberg: Account, sizes: dict[str, int]
) -> None:
    membership = f"{MEMBERSHIPS}hs-m,05166-rbn-lenkungskreis,{VIERSEN_ACTOR}\n"
    outcome = loaded_service.contributions.contribute_as(
        csv("mitgliedschaften", membership), heinsberg
    )
    [problem] = violations(outcome, "scope:kommune")
    assert problem.kennung == "hs-m" and "05166" in problem.value
    assert loaded_service.store.graph_sizes() == sizes


def test_a_site_for_another_contributions_actor_is_the_sites_own_record(
    loaded_service: BildungsGraph, heinsberg: Account
) -> None:
    """``actor bg:hasSite site`` comes with the site's row: it is about the site."""
    site = f"{SITES}hs-s1,{VIERSEN_ACTOR},Außenstelle,Markt 1,52525,Heinsberg,05370016\n"
    outcome = loaded_service.contributions.contribute_as(csv("standorte", site), heinsberg)
    assert outcome.stored, outcome.report.to_text("en")
    mapped = read_contribution(csv("standorte", site))
    assert stated_records(mapped.graph) == {f"{ID}site/hs-s1"}


def test_an_admin_writes_anywhere_but_not_over_another_contribution(
    loaded_service: BildungsGraph, sizes: dict[str, int]
) -> None:
    admin = loaded_service.accounts.create("Landesstelle", [], admin=True)[0]
    elsewhere = loaded_service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}land-1,Landesverband,association,05\n"), admin, dry_run=True
    )
    assert elsewhere.report.conforms, elsewhere.report.to_text("en")
    taken = loaded_service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}{VIERSEN_ACTOR},Umbenannt,library,05166\n"), admin
    )
    assert violations(taken, "ownership:record") and not violations(taken, "scope:kommune")
    assert loaded_service.store.graph_sizes() == sizes


def test_the_example_data_reloads_over_its_own_graph(loaded_service: BildungsGraph) -> None:
    """Replacing a graph is no claim on its own records (the example is one graph)."""
    mapped = read_contribution(csv("akteure", f"{ACTORS}{VIERSEN_ACTOR},Neu,library,05166\n"))
    store = loaded_service.store
    assert claim_problems(store, mapped, own=[str(EXAMPLE_GRAPH)]) == []
    assert [p.constraint for p in claim_problems(store, mapped)] == ["ownership:record"]


def test_a_claim_landed_during_validation_is_caught_before_the_write(
    loaded_service: BildungsGraph, heinsberg: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validation runs outside the write lock; the ownership check runs again inside it."""
    service = loaded_service
    real_review = contributions_module.review
    rivals: list[object] = []

    def review_then_someone_else_lands(*args: object, **kwargs: object) -> object:
        result = real_review(*args, **kwargs)  # type: ignore[arg-type]
        if not rivals:  # once: the rival's own contribution comes through here too
            rivals.append(None)
            rivals[0] = service.contributions.contribute(
                csv("akteure", f"{ACTORS}hs-race,Schneller,library,05370\n"), "Andere Stelle"
            )
        return result

    monkeypatch.setattr(contributions_module, "review", review_then_someone_else_lands)
    outcome = service.contributions.contribute_as(
        csv("akteure", f"{ACTORS}hs-race,Langsamer,library,05370\n"), heinsberg
    )
    assert rivals[0].stored  # type: ignore[attr-defined]
    assert not outcome.stored
    assert violations(outcome, "ownership:record")
    names = {
        str(o)
        for _, p, o, _ in service.store.statements_about([f"{ID}actor/hs-race"])
        if p == "https://schema.org/name"
    }
    assert names == {"Schneller"}


class _CountingStore:
    """A store that counts the subjects looked up and refuses whole-store scans."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self.looked_up: list[str] = []

    def statements_about(self, subjects: Iterable[str]) -> Iterator[Statement]:
        subjects = list(subjects)
        self.looked_up.extend(subjects)
        return self._store.statements_about(subjects)

    def statements(self, subjects: object = None) -> Iterator[Statement]:
        raise AssertionError("the ownership check must not scan the store")

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


def test_the_check_looks_up_only_the_records_and_what_they_link_to(
    loaded_service: BildungsGraph,
) -> None:
    rows = "".join(f"hs-{n},Verein {n},association,05370\n" for n in range(50))
    offers = (
        f"{OFFERS}hs-o,Kurs,{VIERSEN_ACTOR},adult-education,language-literacy,digital,course,\n"
    )
    mapped = read_contribution(csv("akteure", ACTORS + rows) + csv("angebote", offers))
    counting = _CountingStore(loaded_service.store)
    account = Account(1, "Heinsberg", ("05370",))
    problems = claim_problems(
        counting,
        mapped,
        scope=account,  # type: ignore[arg-type]
        contributor=str(Contributor.named("x").iri),
    )
    assert [p.kennung for p in problems] == ["hs-o"]
    # 51 records, the provider and its site: the cost follows the contribution
    assert len(set(counting.looked_up)) <= 51 + 2
