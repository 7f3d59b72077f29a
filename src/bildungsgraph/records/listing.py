"""Listings with filters, sorting and paging; single records with their links."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from ..errors import NotFoundError
from ..namespaces import DCT, ID, SCHEMA
from .filters import FilterError, RecordQuery, build_predicate, resolve_kommunen
from .index import Index
from .items import ITEM_BUILDERS
from .values import Item, text

SORT_KEYS = ("name", "id", "modified", "start_date")
MAX_PAGE_SIZE = 500
RECORD_PREFIXES = {
    "actors": "actor",
    "offers": "offer",
    "cooperations": "cooperation",
    "networks": "network",
}


@dataclass
class Page:
    """One page of a listing with the total over all pages."""

    items: list[Item]
    total: int
    page: int
    page_size: int
    iris: list[str]

    def to_json(self) -> dict[str, Any]:
        pages = (self.total + self.page_size - 1) // self.page_size
        return {
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
            "pages": pages,
            "items": self.items,
        }


def _sort_value(index: Index, kind: str, iri: str, key: str) -> str:
    props = index.snapshot.records[kind][iri]
    if key == "name":
        return index.sort_name.get(iri, "")
    if key == "id":
        return iri
    if key == "modified":
        return text(props, DCT.modified) or ""
    return text(props, SCHEMA.startDate) or ""


def select_records(
    index: Index,
    kind: str,
    query: RecordQuery,
    *,
    sort: str = "name",
    located: Callable[[str, str], Collection[str]] | None = None,
) -> list[str]:
    """The IRIs of every record of ``kind`` that passes the filters, sorted (ties broken by
    IRI, so the order is stable): a listing's pages and the complete exports cut from this.

    ``located(kind, kommune_iri)``: the records of a kind that lie in a Kommune (the read
    model's tallies), so that a listing of one Kommune looks at its records, not the Land's.
    """
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    if key not in SORT_KEYS:
        raise FilterError(
            f"sort={sort!r} is not known; allowed: {', '.join(SORT_KEYS)} (prefix - for descending)"
        )
    keep = build_predicate(index, kind, query)
    candidates: Collection[str] = index.snapshot.records[kind]
    if query.kommune and located is not None:
        areas = resolve_kommunen(index.snapshot, query.kommune)
        candidates = {iri for area in areas for iri in located(kind, area)}
    selected = [iri for iri in candidates if keep(iri)]
    selected.sort(key=lambda iri: (_sort_value(index, kind, iri, key), iri), reverse=descending)
    return selected


def list_records(
    index: Index,
    kind: str,
    query: RecordQuery,
    *,
    lang: str = "de",
    sort: str = "name",
    page: int = 1,
    page_size: int = 50,
    located: Callable[[str, str], Collection[str]] | None = None,
) -> Page:
    """Filter, sort and cut one page (see :func:`select_records`)."""
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise FilterError(f"page must be ≥ 1 and page_size between 1 and {MAX_PAGE_SIZE}")
    selected = select_records(index, kind, query, sort=sort, located=located)
    start = (page - 1) * page_size
    chosen = selected[start : start + page_size]
    build = ITEM_BUILDERS[kind]
    items = [build(index, iri, lang) for iri in chosen]
    return Page(items=items, total=len(selected), page=page, page_size=page_size, iris=chosen)


def record_iri_for(kind: str, record_id: str) -> str:
    """The IRI of a record from its Kennung (or its full IRI)."""
    if record_id.startswith(str(ID)):
        return record_id
    return f"{ID}{RECORD_PREFIXES[kind]}/{record_id}"


def get_record(index: Index, kind: str, record_id: str, lang: str = "de") -> Item:
    """One record with its links (offers, cooperations, memberships, Kommunen)."""
    iri = record_iri_for(kind, record_id)
    if iri not in index.snapshot.records[kind]:
        raise NotFoundError(f"no {RECORD_PREFIXES[kind]} with the id {record_id!r}")
    return ITEM_BUILDERS[kind](index, iri, lang, True)
