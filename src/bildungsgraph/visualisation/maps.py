"""Choropleth maps of Kommunen as inline SVG, drawn from the shipped boundaries.

Boundaries arrive as GeoSPARQL WKT (``POLYGON``/``MULTIPOLYGON``, WGS 84, longitude first) or
GeoJSON geometries. They are projected equirectangularly with the longitude scaled by the cosine
of the map's mid-latitude (true to shape at NRW's size), fitted into a viewBox
:data:`WIDTH` units wide, rounded to whole units (the map is shown at most about that many pixels
wide, so nothing visible is lost) and written as relative path commands; points that round to
the previous one are dropped. A Kreis with its Gemeinden stays a few kilobytes; the 53 Kreise
of NRW about 30 kB. Holes are kept as extra rings and drawn with ``fill-rule="evenodd"``.

Values are classed in up to :data:`CLASSES` classes whose bounds are round numbers and lie only
in gaps of the data at least a *meaningful step* wide (:func:`meaningful_step`: a round number
near a twentieth of the range), chosen near the quantiles so the classes hold similar numbers
of areas. So two values closer than the step are never in different classes (quantile classes
coloured 2,20 and 2,44 offers per 1,000 yellow and dark blue). Colours are ColorBrewer's
sequential YlGnBu, safe for the common colour-vision deficiencies; every area also has a dark
outline. An area without data (no record at all, or no population for a rate) is hatched.

Every area carries its name (``map_labels``: inside the area, or a number with a key beside
the map); the value is in the area's hover title and in the table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .map_labels import XY, Area, Label, place_labels, short_name

Point = tuple[float, float]  # (longitude, latitude)
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes

WIDTH = 1000  # viewBox width in SVG units
PADDING = 8
CLASSES = 5
# ColorBrewer YlGnBu, 5 classes (light → dark); text on the last two must be white.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
OUTLINE = "#333333"

# indicator slug → (German label, English label)
INDICATORS: dict[str, tuple[str, str]] = {
    "offers_per_1000": ("Angebote je 1.000 Einwohner", "offers per 1,000 inhabitants"),
    "offers": ("Angebote", "offers"),
    "actors": ("Bildungsakteure", "education actors"),
    "cooperations": ("Kooperationen", "cooperations"),
    "digital_share": ("Anteil digitaler Angebote (%)", "share of digital offers (%)"),
}
DEFAULT_INDICATOR = "offers_per_1000"
DIGITS = {"offers_per_1000": 2, "digital_share": 1}  # decimals shown (and classed)
# The smallest difference between areas a map separates into classes: a quarter offer per
# 1,000 inhabitants is two or three offers in a Gemeinde of 10,000, within what incomplete
# records can say; five percentage points of the digital share; one for counts.
MIN_STEP = {"offers_per_1000": 0.25, "digital_share": 5.0}
BALANCED_SHARE = 0.5  # no class should hold more than half of the areas
_TEXT = {
    "no_data": ("keine Daten", "no data"),
    "title": ("{indicator} – {name}", "{indicator} – {name}"),
    "key": ("Nummern auf der Karte", "Numbers on the map"),
    "classes": (
        "Klassengrenzen gerundet; Werte, die weniger als {step} auseinanderliegen, stehen in "
        "derselben Klasse.",
        "Class bounds rounded; values less than {step} apart are in the same class.",
    ),
}


# -- geometry --------------------------------------------------------------------------------

_RING = re.compile(r"\(([^()]*)\)")


def parse_wkt(wkt: str) -> list[Polygon]:
    """The polygons of a WKT ``POLYGON`` or ``MULTIPOLYGON`` (ValueError for anything else).

    >>> parse_wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))")
    [[[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]]]
    """
    text = wkt.strip()
    if text.startswith("<"):  # an optional CRS IRI before the geometry
        text = text.split(">", 1)[1].strip()
    kind, _, body = text.partition("(")
    kind = kind.strip().upper()
    body = "(" + body
    if kind == "POLYGON":
        groups = [body[1:-1]]
    elif kind == "MULTIPOLYGON":
        groups = _split_top_level(body.strip()[1:-1])
    else:
        raise ValueError(f"unsupported WKT geometry {kind or text[:20]!r}")
    polygons = [[_ring(match) for match in _RING.findall(group)] for group in groups]
    if not polygons or any(not polygon for polygon in polygons):
        raise ValueError("empty WKT polygon")
    return polygons


def _split_top_level(text: str) -> list[str]:
    """``(a), (b)`` → ``["(a)", "(b)"]``, splitting only at depth 0."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def _ring(text: str) -> Ring:
    points = []
    for pair in text.split(","):
        lon, lat = pair.split()[:2]
        points.append((float(lon), float(lat)))
    if len(points) < 4:
        raise ValueError("a WKT ring needs at least four positions")
    return points


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection fitted to a bounding box: lon/lat → SVG units."""

    west: float
    north: float
    scale: float  # SVG units per degree of latitude
    x_factor: float  # cos(mid-latitude)
    width: int
    height: int

    @classmethod
    def fit(
        cls, polygons: Iterable[Polygon], width: int = WIDTH, padding: int = PADDING
    ) -> Projection:
        points = [point for polygon in polygons for ring in polygon for point in ring]
        if not points:
            raise ValueError("nothing to project")
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        west, east, south, north = min(lons), max(lons), min(lats), max(lats)
        x_factor = math.cos(math.radians((south + north) / 2))
        span = max((east - west) * x_factor, north - south, 1e-9)
        scale = (width - 2 * padding) / span
        height = math.ceil((north - south) * scale) + 2 * padding
        drawn = (east - west) * x_factor * scale
        west -= (width - drawn) / 2 / scale / x_factor  # centre horizontally
        return cls(west, north + padding / scale, scale, x_factor, width, height)

    def point(self, lon: float, lat: float) -> tuple[int, int]:
        x = (lon - self.west) * self.x_factor * self.scale
        y = (self.north - lat) * self.scale
        return round(x), round(y)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def projected_rings(polygons: Sequence[Polygon], projection: Projection) -> list[list[XY]]:
    """Every ring in whole SVG units, repeats and the closing point dropped; rings smaller
    than a unit (fewer than three points left) are left out: they would be invisible."""
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points: list[XY] = []
            for lon, lat in ring:
                point = projection.point(lon, lat)
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) > 1 and points[-1] == points[0]:
                points.pop()  # "z" closes the ring
            if len(points) >= 3:
                rings.append(points)
    return rings


def path_data(polygons: Sequence[Polygon], projection: Projection) -> str:
    """SVG path data: each ring ``M x y l dx dy ... z`` in whole units, repeats dropped."""
    return _path(projected_rings(polygons, projection))


def _path(rings: Sequence[Sequence[XY]]) -> str:
    parts = []
    for points in rings:
        steps = " ".join(
            f"{x - px} {y - py}" for (px, py), (x, y) in zip(points, points[1:], strict=False)
        )
        parts.append(f"M{points[0][0]} {points[0][1]}l{steps}z")
    return "".join(parts)


# -- values and classes ----------------------------------------------------------------------


@dataclass(frozen=True)
class AreaFigures:
    """What the indicators of one Kommune are computed from."""

    offers: int = 0
    actors: int = 0
    cooperations: int = 0
    digital_offers: int = 0
    population: int | None = None

    def value(self, indicator: str) -> float | None:
        """The indicator's value, rounded as shown; None where the data cannot say.

        Offer and cooperation figures need contributed data: a Kommune without any offer or
        cooperation is a blank spot of the data, not a zero (as in the gap analysis). Actors
        include the schools of the official school list, so every Kommune has a count.
        """
        covered = self.offers > 0 or self.cooperations > 0
        value: float | None
        if indicator == "actors":
            value = self.actors
        elif not covered:
            value = None
        elif indicator == "offers_per_1000":
            value = self.offers / self.population * 1000 if self.population else None
        elif indicator == "digital_share":
            value = self.digital_offers / self.offers * 100 if self.offers else None
        elif indicator in ("offers", "cooperations"):
            value = getattr(self, indicator)
        else:
            raise ValueError(f"unknown indicator {indicator!r}")
        return None if value is None else round(value, DIGITS.get(indicator, 0))


@dataclass(frozen=True)
class ClassBreaks:
    """Upper bounds of the classes (ascending; the last is the largest value) and the step:
    values closer than ``step`` are never in different classes."""

    bounds: list[float]
    step: float


def meaningful_step(values: Sequence[float], minimum: float = 1) -> float:
    """The round number (1, 2 or 5 × 10ⁿ) at or above a twentieth of the range, at least
    ``minimum``.

    >>> meaningful_step([0.5, 6.1], 0.1)
    0.5
    >>> meaningful_step([3, 3, 4])
    1
    """
    raw = (max(values) - min(values)) / 20 if values else 0.0
    return max(minimum, _round_up(raw)) if raw > 0 else minimum


def _round_up(raw: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``raw`` (> 0)."""
    exponent = math.floor(math.log10(raw))
    mantissa = next(m for m in (1, 2, 5, 10) if m * 10.0**exponent >= raw * (1 - 1e-12))
    return round(mantissa * 10.0**exponent, max(0, -exponent))


