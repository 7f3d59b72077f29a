"""A read-only snapshot of the records the REST API serves, read with a few whole-class queries.

Reading a class at once (one query for all actors, one for all offers, ...) and indexing it in
memory keeps listing, filtering and paging independent of the number of items on a page; the
snapshot is rebuilt only when the store has changed (see :mod:`bildungsgraph.records.cache`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Identifier

from ..namespaces import BG, ID, SCHEMA
from ..queries import get_query
from ..store import GraphStore

Properties = dict[str, list[Identifier]]
KOMMUNE_PREFIX = f"{ID}kommune/"

# record kind (URL segment) → class
RECORD_CLASSES: dict[str, URIRef] = {
    "actors": BG.EducationActor,
    "sites": BG.Site,
    "offers": BG.EducationOffer,
    "cooperations": BG.Cooperation,
    "networks": BG.Network,
    "memberships": BG.Membership,
    "kommunen": BG.AdministrativeUnit,
}


@dataclass(frozen=True)
class Concept:
    """A vocabulary concept with what the API shows of it."""

    iri: str
    scheme: str
    notation: str | None
    labels: dict[str, str]
    definitions: dict[str, str]
    broader: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def scheme_slug(self) -> str:
        return self.scheme.rsplit("/", 1)[-1]


@dataclass
class Snapshot:
    """Records by kind, concepts, schemes and population, indexed for the API."""

    records: dict[str, dict[str, Properties]]
    concepts: dict[str, Concept]
    schemes: dict[str, dict[str, str]]
    population: dict[str, dict[str, dict[str, int]]]  # unit → date → age band → count
    age_bands: dict[str, tuple[int | None, int | None]]
    narrower: dict[str, set[str]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)

    def props(self, kind: str, iri: str) -> Properties | None:
        return self.records[kind].get(iri)

    def concept_label(self, iri: str, lang: str) -> str:
        concept = self.concepts.get(iri)
        if concept is None:
            return iri.rsplit("/", 1)[-1]
        return concept.labels.get(lang) or concept.labels.get("de") or concept.slug

    def descendants(self, iri: str) -> set[str]:
        """The concept and every concept below it (skos:broader, transitively)."""
        found = {iri}
        todo = [iri]
        while todo:
            for child in self.narrower.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def kommune_name(self, iri: str) -> str:
        props = self.records["kommunen"].get(iri, {})
        names = props.get(str(SCHEMA.name), [])
        return str(names[0]) if names else iri.removeprefix(KOMMUNE_PREFIX)

    def within(self, unit: str, area: str) -> bool:
        """Whether ``unit`` is ``area`` or lies inside it (following bg:parentUnit)."""
        current: str | None = unit
        while current is not None:
            if current == area:
                return True
            current = self.parents.get(current)
        return False


def load_snapshot(store: GraphStore) -> Snapshot:
    """Read every record class, the vocabularies and the population statistics."""
    query = get_query("api_record_properties").text
    records: dict[str, dict[str, Properties]] = {}
    for kind, cls in RECORD_CLASSES.items():
        by_record: dict[str, Properties] = defaultdict(lambda: defaultdict(list))
        for row in store.select(query, {"class": cls}):
            by_record[str(row["record"])][str(row["property"])].append(row["value"])
        records[kind] = {iri: dict(props) for iri, props in by_record.items()}
    concepts = _concepts(store)
    narrower: dict[str, set[str]] = defaultdict(set)
    for concept in concepts.values():
        for broader in concept.broader:
            narrower[broader].add(concept.iri)
    parents = {
        iri: str(props[str(BG.parentUnit)][0])
        for iri, props in records["kommunen"].items()
        if props.get(str(BG.parentUnit))
    }
    return Snapshot(
        records=records,
        concepts=concepts,
        schemes=_schemes(store),
        population=_population(store),
        age_bands=_age_bands(store),
        narrower=dict(narrower),
        parents=parents,
    )


def _concepts(store: GraphStore) -> dict[str, Concept]:
    rows = store.select(get_query("api_concepts").text)
    grouped: dict[str, list[dict[str, Identifier]]] = defaultdict(list)
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


def _by_language(row: dict[str, Identifier], name: str) -> dict[str, str]:
    return {lang: str(row[f"{name}_{lang}"]) for lang in ("de", "en") if f"{name}_{lang}" in row}


def _schemes(store: GraphStore) -> dict[str, dict[str, str]]:
    return {
        str(row["scheme"]): _by_language(row, "title")
        for row in store.select(get_query("api_schemes").text)
    }


def _population(store: GraphStore) -> dict[str, dict[str, dict[str, int]]]:
    table: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in store.select(get_query("api_population").text):
        band = str(row["band"]).rsplit("/", 1)[-1]
        table[str(row["unit"])][str(row["date"])][band] = int(row["population"])
    return {unit: dict(dates) for unit, dates in table.items()}


def _age_bands(store: GraphStore) -> dict[str, tuple[int | None, int | None]]:
    bands: dict[str, tuple[int | None, int | None]] = {}
    for row in store.select(get_query("api_age_bands").text):
        low = int(row["from"]) if "from" in row else None
        high = int(row["below"]) if "below" in row else None
        bands[str(row["band"]).rsplit("/", 1)[-1]] = (low, high)
    return bands
