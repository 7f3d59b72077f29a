"""Choropleth maps of Kommunen as inline SVG, drawn from the shipped boundaries.

Boundaries arrive as GeoSPARQL WKT (``POLYGON``/``MULTIPOLYGON``, WGS 84, longitude first) or
GeoJSON geometries. They are projected equirectangularly with the longitude scaled by the cosine
of the map's mid-latitude (true to shape at NRW's size), fitted into a viewBox
:data:`WIDTH` units wide, rounded to whole units (the map is shown at most about that many pixels
wide, so nothing visible is lost) and written as relative path commands; points that round to
the previous one are dropped. A Kreis with its Gemeinden stays a few kilobytes; the 53 Kreise
of NRW about 30 kB. Holes are kept as extra rings and drawn with ``fill-rule="evenodd"``.

Values are classed in :data:`CLASSES` quantile bins (each class holds about the same number of
areas; equal values never straddle two classes) and coloured with ColorBrewer's sequential
YlGnBu, which is safe for the common colour-vision deficiencies; every area also has a dark
outline. An area without data (no record at all, or no population for a rate) is hatched.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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
_TEXT = {
    "no_data": ("keine Daten", "no data"),
    "title": ("{indicator} – {name}", "{indicator} – {name}"),
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


def path_data(polygons: Sequence[Polygon], projection: Projection) -> str:
    """SVG path data: each ring ``M x y l dx dy ... z`` in whole units, repeats dropped."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[int, int]] = []
            for lon, lat in ring:
                point = projection.point(lon, lat)
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) > 1 and points[-1] == points[0]:
                points.pop()  # "z" closes the ring
            if len(points) < 3:
                continue  # smaller than a unit: invisible
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


def class_breaks(values: Iterable[float], classes: int = CLASSES) -> list[float]:
    """Upper bounds of up to ``classes`` quantile classes (ascending, distinct).

    >>> class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)
    [2, 4, 6, 8, 10]
    >>> class_breaks([3, 3, 3])
    [3]
    """
    ordered = sorted(values)
    if not ordered:
        return []
    breaks: list[float] = []
    for i in range(1, classes + 1):
        bound = ordered[math.ceil(i * len(ordered) / classes) - 1]
        if not breaks or bound > breaks[-1]:
            breaks.append(bound)
    return breaks


def class_of(value: float, breaks: Sequence[float]) -> int:
    """The index of the class of ``value`` (the first upper bound it does not exceed)."""
    return next((i for i, bound in enumerate(breaks) if value <= bound), len(breaks) - 1)


def palette_for(count: int) -> list[str]:
    """``count`` colours of the palette, spread from light to dark."""
    if count <= 1:
        return [PALETTE[2]][:count]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (count - 1))] for i in range(count)]


def format_value(value: float | None, indicator: str, lang: str) -> str:
    """A value as people read it in ``lang`` (decimal comma in German)."""
    if value is None:
        return _TEXT["no_data"][0 if lang == "de" else 1]
    text = f"{value:,.{DIGITS.get(indicator, 0)}f}"
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
class MapView:
    """A choropleth map of some Kommunen, ready for ``templates/views/_map.html``."""

    key: str  # the Kommune the map is about
    title: str
    indicator: str
    indicator_label: str
    indicators: list[tuple[str, str]]  # (slug, label) for a select
    areas: list[MapArea]
    legend: list[LegendEntry]
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
    values = {b.key: figures.get(b.key, AreaFigures()).value(indicator) for b in shown}
    breaks = class_breaks(v for v in values.values() if v is not None)
    colours = palette_for(len(breaks))
    areas = [
        MapArea(
            key=b.key,
            label=b.name,
            d=path_data(b.polygons, projection),
            value=values[b.key],
            value_text=format_value(values[b.key], indicator, lang),
            colour=None if values[b.key] is None else colours[class_of(values[b.key] or 0, breaks)],
            href=f"/kommunen/{b.key}",
            current=b.key == current,
        )
        for b in shown
    ]
    label = INDICATORS[indicator][which]
    return MapView(
        key=key,
        title=_TEXT["title"][which].format(indicator=label, name=name),
        indicator=indicator,
        indicator_label=label,
        indicators=[(slug, labels[which]) for slug, labels in INDICATORS.items()],
        areas=areas,
        legend=_legend(breaks, colours, indicator, lang, any(a.colour is None for a in areas)),
        view_box=projection.view_box,
        width=projection.width,
        height=projection.height,
    )


def _legend(
    breaks: Sequence[float], colours: Sequence[str], indicator: str, lang: str, no_data: bool
) -> list[LegendEntry]:
    entries = []
    for i, (bound, colour) in enumerate(zip(breaks, colours, strict=True)):
        high = format_value(bound, indicator, lang)
        if len(breaks) == 1:
            text = high
        elif i == 0:
            text = f"≤ {high}"
        else:
            text = f"> {format_value(breaks[i - 1], indicator, lang)} – {high}"
        entries.append(LegendEntry(colour, text))
    if no_data:
        entries.append(LegendEntry(None, _TEXT["no_data"][0 if lang == "de" else 1]))
    return entries


def boundaries_from_rows(rows: Iterable[Mapping[str, object]]) -> dict[str, Boundary]:
    """Key → Boundary from the rows of ``page_kommune_boundaries.rq``."""
    boundaries = {}
    for row in rows:
        key = str(row["unit"]).rsplit("/", 1)[-1]
        parent = str(row.get("parent", "")).rsplit("/", 1)[-1]
        name = str(row.get("name", key))
        boundaries[key] = Boundary(key, name, str(row["level"]), parent, parse_wkt(str(row["wkt"])))
    return boundaries
