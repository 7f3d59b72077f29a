"""Load all reference files and check them against each other.

``load_sources(dir)`` is the one entry point: it reads the six files with the readers in
:mod:`.sources` (each checks its own file) and then runs the cross-file checks below, raising
:class:`ReferenceDataError` on the first disagreement.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .errors import ReferenceDataError
from .sources import (
    AGE_BANDS_CSV,
    AGS_RE,
    GEMEINDEN_CSV,
    GEMEINDEN_GEOJSON,
    GV_REFERENCE_DATE,
    KREIS_RE,
    KREISE_CSV,
    KREISE_GEOJSON,
    SCHOOLS_CSV,
    TOTAL_BAND,
    Gemeinde,
    ReferenceSources,
    read_age_bands,
    read_gemeinden,
    read_geometries,
    read_kreise,
    read_schools,
)


def _need(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise ReferenceDataError(f"{where}: {message}")


def load_sources(source_dir: Path) -> ReferenceSources:
    """Read all reference files from ``source_dir`` and check them against each other."""
    sources = ReferenceSources(
        gemeinden=read_gemeinden(source_dir / GEMEINDEN_CSV),
        kreise=read_kreise(source_dir / KREISE_CSV),
        age_bands=read_age_bands(source_dir / AGE_BANDS_CSV),
        schools=read_schools(source_dir / SCHOOLS_CSV),
        kreis_wkt=read_geometries(source_dir / KREISE_GEOJSON, "ags", KREIS_RE),
        gemeinde_wkt=read_geometries(source_dir / GEMEINDEN_GEOJSON, "ags", AGS_RE),
    )
    check_consistency(sources)
    return sources


def check_consistency(s: ReferenceSources) -> None:
    """Cross-file checks: keys, counts and sums must agree between the files."""
    kreise = {k.key: k for k in s.kreise}
    by_kreis: dict[str, list[Gemeinde]] = {}
    for g in s.gemeinden:
        _need(g.kreis_key in kreise, GEMEINDEN_CSV, f"{g.ags}: unknown Kreis {g.kreis_key}")
        by_kreis.setdefault(g.kreis_key, []).append(g)
    for key, kreis in kreise.items():
        members = by_kreis.get(key, [])
        where = f"{KREISE_CSV} {key}"
        _need(
            len(members) == kreis.gemeinden,
            where,
            f"{len(members)} Gemeinden in the GV, anzahl_gemeinden says {kreis.gemeinden}",
        )
        _need(
            sum(g.population for g in members) == kreis.population,
            where,
            "population differs from the sum over its Gemeinden",
        )
        _need(
            sum(Decimal(g.area_km2) for g in members) == Decimal(kreis.area_km2),
            where,
            "area differs from the sum over its Gemeinden",
        )
        _need(all(g.rb_key == kreis.rb_key for g in members), where, "Gemeinden in another RB")
        if kreis.independent_city:
            _need(
                [g.ags for g in members] == [key + "000"],
                where,
                f"a kreisfreie Stadt must have exactly the Gemeinde {key}000",
            )
    stichtage = sorted({r.reference_date for r in s.age_bands})
    for stichtag in stichtage:
        keys = sorted(r.kreis_key for r in s.age_bands if r.reference_date == stichtag)
        _need(keys == sorted(kreise), AGE_BANDS_CSV, f"{stichtag}: Kreise differ from {KREISE_CSV}")
    for row in s.age_bands:
        if row.reference_date == GV_REFERENCE_DATE:
            _need(
                row.counts[TOTAL_BAND] == kreise[row.kreis_key].population,
                AGE_BANDS_CSV,
                f"{row.kreis_key} {row.reference_date}: total differs from the GV",
            )
    ags = {g.ags for g in s.gemeinden}
    for school in s.schools:
        _need(school.ags in ags, SCHOOLS_CSV, f"school {school.schulnummer}: unknown AGS")
    _need(set(s.kreis_wkt) == set(kreise), KREISE_GEOJSON, "Kreis keys differ from the CSV")
    _need(set(s.gemeinde_wkt) == ags, GEMEINDEN_GEOJSON, "Gemeinde keys differ from the CSV")
