"""Search over actors, offers and Kommunen for the start page: ranked, umlaut-insensitive.

Names rank first: an exact name, then a name that starts with the query, then names whose
words start with the query's words, then names containing them, last records whose
description, types or Kommunen contain them. Ties go to Kommunen before actors before offers,
then by name. The read model keeps the folded entries current per store state
(``search_entries``, ``updated_entries``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import InvalidParameterError
from ..folding import fold
from ..namespaces import BG, RDF, SCHEMA
from .index import Index
from .kommunen import LEVELS
from .snapshot import Properties
from .values import iris, local_id, name_of, text

SEARCH_KINDS = ("kommune", "actor", "offer")  # also the order of ties
MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 100
_WORD = re.compile(r"[^\w]+")
_RECORD_KINDS = {"actor": "actors", "offer": "offers"}
# words a Kommune is also found by, per level (German and English)
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "land": ("Land", "state"),
    "regierungsbezirk": ("Regierungsbezirk", "district"),
    "kreis": ("Kreis", "district"),
    "kreisfreie-stadt": ("kreisfreie Stadt", "city"),
    "gemeinde": ("Gemeinde", "municipality"),
}


@dataclass(frozen=True)
class _Entry:
    kind: str
    iri: str
    key: str  # Kennung or Kommune key, folded
    name: str  # folded
    words: tuple[str, ...]  # folded words of the name
    haystack: str  # folded name, description, types, Kommunen


@dataclass(frozen=True)
class SearchHit:
    """One found record with where its page and its data are."""

    kind: str  # "actor" | "offer" | "kommune"
    id: str  # Kennung or Kommune key
    iri: str
    name: str
    href: str  # the page for people
    data_href: str  # the JSON record
    details: list[str]  # actor types, an offer's provider and life phases (in the language)
    level: str | None  # a Kommune's level (land, regierungsbezirk, kreis, gemeinde)
    kommune: str | None  # the Kommune an actor or offer is in
    rank: int  # 0 exact name ... 4 found in the description


SearchEntries = dict[str, _Entry]


@dataclass
class SearchResult:
    """One page of hits, the total and the number of hits per kind."""

    query: str
    kind: str | None
    hits: list[SearchHit]
    total: int
    counts: dict[str, int]
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return (self.total + self.page_size - 1) // self.page_size

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": self.kind,
            "total": self.total,
            "counts": self.counts,
            "page": self.page,
            "page_size": self.page_size,
            "pages": self.pages,
            "items": [asdict(hit) for hit in self.hits],
        }


def rank(entry: _Entry, phrase: str, words: list[str]) -> int | None:
    """0 exact name or key, 1 name prefix, 2 word prefixes, 3 in the name, 4 elsewhere."""
    if not all(word in entry.haystack for word in words):
        return None  # most entries: decided by one substring test
    if phrase in (entry.name, entry.key):
        return 0
    if entry.name.startswith(phrase):
        return 1
    if all(any(w.startswith(word) for w in entry.words) for word in words):
        return 2
    if all(word in entry.name for word in words):
        return 3
    return 4


def search(
    entries: SearchEntries,
    index: Index,
    query: str,
    kind: str | None = None,
    *,
    lang: str = "de",
    page: int = 1,
    page_size: int = 20,
) -> SearchResult:
    """Hits for ``query`` (every word must match), optionally of one kind, one page."""
    query = query.strip()
    _check(query, kind, page, page_size)
    phrase = fold(query)
    words = [w for w in _WORD.split(phrase) if w] or ([phrase] if phrase else [])
    ranked: list[tuple[int, int, str, str, _Entry]] = []
    counts = dict.fromkeys(SEARCH_KINDS, 0)
    if words:
        for entry in entries.values():
            found = rank(entry, phrase, words)
            if found is None:
                continue
            counts[entry.kind] += 1
            if kind is None or entry.kind == kind:
                order = SEARCH_KINDS.index(entry.kind)
                ranked.append((found, order, entry.name, entry.iri, entry))
    ranked.sort(key=lambda item: item[:4])
    start = (page - 1) * page_size
    hits = [
        _hit(index, entry, found, lang)
        for found, _, _, _, entry in ranked[start : start + page_size]
    ]
    return SearchResult(
        query=query,
        kind=kind,
        hits=hits,
        total=len(ranked),
        counts=counts,
        page=page,
        page_size=page_size,
    )


def search_entries(index: Index) -> SearchEntries:
    """The search entries of every Kommune, actor and offer of an index."""
    records = index.snapshot.records
    return {
        iri: entry
        for kind in ("kommunen", *_RECORD_KINDS.values())
        for iri in records[kind]
        if (entry := _entry_of(index, kind, iri)) is not None
    }


def updated_entries(old: SearchEntries, index: Index, affected: Iterable[str]) -> SearchEntries:
    """``old`` with the entries of the affected records made again from ``index``."""
    entries = dict(old)
    for iri in affected:
        kind = index.kind_of(iri)
        entry = _entry_of(index, kind, iri) if kind else None
        if entry is None:
            entries.pop(iri, None)
        else:
            entries[iri] = entry
    return entries


def _check(query: str, kind: str | None, page: int, page_size: int) -> None:
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidParameterError(
            f"Suchtext zu lang ({len(query)} Zeichen, höchstens {MAX_QUERY_LENGTH}) / "
            f"search text too long (at most {MAX_QUERY_LENGTH} characters)"
        )
    if kind is not None and kind not in SEARCH_KINDS:
        raise InvalidParameterError(
            f"kind={kind!r} ist unbekannt / unknown; erlaubt / allowed: {', '.join(SEARCH_KINDS)}"
        )
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidParameterError(f"page ≥ 1, page_size 1 … {MAX_PAGE_SIZE}")


def _entry(kind: str, iri: str, name: str, *extra: str) -> _Entry:
    """An entry; a Kommune's ``extra`` are words of its level, searched like its name."""
    folded = fold(name)
    words = tuple(w for w in _WORD.split(folded) if w)
    extra_text = " ".join(fold(e) for e in extra)
    if kind == "kommune":
        words += tuple(extra_text.split())
    key = fold(local_id(iri))
    return _Entry(kind, iri, key, folded, words, f"{folded} {key} {extra_text}")


