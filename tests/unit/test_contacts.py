"""Contact persons: the protected store, retention, and all-or-nothing with the store write."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bildungsgraph.config import ONTOLOGY_FILE
from bildungsgraph.contacts import ContactPerson, ContactStore, contacts_csv, take_contacts
from bildungsgraph.errors import IngestError
from bildungsgraph.ingest import read_contribution
from bildungsgraph.service import BildungsGraph
from bildungsgraph.service.contacts import Contacts
from bildungsgraph.store import open_store

ACTOR = "https://w3id.org/bildungsgraph/id/actor/05166-bildungsbuero"
GRAPH = "https://w3id.org/bildungsgraph/graph/contribution/abc"
HEADER = "Kennung,Name,Funktion,E-Mail,Telefon,Akteur,Einwilligung am\n"


def person(
    kennung: str = "k1", name: str = "Frieda Quellenschutz", consent: date = date(2026, 6, 1)
) -> ContactPerson:
    return ContactPerson(kennung, ACTOR, name, consent, "Leitung", "frieda@example.org", "02162 1")


def contacts_file(*rows: str) -> tuple[str, bytes]:
    return "ansprechpartner.csv", (HEADER + "".join(row + "\n" for row in rows)).encode()


FRIEDA = (
    "kontakt-frieda,Frieda Quellenschutz,Leitung,frieda.quellenschutz@example.org,"
    "02162 1234,05166-bildungsbuero,2026-11-01"
)
ERNA = "kontakt-erna,Erna Zweitfassung,,,,05166-bildungsbuero,2026-10-01"


# -- the protected store ---------------------------------------------------------------------


def test_pending_rows_count_only_once_settled(tmp_path: Path) -> None:
    store = ContactStore(tmp_path / "c.sqlite3")
    since = date(2020, 1, 1)
    store.pend(GRAPH, [person()], ["h1"])
    assert store.of_actor(ACTOR, since) == []
    assert store.pending() == {GRAPH: ["h1"]}
    store.settle(GRAPH, stored=True)
    assert [p.name for p in store.of_actor(ACTOR, since)] == ["Frieda Quellenschutz"]
    assert store.pending() == {}
    # a new version replaces the old rows only when its write landed
    store.pend(GRAPH, [person("k2", "Erna Zweitfassung")], ["h2"])
    store.settle(GRAPH, stored=False)
    assert [p.name for p in store.of_actor(ACTOR, since)] == ["Frieda Quellenschutz"]
    store.pend(GRAPH, [person("k2", "Erna Zweitfassung")], ["h2"])
    store.settle(GRAPH, stored=True)
    assert [p.name for p in store.all(since)] == ["Erna Zweitfassung"]
    assert store.forget(GRAPH) == 1
    assert store.all(since) == [] and store.graphs() == []
    store.close()


def test_retention_counts_from_the_consent_date() -> None:
    store = ContactStore(None)
    store.pend(GRAPH, [person("old", consent=date(2024, 1, 1)), person("new")], [])
    store.settle(GRAPH, stored=True)
    retention = timedelta(days=730)
    assert store.purge(retention, today=date(2025, 12, 31)) == 0
    assert store.purge(retention, today=date(2026, 1, 2)) == 1
    assert [p.kennung for p in store.all(date.min)] == ["new"]


def test_export_cells_are_formula_safe() -> None:
    text = contacts_csv([person(name='=HYPERLINK("x")')])
    assert text.splitlines()[0] == "Kennung,Name,Funktion,E-Mail,Telefon,Akteur,Einwilligung am"
    assert "'=HYPERLINK" in text and "05166-bildungsbuero" in text


def test_contact_persons_leave_the_contribution() -> None:
    actors = ("akteure.csv", b"Kennung,Name,Akteurstyp\nvhs-x,VHS X,Volkshochschule\n")
    mapped = read_contribution([actors, contacts_file(FRIEDA, ERNA)])
    rest, people = take_contacts(mapped)
    assert sorted(p.name for p in people) == ["Erna Zweitfassung", "Frieda Quellenschutz"]
    assert people[1].consent == date(2026, 11, 1) and people[1].telephone == "02162 1234"
    assert not any("Quellenschutz" in str(o) for o in rest.graph.objects())
    assert {s for s in rest.graph.subjects()} == {
        s for s in mapped.graph.subjects() if "contact/" not in str(s)
    }
    rows = {info.name: info.row_count for info in rest.files}
    assert rows == {"akteure.csv": 1, "ansprechpartner.csv": 0}  # no count of people left


UNTYPED = b"""@prefix bg: <https://w3id.org/bildungsgraph/ontology#> .
@prefix schema: <https://schema.org/> .
<https://w3id.org/bildungsgraph/id/contact/ohne-typ> schema:name "Frieda Quellenschutz" .
<https://w3id.org/bildungsgraph/id/kontakt/anders> bg:contactFor
    <https://w3id.org/bildungsgraph/id/actor/05166-bildungsbuero> ;
    schema:email "frieda.quellenschutz@example.org" .
