"""The figures of a Kommune, read from its tally (``facts.py`` defines what counts).

Key figures and counts by facet (page, ``/api/kommunen/{key}``), the map's indicators, the heat
map, the gap matrix's cell counts, data quality and school supply: each figure is read here,
from one tally, in one way.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from ..analysis.gaps import CellCounts
from ..analysis.quality import QualityCounts
from ..records.snapshot import KOMMUNE_PREFIX
from ..records.values import Item, concept
from ..visualisation.maps import AreaFigures
from .view import View

COUNTED_KINDS = ("actors", "offers", "cooperations", "networks")
PROFILE_FACETS = (("life_phase", "life-phase"), ("topic", "topic"))


def kommune_iri(key: str) -> str:
    return KOMMUNE_PREFIX + key


def _slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def record_count(view: View, iri: str, kind: str) -> int:
    """How many records of a kind lie in the Kommune (the key figure of every face)."""
    return view.tally(iri).count("records", kind)


def profile_counts(view: View, iri: str, lang: str) -> Item:
    """Actors, offers, cooperations and networks, and offers with their providers per life
    phase, topic and format (most offers first)."""
    tally = view.tally(iri)
    counts: Item = {kind: tally.count("records", kind) for kind in COUNTED_KINDS}
    for facet, dimension in PROFILE_FACETS:
        found = [
            (key[1], tally.count("cell", key), tally.count("providers", key))
            for key in tally.keys("cell")
            if isinstance(key, tuple) and key[0] == dimension
        ]
        counts[f"by_{facet}"] = _facet_items(view, found, lang)
    formats = [
        (str(key), tally.count("format", key), tally.count("format-by", key))
        for key in tally.keys("format")
    ]
    counts["by_format"] = _facet_items(view, formats, lang)
    return counts


def _facet_items(view: View, found: list[tuple[str, int, int]], lang: str) -> list[Item]:
    return [
        concept(view.snapshot, value, lang) | {"offers": offers, "actors": providers}
        for value, offers, providers in sorted(found, key=lambda f: (-f[1], f[0]))
    ]


def area_figures(view: View, key: str) -> AreaFigures:
    """What a map's indicators are computed from, for one Kommune."""
    iri = kommune_iri(key)
    tally = view.tally(iri)
    by_date = view.snapshot.population.get(iri)
    total = by_date[max(by_date)].get("total") if by_date else None
    return AreaFigures(
        offers=tally.count("records", "offers"),
        actors=tally.count("records", "actors"),
        cooperations=tally.count("records", "cooperations"),
        digital_offers=tally.count("digital", "offers"),
        population=total,
    )


def heat_counts(view: View, iri: str) -> dict[str, dict[str, int]]:
    """Life-phase slug → topic slug → offers."""
    heat: dict[str, dict[str, int]] = {}
    for key, members in view.tally(iri).items("heat"):
        phase, topic = cast("tuple[str, str]", key)  # the heat section's keys
        heat.setdefault(_slug(phase), {})[_slug(topic)] = len(members)
    return heat


def cell_counts(view: View, iri: str) -> CellCounts:
    """(dimension, concept slug or format group) → (offers, providers, in person)."""
    tally = view.tally(iri)
    return {
        (dimension, _slug(value)): (
            len(members),
            tally.count("providers", key),
            tally.count("in-person", key),
        )
        for key, members in tally.items("cell")
        for dimension, value in [cast("tuple[str, str]", key)]  # the cell section's keys
    }


def actor_types_present(view: View, iri: str) -> set[str]:
    """The actor-type slugs of the contributed actors that lie in the Kommune."""
    return {str(key) for key in view.tally(iri).keys("actor-type")}


def quality_counts(view: View, iri: str, since: date) -> QualityCounts:
    """The counts of the data-quality figures; ``since``: what counts as recently changed."""
    tally = view.tally(iri)
    first = since.isoformat()
    recent: set[str] = set()
    for day, members in tally.items("modified"):
        if str(day) >= first:
            recent.update(members)
    return QualityCounts(
        actors=tally.count("quality", "actors"),
        with_contact=tally.count("quality", "contact"),
        sites=tally.count("quality", "sites"),
        with_coordinates=tally.count("quality", "coordinates"),
        offers=tally.count("quality", "offers"),
        modified_since=len(recent),
        schools=tally.count("schools", "all"),
        schools_connected=tally.count("schools", "connected"),
    )


def has_contributed_records(view: View, iri: str) -> bool:
    tally = view.tally(iri)
    return any(tally.count("quality", kind) for kind in ("actors", "sites", "offers"))


def primary_schools(view: View, iri: str) -> int:
    return view.tally(iri).count("schools", "primary")
