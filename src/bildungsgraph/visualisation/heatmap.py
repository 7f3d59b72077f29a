"""The life phase × topic heat map of a Kommune as a table model with colour steps.

The counts come from the read model (offers per life phase and topic in the Kommune, a Kreis
including its Gemeinden). Whether a pair means something is data: a topic names the life phases
it applies to (``bg:relevantLifePhase``, read into ``Concept.relevant_phases``). A relevant cell
with no recorded offer is a gap and is marked as such (not only by colour); a cell whose topic
does not apply to the life phase is greyed as "nicht relevant" and is never a gap; the other
cells fall into :data:`STEPS` equal-interval steps between one offer and the table's largest
count, coloured with the map palette. The number is always shown, so the colour is only a
second cue. Topic headers show the topic's notation (``MINT``, ``BO``, ...) with the full name
as a tooltip and in a key below the table, so that the table fits the page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..analysis.gaps import is_relevant, topic_relevance
from ..analysis.model import Concept
from .maps import PALETTE

STEPS = 4  # colour steps for cells with at least one offer
NOT_RELEVANT = -1  # the step of a cell whose topic does not apply to the life phase
NOT_RELEVANT_COLOUR = "#d9d9d9"
_TEXT = {
    "title": (
        "Angebote nach Lebensphase und Themenfeld – {name}",
        "Offers by life phase and topic – {name}",
    ),
    "gap": ("Lücke: kein erfasstes Angebot", "gap: no recorded offer"),
    "not_relevant": ("nicht relevant", "not relevant"),
    "cell": ("{phase} × {topic}: {count} Angebote", "{phase} × {topic}: {count} offers"),
    "one": ("{phase} × {topic}: 1 Angebot", "{phase} × {topic}: 1 offer"),
}


def step_class(step: int) -> str:
    """The class of a heat map step in heatmap.css: heat-0 (gap) … heat-N, heat-na."""
    return "heat-na" if step == NOT_RELEVANT else f"heat-{step}"


@dataclass(frozen=True)
class HeatCell:
    count: int
    step: int  # 0 = gap (relevant, no recorded offer), 1..STEPS, NOT_RELEVANT
    description: str  # "phase × topic: n offers" for assistive technology

    @property
    def relevant(self) -> bool:
        return self.step != NOT_RELEVANT

    @property
    def css_class(self) -> str:
        return step_class(self.step)


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

    @property
    def css_class(self) -> str:
        return step_class(self.step)


@dataclass(frozen=True)
class HeatColumn:
    """A topic column: slug, full label and the abbreviation its header shows."""

    key: str
    label: str
    abbreviation: str


@dataclass(frozen=True)
class HeatmapView:
    """Rows = life phases, columns = topics; ready for ``templates/views/_heatmap.html``."""

    key: str
    title: str
    columns: list[tuple[str, str]]  # (topic slug, label)
    rows: list[HeatRow]
    steps: list[HeatStep]  # the legend: gap first, "not relevant" last
    gaps: int  # relevant cells without a recorded offer
    maximum: int
    relevant: int = 0  # cells whose topic applies to the life phase
    headers: list[HeatColumn] | None = None  # the columns with their abbreviations

    @property
    def cell_count(self) -> int:
        return sum(len(row.cells) for row in self.rows)


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
    concepts: Mapping[str, Concept] | None = None,
) -> HeatmapView:
    """The table for ``counts`` (life-phase slug → topic slug → offers) in the given order;
    ``concepts`` (the analysis concepts) give each topic's relevant life phases and
    notation (without them: every pair is relevant, headers show the full label)."""
    which = 0 if lang == "de" else 1
    relevance = topic_relevance(concepts) if concepts else {}
    notations = {c.slug: c.notation for c in (concepts or {}).values() if c.scheme == "topic"}
    maximum = max((n for row in counts.values() for n in row.values()), default=0)
    rows = []
    for phase, phase_label in phases:
        cells = []
        for topic, topic_label in topics:
            count = counts.get(phase, {}).get(topic, 0)
            template = _TEXT["one" if count == 1 else "cell"][which]
            description = template.format(phase=phase_label, topic=topic_label, count=count)
            if not is_relevant(relevance, phase, topic):
                step = NOT_RELEVANT
                description += f" ({_TEXT['not_relevant'][which]})"
            else:
                step = step_of(count, maximum)
                if count == 0:
                    description += f" ({_TEXT['gap'][which]})"
            cells.append(HeatCell(count, step, description))
        rows.append(HeatRow(phase, phase_label, cells, sum(c.count for c in cells)))
    steps = [HeatStep(0, "#ffffff", _TEXT["gap"][which])]
    for low, high in step_bounds(maximum):
        step = step_of(low, maximum)
        steps.append(HeatStep(step, PALETTE[step], str(low) if low == high else f"{low}–{high}"))
    cells_all = [cell for row in rows for cell in row.cells]
    if any(not cell.relevant for cell in cells_all):
        steps.append(HeatStep(NOT_RELEVANT, NOT_RELEVANT_COLOUR, _TEXT["not_relevant"][which]))
    return HeatmapView(
        key=key,
        title=_TEXT["title"][which].format(name=name),
        columns=list(topics),
        rows=rows,
        steps=steps,
        gaps=sum(1 for cell in cells_all if cell.step == 0),
        maximum=maximum,
        relevant=sum(1 for cell in cells_all if cell.relevant),
        headers=[HeatColumn(slug, label, notations.get(slug) or label) for slug, label in topics],
    )
