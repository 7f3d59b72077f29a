"""What the read model reads from the store, and nothing else: named queries and statements.

Two tiers, because they change at very different rates:

- the *reference* tier (vocabularies, the Kommunen with their boundaries, the population):
  a handful of named queries, read again only when a reference or vocabulary graph changes;
- the *records* (actors, sites, offers, cooperations, networks, memberships, the schools of the
  official list): every statement about every record, read once, then only for the records a
  write touches (``statements_about``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Identifier

from ..analysis.model import Concept as AnalysisConcept
from ..analysis.model import Kommune
from ..analysis.population import Population
from ..analysis.rows import load_concepts, load_kommunen
from ..namespaces import BG, RDF
from ..queries import get_query
from ..records.snapshot import RECORD_CLASSES, Concept, Properties
from ..records.terms import value_of
from ..store import GraphStore, Row
from ..visualisation.maps import Boundary, boundaries_from_rows
from ..visualisation.source import FilterConcept, filter_concepts

RECORD_KINDS = (
    "actors",
    "sites",
    "offers",
    "cooperations",
    "networks",
    "memberships",
    "confirmations",
)
_KIND_OF_CLASS = {str(RECORD_CLASSES[kind]): kind for kind in RECORD_KINDS}
_TYPE = str(RDF.type)


@dataclass(frozen=True)
class Reference:
    """Vocabularies, Kommunen and population: what every figure is measured against."""

    concepts: dict[str, Concept]
    schemes: dict[str, dict[str, str]]
    population: dict[str, dict[str, dict[str, int]]]  # unit → date → age band → count
    age_bands: dict[str, tuple[int | None, int | None]]
    narrower: dict[str, set[str]]
    kommunen: dict[str, Properties]  # Kommune IRI → its statements
    parents: dict[str, str]
    # the same, as the analysis and the views take them
    analysis_kommunen: dict[str, Kommune]
    analysis_concepts: dict[str, AnalysisConcept]
    analysis_population: Population
    filter_concepts: dict[str, list[FilterConcept]]
    boundaries: dict[str, Boundary] = field(default_factory=dict)
    population_by_date: dict[str, int] = field(default_factory=dict)  # NRW's inhabitants
    unit_classes: dict[str, int] = field(default_factory=dict)  # Kommune and count classes


def _select(
    store: GraphStore, name: str, bindings: Mapping[str, Identifier] | None = None
) -> list[Row]:
    return store.select(get_query(name).text, bindings)


def load_reference(store: GraphStore) -> Reference:
    """The reference tier: vocabularies, Kommunen, population (named queries)."""

    def select(name: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        return _select(store, name, bindings)

    concepts = _concepts(select("api_concepts"))
    narrower: dict[str, set[str]] = defaultdict(set)
    for concept in concepts.values():
        for broader in concept.broader:
            narrower[broader].add(concept.iri)
    kommunen = _grouped(select("api_record_properties", {"class": BG.AdministrativeUnit}))
    parents = {
        iri: str(props[str(BG.parentUnit)][0])
        for iri, props in kommunen.items()
        if props.get(str(BG.parentUnit))
    }
    return Reference(
        concepts=concepts,
        schemes={str(row["scheme"]): _by_language(row, "title") for row in select("api_schemes")},
        population=_population(select("api_population")),
        age_bands=_age_bands(select("api_age_bands")),
        narrower=dict(narrower),
        kommunen=kommunen,
        parents=parents,
        analysis_kommunen=load_kommunen(select),
        analysis_concepts=load_concepts(select),
        analysis_population=Population.from_rows(select("analysis_population")),
        filter_concepts=filter_concepts(select("network_concepts")),
        boundaries=boundaries_from_rows(select("page_kommune_boundaries")),
        population_by_date={
            str(row["date"]): int(row["inhabitants"]) for row in select("population_by_date")
        },
        unit_classes={
            str(row["class"]): int(row["records"])
            for row in select("records_by_class")
            if str(row["class"]) not in _KIND_OF_CLASS
        },
    )


def record_kinds(store: GraphStore) -> dict[str, str]:
    """Record IRI → kind, for every record in the store (``readmodel_records.rq``)."""
    kinds: dict[str, str] = {}
    for row in _select(store, "readmodel_records"):
        kind = _KIND_OF_CLASS[str(row["class"])]
        kinds.setdefault(str(row["record"]), kind)
    return kinds


Records = dict[str, dict[str, Properties]]
Graphs = dict[str, frozenset[str]]


@dataclass(frozen=True)
class GraphDates:
    """What a graph says about itself (its own node): when it was made and last verified."""

    generated: str | None = None  # prov:generatedAtTime
    verified: str | None = None  # bg:lastVerified (a contribution re-submitted unchanged)
    modified: str | None = None  # dct:modified
    temporal: str | None = None  # the end of dct:temporal (an official list's Stichtag)
    title: str | None = None
    contributor: str | None = None  # the name of the contributor
    attributed: str | None = None  # the contributor IRI (prov:wasAttributedTo)


def load_graph_dates(
    store: GraphStore, graphs: Iterable[str] | None = None
) -> dict[str, GraphDates]:
    """The dates of every contribution and dataset graph (``readmodel_graph_dates.rq``), or of
    the ``graphs`` named (one bound query each: a write re-reads only what it wrote)."""
    if graphs is None:
        rows = _select(store, "readmodel_graph_dates")
    else:
        rows = [
            row
            for graph in sorted(set(graphs))
            for row in _select(store, "readmodel_graph_dates", {"graph": URIRef(graph)})
        ]
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        values = found[str(row["graph"])]
        for name in ("generated", "verified", "modified", "temporal", "title", "attributed"):
            if name in row:
                values.setdefault(name, str(row[name]))
        if "contributor_name" in row:
            values.setdefault("contributor", str(row["contributor_name"]))
    return {graph: GraphDates(**values) for graph, values in found.items()}


def load_records(store: GraphStore) -> tuple[Records, Graphs]:
    """Every record of the record classes with all its statements and the graphs they are in."""
    kinds = record_kinds(store)
    return _collect(store.statements(kinds.keys()), kinds)


def reload_records(store: GraphStore, subjects: Iterable[str]) -> tuple[Records, Graphs]:
    """The records among ``subjects`` as the store holds them now (absent ones are not)."""
    wanted = sorted({s for s in subjects if not s.startswith("_:")})
    by_subject: dict[str, str] = {}
    statements = list(store.statements_about(wanted))
    for subject, predicate, obj, _ in statements:
        if predicate == _TYPE and str(obj) in _KIND_OF_CLASS:
            kind = _KIND_OF_CLASS[str(obj)]
            current = by_subject.get(subject)
            if current is None or RECORD_KINDS.index(kind) < RECORD_KINDS.index(current):
                by_subject[subject] = kind
    return _collect(statements, by_subject)


def _collect(
    statements: Iterable[tuple[str, str, Identifier, str]], kinds: Mapping[str, str]
) -> tuple[Records, Graphs]:
    records: Records = {kind: {} for kind in RECORD_KINDS}
    graphs: dict[str, set[str]] = defaultdict(set)
    for subject, predicate, obj, graph in statements:
        kind = kinds.get(subject)
        if kind is None:
            continue
        props = records[kind].get(subject)
        if props is None:
            props = records[kind][subject] = {}
        values = props.setdefault(predicate, [])
        value = value_of(obj)
        if value not in values:  # the same statement in two graphs is one value
            values.append(value)
        graphs[subject].add(graph)
    return records, {subject: frozenset(found) for subject, found in graphs.items()}


def _grouped(rows: Iterable[Row]) -> dict[str, Properties]:
    by_record: dict[str, Properties] = defaultdict(dict)
    for row in rows:
        values = by_record[str(row["record"])].setdefault(str(row["property"]), [])
        value = value_of(row["value"])
        if value not in values:
            values.append(value)
    return dict(by_record)


def _concepts(rows: list[Row]) -> dict[str, Concept]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[str(row["concept"])].append(row)
    concepts: dict[str, Concept] = {}
    for iri, group in grouped.items():
        first = group[0]
        concepts[iri] = Concept(
            iri=iri,
            scheme=str(first["scheme"]),
            notation=str(first["notation"]) if "notation" in first else None,
            labels=_by_language(first, "label"),
            definitions=_by_language(first, "definition"),
            broader=tuple(sorted({str(row["broader"]) for row in group if "broader" in row})),
        )
    return concepts


def _by_language(row: Row, name: str) -> dict[str, str]:
    return {lang: str(row[f"{name}_{lang}"]) for lang in ("de", "en") if f"{name}_{lang}" in row}


def _population(rows: list[Row]) -> dict[str, dict[str, dict[str, int]]]:
    table: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        band = str(row["band"]).rsplit("/", 1)[-1]
        table[str(row["unit"])][str(row["date"])][band] = int(row["population"])
    return {unit: dict(dates) for unit, dates in table.items()}


def _age_bands(rows: list[Row]) -> dict[str, tuple[int | None, int | None]]:
    bands: dict[str, tuple[int | None, int | None]] = {}
    for row in rows:
        low = int(row["from"]) if "from" in row else None
        high = int(row["below"]) if "below" in row else None
        bands[str(row["band"]).rsplit("/", 1)[-1]] = (low, high)
    return bands
