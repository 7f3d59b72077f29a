"""Read the school list as the Ministerium für Schule und Bildung publishes it (``schuldaten.csv``).

The download (https://www.schulministerium.nrw.de/BiPo/OpenData/Schuldaten/schuldaten.csv) is
a semicolon-separated file with quoted fields, often headed by an Excel ``sep=;`` line, in
UTF-8 or (older downloads) Windows-1252. Newer downloads add a ``Bezirksregierung`` column and
Schulform keys the 2021 list does not have (ZfsL, Seminare, …). Both are read here into the same
:class:`~.sources.School` records the shipped list gives, so one builder
(:func:`~.schools.build_school_graph`) makes the graph:

- only records in operation (``Schulbetriebsschluessel`` 1) are kept;
- the name is ``Schulbezeichnung_1`` to ``_3`` joined, runs of blanks collapsed;
- ``Rechtsform`` 1/2 is ``öffentlich``/``privat``;
- UTM zone 32 coordinates (ETRS89, ``EPSG:25832``) become WGS84 degrees with six decimals;
- a Schulform key outside :data:`~.sources.SCHOOL_FORM_KEYS` keeps its school (typed as a
  school in general) and is reported in :attr:`MsbSchoolList.unknown_forms`;
- an e-mail address that is none, a homepage that is no http(s) URL or a point outside NRW is
  left out and reported in :attr:`MsbSchoolList.notes`.

A missing column, a bad Schulnummer, PLZ or Gemeindeschlüssel, or a repeated Schulnummer stops
the reading with a :class:`ReferenceDataError` naming line and value.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..folding import normalise_key
from .errors import ReferenceDataError
from .sources import (
    AGS_RE,
    EMAIL_RE,
    IN_OPERATION,
    LAT_RANGE,
    LON_RANGE,
    PLZ_RE,
    SCHOOL_FORM_KEYS,
    SCHULNUMMER_RE,
    School,
    normalise_url,
)

LEGAL_STATUS_CODES = {
    "1": "öffentlich",
    "2": "privat",
    "öffentlich": "öffentlich",
    "privat": "privat",
}
# MSB header → what this reader calls it; headers are compared folded (see _fold)
COLUMNS = {
    "schulnummer": "schulnummer",
    "schulform": "schulform",
    "schulbezeichnung1": "name1",
    "schulbezeichnung2": "name2",
    "schulbezeichnung3": "name3",
    "plz": "plz",
    "ort": "ort",
    "strasse": "strasse",
    "email": "email",
    "homepage": "homepage",
    "rechtsform": "rechtsform",
    "gemeindeschluessel": "ags",
    "schulbetriebsschluessel": "schulbetrieb",
    "epsg": "epsg",
    "utmrechtswert": "east",
    "utmhochwert": "north",
    "bezirksregierung": "bezirksregierung",
}
_BY_KEY = {normalise_key(header): name for header, name in COLUMNS.items()}
REQUIRED = frozenset(COLUMNS.values()) - {"bezirksregierung", "epsg"}
UTM32_EPSG = ("EPSG:25832", "25832")


@dataclass
class MsbSchoolList:
    """What a ``schuldaten.csv`` holds: the schools in operation and what was noticed."""

    schools: list[School]
    records: int = 0  # all records, also those not in operation
    unknown_forms: dict[str, list[str]] = field(default_factory=dict)  # key → Schulnummern
    notes: list[str] = field(default_factory=list)
    with_bezirksregierung: bool = False  # the newer download format


def decode(data: bytes) -> str:
    """The text of a download: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_msb_schools(path: Path) -> MsbSchoolList:
    """Read a ``schuldaten.csv`` of the MSB (the 2021 or the newer format)."""
    if not path.is_file():
        raise ReferenceDataError(f"{path}: file not found")
    return parse_msb_schools(path.read_bytes(), path.name)


def parse_msb_schools(data: bytes, name: str = "schuldaten.csv") -> MsbSchoolList:
    """Read the bytes of a ``schuldaten.csv`` (see the module docstring)."""
    text = decode(data)
    lines = text.splitlines(keepends=True)
    first = 2  # the line number of the first record
    if lines and lines[0].strip().lower().startswith("sep="):
        lines, first = lines[1:], 3
    reader = csv.reader(io.StringIO("".join(lines)), delimiter=";")
    header = next(reader, None)
    if header is None:
        raise ReferenceDataError(f"{name}: the file is empty")
    keys = [normalise_key(h) for h in header]
    positions = {_BY_KEY[key]: i for i, key in enumerate(keys) if key in _BY_KEY}
    missing = sorted(REQUIRED - set(positions))
    if missing:
        raise ReferenceDataError(
            f"{name}: not an MSB school list (schuldaten.csv): columns missing: "
            f"{', '.join(missing)}"
        )
    result = MsbSchoolList(schools=[], with_bezirksregierung="bezirksregierung" in positions)
    numbers: list[str] = []
    for line, cells in enumerate(reader, start=first):
        if not any(c.strip() for c in cells):
            continue
        row = {key: cells[i].strip() if i < len(cells) else "" for key, i in positions.items()}
        result.records += 1
        where = f"{name}:{line}"
        number = _check(SCHULNUMMER_RE, row["schulnummer"], where, "Schulnummer")
        numbers.append(number)
        if row["schulbetrieb"] != IN_OPERATION:
            continue
        result.schools.append(_school(row, where, result))
    repeated = sorted(n for n, count in Counter(numbers).items() if count > 1)
    if repeated:
        raise ReferenceDataError(f"{name}: repeated Schulnummer: {', '.join(repeated[:5])}")
    return result


