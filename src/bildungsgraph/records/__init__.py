"""Reading records for the REST API: listings with filters, sorting and paging, labels in a
language, Kommune profiles, vocabularies, JSON-LD and CSV.

Everything is answered from an in-memory index built with a few whole-class queries and kept
until the store changes (:class:`RecordReader`).
"""

from __future__ import annotations

from .filters import CONCEPT_FILTERS, KIND_FILTERS, FilterError, RecordQuery
from .jsonld import CONTEXT_PATH, jsonld_context
from .kommunen import LEVELS
from .language import negotiate_language
from .listing import MAX_PAGE_SIZE, SORT_KEYS, Page
from .reader import RecordReader
from .tables import items_csv
from .text import fold

__all__ = [
    "CONCEPT_FILTERS",
    "CONTEXT_PATH",
    "KIND_FILTERS",
    "LEVELS",
    "MAX_PAGE_SIZE",
    "SORT_KEYS",
    "FilterError",
    "Page",
    "RecordQuery",
    "RecordReader",
    "fold",
    "items_csv",
    "jsonld_context",
    "negotiate_language",
]
