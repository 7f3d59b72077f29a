"""Filters of the record listings, resolved against the vocabularies and the Kommunen.

A filter value is a concept slug (``primary``), its notation or its IRI; a broader concept
includes its narrower ones (``school`` finds every school form). Several values of one filter
mean "any of them"; different filters must all hold. Unknown values raise FilterError naming
the value and what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef

from ..errors import InvalidParameterError
from ..folding import fold
from ..namespaces import BG, SCHEMA, VOC
from .index import Index
from .snapshot import KOMMUNE_PREFIX, Properties, Snapshot
from .values import text

# filter name → (vocabulary scheme slug, property on the record)
CONCEPT_FILTERS: dict[str, tuple[str, URIRef]] = {
    "life_phase": ("life-phase", BG.lifePhase),
    "topic": ("topic", BG.topic),
    "format": ("offer-format", BG.offerFormat),
    "kind": ("offer-kind", BG.offerKind),
    "target_group": ("target-group", BG.targetGroup),
    "programme": ("programme", BG.programme),
    "cooperation_form": ("cooperation-form", BG.cooperationForm),
    "status": ("cooperation-status", BG.cooperationStatus),
    "actor_type": ("actor-type", BG.actorType),
}

# which concept filters each record kind accepts
KIND_FILTERS: dict[str, tuple[str, ...]] = {
    "actors": ("actor_type",),
    "offers": ("life_phase", "topic", "format", "kind", "target_group", "programme", "actor_type"),
    "cooperations": (
        "life_phase",
        "topic",
        "programme",
        "cooperation_form",
        "status",
        "actor_type",
    ),
    "networks": ("topic", "programme", "actor_type"),
    "sites": (),  # exported with their Kommune, never filtered by a concept
    "memberships": (),
}
# the actors whose type an "actor_type" filter looks at, per kind
ACTOR_LINKS: dict[str, URIRef] = {
    "offers": BG.provider,
    "cooperations": BG.partner,
    "networks": BG.coordinator,
}


class FilterError(InvalidParameterError):
    """A filter value that names nothing known; the message says what is allowed."""


@dataclass(frozen=True)
class BoundingBox:
    south: float
    west: float
    north: float
    east: float

    @classmethod
    def parse(cls, raw: str) -> BoundingBox:
        """``south,west,north,east`` in WGS 84 degrees (lat, long)."""
        try:
            south, west, north, east = (float(part) for part in raw.split(","))
        except ValueError as exc:
            raise FilterError(
                f"bbox {raw!r} is not valid: expected four numbers south,west,north,east "
                "(e.g. 51.1,6.2,51.5,6.7)"
            ) from exc
        if south > north or west > east:
            raise FilterError(f"bbox {raw!r}: south must be ≤ north and west ≤ east")
        return cls(south, west, north, east)

    def contains(self, lat: float, long: float) -> bool:
        return self.south <= lat <= self.north and self.west <= long <= self.east


@dataclass
class RecordQuery:
    """What a listing asks for; concept values are slugs, notations or IRIs."""

    kommune: Sequence[str] = ()
    concepts: Mapping[str, Sequence[str]] = field(default_factory=dict)
    text: str | None = None
    bbox: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def resolve_concepts(snapshot: Snapshot, name: str, raw: Sequence[str]) -> set[str]:
    """The IRIs a concept filter stands for, narrower concepts included."""
    scheme_slug, _ = CONCEPT_FILTERS[name]
    scheme = str(VOC[scheme_slug])
    in_scheme = [c for c in snapshot.concepts.values() if c.scheme == scheme]
    found: set[str] = set()
    for value in raw:
        match = next(
            (c for c in in_scheme if value in (c.slug, c.iri) or value == c.notation), None
        )
        if match is None:
            allowed = ", ".join(sorted(c.slug for c in in_scheme))
            raise FilterError(
                f"{name}={value!r} is not a concept of the vocabulary {scheme_slug}; "
                f"allowed: {allowed}"
            )
        found |= snapshot.descendants(match.iri)
    return found


def resolve_kommunen(snapshot: Snapshot, raw: Sequence[str]) -> set[str]:
    """The Kommune IRIs for keys (AGS, Kreisschlüssel, Regierungsbezirk, Land)."""
    found: set[str] = set()
    for key in raw:
        iri = key if key.startswith(KOMMUNE_PREFIX) else KOMMUNE_PREFIX + key
        if iri not in snapshot.records["kommunen"]:
            raise FilterError(
                f"kommune={key!r} is not a known Kommune; allowed: the keys listed at "
                "/api/kommunen (AGS with 8 digits, Kreisschlüssel with 5, Regierungsbezirk "
                "with 3, 05 for the Land)"
            )
        found.add(iri)
    return found


def build_predicate(index: Index, kind: str, query: RecordQuery) -> Callable[[str], bool]:
    """A test for record IRIs of ``kind`` that applies every filter of ``query``."""
    snapshot = index.snapshot
    checks: list[Callable[[str], bool]] = []
    for name, raw in query.concepts.items():
        if not raw:
            continue
        if name not in KIND_FILTERS[kind]:
            allowed = ", ".join(KIND_FILTERS[kind])
            raise FilterError(f"filter {name!r} does not apply to {kind}; allowed: {allowed}")
        wanted = resolve_concepts(snapshot, name, raw)
        checks.append(_concept_check(index, kind, name, wanted))
    if query.kommune:
        areas = resolve_kommunen(snapshot, query.kommune)
        checks.append(lambda iri: not areas.isdisjoint(index.areas.get(iri, ())))
    if query.text and query.text.strip():
        words = fold(query.text).split()
        checks.append(lambda iri: all(w in index.search_text.get(iri, "") for w in words))
    if query.bbox:
        box = BoundingBox.parse(query.bbox)
        checks.append(lambda iri: any(box.contains(*p) for p in index.points.get(iri, ())))
    if query.date_from or query.date_to:
        checks.append(_date_check(index, kind, query.date_from, query.date_to))
    return lambda iri: all(check(iri) for check in checks)


def _concept_check(index: Index, kind: str, name: str, wanted: set[str]) -> Callable[[str], bool]:
    records = index.snapshot.records
    _, predicate = CONCEPT_FILTERS[name]
    if name == "actor_type" and kind != "actors":
        link = ACTOR_LINKS[kind]

        def via_actors(iri: str) -> bool:
            return any(
                _has_any(records["actors"].get(actor, {}), predicate, wanted)
                for actor in records[kind][iri].get(str(link), ())
                if isinstance(actor, str)
            )

        return via_actors
    return lambda iri: _has_any(records[kind][iri], predicate, wanted)


def _has_any(props: Properties, predicate: URIRef, wanted: set[str]) -> bool:
    return any(value in wanted for value in props.get(str(predicate), ()))


def _date_check(
    index: Index, kind: str, start: date | None, end: date | None
) -> Callable[[str], bool]:
    """Records whose [startDate, endDate] overlaps [start, end]; open ends are unbounded."""
    if start and end and start > end:
        raise FilterError(f"date_from {start} is after date_to {end}")
    records = index.snapshot.records[kind]

    def overlaps(iri: str) -> bool:
        props = records[iri]
        begins, ends = text(props, SCHEMA.startDate), text(props, SCHEMA.endDate)
        if end and begins and begins[:10] > end.isoformat():
            return False
        return not (start and ends and ends[:10] < start.isoformat())

    return overlaps