"""


def test_a_contact_described_without_its_type_leaves_the_contribution_too() -> None:
    mapped = read_contribution([("kontakte.ttl", UNTYPED)])
    rest, people = take_contacts(mapped)
    assert len(people) == 2
    assert not any("quellenschutz" in str(o).lower() for o in rest.graph.objects())


# -- with the triple store -------------------------------------------------------------------


def _names_in_store(service: BildungsGraph) -> list[str]:
    rows = service.store.select(
        "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?o), 'Quellenschutz')) }"
    )
    return [str(row["o"]) for row in rows]


def _visible(service: BildungsGraph) -> list[str]:
    return [p.name for p in service.contacts.protected.all(date.min)]


def test_a_contribution_keeps_its_contacts_apart_from_the_store(
    mini_service: BildungsGraph,
) -> None:
    outcome = mini_service.contributions.contribute([contacts_file(FRIEDA)], "Bildungsbüro")
    assert outcome.stored, outcome.report.to_text("en")
    assert _names_in_store(mini_service) == []
    assert _visible(mini_service) == ["Frieda Quellenschutz"]
    assert outcome.report.records == 0 and outcome.report.triples == 0
    account, _ = mini_service.accounts.create("Kreis Viersen", ["05166"])
    other, _ = mini_service.accounts.create("Krefeld", ["05114"])
    view = mini_service.readmodel.current()
    assert [p.name for p in mini_service.contacts.of_actor(view, ACTOR, account)] == [
        "Frieda Quellenschutz"
    ]
    assert mini_service.contacts.of_actor(view, ACTOR, other) == []
    assert mini_service.contacts.of_actor(view, ACTOR, None) == []
    assert mini_service.contacts.of_account(view, other) == []
    assert len(mini_service.contacts.of_account(view, account, "05166")) == 1
    assert mini_service.contacts.of_account(view, account, "05114") == []
    # retention: not shown past the period, even before the purge removes the row
    late = date(2026, 11, 1) + timedelta(days=731)
    assert mini_service.contacts.of_actor(view, ACTOR, account, today=late) == []
    assert mini_service.contacts.purge(today=late) == 1
    assert _visible(mini_service) == []


def test_a_failed_store_write_keeps_no_contact(
    mini_service: BildungsGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    contributions = mini_service.contributions
    first = contributions.contribute([contacts_file(FRIEDA)], "Bildungsbüro")
    assert _visible(mini_service) == ["Frieda Quellenschutz"]

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(mini_service.store, "replace_graph", broken)
    with pytest.raises(RuntimeError):
        contributions.contribute([contacts_file(ERNA)], "Bildungsbüro")
    with pytest.raises(RuntimeError):  # a new version that did not land
        contributions.contribute([contacts_file(ERNA)], "Bildungsbüro", graph=first.graph)
    assert _visible(mini_service) == ["Frieda Quellenschutz"]
    assert mini_service.contacts.protected.pending() == {}
    monkeypatch.undo()
    contributions.contribute([contacts_file(ERNA)], "Bildungsbüro", graph=first.graph)
    assert _visible(mini_service) == ["Erna Zweitfassung"]  # replaced as a whole


def test_a_crash_between_the_writes_is_settled_at_start(mini_service: BildungsGraph) -> None:
    outcome = mini_service.contributions.contribute([contacts_file(FRIEDA)], "Bildungsbüro")
    assert outcome.graph is not None
    hashes = [info["sha256"] for info in mini_service.contributions.get(outcome.graph).files]
    protected = mini_service.contacts.protected
    # the store write of this version landed, the settling did not
    protected.pend(outcome.graph, [person("k2", "Erna Zweitfassung")], [str(h) for h in hashes])
    # another contribution's rows were noted, its write never happened
    lost = "https://w3id.org/bildungsgraph/graph/contribution/lost"
    protected.pend(lost, [person("k3", "Nie Gespeichert")], ["0" * 64])
    # and a withdrawn contribution's rows were left behind
    gone = "https://w3id.org/bildungsgraph/graph/contribution/gone"
    protected.pend(gone, [person("k4", "Schon Zurueckgezogen")], [])
    protected.settle(gone, stored=True)
    assert protected.path is not None
    restarted = Contacts(mini_service.store, mini_service.readmodel, protected.path)
    assert [p.name for p in restarted.protected.all(date.min)] == ["Erna Zweitfassung"]
    assert protected.pending() == {}
    restarted.close()


def test_withdrawing_deletes_the_contacts_and_restoring_does_not_bring_them_back(
    mini_service: BildungsGraph,
) -> None:
    account, _ = mini_service.accounts.create("Kreis Viersen", ["05166"])
    outcome = mini_service.contributions.contribute_as([contacts_file(FRIEDA)], account)
    assert outcome.graph is not None and _visible(mini_service)
    contribution_id = outcome.graph.rsplit("/", 1)[-1]
    mini_service.contributions.withdraw(contribution_id, account)
    assert _visible(mini_service) == []
    mini_service.contributions.restore(contribution_id, account)
    assert mini_service.store.has_graph(outcome.graph)
    assert _visible(mini_service) == []


def test_a_consent_past_the_retention_period_refuses_the_contribution(
    mini_service: BildungsGraph,
) -> None:
    old = "kontakt-alt,Alte Einwilligung,,,,05166-bildungsbuero,2019-01-01"
    outcome = mini_service.contributions.contribute([contacts_file(old)], "Bildungsbüro")
    assert not outcome.stored
    (problem,) = outcome.report.violations
    assert problem.constraint == "contacts:retention" and problem.row == 2
    assert "730 Tage" in problem.message_de
    assert _visible(mini_service) == []


def test_the_shapes_check_contact_rows(mini_service: BildungsGraph) -> None:
    bad = "kontakt-x,,,keine-adresse,Ruf an,gibt-es-nicht,2999-01-01"
    report = mini_service.contributions.contribute([contacts_file(bad)], "B").report
    columns = {problem.column for problem in report.violations}
    assert {"Name", "E-Mail", "Telefon", "Akteur", "Einwilligung am"} <= columns
    messages = " ".join(problem.message_en for problem in report.violations)
    assert "in the future" in messages
    assert _visible(mini_service) == []


def test_a_contact_attaches_to_its_actor_and_needs_the_actors_kommune(
    mini_service: BildungsGraph,
) -> None:
    # the actor is held by the example data: naming it is a reference, not a claim on it
    viersen, _ = mini_service.accounts.create("Kreis Viersen", ["05166"])
    assert mini_service.contributions.contribute_as([contacts_file(FRIEDA)], viersen).stored
    krefeld, _ = mini_service.accounts.create("Krefeld", ["05114"])
    refused = mini_service.contributions.contribute_as([contacts_file(ERNA)], krefeld)
    assert not refused.stored
    (problem,) = refused.report.violations
    assert problem.constraint == "scope:kommune" and problem.kennung == "kontakt-erna"
    assert _visible(mini_service) == ["Frieda Quellenschutz"]


# -- loading RDF as it is (administrators) ----------------------------------------------------

CONTACT_TURTLE = """@prefix bg: <https://w3id.org/bildungsgraph/ontology#> .
<https://w3id.org/bildungsgraph/id/contact/frieda> a bg:ContactPerson ;
    <https://schema.org/name> "Frieda Quellenschutz" .
