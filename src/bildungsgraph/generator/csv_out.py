"""The six contribution CSV files (SPEC §4 headers, German, in template order)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from .model import Actor, Cooperation, Landscape, Membership, Network, Offer, Site

MULTI = " | "
HEADERS: dict[str, tuple[str, ...]] = {
    "akteure": (
        "Kennung",
        "Name",
        "Akteurstyp",
        "Beschreibung",
        "Übergeordnete Organisation",
        "Website",
        "E-Mail",
        "Telefon",
        "Schulnummer",
        "Zuständigkeitsgebiet",
        "Letzte Änderung",
    ),
    "standorte": (
        "Kennung",
        "Akteur",
        "Bezeichnung",
        "Straße",
        "PLZ",
        "Ort",
        "Gemeinde",
        "Breitengrad",
        "Längengrad",
    ),
    "angebote": (
        "Kennung",
        "Titel",
        "Beschreibung",
        "Anbieter",
        "Lebensphase",
        "Themenfeld",
        "Format",
        "Angebotsart",
        "Zielgruppe",
        "Mindestalter",
        "Höchstalter",
        "Sprache",
        "Kostenfrei",
        "Preis",
        "Beginn",
        "Ende",
        "Termine",
        "Standort",
        "Online-Adresse",
        "Gebiet",
        "Programm",
        "Letzte Änderung",
    ),
    "kooperationen": (
        "Kennung",
        "Bezeichnung",
        "Partner",
        "Kooperationsform",
        "Programm",
        "Themenfeld",
        "Lebensphase",
        "Beginn",
        "Ende",
        "Status",
        "Quelle",
        "Gebiet",
        "Letzte Änderung",
    ),
    "netzwerke": (
        "Kennung",
        "Name",
        "Beschreibung",
        "Programm",
        "Themenfeld",
        "Koordination",
        "Gebiet",
        "Website",
        "Beginn",
        "Ende",
    ),
    "mitgliedschaften": ("Kennung", "Netzwerk", "Akteur", "Rolle", "Beginn", "Ende"),
}


def cell(value: Any) -> str:
    """One CSV cell: lists joined by `` | ``, dates ISO, booleans ja/nein, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return MULTI.join(str(v) for v in value)
    return str(value)


def actor_row(a: Actor) -> list[Any]:
    return [
        a.kennung,
        a.name,
        a.types,
        a.description,
        a.parent,
        a.website,
        a.email,
        a.phone,
        None,
        a.area,
        a.modified,
    ]


def site_row(s: Site) -> list[Any]:
    return [
        s.kennung,
        s.actor,
        s.label,
        s.street,
        s.postal_code,
        s.locality,
        s.municipality,
        s.lat,
        s.lon,
    ]


def offer_row(o: Offer) -> list[Any]:
    return [
        o.kennung,
        o.title,
        o.description,
        o.providers,
        o.life_phases,
        o.topics,
        o.format,
        o.kind,
        o.target_groups,
        o.min_age,
        o.max_age,
        o.languages,
        o.is_free,
        o.price,
        o.start,
        o.end,
        o.schedule,
        o.location,
        o.online_url,
        o.area,
        o.programmes,
        o.modified,
    ]


def cooperation_row(c: Cooperation) -> list[Any]:
    return [
        c.kennung,
        c.label,
        c.partners,
        c.form,
        c.programmes,
        c.topics,
        c.life_phases,
        c.start,
        c.end,
        c.status,
        c.source,
        c.area,
        c.modified,
    ]


def network_row(n: Network) -> list[Any]:
    return [
        n.kennung,
        n.name,
        n.description,
        n.programmes,
        n.topics,
        n.coordinator,
        n.area,
        n.website,
        n.start,
        n.end,
    ]


def membership_row(m: Membership) -> list[Any]:
    return [m.kennung, m.network, m.actor, m.role, m.start, m.end]


def tables(land: Landscape) -> dict[str, tuple[Iterable[Any], Callable[[Any], list[Any]]]]:
    """Template stem -> (records, row function)."""
    return {
        "akteure": (land.actors, actor_row),
        "standorte": (land.sites, site_row),
        "angebote": (land.offers, offer_row),
        "kooperationen": (land.cooperations, cooperation_row),
        "netzwerke": (land.networks, network_row),
        "mitgliedschaften": (land.memberships, membership_row),
    }


def write_contribution_csv(land: Landscape, out_dir: str | Path) -> list[Path]:
    """Write the six CSV files (UTF-8, comma, ``\\n`` line ends); return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, (records, row) in tables(land).items():
        path = out / f"{stem}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADERS[stem])
            for record in records:
                writer.writerow([cell(v) for v in row(record)])
        paths.append(path)
    return paths