def _smaller_steps(step: float, minimum: float) -> list[float]:
    """``step`` and the round numbers below it down to ``minimum`` (5 → 2 → 1 → 0.5 …)."""
    steps = [step]
    while steps[-1] > minimum:
        value = steps[-1]
        exponent = math.floor(math.log10(value) + 1e-9)
        mantissa = round(value / 10.0**exponent)
        smaller = {10: 5, 5: 2, 2: 1, 1: 0.5}[mantissa] * 10.0**exponent
        steps.append(max(minimum, round(smaller, max(0, 1 - exponent))))
    return steps


def class_breaks(
    values: Iterable[float], classes: int = CLASSES, minimum: float = 1
) -> ClassBreaks:
    """Up to ``classes`` classes with round bounds, split only where values lie a step apart.

    The step is :func:`meaningful_step`; where that leaves one class with more than
    :data:`BALANCED_SHARE` of the values (values spread densely, few gaps that wide), it
    shrinks through the round numbers down to ``minimum`` (the least balanced wins). Each
    inner bound is the roundest multiple of the step in such a gap, the gap nearest a
    quantile, so the classes hold similar numbers of areas.

    >>> class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5).bounds
    [2, 4, 6, 8, 10]
    >>> class_breaks([2.2, 2.44, 2.3, 2.36], 5, minimum=0.5).bounds
    [2.44]
    >>> class_breaks([3, 3, 3]).bounds
    [3]
    """
    ordered = sorted(values)
    if not ordered:
        return ClassBreaks([], minimum)
    best: tuple[float, ClassBreaks] | None = None
    for step in _smaller_steps(meaningful_step(ordered, minimum), minimum):
        candidate = ClassBreaks(_bounds(ordered, classes, step), step)
        share = _largest_class_share(ordered, candidate.bounds)
        if share <= BALANCED_SHARE:
            return candidate
        if best is None or share < best[0]:
            best = (share, candidate)
    assert best is not None  # _smaller_steps yields at least one step
    return best[1]


