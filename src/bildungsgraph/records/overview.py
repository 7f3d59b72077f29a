"""Kommunen at a glance: names and the directory of the Regierungsbezirke with their Kreise."""

from __future__ import annotations

from ..errors import NotFoundError
from ..folding import fold
from .index import Index
from .kommunen import list_kommunen
from .snapshot import KOMMUNE_PREFIX
from .values import Item


def kommune_name(index: Index, key: str) -> str:
    """The name of the Kommune with this key; NotFoundError if there is none."""
    iri = KOMMUNE_PREFIX + key
    if iri not in index.snapshot.records["kommunen"]:
        raise NotFoundError(f"Kommune {key} ist nicht bekannt / unknown Kommune {key}")
    return index.snapshot.kommune_name(iri)


def kommune_directory(
    index: Index, text: str | None = None, gemeinden: bool = False
) -> list[tuple[Item, list[Item]]]:
    """Each Regierungsbezirk with its Kreise and kreisfreie Städte, sorted by name.

    With ``text``, only the Kreise, kreisfreie Städte and Gemeinden whose name contains it
    (case- and umlaut-insensitive); a kreisfreie Stadt stands for its one Gemeinde. With
    ``gemeinden``, each Kreis is followed by its Gemeinden.
    """
    wanted = fold(text or "")
    groups = []
    for district in list_kommunen(index, "regierungsbezirk"):
        kreise = sorted(list_kommunen(index, "kreis", district["key"]), key=_name)
        cities = {k["key"] for k in kreise if k["independent_city"]}
        below = [
            g
            for g in list_kommunen(index, "gemeinde", district["key"])
            if g["parent"] and g["parent"]["key"] not in cities
        ]
        if wanted:
            members = sorted((m for m in kreise + below if wanted in fold(m["name"])), key=_name)
        elif gemeinden:
            members = [
                m
                for kreis in kreise
                for m in [
                    kreis,
                    *sorted((g for g in below if g["parent"]["key"] == kreis["key"]), key=_name),
                ]
            ]
        else:
            members = kreise
        if members:
            groups.append((district, members))
    return groups


def _name(item: Item) -> str:
    return fold(item["name"])
