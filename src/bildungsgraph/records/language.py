"""The language of labels: German by default, English when the client prefers it."""

from __future__ import annotations

LANGUAGES = ("de", "en")


def negotiate_language(accept_language: str | None) -> str:
    """The best of ``de``/``en`` for an Accept-Language header (quality values respected).

    >>> negotiate_language("en-GB,en;q=0.9,de;q=0.5")
    'en'
    >>> negotiate_language(None)
    'de'
    """
    best, best_q = "de", 0.0
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        quality -= position * 1e-6  # earlier wins among equals
        if primary in LANGUAGES and quality > best_q:
            best, best_q = primary, quality
    return best
