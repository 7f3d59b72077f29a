"""Content negotiation: the one reading of ``Accept`` and ``Accept-Language`` (RFC 9110 §12.5).

Every face that answers in more than one media type or language asks this module, so one header
gets one answer everywhere (a page and its JSON twin pick the same language). It imports nothing
of the package, so every layer may use it.

``Accept``: a media type's quality is the q-value of the most precise range that names it (the
type itself, then one of its aliases, then ``type/*``, then ``*/*``); q=0 means not acceptable.
The highest quality wins; on a tie a type the client named beats one it reached by a wildcard,
then the server's order decides. Types listed in ``by_name_only`` (HTML, which RDF and SPARQL
clients never want by accident) are chosen only when named::

    >>> choose_media_type("text/csv;q=0.5, */*", ("application/json", "text/csv"))
    'application/json'
    >>> choose_media_type("application/json;q=0, text/*", ("application/json", "text/csv"))
    'text/csv'
    >>> choose_media_type("*/*", ("text/html", "text/turtle"), by_name_only={"text/html"})
    'text/turtle'

``Accept-Language``: a language's quality is that of the range naming it (``de``), else of a
regional range (``de-DE``), else of ``*``; q=0 excludes it. On a tie the client's earlier entry
wins (``en, de`` asks for English), as browsers list languages in order of preference; without a
usable entry the answer is the default (German)::

    >>> choose_language("en-GB,en;q=0.9,de;q=0.5")
    'en'
    >>> choose_language("fr, *;q=0.1")
    'de'
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES: tuple[str, ...] = ("de", "en")
DEFAULT_LANGUAGE = "de"

# How precisely a range names a media type or a language; higher wins.
_EXACT, _ALIAS, _SUBTYPE_WILDCARD, _ANY = 3, 2, 1, 0
_NO_MATCH = -1


@dataclass(frozen=True)
class MediaRange:
    """One entry of an ``Accept`` header: ``type/subtype`` (either may be ``*``) and its q."""

    type: str
    subtype: str
    q: float

    @property
    def name(self) -> str:
        return f"{self.type}/{self.subtype}"


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header, in order; malformed entries are skipped and
    malformed qualities count as 0 (not acceptable), parameters other than q are ignored."""
    ranges: list[MediaRange] = []
    for entry in (header or "").split(","):
        main, _, sub = entry.split(";", 1)[0].strip().lower().partition("/")
        if not main or not sub or (main == "*" and sub != "*"):
            continue
        ranges.append(MediaRange(main, sub, _q_value(entry)))
    return ranges


def media_type_quality(
    ranges: Sequence[MediaRange],
    media_type: str,
    aliases: Collection[str] = (),
    by_name_only: bool = False,
) -> tuple[float, int]:
    """(quality, precision) of ``media_type`` under ``ranges``; precision is -1 when no range
    covers it. ``aliases`` are other names clients use for it (``application/json`` for
    JSON-LD)."""
    main = media_type.split("/", 1)[0]
    best_q, best_precision = 0.0, _NO_MATCH
    for media_range in ranges:
        name = media_range.name
        if name == media_type:
            precision = _EXACT
        elif name in aliases:
            precision = _ALIAS
        elif by_name_only:
            continue
        elif media_range.type == main and media_range.subtype == "*":
            precision = _SUBTYPE_WILDCARD
        elif media_range.type == "*":
            precision = _ANY
        else:
            continue
        if precision > best_precision:
            best_q, best_precision = media_range.q, precision
    return best_q, best_precision


def choose_media_type(
    accept: str | None,
    offered: Sequence[str],
    aliases: Mapping[str, str] | None = None,
    by_name_only: Collection[str] = (),
) -> str | None:
    """The ``offered`` media type (in the server's order of preference) that ``accept`` likes
    best, or None when none is acceptable (406). No header, or one without a single valid
    range, accepts anything (``*/*``). ``aliases`` maps another name to an offered type."""
    ranges = parse_accept(accept) or [MediaRange("*", "*", 1.0)]
    names: dict[str, list[str]] = {}
    for alias, target in (aliases or {}).items():
        names.setdefault(target, []).append(alias)
    best: tuple[float, bool, int] | None = None
    chosen = None
    for rank, media_type in enumerate(offered):
        q, precision = media_type_quality(
            ranges, media_type, names.get(media_type, ()), media_type in by_name_only
        )
        if q <= 0 or precision == _NO_MATCH:
            continue
        score = (q, precision >= _ALIAS, -rank)
        if best is None or score > best:
            best, chosen = score, media_type
    return chosen


def choose_language(
    accept_language: str | None,
    offered: Sequence[str] = LANGUAGES,
    default: str = DEFAULT_LANGUAGE,
) -> str:
    """The offered language ``Accept-Language`` likes best, else ``default``."""
    return _choose_language(accept_language or "", tuple(offered), default)


@lru_cache(maxsize=256)
def _choose_language(header: str, offered: tuple[str, ...], default: str) -> str:
    ranges = [
        (entry.split(";", 1)[0].strip().lower().replace("_", "-"), _q_value(entry))
        for entry in header.split(",")
    ]
    best: tuple[float, int] | None = None
    chosen = default
    for language in offered:
        q, position, best_precision = 0.0, 0, _NO_MATCH
        for index, (tag, quality) in enumerate(ranges):
            if tag == language:
                precision = _EXACT
            elif tag.split("-", 1)[0] == language:
                precision = _ALIAS
            elif tag == "*":
                precision = _ANY
            else:
                continue
            if precision > best_precision:
                q, position, best_precision = quality, index, precision
        if q > 0 and (best is None or (q, -position) > best):
            best, chosen = (q, -position), language
    return chosen


def _q_value(entry: str) -> float:
    """The q parameter of one header entry (1 without one, 0 when malformed), within [0, 1]."""
    for param in entry.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0
