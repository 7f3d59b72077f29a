"""What the network views are built from: network data and the filter vocabulary.

The read model hands out the data of a scope; nothing here reads the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
from rdflib.term import Identifier

from ..analysis.graphs import build_cooperation_graph
from ..analysis.model import Kommune, NetworkData, NetworkFilter, local_name
from ..analysis.rows import text
from .grouping import Names

FILTER_SCHEMES = ("actor-type", "topic", "life-phase", "programme")


@dataclass(frozen=True)
class FilterConcept:
    """A concept users filter by: slug, labels and (actor types) its broader concept."""

    slug: str
    scheme: str
    label_de: str
    label_en: str
    broader: str | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" and self.label_en else self.label_de


@dataclass(frozen=True)
class FilterVocabulary:
    """The concepts users filter by and the Kommunen, with the names views show."""

    concepts: dict[str, list[FilterConcept]]
    kommunen: dict[str, Kommune]  # analysis Kommunen by IRI

    @cached_property
    def kommune_names(self) -> dict[str, str]:
        return {kommune.key: kommune.name for kommune in self.kommunen.values()}

    def names(self, lang: str) -> Names:
        """Kommune names and the top actor types (sorted by slug: their palette order)."""
        tops = sorted(
            (c for c in self.concepts.get("actor-type", []) if c.broader is None),
            key=lambda c: c.slug,
        )
        return Names(self.kommune_names, {c.slug: c.label(lang) for c in tops})


@dataclass
class NetworkSource:
    """Network data (of a scope: a Kommune with the partners of its actors, or an actor's
    neighbourhood) with the filter vocabulary."""

    data: NetworkData
    vocabulary: FilterVocabulary

    _graphs: dict[NetworkFilter, nx.Graph] = field(default_factory=dict, repr=False)

    def graph(self, flt: NetworkFilter) -> nx.Graph:
        """The network graph of a filter and its ties (built once per source and filter)."""
        if flt not in self._graphs:
            self._graphs[flt] = build_cooperation_graph(self.data, flt)
        return self._graphs[flt]

    def names(self, lang: str) -> Names:
        return self.vocabulary.names(lang)


def filter_concepts(rows: list[dict[str, Identifier]]) -> dict[str, list[FilterConcept]]:
    """The filter concepts from the rows of ``network_concepts.rq``."""
    concepts: dict[str, list[FilterConcept]] = {scheme: [] for scheme in FILTER_SCHEMES}
    for row in rows:
        iri = text(row, "concept")
        scheme = local_name(text(row, "scheme"))
        broader = text(row, "broader")
        concepts[scheme].append(
            FilterConcept(
                slug=local_name(iri),
                scheme=scheme,
                label_de=text(row, "labelDe", local_name(iri)),
                label_en=text(row, "labelEn"),
                broader=local_name(broader) if broader else None,
            )
        )
    return concepts
