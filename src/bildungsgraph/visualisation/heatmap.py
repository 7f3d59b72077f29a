"""The life phase × topic heat map of a Kommune as a table model with colour steps.

The counts come from the gap analysis (``GapReport.heatmap``: offers per life phase and topic
in the Kommune, a Kreis including its Gemeinden). A cell with no offer is a gap and is marked as
such (not only by colour); the other cells fall into :data:`STEPS` equal-interval steps between
one offer and the table's largest count, coloured with the map palette. The number is always
shown, so the colour is only a second cue.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .maps import PALETTE

STEPS = 4  # colour steps for cells with at least one offer
_TEXT = {
    "title": (
        "Angebote nach Lebensphase und Themenfeld – {name}",
        "Offers by life phase and topic – {name}",
    ),
    "gap": ("Lücke: kein Angebot", "gap: no offer"),
    "cell": ("{phase} × {topic}: {count} Angebote", "{phase} × {topic}: {count} offers"),
    "one": ("{phase} × {topic}: 1 Angebot", "{phase} × {topic}: 1 offer"),
}


@dataclass(frozen=True)
class HeatCell:
    count: int
    step: int  # 0 = gap (no offer), 1..STEPS
    description: str  # "phase × topic: n offers" for assistive technology


@dataclass(frozen=True)
class HeatRow:
    key: str
    label: str
    cells: list[HeatCell]
    total: int


@dataclass(frozen=True)
class HeatStep:
    step: int
    colour: str
    label: str


@dataclass(frozen=True)
class HeatmapView:
    """Rows = life phases, columns = topics; ready for ``templates/views/_heatmap.html``."""

    key: str
    title: str
    columns: list[tuple[str, str]]  # (topic slug, label)
    rows: list[HeatRow]
    steps: list[HeatStep]  # the legend, gap first
    gaps: int
    maximum: int


def step_of(count: int, maximum: int, steps: int = STEPS) -> int:
    """0 for no offer, else 1..steps in equal intervals over 1..maximum.

    >>> [step_of(n, 8) for n in (0, 1, 2, 3, 8)]
    [0, 1, 1, 2, 4]
    """
    if count <= 0:
        return 0
    if maximum <= 1:
        return steps
    return max(1, math.ceil((count - 1) / (maximum - 1) * steps))


def step_bounds(maximum: int, steps: int = STEPS) -> list[tuple[int, int]]:
    """(lowest, highest) count of every step 1..steps (empty steps are left out)."""
    found: dict[int, tuple[int, int]] = {}
    for count in range(1, maximum + 1):
        step = step_of(count, maximum, steps)
        low, _ = found.get(step, (count, count))
        found[step] = (low, count)
    return [found[s] for s in sorted(found)]


def build_heatmap(
    key: str,
    name: str,
    counts: Mapping[str, Mapping[str, int]],
    phases: Sequence[tuple[str, str]],
    topics: Sequence[tuple[str, str]],
    lang: str = "de",
) -> HeatmapView:
    """The table for ``counts`` (life-phase slug → topic slug → offers) in the given order."""
    which = 0 if lang == "de" else 1
    maximum = max((n for row in counts.values() for n in row.values()), default=0)
    rows = []
    for phase, phase_label in phases:
        cells = []
        for topic, topic_label in topics:
            count = counts.get(phase, {}).get(topic, 0)
            template = _TEXT["one" if count == 1 else "cell"][which]
            description = template.format(phase=phase_label, topic=topic_label, count=count)
            if count == 0:
                description += f" ({_TEXT['gap'][which]})"
            cells.append(HeatCell(count, step_of(count, maximum), description))
        rows.append(HeatRow(phase, phase_label, cells, sum(c.count for c in cells)))
    steps = [HeatStep(0, "#ffffff", _TEXT["gap"][which])]
    for low, high in step_bounds(maximum):
        step = step_of(low, maximum)
        steps.append(HeatStep(step, PALETTE[step], str(low) if low == high else f"{low}–{high}"))
    return HeatmapView(
        key=key,
        title=_TEXT["title"][which].format(name=name),
        columns=list(topics),
        rows=rows,
        steps=steps,
        gaps=sum(1 for row in rows for cell in row.cells if cell.step == 0),
        maximum=maximum,
    )