def _largest_class_share(ordered: Sequence[float], bounds: Sequence[float]) -> float:
    sizes = [0] * len(bounds)
    for value in ordered:
        sizes[class_of(value, bounds)] += 1
    return max(sizes) / len(ordered)


def _bounds(ordered: Sequence[float], classes: int, step: float) -> list[float]:
    gaps: dict[int, float] = {}  # how many values lie at or below the gap → its bound
    for i, (low, high) in enumerate(zip(ordered, ordered[1:], strict=False)):
        if high - low >= step * (1 - 1e-9):
            bound = _round_bound(low, high, step)
            if bound is not None:
                gaps[i + 1] = bound
    chosen: set[int] = set()
    for k in range(1, classes):
        target = k * len(ordered) / classes
        free = [position for position in gaps if position not in chosen]
        if free:
            chosen.add(min(free, key=lambda position: (abs(position - target), position)))
    return [gaps[position] for position in sorted(chosen)] + [ordered[-1]]


def _round_bound(low: float, high: float, step: float) -> float | None:
    """The roundest multiple of ``step`` in ``[low, high)`` (10, 5 or 2 steps if one fits)."""
    for factor in (10, 5, 2, 1):
        unit = step * factor
        bound = round(math.ceil(round(low / unit, 9)) * unit, 9)
        if low <= bound < high:
            return int(bound) if float(bound).is_integer() else bound
    return None


def step_digits(step: float) -> int:
    """Decimals needed to write ``step`` (and the bounds, its multiples)."""
    digits = 0
    while digits < 6 and abs(round(step, digits) - step) > 1e-9:
        digits += 1
    return digits


def class_of(value: float, breaks: Sequence[float]) -> int:
    """The index of the class of ``value`` (the first upper bound it does not exceed)."""
    return next((i for i, bound in enumerate(breaks) if value <= bound), len(breaks) - 1)


def palette_for(count: int) -> list[str]:
    """``count`` colours of the palette, spread from light to dark."""
    if count <= 1:
        return [PALETTE[2]][:count]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (count - 1))] for i in range(count)]


def format_value(value: float | None, indicator: str, lang: str, digits: int | None = None) -> str:
    """A value as people read it in ``lang`` (decimal comma in German); ``digits`` overrides
    the indicator's decimals (class bounds are written as round as they are)."""
    if value is None:
        return _TEXT["no_data"][0 if lang == "de" else 1]
    text = f"{value:,.{DIGITS.get(indicator, 0) if digits is None else digits}f}"
    if lang == "de":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text + (" %" if indicator == "digital_share" else "")


