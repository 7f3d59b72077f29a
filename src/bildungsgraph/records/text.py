"""Text matching for free-text search: case- and umlaut-insensitive (ä = ae, ß = ss)."""

from __future__ import annotations

import unicodedata

_GERMAN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_SPELLED_OUT = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def fold(text: str) -> str:
    """Lower case, accents removed, umlauts and their spelled-out forms made equal
    (ä = ae = a, ß = ss), spaces collapsed.

    >>> fold("Förderverein Müller-Straße") == fold("FOERDERVEREIN mueller-strasse")
    True
    >>> fold("Süchteln") == fold("Suchteln")
    True
    """
    lowered = unicodedata.normalize("NFC", text.casefold()).translate(_GERMAN)
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for spelled, vowel in _SPELLED_OUT:
        plain = plain.replace(spelled, vowel)
    return " ".join(plain.split())


def matches(query: str, *texts: str) -> bool:
    """Whether every word of ``query`` occurs in one of ``texts`` (after folding)."""
    haystack = " ".join(fold(text) for text in texts)
    return all(word in haystack for word in fold(query).split())
