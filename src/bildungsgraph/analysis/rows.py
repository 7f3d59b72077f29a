"""Query rows → the analysis model's Kommunen and concepts (the read model's reference tier runs
the queries and hands ``select`` in)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from rdflib.term import Identifier

from .model import (
    Concept,
    Kommune,
    local_name,
)

Row = Mapping[str, Identifier]
Select = Callable[[str, Mapping[str, Identifier] | None], list[dict[str, Identifier]]]


def text(row: Row, key: str, default: str = "") -> str:
    value = row.get(key)
    return str(value) if value is not None else default


def number(row: Row, key: str) -> int:
    value = row.get(key)
    return int(str(value)) if value is not None else 0


def day(row: Row, key: str) -> date | None:
    value = row.get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def load_kommunen(select: Select) -> dict[str, Kommune]:
    """Kreise, kreisfreie Städte and Gemeinden by IRI."""
    kommunen: dict[str, Kommune] = {}
    for row in select("analysis_kommunen", None):
        iri = text(row, "kommune")
        kommunen[iri] = Kommune(
            iri=iri,
            key=text(row, "key", local_name(iri)),
            name=text(row, "name", local_name(iri)),
            level=text(row, "level"),
            parent=text(row, "parent"),
        )
    return kommunen


def load_concepts(select: Select) -> dict[str, Concept]:
    """Concepts of the life-phase, topic, format, target-group and actor-type schemes."""
    concepts: dict[str, Concept] = {}
    for row in select("analysis_concepts", None):
        iri = text(row, "concept")
        concepts[iri] = Concept(
            iri=iri,
            scheme=local_name(text(row, "scheme")),
            label_de=text(row, "labelDe", local_name(iri)),
            label_en=text(row, "labelEn", local_name(iri)),
            notation=text(row, "notation"),
            broader=text(row, "broader") or None,
            age_bands=tuple(sorted(text(row, "bands").split())),
            relevant_phases=tuple(sorted(local_name(iri) for iri in text(row, "phases").split())),
        )
    return concepts
