"""Choropleth maps: WKT parsing, projection, path data, classes, scope and escaping."""

from __future__ import annotations

import pytest

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


def test_quantile_classes_and_colours() -> None:
    assert class_breaks([]) == []
    assert class_breaks([5, 1, 3, 2, 4], 5) == [1, 2, 3, 4, 5]
    assert class_breaks([0, 0, 0, 1], 4) == [0, 1]  # equal values never straddle classes
    breaks = class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)
    assert [class_of(v, breaks) for v in (1, 2, 3, 10)] == [0, 0, 1, 4]


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