"""


@pytest.mark.parametrize("suffix", [".ttl", ".nq"])
def test_loading_rdf_as_it_is_refuses_contact_persons(tmp_path: Path, suffix: str) -> None:
    service = BildungsGraph(open_store(None))
    service.loading.load_schema()
    source = tmp_path / f"contacts{suffix}"
    if suffix == ".nq":
        source.write_text(
            "<https://w3id.org/bildungsgraph/id/contact/frieda> "
            "<https://w3id.org/bildungsgraph/ontology#contactFor> "
            "<https://w3id.org/bildungsgraph/id/actor/x> <https://example.org/g> .\n"
        )
    else:
        source.write_text(CONTACT_TURTLE)
    before = service.store.state
    with pytest.raises(IngestError, match="Ansprechpersonen"):
        service.loading.import_rdf(source)
    assert service.store.state == before
    assert not service.store.select("SELECT ?s WHERE { GRAPH ?g { ?s ?p 'Frieda Quellenschutz' } }")


def test_loading_a_file_that_only_declares_the_terms_works(tmp_path: Path) -> None:
    service = BildungsGraph(open_store(None))
    source = tmp_path / "ontology.ttl"
    source.write_text(ONTOLOGY_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    graph = service.loading.import_rdf(source)
    assert graph is not None and service.store.graph_sizes([graph])[graph] > 900
