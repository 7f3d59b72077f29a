"""RecordReader: the API's read side, cached per store state.

The index is rebuilt lazily after ``invalidate()`` (the service calls it on every write) or
when the store reports a new ``generation``; otherwise every request is answered from memory.
"""

from __future__ import annotations

import threading
from typing import Any

from ..store import GraphStore
from .filters import RecordQuery
from .index import Index, build_index
from .jsonld import records_graph, to_jsonld
from .kommunen import kommune_profile, list_kommunen
from .listing import Page, get_record, list_records, record_iri_for
from .snapshot import KOMMUNE_PREFIX, load_snapshot
from .values import Item
from .vocab import list_schemes, scheme_concepts


class RecordReader:
    """Listings, records, Kommunen and vocabularies from one cached index."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._writes = 0
        self._index: Index | None = None
        self._built_for: tuple[int, object] | None = None
        self.builds = 0

    def invalidate(self) -> None:
        """Forget the cached index (call after every write)."""
        with self._lock:
            self._writes += 1

    def index(self) -> Index:
        state = (self._writes, getattr(self.store, "generation", None))
        with self._lock:
            if self._index is None or self._built_for != state:
                self._index = build_index(load_snapshot(self.store))
                self._built_for = state
                self.builds += 1
            return self._index

    def list(self, kind: str, query: RecordQuery, **options: Any) -> Page:
        return list_records(self.index(), kind, query, **options)

    def get(self, kind: str, record_id: str, lang: str = "de") -> Item:
        return get_record(self.index(), kind, record_id, lang)

    def page_jsonld(self, kind: str, page: Page) -> dict[str, Any]:
        return to_jsonld(records_graph(self.index().snapshot, kind, page.iris))

    def record_jsonld(self, kind: str, record_id: str) -> dict[str, Any]:
        get_record(self.index(), kind, record_id)  # NotFoundError for unknown ids
        iri = record_iri_for(kind, record_id)
        return to_jsonld(records_graph(self.index().snapshot, kind, [iri]))

    def kommunen(self, level: str | None = None, within: str | None = None) -> list[Item]:
        return list_kommunen(self.index(), level, within)

    def kommune(self, key: str, lang: str = "de") -> Item:
        return kommune_profile(self.index(), key, lang)

    def kommune_jsonld(self, key: str) -> dict[str, Any]:
        kommune_profile(self.index(), key)  # NotFoundError for unknown keys
        iri = f"{KOMMUNE_PREFIX}{key}"
        return to_jsonld(records_graph(self.index().snapshot, "kommunen", [iri]))

    def schemes(self, lang: str = "de") -> list[Item]:
        return list_schemes(self.index().snapshot, lang)

    def scheme(self, slug: str, lang: str = "de") -> Item:
        return scheme_concepts(self.index().snapshot, slug, lang)
