"""Kommunen side by side: key figures, the same per 1,000 inhabitants, gap cells and network
figures of 2 to 5 Kreise, kreisfreie Städte or Gemeinden.

Every figure is the one the Kommune's own page shows: the counts and the population of its
profile (``pages.kommune``, the JSON of ``/api/kommunen/{key}``), offers per 1,000 as on the
map (``AreaFigures.value``), the gap cells of its life phase × topic heat map
(``gaps.heat_pairs``: relevant pairs without a recorded offer) and the figures of its
cooperation network (``changes.whole_network``: the graph of the network views). Rates per
1,000 inhabitants use the latest total population; a Kommune without any contributed offer or
cooperation has no offer or cooperation rate (a blank spot of the data, as on the map); actors
always have one (they include the schools of the official list).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import InvalidParameterError
from ..visualisation.maps import DIGITS
from . import gaps, network, pages
from .changes import whole_network
from .figures import area_figures, heat_counts, kommune_iri
from .view import View

FEWEST, MOST = 2, 5
RATE_DIGITS = DIGITS["offers_per_1000"]


@dataclass(frozen=True)
class KommuneFigures:
    """One Kommune's column of the comparison."""

    key: str
    name: str
    level: str  # ``kreis`` or ``gemeinde`` (as ``/api/kommunen``)
    independent_city: bool
    population: int | None
    actors: int
    offers: int
    cooperations: int
    networks: int
    actors_per_1000: float | None
    offers_per_1000: float | None
    cooperations_per_1000: float | None
    gap_cells: int  # relevant life phase × topic pairs without a recorded offer
    relevant_cells: int  # pairs whose topic applies to the life phase
    actors_with_ties: int
    ties: int
    density: float
    components: int


@dataclass(frozen=True)
class Comparison:
    kommunen: list[KommuneFigures]


def chosen_keys(values: Iterable[str | None]) -> list[str]:
    """The keys of a query (``k`` repeated), empty ones (a form's empty choice) and repeats
    left out, in the order given."""
    keys: list[str] = []
    for value in values:
        key = (value or "").strip()
        if key and key not in keys:
            keys.append(key)
    return keys


def compare(view: View, keys: list[str], lang: str = "de") -> Comparison:
    """The figures of 2 to 5 Kommunen (keys of Kreise, kreisfreie Städte or Gemeinden);
    InvalidParameterError for fewer, more, NRW or unknown keys."""
    if not FEWEST <= len(keys) <= MOST:
        raise InvalidParameterError(
            f"Gewählt: {len(keys)}; nötig sind {FEWEST} bis {MOST} Kommunen / "
            f"chosen: {len(keys)}; {FEWEST} to {MOST} Kommunen are needed"
        )
    check_keys(view, keys)
    return Comparison([_figures(view, key, lang) for key in keys])


def check_keys(view: View, keys: Iterable[str]) -> None:
    """InvalidParameterError unless every key is a Kreis, kreisfreie Stadt or Gemeinde."""
    for key in keys:
        if network.parse_filter(view, kommune=key).kommune is None:
            raise InvalidParameterError(
                "NRW ist keine Kommune für den Vergleich: Kreise, kreisfreie Städte und "
                "Gemeinden / NRW is no Kommune to compare: Kreise, independent cities and "
                "Gemeinden"
            )


def _figures(view: View, key: str, lang: str) -> KommuneFigures:
    profile = pages.kommune(view, key, lang)
    counts = profile["counts"]
    area = area_figures(view, key)
    pairs = gaps.heat_pairs(view, heat_counts(view, kommune_iri(key)))
    net = whole_network(view, key)
    population = (profile["population"] or {}).get("total")
    return KommuneFigures(
        key=key,
        name=profile["name"],
        level=profile["level"],
        independent_city=profile["independent_city"],
        population=population,
        actors=counts["actors"],
        offers=counts["offers"],
        cooperations=counts["cooperations"],
        networks=counts["networks"],
        actors_per_1000=_per_1000(area.value("actors"), population),
        offers_per_1000=area.value("offers_per_1000"),
        cooperations_per_1000=_per_1000(area.value("cooperations"), population),
        gap_cells=sum(1 for pair in pairs if pair.gap),
        relevant_cells=sum(1 for pair in pairs if pair.relevant),
        actors_with_ties=net.actors_with_ties,
        ties=net.ties,
        density=net.density,
        components=net.components,
    )


def _per_1000(count: float | None, population: int | None) -> float | None:
    """A count per 1,000 inhabitants, rounded as the map's rate (None without either)."""
    if count is None or not population:
        return None
    return round(count / population * 1000, RATE_DIGITS)