# -- the view --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Boundary:
    """One Kommune's outline."""

    key: str
    name: str
    level: str  # "district", "city" (kreisfreie Stadt) or "municipality"
    parent: str  # key of the parent unit
    polygons: list[Polygon]


@dataclass(frozen=True)
class MapArea:
    key: str
    label: str
    d: str
    value: float | None
    value_text: str
    colour: str | None  # None: no data (hatched)
    href: str
    current: bool


@dataclass(frozen=True)
class LegendEntry:
    colour: str | None
    label: str


@dataclass(frozen=True)
class MapLabel:
    """An area's name (or number) on the map; ``light``: white text on a dark fill."""

    key: str
    x: float
    y: float
    size: float
    lines: tuple[str, ...]
    number: int | None
    light: bool


@dataclass(frozen=True)
class KeyEntry:
    """A line of the key beside the map: the number drawn on an area too small for its name."""

    number: int
    key: str
    label: str
    value_text: str


@dataclass(frozen=True)
class MapView:
    """A choropleth map of some Kommunen, ready for ``templates/views/_map.html``."""

    key: str  # the Kommune the map is about
    title: str
    indicator: str
    indicator_label: str
    indicators: list[tuple[str, str]]  # (slug, label) for a select
    areas: list[MapArea]
    legend: list[LegendEntry]
    labels: list[MapLabel]
    name_key: list[KeyEntry]  # numbered areas, by number
    key_heading: str
    legend_note: str  # how the classes were made (rounded bounds, the step)
    view_box: str
    width: int
    height: int

    @property
    def pattern_id(self) -> str:
        return f"map-nodata-{self.key}"


def map_scope(boundaries: Mapping[str, Boundary], key: str) -> tuple[list[str], str | None]:
    """Which areas a map of Kommune ``key`` shows, and which of them is highlighted.

    NRW (``05``) and a Regierungsbezirk: its Kreise and kreisfreie Städte. A Kreis: its
    Gemeinden. A kreisfreie Stadt (or its one Gemeinde): the Kreise of its Regierungsbezirk,
    the city highlighted. A Gemeinde of a Kreis: the Gemeinden of that Kreis, itself highlighted.
    """
    unit = boundaries.get(key)
    if unit is not None and unit.level == "municipality":
        parent = boundaries.get(unit.parent)
        if parent is not None and parent.level == "city":
            unit = parent
        else:
            return _children(boundaries, unit.parent), key
    if unit is None:  # the Land or a Regierungsbezirk
        return _units_within(boundaries, key, ("district", "city")), None
    if unit.level == "city":
        return _units_within(boundaries, unit.key[:3], ("district", "city")), unit.key
    return _children(boundaries, key), None


def _children(boundaries: Mapping[str, Boundary], parent: str) -> list[str]:
    return sorted(b.key for b in boundaries.values() if b.parent == parent)


def _units_within(
    boundaries: Mapping[str, Boundary], prefix: str, levels: tuple[str, ...]
) -> list[str]:
    return sorted(
        b.key for b in boundaries.values() if b.level in levels and b.key.startswith(prefix)
    )


