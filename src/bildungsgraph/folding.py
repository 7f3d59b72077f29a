"""German text made plain: slugs for identifiers and folded keys for matching.

One transliteration serves both (``transliterate``): ä → ae, ö → oe, ü → ue, ß and ẞ → ss (the
capitals keep their case: Ä → Ae), any other accent dropped (é → e); input in decomposed form
(NFD, ``u`` + combining diaeresis, as macOS file names come) reads like the composed one.

- ``slugify`` makes identifiers that people read: IRI segments, file and host names
  (``Übersicht`` → ``uebersicht``). It keeps the spelled-out vowel, because an identifier is
  written once and must stay readable and stable.
- ``fold`` makes keys to compare search words and names with: besides case and accents it
  equates a vowel, its umlaut and the spelled-out umlaut (``a = ä = ae``), because people
  type "Suchteln", "Süchteln" or "Suechteln" for one place. A fold is lossy and never stored
  as an identifier; ``normalise_key`` is the fold without spaces and punctuation, for column
  headers and vocabulary labels.

No imports of the package: every layer may use this module.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_SPELLED_OUT = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def transliterate(text: str) -> str:
    """``text`` with German umlauts and ß spelled out and other accents removed.

    >>> transliterate("Jugendförderung Straße Café")
    'Jugendfoerderung Strasse Cafe'
    """
    spelled = unicodedata.normalize("NFC", text).translate(_GERMAN)
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(
    text: str,
    *,
    limit: int | None = None,
    fallback: str = "x",
    keep: str = "",
    lowercase: bool = True,
) -> str:
    """An ASCII slug: transliterated, lower case, every run of other characters one ``-``,
    none at either end; at most ``limit`` characters, ``fallback`` when nothing is left.
    ``keep`` names further characters to keep (``._-`` for file names); ``lowercase=False``
    keeps the case.

    >>> slugify("  Übersicht: Kita „Sonnenblume“! ")
    'uebersicht-kita-sonnenblume'
    >>> slugify("Schulen_2024.v2", keep="._-", lowercase=False)
    'Schulen_2024.v2'
    """
    ascii_text = transliterate(text).encode("ascii", "ignore").decode()
    if lowercase:
        ascii_text = ascii_text.lower()
    other = f"[^a-z0-9{re.escape(keep)}]+" if lowercase else f"[^A-Za-z0-9{re.escape(keep)}]+"
    slug = re.sub(other, "-", ascii_text).strip("-")
    if limit is not None:
        slug = slug[:limit].strip("-")
    return slug or fallback


def fold(text: str) -> str:
    """The search key of ``text``: case folded, transliterated, a spelled-out umlaut equal to
    its vowel (ä = ae = a, ß = ss), spaces collapsed.

    >>> fold("Förderverein Müller-Straße") == fold("FOERDERVEREIN mueller-strasse")
    True
    >>> fold("Süchteln") == fold("Suchteln")
    True
    """
    plain = transliterate(text.casefold())
    for spelled, vowel in _SPELLED_OUT:
        plain = plain.replace(spelled, vowel)
    return " ".join(plain.split())


@lru_cache(maxsize=4096)  # called per header and column for every row read
def normalise_key(text: str) -> str:
    """The fold of a header or label without spaces and punctuation, for matching.

    >>> normalise_key("Längengrad") == normalise_key("Laengengrad") == "langengrad"
    True
    >>> normalise_key(" Straße * ")
    'strasse'
    """
    return "".join(ch for ch in fold(text) if ch.isalnum())
