"""Reading records for the REST API: listings with filters, sorting and paging, labels in a
language, Kommune profiles, vocabularies, JSON-LD and CSV.

Everything is answered from the in-memory index of one store state, which the read model keeps
current (:class:`Records`).
"""

from __future__ import annotations

from .filters import CONCEPT_FILTERS, KIND_FILTERS, FilterError, RecordQuery
from .jsonld import CONTEXT_PATH, jsonld_context
from .kommunen import LEVEL_ALIASES, LEVELS, level_code
from .listing import MAX_PAGE_SIZE, SORT_KEYS, Page
from .reader import Records
from .tables import items_csv

__all__ = [
    "CONCEPT_FILTERS",
    "CONTEXT_PATH",
    "KIND_FILTERS",
    "LEVELS",
    "LEVEL_ALIASES",
    "MAX_PAGE_SIZE",
    "SORT_KEYS",
    "FilterError",
    "Page",
    "RecordQuery",
    "Records",
    "items_csv",
    "jsonld_context",
    "level_code",
]
