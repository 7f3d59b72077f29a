"""A Kommune's freshness view as a table with German headers: every record that needs a look,
those naming a closed school first, then those not verified within the period, oldest first."""

from __future__ import annotations

from collections.abc import Iterator

from ..readmodel import View
from ..readmodel.freshness import Freshness
from .records import kommune_words
from .tabular import Cell, Table, file_stem

HEADERS = (
    "Art",
    "Kennung",
    "Name",
    "Zuletzt geprüft",
    "Grundlage",
    "Beitrag / Graph",
    "Geschlossene Schule",
    "Geschlossen am",
)
KIND_LABELS = {
    "actors": "Akteur",
    "sites": "Standort",
    "offers": "Angebot",
    "cooperations": "Kooperation",
    "networks": "Netzwerk",
    "memberships": "Mitgliedschaft",
}
BASIS_LABELS = {
    "modified": "Letzte Änderung",
    "verified": "Beitrag, als geprüft vermerkt",
    "contribution": "Beitrag",
    "graph": "Graph",
    "official-list": "Amtliche Liste",
    "unknown": "unbekannt",
}


def freshness_table(view: View, result: Freshness, kind: str | None = None) -> Table:
    """The records of ``result`` (of ``kind``) that name a closed school or are outdated."""

    def rows() -> Iterator[list[Cell]]:
        for ref in result.closed:
            if kind is None or ref.kind == kind:
                yield [
                    KIND_LABELS[ref.kind],
                    ref.kennung,
                    ref.name,
                    None,
                    None,
                    None,
                    ref.school_kennung,
                    ref.closed_on,
                ]
        for entry in result.outdated:
            if kind is None or entry.kind == kind:
                verified = entry.verified
                yield [
                    KIND_LABELS[entry.kind],
                    entry.kennung,
                    entry.name,
                    verified.on,
                    BASIS_LABELS[verified.basis],
                    verified.owner or verified.graph,
                    None,
                    None,
                ]

    words = kommune_words(view.snapshot, [result.key])
    return Table(
        name=file_stem("aktualitaet", *words, f"{result.months}-monate"),
        sheet="Aktualität",
        headers=HEADERS,
        rows=rows(),
    )
