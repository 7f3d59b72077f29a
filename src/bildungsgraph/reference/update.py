"""An update of the school list: the new graphs and what changed (data in, data out).

``update_school_graphs(schools, old, old_closed, on)`` takes the schools of a new list (read by
:mod:`.msb`), the stored ``graph/reference/schools`` and ``graph/reference/schools-closed`` and
the day of the update, and returns both new graphs with the :class:`SchoolDiff`:

- *new*: in the new list, in neither stored graph; *reopened*: in the new list and among the
  closed schools (it leaves ``schools-closed``);
- *closed*: in the stored list, not in the new one; its actor and site move to
  ``schools-closed`` with ``bg:closedOn`` (the update's day), where earlier closed schools stay;
- *changed*: in both, with the fields that differ (:data:`FIELDS`).

A published point is recomputed from UTM on every update; where it lies within
:data:`SAME_POINT` degrees of the stored one (the last decimal's rounding) the stored text is
kept, so an unchanged school is an unchanged graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..namespaces import (
    BG,
    DCAT,
    DCT,
    RDF,
    SCHEMA,
    SCHOOLS_CLOSED_GRAPH,
    WGS,
    XSD,
    school_actor_iri,
)
from .metadata import LICENCE, MSB_SCHULDATEN, SCHOOLS, DatasetInfo
from .schools import SCHOOL_SUPERVISION_KEY, build_school_graph
from .sources import School

SAME_POINT = Decimal("0.0000015")
# field → (German, English) name, in the order a change is shown
FIELDS: dict[str, tuple[str, str]] = {
    "name": ("Name", "name"),
    "schulform": ("Schulform", "school form"),
    "legal_status": ("Rechtsform", "legal status"),
    "street": ("Straße", "street"),
    "postal_code": ("PLZ", "postal code"),
    "locality": ("Ort", "locality"),
    "gemeinde": ("Gemeinde", "municipality"),
    "homepage": ("Website", "homepage"),
    "email": ("E-Mail", "e-mail"),
    "lat": ("Breite", "latitude"),
    "lon": ("Länge", "longitude"),
}
_ACTOR_FIELDS = {
    "name": SCHEMA.name,
    "schulform": BG.actorType,
    "legal_status": BG.legalStatus,
    "homepage": SCHEMA.url,
    "email": SCHEMA.email,
}
_SITE_FIELDS = {
    "street": BG.streetAddress,
    "postal_code": BG.postalCode,
    "locality": BG.locality,
    "gemeinde": BG.municipality,
    "lat": WGS.lat,
    "lon": WGS.long,
}


@dataclass(frozen=True)
class SchoolEntry:
    """A school in a list of the diff."""

    schulnummer: str
    name: str
    gemeinde: str  # AGS


@dataclass(frozen=True)
class SchoolChange:
    """A school in both lists whose fields differ: field → (before, after)."""

    schulnummer: str
    name: str
    gemeinde: str
    fields: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class StillNamed:
    """A record that names a closed school (``role``: partner, member, provider …)."""

    school: str  # Schulnummer
    name: str
    closed_on: str
    kind: str  # cooperations, memberships, offers, networks
    kennung: str
    role: str
    record: str
    graphs: tuple[str, ...]  # where it is stated: the contribution to correct


@dataclass
class SchoolDiff:
    """What an update of the school list changes."""

    on: str  # the update's day (ISO)
    before: int  # schools in the stored list
    after: int  # schools in the new list
    new: list[SchoolEntry] = field(default_factory=list)
    closed: list[SchoolEntry] = field(default_factory=list)
    reopened: list[SchoolEntry] = field(default_factory=list)
    changed: list[SchoolChange] = field(default_factory=list)
    closed_before: int = 0  # closed schools kept from earlier updates
    unknown_forms: dict[str, list[str]] = field(default_factory=dict)  # key → Schulnummern
    notes: list[str] = field(default_factory=list)
    # records that name a school closed now or earlier (filled in by the service)
    still_named: list[StillNamed] = field(default_factory=list)
    stored: bool = False

    @property
    def unchanged(self) -> int:
        return self.after - len(self.new) - len(self.reopened) - len(self.changed)


@dataclass(frozen=True)
class SchoolGraphs:
    schools: Graph
    closed: Graph
    diff: SchoolDiff
    subjects: frozenset[str]  # whose statements differ from the stored graphs' (blank: _:id)


Triple = tuple[Node, Node, Node]
Statements = dict[Node, dict[Node, list[Node]]]  # subject → predicate → objects


def by_subject(triples: Iterable[Triple]) -> Statements:
    """The triples grouped by subject and predicate (one pass: rdflib lookups per school
    would take seconds over the 80,000 triples of the list)."""
    grouped: Statements = {}
    for subject, predicate, obj in triples:
        grouped.setdefault(subject, {}).setdefault(predicate, []).append(obj)
    return grouped


def school_fields(statements: Statements) -> dict[str, dict[str, str]]:
    """Schulnummer → the :data:`FIELDS` of each school in a school graph (text; IRIs by
    their last segment: the Schulform concept, the Gemeinde's AGS)."""
    found: dict[str, dict[str, str]] = {}
    for props in statements.values():
        numbers = props.get(BG.schoolNumber)
        if not numbers:
            continue
        values = {name: _text(props, predicate) for name, predicate in _ACTOR_FIELDS.items()}
        sites = props.get(BG.hasSite, [])
        site = statements.get(sites[0], {}) if sites else {}
        values.update((name, _text(site, predicate)) for name, predicate in _SITE_FIELDS.items())
        found[str(numbers[0])] = values
    return found


def _text(props: dict[Node, list[Node]], predicate: URIRef) -> str:
    objects = props.get(predicate)
    if not objects:
        return ""
    value = objects[0]
    if isinstance(value, URIRef) and predicate in (BG.actorType, BG.municipality):
        return str(value).rsplit("/", 1)[-1]
    return str(value)


def keep_points(schools: Iterable[School], stored: dict[str, dict[str, str]]) -> list[School]:
    """``schools`` with the stored point text where the new point is the same point."""
    kept = []
    for school in schools:
        before = stored.get(school.schulnummer)
        if (
            before
            and school.lat
            and before["lat"]
            and before["lon"]
            and abs(Decimal(school.lat) - Decimal(before["lat"])) <= SAME_POINT
            and abs(Decimal(school.lon) - Decimal(before["lon"])) <= SAME_POINT
        ):
            school = replace(school, lat=before["lat"], lon=before["lon"])
        kept.append(school)
    return kept


def school_list_info(schools: list[School], on: date) -> DatasetInfo:
    """The description of the school graph of an update made on ``on``."""
    offices = sum(s.schulform == SCHOOL_SUPERVISION_KEY for s in schools)
    de, en = f"{len(schools):,}", f"{len(schools):,}"
    day_de, day_en = on.strftime("%d.%m.%Y"), on.isoformat()
    return replace(
        SCHOOLS,
        description_de=(
            f"Die {de.replace(',', '.')} Einträge der Schulliste des MSB NRW mit "
            f"Schulbetriebsschlüssel 1 (in Betrieb): {len(schools) - offices} Schulen und "
            f"{offices} Schulaufsichten (Schulform 0A), mit Schulform, Rechtsform, Website, "
            "E-Mail und Standort (Adresse, Gemeinde, WGS84-Koordinaten aus UTM32 "
            f"umgerechnet). Stand der Liste: {day_de}."
        ),
        description_en=(
            f"The {en} records of the NRW school list (MSB) in operation: "
            f"{len(schools) - offices} schools and {offices} school supervision offices "
            "(Schulform 0A), with school form, legal status, website, e-mail and site "
            "(address, municipality, WGS84 coordinates converted from UTM32). List as of "
            f"{day_en}."
        ),
        start=on,
        end=on,
        issued=on,
    )


def update_school_graphs(
    schools: list[School], old: Iterable[Triple], old_closed: Iterable[Triple], on: date
) -> SchoolGraphs:
    """The new school graphs and the diff (see the module docstring); ``old`` and
    ``old_closed``: the triples of the stored graphs."""
    before, before_closed = by_subject(old), by_subject(old_closed)
    stored = school_fields(before)
    closed_stored = school_fields(before_closed)
    schools = keep_points(schools, {**closed_stored, **stored})
    new_graph = build_school_graph(schools, school_list_info(schools, on))
    after = school_fields(by_subject(new_graph))
    diff = SchoolDiff(on=on.isoformat(), before=len(stored), after=len(after))
    for number in sorted(after):
        values = after[number]
        entry = SchoolEntry(number, values["name"], values["gemeinde"])
        if number in stored:
            changes = {
                name: (stored[number][name], values[name])
                for name in FIELDS
                if stored[number][name] != values[name]
            }
            if changes:
                diff.changed.append(
                    SchoolChange(number, values["name"], values["gemeinde"], changes)
                )
        elif number in closed_stored:
            diff.reopened.append(entry)
        else:
            diff.new.append(entry)
    gone = sorted(set(stored) - set(after))
    diff.closed = [SchoolEntry(n, stored[n]["name"], stored[n]["gemeinde"]) for n in gone]
    closed = closed_graph(before, before_closed, gone, set(after), on)
    diff.closed_before = len(set(closed_stored) - set(after) - set(gone))
    subjects = _differing(before, by_subject(new_graph)) | _differing(
        before_closed, by_subject(closed)
    )
    return SchoolGraphs(new_graph, closed, diff, frozenset(subjects))


def _differing(before: Statements, after: Statements) -> set[str]:
    """The subjects whose statements differ between two versions of a graph."""

    def same(a: dict[Node, list[Node]], b: dict[Node, list[Node]]) -> bool:
        return a.keys() == b.keys() and all(set(a[p]) == set(b[p]) for p in a)

    return {
        f"_:{subject}" if isinstance(subject, BNode) else str(subject)
        for subject in before.keys() | after.keys()
        if not same(before.get(subject, {}), after.get(subject, {}))
    }


def closed_graph(
    old: Statements, old_closed: Statements, closing: Iterable[str], listed: set[str], on: date
) -> Graph:
    """``schools-closed`` after an update: the earlier closed schools not ``listed`` again,
    and the ``closing`` ones (their actor and site as ``old`` states them) with
    ``bg:closedOn``."""
    graph = Graph()
    leaving: set[Node] = {school_actor_iri(n) for n in listed} | {
        school_actor_iri(n) for n in closing
    }
    leaving |= {
        site for actor in list(leaving) for site in old_closed.get(actor, {}).get(BG.hasSite, [])
    }
    for subject, props in old_closed.items():
        if subject not in leaving and subject != SCHOOLS_CLOSED_GRAPH:
            _add(graph, subject, props)
    day = Literal(on.isoformat(), datatype=XSD.date)
    for number in closing:
        actor = school_actor_iri(number)
        for subject in (actor, *old.get(actor, {}).get(BG.hasSite, [])):
            _add(graph, subject, old.get(subject, {}))
        graph.add((actor, BG.closedOn, day))
    _describe_closed(graph, on)
    return graph


def _add(graph: Graph, subject: Node, props: dict[Node, list[Node]]) -> None:
    for predicate, objects in props.items():
        for obj in objects:
            graph.add((subject, predicate, obj))


def _describe_closed(graph: Graph, on: date) -> None:
    ds = SCHOOLS_CLOSED_GRAPH
    graph.add((ds, RDF.type, DCAT.Dataset))
    graph.add((ds, DCT.title, Literal("Geschlossene Schulen in Nordrhein-Westfalen", lang="de")))
    graph.add((ds, DCT.title, Literal("Closed schools in North Rhine-Westphalia", lang="en")))
    graph.add(
        (
            ds,
            DCT.description,
            Literal(
                "Schulen, die eine Aktualisierung der Schulliste des MSB NRW nicht mehr enthielt, "
                "mit Name, Schulnummer, Standort und dem Tag dieser Aktualisierung (bg:closedOn).",
                lang="de",
            ),
        )
    )
    graph.add(
        (
            ds,
            DCT.description,
            Literal(
                "Schools an update of the NRW school list (MSB) no longer contained, with name, "
                "school number, site and the day of that update (bg:closedOn).",
                lang="en",
            ),
        )
    )
    graph.add((ds, DCT.source, MSB_SCHULDATEN))
    graph.add((ds, DCT.license, LICENCE))
    graph.add((ds, DCT.modified, Literal(on.isoformat(), datatype=XSD.date)))
