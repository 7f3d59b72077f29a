"""The reference data the generator builds on: Kreise, Gemeinden and schools of NRW."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import REFERENCE_DIR

GEMEINDEN_FILE = "nrw_gemeinden_2020.csv"
KREISE_FILE = "nrw_kreise_2020.csv"
SCHOOLS_FILE = "nrw_schulen_2021.csv"


@dataclass(frozen=True, slots=True)
class Gemeinde:
    """One Gemeinde (AGS) with the values the generator needs."""

    ags: str
    name: str
    short_name: str
    kreis_key: str
    population: int
    area_km2: float
    plz: str
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class School:
    """A school in operation from the MSB list."""

    schulnummer: str
    form: str
    name: str
    ags: str
    kreis_key: str

    @property
    def kennung(self) -> str:
        return f"school-{self.schulnummer}"


@dataclass(frozen=True, slots=True)
class Kreis:
    """A Kreis or kreisfreie Stadt with its Gemeinden (largest first) and schools."""

    key: str
    name: str
    short_name: str
    is_city: bool
    rb_key: str
    rb_name: str
    population: int
    gemeinden: tuple[Gemeinde, ...]
    schools: tuple[School, ...]

    @property
    def display_name(self) -> str:
        """``Krefeld`` for a city, ``Kreis Viersen`` for a Kreis."""
        if self.is_city or "reis" in self.name or "region" in self.name.lower():
            return self.short_name
        return f"Kreis {self.short_name}"

    @property
    def seat(self) -> Gemeinde:
        """The Gemeinde that hosts the Kreis-level actors (the largest one)."""
        return self.gemeinden[0]

    @property
    def lat(self) -> float:
        return sum(g.lat * g.population for g in self.gemeinden) / self.population

    @property
    def lon(self) -> float:
        return sum(g.lon * g.population for g in self.gemeinden) / self.population


def _short(name: str) -> str:
    return name.split(",")[0].strip()


def _reference_dir() -> Path:
    candidates = [
        REFERENCE_DIR,
        Path(__file__).resolve().parents[3] / "data" / "reference",
        Path(__file__).resolve().parents[4] / "shared" / "data" / "reference",
    ]
    for candidate in candidates:
        if (candidate / GEMEINDEN_FILE).exists():
            return candidate
    raise FileNotFoundError(f"{GEMEINDEN_FILE} not found in {candidates}")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=4)
def load_kreise(directory: Path | None = None) -> dict[str, Kreis]:
    """All 53 Kreise/kreisfreie Städte by Kreisschlüssel, in key order (cached, immutable)."""
    base = directory or _reference_dir()
    gemeinden: dict[str, list[Gemeinde]] = {}
    for row in _rows(base / GEMEINDEN_FILE):
        gemeinden.setdefault(row["kreis_key"], []).append(
            Gemeinde(
                ags=row["ags"],
                name=row["name"],
                short_name=_short(row["name"]),
                kreis_key=row["kreis_key"],
                population=int(row["bevoelkerung"]),
                area_km2=float(row["flaeche_km2"]),
                plz=row["plz"],
                lon=float(row["lon"]),
                lat=float(row["lat"]),
            )
        )
    schools: dict[str, list[School]] = {}
    for row in _rows(base / SCHOOLS_FILE):
        if row["schulbetrieb_code"] != "1":
            continue
        schools.setdefault(row["kreis_key"], []).append(
            School(
                row["schulnummer"], row["schulform_code"], row["name"], row["ags"], row["kreis_key"]
            )
        )
    result: dict[str, Kreis] = {}
    for row in sorted(_rows(base / KREISE_FILE), key=lambda r: r["kreis_key"]):
        key = row["kreis_key"]
        members = sorted(gemeinden[key], key=lambda g: (-g.population, g.ags))
        result[key] = Kreis(
            key=key,
            name=row["name"],
            short_name=_short(row["name"]),
            is_city=row["kreis_typ"] == "kreisfreie Stadt",
            rb_key=row["rb_key"],
            rb_name=row["rb_name"],
            population=sum(g.population for g in members),
            gemeinden=tuple(members),
            schools=tuple(sorted(schools.get(key, []), key=lambda s: s.schulnummer)),
        )
    return result


def resolve_kreise(keys: str | list[str] | tuple[str, ...]) -> list[str]:
    """Normalise a ``--kreise`` value (``all`` or keys) to sorted, unique, known keys."""
    known = load_kreise()
    if isinstance(keys, str):
        keys = list(known) if keys.strip().lower() == "all" else keys.split(",")
    result = sorted({k.strip() for k in keys if k.strip()})
    unknown = [k for k in result if k not in known]
    if unknown:
        raise ValueError(f"unknown Kreisschlüssel: {', '.join(unknown)}")
    if not result:
        raise ValueError("no Kreis given")
    return result
