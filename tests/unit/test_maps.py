"""Choropleth maps: WKT parsing, projection, path data, classes, scope and escaping."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest

from bildungsgraph.queries import get_query
from bildungsgraph.store import open_store
from bildungsgraph.visualisation.map_labels import (
    LINE_HEIGHT,
    Box,
    box_inside,
    candidate_points,
    line_variants,
    short_name,
    text_width,
)
from bildungsgraph.visualisation.maps import (
    PALETTE,
    AreaFigures,
    Boundary,
    Projection,
    boundaries_from_rows,
    build_map,
    class_breaks,
    class_of,
    format_value,
    map_scope,
    parse_wkt,
    path_data,
    projected_rings,
)

SQUARE = [(6.0, 51.0), (6.1, 51.0), (6.1, 51.1), (6.0, 51.1), (6.0, 51.0)]
HOLE = [(6.04, 51.04), (6.06, 51.04), (6.06, 51.06), (6.04, 51.06), (6.04, 51.04)]


def test_parse_polygon_with_hole_and_multipolygon() -> None:
    polygon = parse_wkt(
        "POLYGON ((6 51, 6.1 51, 6.1 51.1, 6 51.1, 6 51), "
        "(6.04 51.04, 6.06 51.04, 6.06 51.06, 6.04 51.06, 6.04 51.04))"
    )
    assert len(polygon) == 1 and len(polygon[0]) == 2  # one polygon: outer ring + hole
    assert polygon[0][1][0] == (6.04, 51.04)
    multi = parse_wkt(
        "<http://www.opengis.net/def/crs/OGC/1.3/CRS84> MULTIPOLYGON "
        "(((6 51, 6.1 51, 6.1 51.1, 6 51)), ((7 52, 7.1 52, 7.1 52.1, 7 52), "
        "(7.02 52.02, 7.03 52.02, 7.03 52.03, 7.02 52.02)))"
    )
    assert [len(p) for p in multi] == [1, 2]
    assert multi[1][0][0] == (7.0, 52.0)


@pytest.mark.parametrize("wkt", ["POINT (6 51)", "POLYGON ((6 51, 7 51, 6 51))", "POLYGON EMPTY"])
def test_parse_rejects_what_is_no_area(wkt: str) -> None:
    with pytest.raises(ValueError):
        parse_wkt(wkt)


def test_projection_keeps_shape_and_north_up() -> None:
    projection = Projection.fit([[SQUARE]], width=1000, padding=0)
    west, south = projection.point(6.0, 51.0)
    east, north = projection.point(6.1, 51.1)
    assert north < south  # SVG y grows downwards
    width, height = east - west, south - north
    # 0.1° of longitude at 51° N is cos(51.05°) ≈ 0.629 of 0.1° of latitude
    assert width / height == pytest.approx(0.6288, abs=0.01)
    assert projection.view_box == f"0 0 1000 {projection.height}"


def test_path_data_is_relative_closed_and_keeps_holes() -> None:
    projection = Projection.fit([[SQUARE]], width=200, padding=0)
    d = path_data([[SQUARE, HOLE]], projection)
    assert d.count("M") == 2 and d.count("z") == 2  # outer ring and hole
    assert d.startswith("M") and "l" in d
    # a ring smaller than one unit disappears instead of becoming a dot
    tiny = [(6.0, 51.0), (6.00001, 51.0), (6.00001, 51.00001), (6.0, 51.0)]
    assert path_data([[tiny]], projection) == ""


def test_class_bounds_are_round_and_balanced() -> None:
    assert class_breaks([]).bounds == []
    assert class_breaks([3, 3, 3]).bounds == [3]
    assert class_breaks([0, 0, 0, 1], 4).bounds == [0, 1]  # equal values never straddle classes
    breaks = class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)
    assert breaks.bounds == [2, 4, 6, 8, 10]
    assert [class_of(v, breaks.bounds) for v in (1, 2, 3, 10)] == [0, 0, 1, 4]
    rates = [0.94, 1.31, 1.72, 1.8, 2.2, 2.44, 2.61, 3.05, 3.9, 4.47, 5.12, 6.3]
    bounds = class_breaks(rates, minimum=0.25).bounds
    assert len(bounds) >= 3
    for bound in bounds[:-1]:  # inner bounds: multiples of a quarter, written in few digits
        assert float(bound * 4).is_integer(), bounds


def test_close_values_are_never_in_different_classes() -> None:
    # the case: 2,20 and 2,44 offers per 1,000 coloured yellow and dark blue
    viersen = [2.2, 2.44, 2.31, 2.25, 2.29, 2.36, 2.4, 2.21, 2.33]
    assert len(class_breaks(viersen, minimum=0.25).bounds) == 1
    randomly = random.Random(12)
    for _ in range(200):
        values = [round(randomly.lognormvariate(1, 0.5), 2) for _ in range(randomly.randint(2, 60))]
        breaks = class_breaks(values, minimum=0.25)
        assert breaks.step >= 0.25
        assert breaks.bounds[-1] == max(values)
        ordered = sorted(values)
        for low, high in zip(ordered, ordered[1:], strict=False):
            if high - low < breaks.step - 1e-9:  # a gap of exactly one step may separate
                assert class_of(low, breaks.bounds) == class_of(high, breaks.bounds), (
                    low,
                    high,
                    breaks,
                )


def test_values_need_contributed_data() -> None:
    assert AreaFigures(actors=7).value("offers_per_1000") is None  # only schools: no data
    assert AreaFigures(actors=7).value("actors") == 7
    figures = AreaFigures(offers=30, actors=4, digital_offers=6, population=12_000)
    assert figures.value("offers_per_1000") == 2.5
    assert figures.value("digital_share") == 20.0
    assert AreaFigures(offers=3).value("offers_per_1000") is None  # no population
    with pytest.raises(ValueError):
        figures.value("nonsense")


def test_format_value_by_language() -> None:
    assert format_value(1234.5, "offers_per_1000", "de") == "1.234,50"
    assert format_value(1234.5, "offers_per_1000", "en") == "1,234.50"
    assert format_value(27.84, "digital_share", "de") == "27,8 %"
    assert format_value(None, "offers", "en") == "no data"


def _boundary(key: str, level: str, parent: str, x: float, name: str | None = None) -> Boundary:
    ring = [(x, 51.0), (x + 0.1, 51.0), (x + 0.1, 51.1), (x, 51.1), (x, 51.0)]
    return Boundary(key, name or key, level, parent, [[ring]])


BOUNDARIES = {
    b.key: b
    for b in (
        _boundary("05114", "city", "051", 6.0),
        _boundary("05114000", "municipality", "05114", 6.0),
        _boundary("05166", "district", "051", 6.2),
        _boundary("05166004", "municipality", "05166", 6.2),
        _boundary("05166008", "municipality", "05166", 6.3, "<b>Grefrath</b> & Co"),
        _boundary("05314", "city", "053", 7.0),
    )
}


@pytest.mark.parametrize(
    ("key", "areas", "current"),
    [
        ("05", ["05114", "05166", "05314"], None),
        ("051", ["05114", "05166"], None),
        ("05166", ["05166004", "05166008"], None),
        ("05166008", ["05166004", "05166008"], "05166008"),
        ("05114", ["05114", "05166"], "05114"),
        ("05114000", ["05114", "05166"], "05114"),
    ],
)
def test_map_scope(key: str, areas: list[str], current: str | None) -> None:
    assert map_scope(BOUNDARIES, key) == (areas, current)


def test_build_map_colours_legend_and_no_data() -> None:
    figures = {
        "05166004": AreaFigures(offers=10, population=5000),
        "05166008": AreaFigures(actors=3),  # no contributed data
    }
    view = build_map("05166", "Viersen", BOUNDARIES, figures, "offers_per_1000", "en")
    by_key = {a.key: a for a in view.areas}
    assert by_key["05166004"].value == 2.0 and by_key["05166004"].colour in PALETTE
    assert by_key["05166008"].colour is None and by_key["05166008"].value_text == "no data"
    assert [e.label for e in view.legend] == ["2.00", "no data"]
    assert len(view.labels) == 2  # a name or a number for each area
    assert by_key["05166008"].href == "/kommunen/05166008"
    assert view.title == "offers per 1,000 inhabitants – Viersen"
    assert ("digital_share", "share of digital offers (%)") in view.indicators
    with pytest.raises(ValueError):
        build_map("05166", "Viersen", BOUNDARIES, figures, "nonsense")


def test_boundaries_from_rows() -> None:
    rows = [
        {
            "unit": "https://w3id.org/bildungsgraph/id/kommune/05166008",
            "level": "municipality",
            "name": "Grefrath",
            "parent": "https://w3id.org/bildungsgraph/id/kommune/05166",
            "wkt": "POLYGON ((6 51, 6.1 51, 6.1 51.1, 6 51))",
        }
    ]
    boundary = boundaries_from_rows(rows)["05166008"]
    assert (boundary.name, boundary.level, boundary.parent) == ("Grefrath", "municipality", "05166")


# -- names on the maps, on the real boundaries (data/reference/rdf/kommunen.ttl) ---------------

KOMMUNEN_TTL = Path(__file__).resolve().parents[2] / "data" / "reference" / "rdf" / "kommunen.ttl"


@cache
def _nrw() -> dict[str, Boundary]:
    store = open_store(None)
    store.replace_graph_from_file("urn:test:kommunen", KOMMUNEN_TTL)
    rows = store.select(get_query("page_kommune_boundaries").with_values())
    return boundaries_from_rows([{k: str(v) for k, v in row.items()} for row in rows])


@pytest.mark.parametrize(("key", "areas"), [("05166", 9), ("05", 53)])
def test_every_area_is_named_without_overlapping_labels(key: str, areas: int) -> None:
    view = build_map(key, "NRW", _nrw(), {}, "actors", "de")
    assert len(view.labels) == len(view.areas) == areas
    boxes = []
    for label in view.labels:
        width = max(text_width(line, label.size) for line in label.lines)
        height = len(label.lines) * label.size * LINE_HEIGHT
        boxes.append(
            Box(
                label.x - width / 2, label.y - height / 2, label.x + width / 2, label.y + height / 2
            )
        )
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not box.overlaps(other), (box, other)
    names = {area.key: area.label for area in view.areas}
    numbered = {entry.key: entry for entry in view.name_key}
    for label in view.labels:  # every area shows its name, or a number the key resolves
        if label.number is None:
            assert " ".join(label.lines).replace("- ", "-") == short_name(names[label.key])
        else:
            assert label.lines == (str(label.number),)
            assert numbered[label.key].label == short_name(names[label.key])
    assert [entry.number for entry in view.name_key] == list(range(1, len(view.name_key) + 1))
    if key == "05166":  # a Kreis's Gemeinden are large enough for their names
        assert not view.name_key
    else:  # the Land: the large Kreise are named, the small cities numbered
        assert 10 <= len(view.name_key) <= 35


def test_names_lie_inside_their_areas() -> None:
    boundaries = _nrw()
    view = build_map("05", "NRW", boundaries, {}, "actors", "de")
    projection = Projection.fit(
        p for key in (a.key for a in view.areas) for p in boundaries[key].polygons
    )
    for label in view.labels:
        if label.number is None:
            rings = projected_rings(boundaries[label.key].polygons, projection)
            width = max(text_width(line, label.size) for line in label.lines)
            height = len(label.lines) * label.size * LINE_HEIGHT
            box = Box(
                label.x - width / 2, label.y - height / 2, label.x + width / 2, label.y + height / 2
            )
            assert box_inside(box, rings), label


def test_label_placement_is_kept_across_indicators_and_languages() -> None:
    boundaries = _nrw()
    first = build_map("05", "NRW", boundaries, {}, "actors", "de")
    again = build_map("05", "NRW", boundaries, {}, "offers", "en")
    assert [(a.x, a.y) for a in first.labels] == [(b.x, b.y) for b in again.labels]


def test_pole_of_inaccessibility_of_an_l_shape() -> None:
    # an L of two arms 40 wide: the widest spot is where the arms meet (the inner corner
    # gives room beyond the arms' half width), not the bounding box centre (70, 70), outside
    ring = [(0, 0), (40, 0), (40, 100), (140, 100), (140, 140), (0, 140)]
    distance, (x, y) = candidate_points([ring])[0]
    assert 20 <= distance <= 25
    assert x < 45 and y > 95


def test_long_names_break_at_a_hyphen_and_lose_their_designation() -> None:
    assert short_name("Grefrath, Sport- und Freizeitgemeinde") == "Grefrath"
    assert short_name("Rhein-Kreis Neuss") == "Rhein-Kreis Neuss"
    assert line_variants("Rhein-Sieg-Kreis") == [("Rhein-Sieg-Kreis",), ("Rhein-Sieg-", "Kreis")]
    assert line_variants("Märkischer Kreis")[1] == ("Märkischer", "Kreis")
    assert line_variants("Kempen") == [("Kempen",)]


def test_legend_of_close_values_is_one_class_with_their_range() -> None:
    figures = {
        "05166004": AreaFigures(offers=11, population=5000),  # 2,20 per 1,000
        "05166008": AreaFigures(offers=122, population=50_000),  # 2,44 per 1,000
    }
    view = build_map("05166", "Viersen", BOUNDARIES, figures, "offers_per_1000", "de")
    assert len({area.colour for area in view.areas}) == 1  # not yellow and dark blue
    assert [entry.label for entry in view.legend] == ["2,20 – 2,44"]
    assert "0,25" in view.legend_note
