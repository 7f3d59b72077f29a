"""Records: listings, single records, Kommunen and vocabularies of one index (one store state).

Every method answers from memory; the read model hands out one ``Records`` per store state.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from .filters import RecordQuery
from .index import Index
from .jsonld import records_graph, to_jsonld
from .kommunen import list_kommunen, require_kommune
from .listing import Page, get_record, list_records, record_iri_for, select_records
from .values import Item
from .vocab import list_schemes, scheme_concepts


@dataclass(frozen=True)
class Records:
    """The REST API's read side over one index; ``located(kind, kommune_iri)`` gives the
    records of a kind that lie in a Kommune (the read model's tallies), ``confirmation(iri)``
    the standing of a cooperation (the read model's, added to each cooperation item)."""

    index: Index
    located: Callable[[str, str], Collection[str]] | None = None
    confirmation: Callable[[str], Item] | None = None

    def list(self, kind: str, query: RecordQuery, **options: Any) -> Page:
        page = list_records(self.index, kind, query, located=self.located, **options)
        for iri, item in zip(page.iris, page.items, strict=True):
            self._add_confirmation(kind, iri, item)
        return page

    def _add_confirmation(self, kind: str, iri: str, item: Item) -> None:
        if kind == "cooperations" and self.confirmation is not None:
            item["confirmation"] = self.confirmation(iri)

    def select(self, kind: str, query: RecordQuery, sort: str = "name") -> builtins.list[str]:
        """The IRIs of every record that passes the filters, in listing order (no pages)."""
        return select_records(self.index, kind, query, sort=sort, located=self.located)

    def get(self, kind: str, record_id: str, lang: str = "de") -> Item:
        item = get_record(self.index, kind, record_id, lang)
        self._add_confirmation(kind, record_iri_for(kind, record_id), item)
        return item

    def page_jsonld(self, kind: str, page: Page) -> dict[str, Any]:
        return to_jsonld(records_graph(self.index.snapshot, kind, page.iris))

    def record_jsonld(self, kind: str, record_id: str) -> dict[str, Any]:
        get_record(self.index, kind, record_id)  # NotFoundError for unknown ids
        iri = record_iri_for(kind, record_id)
        return to_jsonld(records_graph(self.index.snapshot, kind, [iri]))

    def kommunen(self, level: str | None = None, within: str | None = None) -> builtins.list[Item]:
        return list_kommunen(self.index, level, within)

    def kommune_jsonld(self, key: str) -> dict[str, Any]:
        iri = require_kommune(self.index, key)
        return to_jsonld(records_graph(self.index.snapshot, "kommunen", [iri]))

    def schemes(self, lang: str = "de") -> builtins.list[Item]:
        return list_schemes(self.index.snapshot, lang)

    def scheme(self, slug: str, lang: str = "de") -> Item:
        return scheme_concepts(self.index.snapshot, slug, lang)
