"""GeoJSON polygons → GeoSPARQL WKT literals (CRS84: longitude before latitude)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .errors import ReferenceDataError

# Generous bounding box around NRW; a coordinate outside it means swapped axes or a wrong CRS.
_LON = (Decimal("5.5"), Decimal("9.8"))
_LAT = (Decimal("50.0"), Decimal("52.8"))


def _ring(ring: Sequence[Sequence[Any]], where: str) -> str:
    if len(ring) < 4 or list(ring[0]) != list(ring[-1]):
        raise ReferenceDataError(f"{where}: polygon ring is not closed or has < 4 positions")
    points = []
    for position in ring:
        lon, lat = (Decimal(str(c)) for c in position[:2])
        if not (_LON[0] <= lon <= _LON[1] and _LAT[0] <= lat <= _LAT[1]):
            raise ReferenceDataError(f"{where}: coordinate {lon} {lat} outside NRW")
        points.append(f"{lon} {lat}")
    return "(" + ", ".join(points) + ")"


def _polygon(rings: Sequence[Sequence[Sequence[Any]]], where: str) -> str:
    if not rings:
        raise ReferenceDataError(f"{where}: empty polygon")
    return "(" + ", ".join(_ring(ring, where) for ring in rings) + ")"


def geojson_to_wkt(geometry: dict[str, Any], where: str) -> str:
    """The WKT of a GeoJSON Polygon or MultiPolygon, coordinates written as in the source."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return "POLYGON " + _polygon(coordinates, where)
    if kind == "MultiPolygon" and coordinates:
        return "MULTIPOLYGON (" + ", ".join(_polygon(p, where) for p in coordinates) + ")"
    raise ReferenceDataError(f"{where}: unsupported geometry {kind!r}")
