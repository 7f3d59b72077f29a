"""An update of the population by age band from a GENESIS 12411-0018 download.

The table "Bevölkerung: Kreise, Stichtag, Geschlecht, Altersgruppen" comes as a semicolon file
(ISO-8859-1 from GENESIS, or re-encoded UTF-8) with a title block, two header rows (sex, age
band) and one row per Stichtag and Kreis of Germany: 17 male then 17 female counts. The rows of
the NRW Kreise (``05…``) become the same :class:`~.sources.AgeBandRow` records as the shipped
``nrw_kreise_bevoelkerung_altersgruppen_2015_2020.csv``, built into observations by the same
builder (:func:`~.population.add_age_bands`).

``update_population_graph`` replaces those observations and keeps the Gemeinde, Regierungsbezirk
and Land totals of the GV (dct:source GV-ISys) as stored; the diff lists the Stichtage added
and removed and every count that changed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from rdflib import Graph
from rdflib.term import Node

from ..namespaces import BG, DCT, RDF
from .errors import ReferenceDataError
from .metadata import GENESIS_12411, POPULATION, add_dataset
from .msb import decode
from .population import add_age_bands
from .sources import AGE_BAND_COLUMNS, KREIS_RE, TOTAL_BAND, AgeBandRow
from .update import Statements, Triple, by_subject

BANDS = list(AGE_BAND_COLUMNS.values())
_DATE_RE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")
Cell = tuple[str, str, str]  # (Kreis key, Stichtag ISO, age band)


@dataclass
class PopulationDiff:
    """What an update of the population by age band changes (Kreise of NRW)."""

    on: str
    dates_before: list[str]
    dates_after: list[str]
    added_dates: list[str] = field(default_factory=list)
    removed_dates: list[str] = field(default_factory=list)
    # (Kreis, Stichtag, band, before, after) for Stichtage in both
    changed: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    unchanged: int = 0
    stored: bool = False


def read_genesis_12411(data: bytes, name: str = "12411-0018.csv") -> list[AgeBandRow]:
    """The NRW Kreis rows of a GENESIS 12411-0018 download."""
    rows = []
    for line, cells in enumerate(csv.reader(io.StringIO(decode(data)), delimiter=";"), 1):
        if len(cells) < 3 or not _DATE_RE.match(cells[0]) or not KREIS_RE.match(cells[1]):
            continue
        where = f"{name}:{line}"
        numbers = cells[3 : 3 + 2 * len(BANDS)]
        if len(numbers) != 2 * len(BANDS) or not all(n.strip().isdigit() for n in numbers):
            raise ReferenceDataError(
                f"{where}: expected {2 * len(BANDS)} counts (17 age bands, male and female)"
            )
        male, female = numbers[: len(BANDS)], numbers[len(BANDS) :]
        counts = {band: int(m) + int(f) for band, m, f in zip(BANDS, male, female, strict=True)}
        counts[TOTAL_BAND] = sum(counts.values())
        stichtag = datetime.strptime(cells[0], "%d.%m.%Y").date()
        rows.append(AgeBandRow(reference_date=stichtag, kreis_key=cells[1], counts=counts))
    if not rows:
        raise ReferenceDataError(f"{name}: no NRW rows of GENESIS table 12411-0018 found")
    seen = [(r.kreis_key, r.reference_date) for r in rows]
    if len(set(seen)) != len(seen):
        raise ReferenceDataError(f"{name}: a Kreis appears twice for one Stichtag")
    return rows


def check_kreise(rows: Iterable[AgeBandRow], kreise: set[str]) -> None:
    """Every Stichtag must have exactly the stored Kreise (a Gebietsänderung: update those
    first)."""
    by_date: dict[date, set[str]] = {}
    for row in rows:
        by_date.setdefault(row.reference_date, set()).add(row.kreis_key)
    for day, keys in sorted(by_date.items()):
        if keys != kreise:
            odd = sorted(keys ^ kreise)
            raise ReferenceDataError(
                f"{day}: Kreise differ from the stored ones / Kreise weichen ab: "
                f"{', '.join(odd[:10])}"
            )


def _observation(props: dict[Node, list[Node]]) -> bool:
    return BG.PopulationCount in props.get(RDF.type, ())


def _cells(statements: Statements) -> dict[Cell, int]:
    found = {}
    for props in statements.values():
        if not _observation(props) or GENESIS_12411 not in props.get(DCT.source, ()):
            continue
        key = str(props[BG.refArea][0]).rsplit("/", 1)[-1]
        band = str(props[BG.ageBand][0]).rsplit("/", 1)[-1]
        found[(key, str(props[BG.referenceDate][0]), band)] = int(str(props[BG.population][0]))
    return found


def update_population_graph(
    rows: list[AgeBandRow], old: Iterable[Triple], on: date
) -> tuple[Graph, PopulationDiff]:
    """The new population graph and what changed (see the module docstring)."""
    before = by_subject(old)
    old_cells = _cells(before)
    days = sorted({r.reference_date for r in rows})
    info = replace(POPULATION, start=days[0], end=days[-1], issued=on)
    graph = Graph()
    add_dataset(graph, info)
    add_age_bands(graph, rows)
    for subject, props in before.items():  # the GV totals stay as stored
        if _observation(props) and GENESIS_12411 not in props.get(DCT.source, ()):
            for predicate, objects in props.items():
                for obj in objects:
                    graph.add((subject, predicate, obj))
    new_cells = {
        (r.kreis_key, r.reference_date.isoformat(), band): n
        for r in rows
        for band, n in r.counts.items()
    }
    old_dates = sorted({c[1] for c in old_cells})
    new_dates = sorted({c[1] for c in new_cells})
    diff = PopulationDiff(
        on=on.isoformat(),
        dates_before=old_dates,
        dates_after=new_dates,
        added_dates=sorted(set(new_dates) - set(old_dates)),
        removed_dates=sorted(set(old_dates) - set(new_dates)),
    )
    for cell in sorted(new_cells.keys() & old_cells.keys()):
        if new_cells[cell] != old_cells[cell]:
            diff.changed.append((*cell, old_cells[cell], new_cells[cell]))
        else:
            diff.unchanged += 1
    return graph, diff
