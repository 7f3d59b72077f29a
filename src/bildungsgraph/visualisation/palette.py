"""Colours and node sizes of the network views.

Twelve categorical colours (one per top actor type of the vocabulary; communities and Kommunen
take them in order of size) and a grey for everything else; node sizes grow with the square
root of a measure, so areas stay comparable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#ad494a",
    "#637939",
)
OTHER = "#9e9e9e"
NETWORK_COLOUR = "#3d3d3d"  # networks (Gremien): dark, apart from every actor colour
EDGE_COLOUR = "#9aa4ae"  # ties
DISPUTED_COLOUR = "#c62828"  # a disputed cooperation tie: a warning red (dashed and ⚠ too)
MIN_SIZE = 8.0
MAX_SIZE = 36.0
MIN_GROUP_SIZE = 14.0
MAX_GROUP_SIZE = 56.0


def colours_in_order(keys: Iterable[str]) -> dict[str, str]:
    """A palette colour for each key in the given order; keys past the palette are grey."""
    return {key: PALETTE[i] if i < len(PALETTE) else OTHER for i, key in enumerate(keys)}


def scaled_sizes(
    values: Mapping[str, float], smallest: float = MIN_SIZE, largest: float = MAX_SIZE
) -> dict[str, float]:
    """Sizes between ``smallest`` and ``largest``, growing with the square root of the value."""
    top = max((v for v in values.values() if v > 0), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, smallest)
    return {
        key: round(smallest + (largest - smallest) * math.sqrt(max(value, 0.0) / top), 2)
        for key, value in values.items()
    }