def build_map(
    key: str,
    name: str,
    boundaries: Mapping[str, Boundary],
    figures: Mapping[str, AreaFigures],
    indicator: str = DEFAULT_INDICATOR,
    lang: str = "de",
) -> MapView:
    """The map of Kommune ``key`` (see :func:`map_scope`) coloured by ``indicator``."""
    if indicator not in INDICATORS:
        raise ValueError(f"unknown indicator {indicator!r}; allowed: {', '.join(INDICATORS)}")
    which = 0 if lang == "de" else 1
    keys, current = map_scope(boundaries, key)
    shown = [boundaries[k] for k in keys]
    if not shown:
        raise ValueError(f"no boundaries for Kommune {key}")
    projection = Projection.fit(p for b in shown for p in b.polygons)
    rings = {b.key: projected_rings(b.polygons, projection) for b in shown}
    values = {b.key: figures.get(b.key, AreaFigures()).value(indicator) for b in shown}
    known = [v for v in values.values() if v is not None]
    classes = class_breaks(known, minimum=MIN_STEP.get(indicator, 1))
    colours = palette_for(len(classes.bounds))
    colour_of = {
        k: None if v is None else colours[class_of(v, classes.bounds)] for k, v in values.items()
    }
    areas = [
        MapArea(
            key=b.key,
            label=b.name,
            d=_path(rings[b.key]),
            value=values[b.key],
            value_text=format_value(values[b.key], indicator, lang),
            colour=colour_of[b.key],
            href=f"/kommunen/{b.key}",
            current=b.key == current,
        )
        for b in shown
    ]
    placed = _labels([(b.key, b.name) for b in shown], rings)
    dark = set(PALETTE[-2:])
    labels = [
        MapLabel(label.key, round(label.x, 1), round(label.y, 1), label.size, label.lines,
                 label.number, colour_of[label.key] in dark)
        for label in placed
    ]  # fmt: skip
    by_key = {area.key: area for area in areas}
    name_key = sorted(
        (KeyEntry(label.number, label.key, short_name(by_key[label.key].label),
                  by_key[label.key].value_text)
         for label in placed if label.number is not None),
        key=lambda entry: entry.number,
    )  # fmt: skip
    label = INDICATORS[indicator][which]
    return MapView(
        key=key,
        title=_TEXT["title"][which].format(indicator=label, name=name),
        indicator=indicator,
        indicator_label=label,
        indicators=[(slug, labels[which]) for slug, labels in INDICATORS.items()],
        areas=areas,
        legend=_legend(
            classes.bounds,
            colours,
            indicator,
            lang,
            any(a.colour is None for a in areas),
            min(known, default=0),
        ),
        labels=labels,
        name_key=name_key,
        key_heading=_TEXT["key"][which],
        legend_note=_legend_note(classes, len(known), indicator, lang),
        view_box=projection.view_box,
        width=projection.width,
        height=projection.height,
    )


# Placing names takes a few hundred milliseconds for the 53 Kreise; the geometry of a map's
# scope never changes while the reference data stays, so each placement is kept (a handful of
# scopes are ever asked for often; the cache is cleared past a bound).
_PLACED: dict[tuple[tuple[str, str, str], ...], list[Label]] = {}
_PLACED_MAX = 256


def _labels(names: Sequence[tuple[str, str]], rings: Mapping[str, list[list[XY]]]) -> list[Label]:
    cache_key = tuple((key, name, _path(rings[key])) for key, name in names)
    placed = _PLACED.get(cache_key)
    if placed is None:
        if len(_PLACED) >= _PLACED_MAX:
            _PLACED.clear()
        areas = [Area(key, short_name(name), rings[key]) for key, name in names if rings[key]]
        placed = _PLACED[cache_key] = place_labels(areas)
    return placed


def _legend(
    bounds: Sequence[float],
    colours: Sequence[str],
    indicator: str,
    lang: str,
    no_data: bool,
    lowest: float,
) -> list[LegendEntry]:
    """One entry per class: ``≤ b₀``, ``> b₀ – b₁``, …, ``> bₙ₋₁ – largest value`` (one
    class: smallest – largest value); the round bounds are written with the decimals they
    need, the values as shown."""

    def bound(value: float) -> str:
        return format_value(value, indicator, lang, step_digits(value))

    entries = []
    for i, (high, colour) in enumerate(zip(bounds, colours, strict=True)):
        if len(bounds) == 1:
            text = format_value(high, indicator, lang)
            if lowest < high:
                text = f"{format_value(lowest, indicator, lang)} – {text}"
        elif i == 0:
            text = f"≤ {bound(high)}"
        elif i == len(bounds) - 1:
            text = f"> {bound(bounds[i - 1])} – {format_value(high, indicator, lang)}"
        else:
            text = f"> {bound(bounds[i - 1])} – {bound(high)}"
        entries.append(LegendEntry(colour, text))
    if no_data:
        entries.append(LegendEntry(None, _TEXT["no_data"][0 if lang == "de" else 1]))
    return entries


def _legend_note(classes: ClassBreaks, count: int, indicator: str, lang: str) -> str:
    if count < 2:
        return ""
    step = format_value(classes.step, indicator, lang, step_digits(classes.step))
    return _TEXT["classes"][0 if lang == "de" else 1].format(step=step)


def boundaries_from_rows(rows: Iterable[Mapping[str, object]]) -> dict[str, Boundary]:
    """Key → Boundary from the rows of ``page_kommune_boundaries.rq``."""
    boundaries = {}
    for row in rows:
        key = str(row["unit"]).rsplit("/", 1)[-1]
        parent = str(row.get("parent", "")).rsplit("/", 1)[-1]
        name = str(row.get("name", key))
        boundaries[key] = Boundary(key, name, str(row["level"]), parent, parse_wkt(str(row["wkt"])))
    return boundaries