def _check(pattern: re.Pattern[str], value: str, where: str, what: str) -> str:
    if not pattern.match(value):
        raise ReferenceDataError(f"{where}: {what} {value!r} does not match {pattern.pattern}")
    return value


def _school(row: dict[str, str], where: str, result: MsbSchoolList) -> School:
    number = row["schulnummer"]
    form = row["schulform"]
    if form not in SCHOOL_FORM_KEYS:
        result.unknown_forms.setdefault(form, []).append(number)
    legal = LEGAL_STATUS_CODES.get(row["rechtsform"])
    if legal is None:
        raise ReferenceDataError(f"{where}: unknown Rechtsform {row['rechtsform']!r}")
    name = " ".join(" ".join(row[k] for k in ("name1", "name2", "name3")).split())
    if not name:
        raise ReferenceDataError(f"{where}: the school has no name")
    email = row["email"]
    if email and not EMAIL_RE.match(email):
        result.notes.append(f"{where}: {number}: e-mail {email!r} left out (no address)")
        email = ""
    homepage = normalise_url(row["homepage"])
    if row["homepage"] and not homepage:
        result.notes.append(f"{where}: {number}: homepage {row['homepage']!r} left out")
    lat, lon = _point(row, where, result)
    return School(
        schulnummer=number,
        schulform=form,
        name=name,
        street=row["strasse"],
        postal_code=_check(PLZ_RE, row["plz"], where, "PLZ"),
        locality=row["ort"],
        homepage=homepage,
        email=email,
        legal_status=legal,
        ags=_check(AGS_RE, row["ags"], where, "Gemeindeschlüssel"),
        lat=lat,
        lon=lon,
    )


def _point(row: dict[str, str], where: str, result: MsbSchoolList) -> tuple[str, str]:
    """WGS84 latitude and longitude as text with six decimals, or ("", "")."""
    epsg = row.get("epsg", "")
    if epsg and epsg not in UTM32_EPSG:
        return "", ""  # "null" where the MSB has no point
    try:
        east, north = float(row["east"]), float(row["north"])
    except ValueError:
        return "", ""
    lat, lon = utm32_to_wgs84(east, north)
    text_lat, text_lon = _degrees(lat), _degrees(lon)
    if not (
        LAT_RANGE[0] <= Decimal(text_lat) <= LAT_RANGE[1]
        and LON_RANGE[0] <= Decimal(text_lon) <= LON_RANGE[1]
    ):
        result.notes.append(f"{where}: {row['schulnummer']}: point outside NRW left out")
        return "", ""
    return text_lat, text_lon


def _degrees(value: float) -> str:
    text = f"{value:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


# GRS80 (ETRS89); UTM zone 32: central meridian 9° E, scale 0.9996, false easting 500 km
_A, _F = 6378137.0, 1 / 298.257222101
_K0, _E0, _LON0 = 0.9996, 500_000.0, math.radians(9.0)


def utm32_to_wgs84(east: float, north: float) -> tuple[float, float]:
    """(latitude, longitude) in degrees of an ETRS89 / UTM zone 32N point (Krüger's series
    to n³: well below a millimetre in NRW; ETRS89 and WGS84 agree to a metre, which the
    published points do not resolve).

        >>> lat, lon = utm32_to_wgs84(352258, 5645500)
        >>> f"{lat:.6f} {lon:.6f}"
        '50.942172 6.897017'
    """
    n = _F / (2 - _F)
    rectifying = _A / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    beta = (n / 2 - 2 * n**2 / 3 + 37 * n**3 / 96, n**2 / 48 + n**3 / 15, 17 * n**3 / 480)
    delta = (2 * n - 2 * n**2 / 3 - 2 * n**3, 7 * n**2 / 3 - 8 * n**3 / 5, 56 * n**3 / 15)
    xi = north / (_K0 * rectifying)
    eta = (east - _E0) / (_K0 * rectifying)
    xi_ = xi - sum(b * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, b in enumerate(beta, 1))
    eta_ = eta - sum(
        b * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, b in enumerate(beta, 1)
    )
    chi = math.asin(math.sin(xi_) / math.cosh(eta_))
    lat = chi + sum(d * math.sin(2 * j * chi) for j, d in enumerate(delta, 1))
    lon = _LON0 + math.atan2(math.sinh(eta_), math.cos(xi_))
    return math.degrees(lat), math.degrees(lon)
