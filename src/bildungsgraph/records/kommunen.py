"""Kommunen: listing by level and the profile of one Kommune (population, counts, links)."""

from __future__ import annotations

from rdflib import URIRef

from ..errors import NotFoundError
from ..namespaces import BG, RDF, WGS
from .filters import FilterError, resolve_kommunen
from .index import Index
from .snapshot import KOMMUNE_PREFIX
from .values import Item, iris, kommune_ref, python, text

# level name → class
LEVELS: dict[str, URIRef] = {
    "land": BG.State,
    "regierungsbezirk": BG.GovernmentDistrict,
    "kreis": BG.DistrictLevelUnit,
    "gemeinde": BG.Municipality,
}

# The one list of level codes is LEVELS; the English codes the analysis compares by
# (district, city, municipality) are still accepted where a level is asked for.
LEVEL_ALIASES = {"state": "land", "district": "kreis", "city": "kreis", "municipality": "gemeinde"}


def level_code(value: str) -> str:
    """The code of LEVELS for a deprecated alias (``district`` → ``kreis``); other values as
    given (``city`` is a ``kreis``: a kreisfreie Stadt is a Kreis-level unit)."""
    return LEVEL_ALIASES.get(value, value)


def _level(types: list[str]) -> str:
    for name, cls in LEVELS.items():
        if str(cls) in types:
            return name
    return "gebiet"


def kommune_item(index: Index, iri: str) -> Item:
    snapshot = index.snapshot
    props = snapshot.records["kommunen"][iri]
    parent = snapshot.parents.get(iri)
    types = iris(props, RDF.type)
    return kommune_ref(snapshot, iri) | {
        "level": _level(types),
        "independent_city": str(BG.IndependentCity) in types,
        "parent": kommune_ref(snapshot, parent) if parent else None,
        "ags": text(props, BG.ags),
        "ars": text(props, BG.ars),
        "area_km2": python(props, BG.areaKm2),
        "lat": python(props, WGS.lat),
        "long": python(props, WGS.long),
    }


def list_kommunen(index: Index, level: str | None = None, within: str | None = None) -> list[Item]:
    """Kommunen sorted by key, optionally of one level and inside one Kommune."""
    level = None if level is None else level_code(level)
    if level is not None and level not in LEVELS:
        raise FilterError(f"level={level!r} is not known; allowed: {', '.join(LEVELS)}")
    areas = resolve_kommunen(index.snapshot, [within]) if within else set()
    result = []
    for iri in sorted(index.snapshot.records["kommunen"]):
        props = index.snapshot.records["kommunen"][iri]
        if level and str(LEVELS[level]) not in iris(props, RDF.type):
            continue
        if areas and not any(index.snapshot.within(iri, a) and iri != a for a in areas):
            continue
        result.append(kommune_item(index, iri))
    return result


def require_kommune(index: Index, key: str) -> str:
    """The IRI of the Kommune with this key; NotFoundError if there is none."""
    iri = KOMMUNE_PREFIX + key
    if iri not in index.snapshot.records["kommunen"]:
        raise NotFoundError(f"no Kommune with the key {key!r}")
    return iri


def kommune_profile(index: Index, key: str, counts: Item, lang: str = "de") -> Item:
    """One Kommune with children, latest population by age band and its ``counts`` (actors,
    offers, … by facet: the read model's figures)."""
    snapshot = index.snapshot
    iri = require_kommune(index, key)
    item = kommune_item(index, iri)
    children = [c for c, parent in snapshot.parents.items() if parent == iri]
    item["children"] = [kommune_ref(snapshot, c) for c in sorted(children)]
    item["population"] = _population(index, iri, lang)
    item["counts"] = counts
    item["links"] = {
        kind: f"/api/{kind}?kommune={key}"
        for kind in ("actors", "offers", "cooperations", "networks")
    } | {"self": f"/api/kommunen/{key}", "gemeinden": f"/api/kommunen?level=gemeinde&within={key}"}
    return item


def _population(index: Index, iri: str, lang: str) -> Item | None:
    snapshot = index.snapshot
    by_date = snapshot.population.get(iri)
    if not by_date:
        return None
    latest = max(by_date)
    bands = by_date[latest]
    rows = []
    for slug, count in bands.items():
        if slug == "total":
            continue
        low, high = snapshot.age_bands.get(slug, (None, None))
        band_iri = next(
            (
                c.iri
                for c in snapshot.concepts.values()
                if c.scheme.endswith("/age-band") and c.slug == slug
            ),
            slug,
        )
        rows.append(
            {
                "id": slug,
                "label": snapshot.concept_label(band_iri, lang),
                "age_from": low,
                "age_below": high,
                "population": count,
            }
        )
    rows.sort(key=lambda row: (row["age_from"] is None, row["age_from"] or 0))
    return {"reference_date": latest, "total": bands.get("total"), "age_bands": rows}
