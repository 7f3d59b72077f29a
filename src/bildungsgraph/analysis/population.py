"""Reference populations for the gap matrix: the age bands of a life phase per Kommune.

Kreise and kreisfreie Städte have 17 age bands per date; Gemeinden only a total. For a
Gemeinde the age-band population is estimated as the Gemeinde total times the Kreis's share of
that band (same Kreis, latest date); the estimate is marked as such.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .model import Kommune
from .rows import Row, day, number, text

TOTAL_BAND = "https://w3id.org/bildungsgraph/vocab/age-band/total"


@dataclass
class Population:
    """Population by area IRI and age-band IRI at the latest date up to ``as_of``."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Sequence[Row], as_of: date | None = None) -> Population:
        latest: dict[str, date] = {}
        for row in rows:
            when = day(row, "date")
            area = text(row, "area")
            if when is None or (as_of is not None and when > as_of):
                continue
            if area not in latest or when > latest[area]:
                latest[area] = when
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        for row in rows:
            area = text(row, "area")
            if day(row, "date") == latest.get(area):
                counts[area][text(row, "band")] = number(row, "population")
        return cls(counts=dict(counts), dates=latest)

    def of(self, kommune: Kommune, bands: tuple[str, ...]) -> tuple[float | None, bool]:
        """(population of the bands, estimated?) for a Kommune; None when unknown."""
        bands = bands or (TOTAL_BAND,)
        own = self.counts.get(kommune.iri, {})
        if all(b in own for b in bands):
            return float(sum(own[b] for b in bands)), False
        if not kommune.is_municipality or TOTAL_BAND not in own:
            return None, False
        parent = self.counts.get(kommune.parent, {})
        if not parent.get(TOTAL_BAND) or not all(b in parent for b in bands):
            return None, False
        share = sum(parent[b] for b in bands) / parent[TOTAL_BAND]
        return own[TOTAL_BAND] * share, True
