"""Text matching for free-text search, on the folded text (``bildungsgraph.folding.fold``)."""

from __future__ import annotations

from ..folding import fold


def matches(query: str, *texts: str) -> bool:
    """Whether every word of ``query`` occurs in one of ``texts`` (after folding)."""
    haystack = " ".join(fold(text) for text in texts)
    return all(word in haystack for word in fold(query).split())
