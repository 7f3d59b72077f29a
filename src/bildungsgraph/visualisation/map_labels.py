"""Names on a map: each area's name inside the area, or a number and a key beside the map.

A name goes where the area is widest: the candidate points are the pole of inaccessibility
(the centre of the largest inscribed circle, found as Mapbox's *polylabel* does: a quadtree of
cells, each refined only while it could still beat the best point) and the next-best cells of
that search. At each candidate the name is tried from the largest font size down, on one line
and split in two at a hyphen or space; it is placed where its box (with a margin) lies inside
the area. Most names of a map then share one size (:data:`COMMON_SHARE`). Boxes inside
disjoint areas cannot overlap, so collisions matter only for the numbers: an area too small
for its name gets a number, placed at its pole or, if that collides, at the nearest free
spot, and the key beside the map names it.

Text widths come from the glyph widths of the labels' font (Helvetica/Arial/Liberation Sans
Bold share them; ``map.css`` names that family), so what fits here fits in the browser.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

XY = tuple[float, float]
Rings = Sequence[Sequence[XY]]  # every ring of an area (outer rings and holes, even-odd)

FONT_SIZES = (40, 34, 28, 24, 20, 17, 14, 12)  # SVG units; a map is 1000 units wide
# One size for most names of a map (cartographic practice: a level of areas, one size): the
# largest at which this share of the names that fit at all fits; names with less room get less.
COMMON_SHARE = 0.6
NUMBER_SIZES = (14, 17)  # numbers: the common size, within these bounds
LINE_HEIGHT = 1.15
MARGIN = 1.5  # units between a label's box and the area's outline
_CANDIDATES = 12
# Glyph widths in thousandths of an em of Helvetica Bold (its AFM metrics), which Arial Bold
# and Liberation Sans Bold share: map.css draws the labels in exactly that family, so these
# widths are what the browser draws. Umlauts are as wide as their base letters.
_WIDTHS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,()/'",
    (556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389,
     556, 333, 611, 556, 778, 556, 556, 500,
     722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722,
     667, 611, 722, 667, 944, 667, 667, 611,
     *[556] * 10, 278, 333, 278, 278, 333, 333, 278, 238),
    strict=True,
))  # fmt: skip
_WIDTHS.update({"ä": 556, "ö": 611, "ü": 611, "ß": 611, "Ä": 722, "Ö": 778, "Ü": 722})
_UNKNOWN_WIDTH = 780  # a wide letter, for anything else
_SAFETY = 1.04  # rounding and hinting in the browser


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left or other.right <= self.left
            or self.bottom <= other.top or other.bottom <= self.top
        )  # fmt: skip


@dataclass(frozen=True)
class Label:
    """Where one area's name (or number) is drawn: centre, font size, lines, its box."""

    key: str
    x: float
    y: float
    size: float
    lines: tuple[str, ...]
    box: Box
    number: int | None = None  # set when the area shows a number and the key names it


def short_name(name: str) -> str:
    """The name a map shows: the official name without its designation after the comma
    ("Grefrath, Sport- und Freizeitgemeinde" → "Grefrath", "Köln, Stadt" → "Köln")."""
    return name.split(", ", 1)[0]


def text_width(text: str, size: float) -> float:
    """The width of ``text`` at font size ``size`` in the labels' font (a little generous)."""
    return sum(_WIDTHS.get(c, _UNKNOWN_WIDTH) for c in text) / 1000 * size * _SAFETY


def line_variants(name: str) -> list[tuple[str, ...]]:
    """``name`` on one line, then split in two at the hyphen or space nearest the middle."""
    variants: list[tuple[str, ...]] = [(name,)]
    cuts = [i for i, c in enumerate(name) if c in " -" and 0 < i < len(name) - 1]
    if cuts:
        cut = min(cuts, key=lambda i: abs(i - len(name) / 2))
        first = name[: cut + 1] if name[cut] == "-" else name[:cut]
        variants.append((first, name[cut + 1 :]))
    return variants


def _box(x: float, y: float, lines: Sequence[str], size: float) -> Box:
    half_w = max(text_width(line, size) for line in lines) / 2 + MARGIN
    half_h = len(lines) * size * LINE_HEIGHT / 2 + MARGIN
    return Box(x - half_w, y - half_h, x + half_w, y + half_h)


# -- geometry ---------------------------------------------------------------------------------


def _inside(x: float, y: float, rings: Rings) -> bool:
    inside = False
    for ring in rings:
        j = len(ring) - 1
        for i in range(len(ring)):
            (xi, yi), (xj, yj) = ring[i], ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


def signed_distance(x: float, y: float, rings: Rings) -> float:
    """Distance from (x, y) to the area's outline; negative outside the area.

    One pass over the edges computes both the nearest edge and the even-odd crossing count
    (written out rather than with helpers: the label search calls this thousands of times).
    """
    inside = False
    nearest = math.inf
    for ring in rings:
        ax, ay = ring[-1]
        for bx, by in ring:
            if (by > y) != (ay > y) and x < (ax - bx) * (y - by) / (ay - by) + bx:
                inside = not inside
            dx, dy = bx - ax, by - ay
            length = dx * dx + dy * dy
            t = 0.0 if length == 0 else ((x - ax) * dx + (y - ay) * dy) / length
            t = 0.0 if t < 0 else 1.0 if t > 1 else t
            ex, ey = x - ax - t * dx, y - ay - t * dy
            nearest = min(nearest, ex * ex + ey * ey)
            ax, ay = bx, by
    return math.sqrt(nearest) if inside else -math.sqrt(nearest)


