"""Neighbouring Kommunen: polygons that share a border in the shipped VG5000 boundaries.

Two units are neighbours when their outlines share at least two vertices (a border segment;
one shared corner is not enough). VG5000 is topologically consistent, so shared borders have
identical vertices; coordinates are compared after rounding to 4 decimals (about 10 m).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from ..config import REFERENCE_DIR

GEMEINDEN_FILE = REFERENCE_DIR / "nrw_gemeinden_vg5000.geojson"
KREISE_FILE = REFERENCE_DIR / "nrw_kreise_vg5000.geojson"
MIN_SHARED_VERTICES = 2


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def adjacency_from_features(features: list[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Key (property ``ags``) → keys of the features sharing a border with it."""
    owners: dict[tuple[float, float], set[str]] = defaultdict(set)
    for feature in features:
        key = str(feature["properties"]["ags"])
        for ring in _rings(feature["geometry"]):
            for x, y in ring:
                owners[(round(x, 4), round(y, 4))].add(key)
    shared: Counter[tuple[str, str]] = Counter()
    for keys in owners.values():
        for a in keys:
            for b in keys:
                if a < b:
                    shared[(a, b)] += 1
    result: dict[str, set[str]] = defaultdict(set)
    for feature in features:
        result[str(feature["properties"]["ags"])]  # every unit, also without neighbours
    for (a, b), count in shared.items():
        if count >= MIN_SHARED_VERTICES:
            result[a].add(b)
            result[b].add(a)
    return {key: frozenset(values) for key, values in result.items()}


@cache
def _adjacency(path: Path) -> dict[str, frozenset[str]]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return adjacency_from_features(features)


def neighbours(key: str) -> frozenset[str]:
    """Neighbouring Gemeinden (8-digit AGS) or Kreise (5-digit key); computed once, cached."""
    path = GEMEINDEN_FILE if len(key) == 8 else KREISE_FILE
    return _adjacency(path).get(key, frozenset())
