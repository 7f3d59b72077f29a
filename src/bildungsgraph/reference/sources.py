"""Read the official NRW reference files (CSV, GeoJSON) into checked records.

Every reader checks what it reads (key formats, counts, sums, cross-references) and raises a
:class:`ReferenceDataError` naming the file and the offending value. Nothing is silently dropped
except the schools not in operation, which are left out on purpose.

Numbers that become ``xsd:decimal`` are kept as their source text (after a check with
:class:`~decimal.Decimal`), so the Turtle carries exactly the published figure.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .errors import ReferenceDataError
from .geometry import geojson_to_wkt

GEMEINDEN_CSV = "nrw_gemeinden_2020.csv"
KREISE_CSV = "nrw_kreise_2020.csv"
AGE_BANDS_CSV = "nrw_kreise_bevoelkerung_altersgruppen_2015_2020.csv"
SCHOOLS_CSV = "nrw_schulen_2021.csv"
KREISE_GEOJSON = "nrw_kreise_vg5000.geojson"
GEMEINDEN_GEOJSON = "nrw_gemeinden_vg5000.geojson"
SOURCE_FILES = (
    GEMEINDEN_CSV,
    KREISE_CSV,
    AGE_BANDS_CSV,
    SCHOOLS_CSV,
    KREISE_GEOJSON,
    GEMEINDEN_GEOJSON,
)

#: Destatis 12411 column → age-band concept slug (scheme ``voc:age-band``), in table order.
AGE_BAND_COLUMNS: dict[str, str] = {
    "bev_u3": "under-3",
    "bev_3_6": "3-to-6",
    "bev_6_10": "6-to-10",
    "bev_10_15": "10-to-15",
    "bev_15_18": "15-to-18",
    "bev_18_20": "18-to-20",
    "bev_20_25": "20-to-25",
    "bev_25_30": "25-to-30",
    "bev_30_35": "30-to-35",
    "bev_35_40": "35-to-40",
    "bev_40_45": "40-to-45",
    "bev_45_50": "45-to-50",
    "bev_50_55": "50-to-55",
    "bev_55_60": "55-to-60",
    "bev_60_65": "60-to-65",
    "bev_65_75": "65-to-75",
    "bev_75plus": "75-and-over",
}
TOTAL_BAND = "total"

#: MSB Schulform keys that occur in the school list (domain.md §3); "0A" is Schulaufsicht.
SCHOOL_FORM_KEYS = frozenset(
    {"02", "04", "06", "08", "10", "13", "14", "15", "16", "17", "18", "19", "20", "25", "30"}
    | {"81", "83", "85", "87", "88", "0A"}
)
IN_OPERATION = "1"
LEGAL_STATUSES = frozenset({"öffentlich", "privat"})

# Official figures the files must reproduce (Gebietsstand 31.12.2020, population 31.12.2019).
EXPECTED_GEMEINDEN = 396
EXPECTED_KREISE = 31
EXPECTED_KREISFREIE_STAEDTE = 22
EXPECTED_NRW_POPULATION_2019 = 17_947_221
GV_REFERENCE_DATE = date(2019, 12, 31)

AGS_RE = re.compile(r"^05[0-9]{6}$")
ARS_RE = re.compile(r"^05[0-9]{10}$")
KREIS_RE = re.compile(r"^05[0-9]{3}$")
RB_RE = re.compile(r"^05[0-9]$")
SCHULNUMMER_RE = re.compile(r"^[0-9]{6}$")
PLZ_RE = re.compile(r"^[0-9]{5}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
LAT_RANGE = (Decimal("50.32"), Decimal("52.54"))
LON_RANGE = (Decimal("5.86"), Decimal("9.47"))


@dataclass(frozen=True)
class Gemeinde:
    ags: str
    ars: str
    name: str
    kreis_key: str
    rb_key: str
    rb_name: str
    area_km2: str
    population: int
    lat: str
    lon: str


@dataclass(frozen=True)
class Kreis:
    key: str
    ars: str
    name: str
    independent_city: bool
    rb_key: str
    rb_name: str
    gemeinden: int
    area_km2: str
    population: int


@dataclass(frozen=True)
class AgeBandRow:
    reference_date: date
    kreis_key: str
    counts: dict[str, int]  # age-band slug → persons, including TOTAL_BAND


@dataclass(frozen=True)
class School:
    schulnummer: str
    schulform: str
    name: str
    street: str
    postal_code: str
    locality: str
    homepage: str
    email: str
    legal_status: str
    ags: str
    lat: str
    lon: str


@dataclass(frozen=True)
class ReferenceSources:
    gemeinden: list[Gemeinde]
    kreise: list[Kreis]
    age_bands: list[AgeBandRow]
    schools: list[School]
    kreis_wkt: dict[str, str]
    gemeinde_wkt: dict[str, str]


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) of a UTF-8 CSV file; the header is line 1."""
    if not path.is_file():
        raise ReferenceDataError(f"{path}: reference file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            yield number, {k: (v or "").strip() for k, v in row.items()}


def _need(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise ReferenceDataError(f"{where}: {message}")


def _match(pattern: re.Pattern[str], value: str, where: str, what: str) -> str:
    _need(bool(pattern.match(value)), where, f"{what} {value!r} does not match {pattern.pattern}")
    return value


def _int(value: str, where: str, what: str) -> int:
    _need(value.isdigit(), where, f"{what} {value!r} is not a non-negative integer")
    return int(value)


def _decimal(
    value: str, where: str, what: str, bounds: tuple[Decimal, Decimal] | None = None
) -> str:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ReferenceDataError(f"{where}: {what} {value!r} is not a decimal number") from None
    _need(
        number.is_finite() and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value) is not None,
        where,
        f"{what} {value!r} is not a plain decimal",
    )
    if bounds is not None:
        _need(bounds[0] <= number <= bounds[1], where, f"{what} {value} outside {bounds}")
    return value


def _unique(keys: list[str], where: str, what: str) -> None:
    duplicates = sorted(k for k, n in Counter(keys).items() if n > 1)
    _need(not duplicates, where, f"duplicate {what}: {', '.join(duplicates[:5])}")


def read_gemeinden(path: Path) -> list[Gemeinde]:
    result = []
    for line, row in _rows(path):
        where = f"{path.name}:{line}"
        ags = _match(AGS_RE, row["ags"], where, "AGS")
        ars = _match(ARS_RE, row["ars"], where, "ARS")
        _need(ars[:5] + ars[9:] == ags, where, f"ARS {ars} does not contain AGS {ags}")
        _need(row["kreis_key"] == ags[:5], where, f"kreis_key {row['kreis_key']} != AGS[:5]")
        _need(row["rb_key"] == ags[:3], where, f"rb_key {row['rb_key']} != AGS[:3]")
        _need(bool(row["name"]), where, "name is empty")
        result.append(
            Gemeinde(
                ags=ags,
                ars=ars,
                name=row["name"],
                kreis_key=row["kreis_key"],
                rb_key=row["rb_key"],
                rb_name=row["rb_name"],
                area_km2=_decimal(row["flaeche_km2"], where, "flaeche_km2"),
                population=_int(row["bevoelkerung"], where, "bevoelkerung"),
                lat=_decimal(row["lat"], where, "lat", LAT_RANGE),
                lon=_decimal(row["lon"], where, "lon", LON_RANGE),
            )
        )
    _unique([g.ags for g in result], path.name, "AGS")
    _need(
        len(result) == EXPECTED_GEMEINDEN,
        path.name,
        f"{len(result)} Gemeinden, expected {EXPECTED_GEMEINDEN}",
    )
    total = sum(g.population for g in result)
    _need(
        total == EXPECTED_NRW_POPULATION_2019,
        path.name,
        f"population sum {total} != {EXPECTED_NRW_POPULATION_2019}",
    )
    return result


def read_kreise(path: Path) -> list[Kreis]:
    result = []
    for line, row in _rows(path):
        where = f"{path.name}:{line}"
        key = _match(KREIS_RE, row["kreis_key"], where, "kreis_key")
        ars = _match(ARS_RE, row["ars"], where, "ARS")
        _need(ars == key + "0000000", where, f"ARS {ars} is not the Kreis ARS of {key}")
        _need(row["rb_key"] == key[:3], where, f"rb_key {row['rb_key']} != kreis_key[:3]")
        _need(
            row["kreis_typ"] in ("Kreis", "kreisfreie Stadt"),
            where,
            f"unknown kreis_typ {row['kreis_typ']!r}",
        )
        _need(bool(row["name"]), where, "name is empty")
        result.append(
            Kreis(
                key=key,
                ars=ars,
                name=row["name"],
                independent_city=row["kreis_typ"] == "kreisfreie Stadt",
                rb_key=row["rb_key"],
                rb_name=row["rb_name"],
                gemeinden=_int(row["anzahl_gemeinden"], where, "anzahl_gemeinden"),
                area_km2=_decimal(row["flaeche_km2"], where, "flaeche_km2"),
                population=_int(row["bevoelkerung"], where, "bevoelkerung"),
            )
        )
    _unique([k.key for k in result], path.name, "kreis_key")
    cities = sum(k.independent_city for k in result)
    _need(
        (len(result) - cities, cities) == (EXPECTED_KREISE, EXPECTED_KREISFREIE_STAEDTE),
        path.name,
        f"{len(result) - cities} Kreise + {cities} kreisfreie Städte",
    )
    return result


def read_age_bands(path: Path) -> list[AgeBandRow]:
    result = []
    for line, row in _rows(path):
        where = f"{path.name}:{line}"
        try:
            stichtag = date.fromisoformat(row["stichtag"])
        except ValueError:
            raise ReferenceDataError(f"{where}: bad stichtag {row['stichtag']!r}") from None
        counts = {slug: _int(row[col], where, col) for col, slug in AGE_BAND_COLUMNS.items()}
        total = _int(row["bev_insgesamt"], where, "bev_insgesamt")
        _need(
            sum(counts.values()) == total,
            where,
            f"age bands sum to {sum(counts.values())}, bev_insgesamt is {total}",
        )
        _need(
            _int(row["maennlich"], where, "maennlich") + _int(row["weiblich"], where, "weiblich")
            == total,
            where,
            "maennlich + weiblich != bev_insgesamt",
        )
        counts[TOTAL_BAND] = total
        key = _match(KREIS_RE, row["kreis_key"], where, "kreis_key")
        result.append(AgeBandRow(reference_date=stichtag, kreis_key=key, counts=counts))
    _unique([f"{r.kreis_key}@{r.reference_date}" for r in result], path.name, "Kreis/Stichtag")
    return result


def read_schools(path: Path) -> list[School]:
    """The records of the MSB school list that are in operation (Schulbetriebsschlüssel 1)."""
    result = []
    all_numbers = []
    for line, row in _rows(path):
        where = f"{path.name}:{line}"
        number = _match(SCHULNUMMER_RE, row["schulnummer"], where, "schulnummer")
        all_numbers.append(number)
        if row["schulbetrieb_code"] != IN_OPERATION:
            continue
        _need(
            row["schulform_code"] in SCHOOL_FORM_KEYS,
            where,
            f"unknown Schulform key {row['schulform_code']!r}",
        )
        _need(row["rechtsform"] in LEGAL_STATUSES, where, f"rechtsform {row['rechtsform']!r}")
        _need(bool(row["name"]), where, "name is empty")
        if row["email"]:
            _match(EMAIL_RE, row["email"], where, "email")
        has_point = bool(row["lat"] or row["lon"])
        result.append(
            School(
                schulnummer=number,
                schulform=row["schulform_code"],
                name=" ".join(row["name"].split()),
                street=row["strasse"],
                postal_code=_match(PLZ_RE, row["plz"], where, "PLZ"),
                locality=row["ort"],
                homepage=normalise_url(row["homepage"]),
                email=row["email"],
                legal_status=row["rechtsform"],
                ags=_match(AGS_RE, row["ags"], where, "AGS"),
                lat=_decimal(row["lat"], where, "lat", LAT_RANGE) if has_point else "",
                lon=_decimal(row["lon"], where, "lon", LON_RANGE) if has_point else "",
            )
        )
    _unique(all_numbers, path.name, "schulnummer")
    return result


def read_school_numbers(path: Path) -> frozenset[str]:
    """The Schulnummern of the schools in operation, i.e. of the schools in the reference graph
    (read without the checks of :func:`read_schools`, for a quick membership test)."""
    return frozenset(
        row["schulnummer"] for _, row in _rows(path) if row["schulbetrieb_code"] == IN_OPERATION
    )


def normalise_url(value: str) -> str:
    """The homepage as an absolute http(s) URL, or "" if it is not one.

    ``www.example.de`` becomes ``http://www.example.de``; anything else that does not start
    with ``http`` (or contains characters not allowed in an IRI) is dropped.
    """
    value = value.strip()
    if value.lower().startswith("www."):
        value = "http://" + value
    return value if URL_RE.match(value) else ""


def read_geometries(path: Path, key_field: str, key_pattern: re.Pattern[str]) -> dict[str, str]:
    """Feature key → WKT of a GeoJSON FeatureCollection (WGS84 / CRS84)."""
    if not path.is_file():
        raise ReferenceDataError(f"{path}: reference file not found")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    result: dict[str, str] = {}
    for index, feature in enumerate(data.get("features", [])):
        where = f"{path.name} feature {index}"
        key = _match(key_pattern, str(feature["properties"].get(key_field, "")), where, key_field)
        _need(key not in result, where, f"duplicate {key_field} {key}")
        result[key] = geojson_to_wkt(feature.get("geometry") or {}, where)
    return result
