"""What the network views are built from, cached per store state.

Reading the actors, cooperations and memberships takes seconds on the shipped data, so the
data is read once per store ``generation`` (every write bumps it) and recently built views are
kept until the store changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from ..analysis.graphs import build_cooperation_graph
from ..analysis.model import NetworkData, NetworkFilter, local_name
from ..analysis.rows import Select, load_network_data, text
from .grouping import Names
from .network_view import NetworkView

VIEW_CACHE_SIZE = 64
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


@dataclass
class NetworkSource:
    """The landscape's network data with the concepts of the filters."""

    data: NetworkData
    concepts: dict[str, list[FilterConcept]] = field(default_factory=dict)

    @cached_property
    def full_graph(self) -> nx.Graph:
        """The cooperation graph of all of NRW (for ego networks)."""
        return build_cooperation_graph(self.data, NetworkFilter())

    @cached_property
    def kommune_names(self) -> dict[str, str]:
        return {kommune.key: kommune.name for kommune in self.data.kommunen.values()}

    def names(self, lang: str) -> Names:
        """Kommune names and the top actor types (sorted by slug: their palette order)."""
        tops = sorted(
            (c for c in self.concepts.get("actor-type", []) if c.broader is None),
            key=lambda c: c.slug,
        )
        return Names(self.kommune_names, {c.slug: c.label(lang) for c in tops})


def load_source(select: Select) -> NetworkSource:
    """Network data and filter concepts from the store (six queries)."""
    concepts: dict[str, list[FilterConcept]] = {scheme: [] for scheme in FILTER_SCHEMES}
    for row in select("network_concepts", None):
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
    return NetworkSource(load_network_data(select), concepts)


class NetworkCache:
    """The source and recently built views of one store state."""

    def __init__(self, load: Callable[[], NetworkSource], size: int = VIEW_CACHE_SIZE) -> None:
        self._load = load
        self._size = size
        self._lock = threading.Lock()
        self._state: Hashable = None
        self._source: NetworkSource | None = None
        self._views: OrderedDict[Hashable, NetworkView] = OrderedDict()
        self.loads = 0  # how often the source was read (for tests and benchmarks)

    def source(self, state: Hashable) -> NetworkSource:
        """The source for this store state (read again when the state changed)."""
        with self._lock:
            return self._current(state)

    def view(
        self, state: Hashable, key: Hashable, build: Callable[[NetworkSource], NetworkView]
    ) -> NetworkView:
        """The view ``key`` of this store state, built once."""
        with self._lock:
            source = self._current(state)
            view = self._views.get(key)
            if view is None:
                view = self._views[key] = build(source)
                while len(self._views) > self._size:
                    self._views.popitem(last=False)
            else:
                self._views.move_to_end(key)
            return view

    def _current(self, state: Hashable) -> NetworkSource:
        if self._source is None or self._state != state:
            self._source = self._load()
            self._state = state
            self._views.clear()
            self.loads += 1
        return self._source