def _crosses(box: Box, a: XY, b: XY) -> bool:
    """Whether the segment a–b meets the box (Liang–Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - box.left), (dx, box.right - a[0]),
                 (-dy, a[1] - box.top), (dy, box.bottom - a[1])):  # fmt: skip
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def box_inside(box: Box, rings: Rings) -> bool:
    """Whether the box lies within the area: its centre inside and no outline crossing it."""
    centre = ((box.left + box.right) / 2, (box.top + box.bottom) / 2)
    if not _inside(*centre, rings):
        return False
    return not any(_crosses(box, ring[i - 1], ring[i]) for ring in rings for i in range(len(ring)))


def candidate_points(rings: Rings, precision: float = 4.0) -> list[tuple[float, XY]]:
    """(distance to the outline, point), best first: the pole of inaccessibility and the
    centres of the next-best cells of the polylabel search, at least a cell apart."""
    points = [p for ring in rings for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    cell = min(right - left, bottom - top)
    if cell <= 0:
        return [(0.0, ((left + right) / 2, (top + bottom) / 2))]
    half = cell / 2
    queue: list[tuple[float, float, float, float, float]] = []  # (-potential, dist, x, y, h)

    def push(x: float, y: float, h: float) -> None:
        distance = signed_distance(x, y, rings)
        heapq.heappush(queue, (-(distance + h * math.sqrt(2)), distance, x, y, h))

    y = top
    while y < bottom:
        x = left
        while x < right:
            push(x + half, y + half, half)
            x += cell
        y += cell
    seen: list[tuple[float, XY]] = []
    best = signed_distance((left + right) / 2, (top + bottom) / 2, rings)
    while queue:
        negative_potential, distance, x, y, h = heapq.heappop(queue)
        seen.append((distance, (x, y)))
        best = max(best, distance)
        if -negative_potential - best <= precision:
            continue  # this cell cannot hold a better point
        h /= 2
        for sx in (-h, h):
            for sy in (-h, h):
                push(x + sx, y + sy, h)
    seen.sort(key=lambda item: -item[0])
    chosen: list[tuple[float, XY]] = []
    for distance, point in seen:
        if distance <= 0:
            break
        if all(math.dist(point, other) >= precision * 4 for _, other in chosen):
            chosen.append((distance, point))
            if len(chosen) == _CANDIDATES:
                break
    return chosen or [(0.0, ((left + right) / 2, (top + bottom) / 2))]


# -- placement --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """What placing needs of an area: its key, the name to show and its projected rings."""

    key: str
    name: str
    rings: Rings


def place_labels(areas: Sequence[Area]) -> list[Label]:
    """A label per area (in the order given): its name where it fits, else a number.

    Names first (boxes inside disjoint areas cannot collide), at the common size or smaller
    where needed; numbers are counted in reading order (north to south, then west to east)
    and placed after all names, clear of them.
    """
    candidates = {area.key: candidate_points(area.rings) for area in areas}
    largest = {area.key: _fit_name(area, candidates[area.key], FONT_SIZES) for area in areas}
    fitting = sorted((label.size for label in largest.values() if label), reverse=True)
    common = fitting[max(1, math.ceil(COMMON_SHARE * len(fitting))) - 1] if fitting else 0
    sizes = tuple(size for size in FONT_SIZES if size <= common)
    placed: dict[str, Label] = {}
    for area in areas:
        fitted = largest[area.key]
        if fitted is not None:
            label = (
                fitted if fitted.size <= common else _fit_name(area, candidates[area.key], sizes)
            )
            assert label is not None  # a smaller box at the same centre fits too
            placed[area.key] = label
    boxes = [label.box for label in placed.values()]
    number_size = min(max(common, NUMBER_SIZES[0]), NUMBER_SIZES[1])
    unnamed = [area for area in areas if area.key not in placed]
    unnamed.sort(key=lambda area: (round(candidates[area.key][0][1][1] / 40),
                                   candidates[area.key][0][1][0]))  # fmt: skip
    for number, area in enumerate(unnamed, start=1):
        label = _place_number(area, number, candidates[area.key], boxes, number_size)
        placed[area.key] = label
        boxes.append(label.box)
    return [placed[area.key] for area in areas]


def _fit_name(area: Area, points: list[tuple[float, XY]], sizes: Sequence[float]) -> Label | None:
    """The name at the largest of ``sizes`` whose box fits inside the area, on one line or
    two, at the roomiest candidate point where it fits."""
    for size in sizes:
        for lines in line_variants(area.name):
            half_height = len(lines) * size * LINE_HEIGHT / 2 + MARGIN
            for distance, (x, y) in points:
                if distance < half_height:
                    break  # the points are sorted by room: none further on has enough
                box = _box(x, y, lines, size)
                if box_inside(box, area.rings):
                    return Label(area.key, x, y, size, lines, box)
    return None


def _place_number(
    area: Area, number: int, points: list[tuple[float, XY]], boxes: list[Box], size: float
) -> Label:
    """The number at the area's pole, or the nearest spot around it where it is clear."""
    text = str(number)
    x0, y0 = points[0][1]
    for radius in range(0, 400, 6):
        steps = max(1, radius // 3)
        for step in range(steps):
            angle = 2 * math.pi * step / steps
            x, y = x0 + radius * math.cos(angle), y0 + radius * math.sin(angle)
            box = _box(x, y, (text,), size)
            if not any(box.overlaps(b) for b in boxes):
                return Label(area.key, x, y, size, (text,), box, number)
    box = _box(x0, y0, (text,), size)  # unreachable on real maps: 400 units of labels
    return Label(area.key, x0, y0, size, (text,), box, number)