def kommune_level(props: Properties) -> str | None:
    """land, regierungsbezirk, kreis, kreisfreie-stadt or gemeinde."""
    types = iris(props, RDF.type)
    if str(BG.IndependentCity) in types:
        return "kreisfreie-stadt"
    return next((name for name, cls in LEVELS.items() if str(cls) in types), None)


def _concept_labels(index: Index, values: list[str]) -> str:
    concepts = index.snapshot.concepts
    return " ".join(" ".join(concepts[v].labels.values()) for v in values if v in concepts)


def _kommune_names(index: Index, record: str) -> str:
    return " ".join(index.snapshot.kommune_name(k) for k in index.kommunen.get(record, ()))


def _entry_of(index: Index, kind: str, iri: str) -> _Entry | None:
    props = index.snapshot.records[kind][iri]
    name = text(props, SCHEMA.name) or local_id(iri)
    if kind == "kommunen":
        return _entry("kommune", iri, name, *LEVEL_WORDS.get(kommune_level(props) or "", ()))
    if kind == "actors":
        return _entry(
            "actor",
            iri,
            name,
            index.search_text.get(iri, ""),
            _concept_labels(index, iris(props, BG.actorType)),
            _kommune_names(index, iri),
        )
    if kind == "offers":
        return _entry(
            "offer",
            iri,
            name,
            index.search_text.get(iri, ""),
            _concept_labels(index, iris(props, BG.topic)),
            _concept_labels(index, iris(props, BG.lifePhase)),
            _kommune_names(index, iri),
        )
    return None


def _hit(index: Index, entry: _Entry, found: int, lang: str) -> SearchHit:
    snapshot = index.snapshot
    key = local_id(entry.iri)
    if entry.kind == "kommune":
        level = kommune_level(snapshot.records["kommunen"][entry.iri])
        return SearchHit(
            "kommune",
            key,
            entry.iri,
            snapshot.kommune_name(entry.iri),
            f"/kommunen/{key}",
            f"/api/kommunen/{key}",
            [],
            level,
            None,
            found,
        )
    kind = _RECORD_KINDS[entry.kind]
    props = snapshot.records[kind][entry.iri]
    places = sorted(index.kommunen.get(entry.iri, ()), key=lambda k: (-len(k), k))
    kommune = snapshot.kommune_name(places[0]) if places else None
    if entry.kind == "actor":
        details = [snapshot.concept_label(t, lang) for t in iris(props, BG.actorType)]
        href = f"/actors/{key}"
    else:
        providers = iris(props, BG.provider)
        details = [name_of(snapshot, "actors", p) for p in providers]
        details += [snapshot.concept_label(p, lang) for p in iris(props, BG.lifePhase)]
        href = f"/actors/{local_id(providers[0])}#offer-{key}" if providers else f"/id/offer/{key}"
    return SearchHit(
        entry.kind,
        key,
        entry.iri,
        name_of(snapshot, kind, entry.iri),
        href,
        f"/api/{kind}/{key}",
        details,
        None,
        kommune,
        found,
    )
