"""Invented non-school actors (with one site each) for one Kreis, and the shared chambers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import catalogue as cat
from .gaps import rules_for
from .model import Actor, Site
from .reference import Gemeinde, Kreis

REGION_NAMES = {
    "051": "Niederrhein-Rheinschiene",
    "053": "Rheinland-Süd",
    "055": "Münsterland-Emscher",
    "057": "Ostwestfalen-Weser",
    "059": "Ruhr-Sauerland",
}
#: Kreis-level roles: role -> (actor type, name pattern); "{k}" = display name of the Kreis.
KREIS_ROLES: dict[str, tuple[str, str]] = {
    "bildungsbuero": ("education-office", "Regionales Bildungsbüro {k} (Beispiel)"),
    "ki": ("integration-centre", "Kommunales Integrationszentrum {k} (Beispiel)"),
    "kaoa": ("kaoa-coordination", "Kommunale Koordinierungsstelle KAoA {k} (Beispiel)"),
    "vhs": ("adult-education-centre", "Volkshochschule {k} (Beispiel)"),
    "jobcenter": ("jobcentre", "Jobcenter {k} (Beispiel)"),
    "agentur": ("employment-agency", "Agentur für Arbeit {k} (Beispiel)"),
    "jugendamt": ("youth-welfare-office", "Jugendamt {k} (Beispiel)"),
    "musikschule": ("music-school", "Musikschule {k} (Beispiel)"),
    "medienzentrum": ("media-centre", "Medienzentrum {k} (Beispiel)"),
    "fbs": ("family-education-centre", "Familienbildungsstätte {p}"),
    "umwelt": ("environmental-education-centre", "Umweltbildungszentrum {p}"),
}


def kreis_actor_key(kreis_key: str, role: str) -> str:
    """The fixed Kennung of a Kreis-level actor, e.g. ``05166-bildungsbuero``."""
    return f"{kreis_key}-{role}"


def chamber_key(kind: str, rb_key: str) -> str:
    """The fixed Kennung of a shared chamber, e.g. ``ihk-051``."""
    return f"{kind}-{rb_key}"


@dataclass
class ActorPool:
    """The actors of one Kreis, indexed by Gemeinde and type."""

    kreis: Kreis
    actors: list[Actor] = field(default_factory=list)
    by_gemeinde: dict[str, dict[str, list[Actor]]] = field(default_factory=dict)
    roles: dict[str, Actor] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def of(self, ags: str, actor_type: str) -> list[Actor]:
        return self.by_gemeinde.get(ags, {}).get(actor_type, [])

    def kreis_wide(self, actor_type: str) -> list[Actor]:
        return [a for a in self.actors if actor_type in a.types]


def _site(rng: random.Random, kennung: str, label: str, g: Gemeinde) -> Site:
    lat: str | None
    lon: str | None
    lat, lon = cat.jitter(rng, g.lat, g.lon, g.area_km2)
    if rng.random() < 0.03:  # some sites without coordinates (exercise the warning)
        lat = lon = None
    street = f"{rng.choice(cat.STREETS)} {rng.randint(1, 160)}"
    return Site(f"{kennung}-s1", kennung, label, street, g.plz, g.short_name, g.ags, lat, lon)


def new_actor(
    rng: random.Random,
    kennung: str,
    name: str,
    types: list[str],
    g: Gemeinde,
    kreis_key: str,
    *,
    public: bool = False,
    parent: str | None = None,
    area: list[str] | None = None,
) -> Actor:
    """One actor with its main site, contact data and a modification date."""
    kind = cat.ACTOR_KINDS[types[-1]]
    web, mail = cat.contact(rng, name, 0.02 if public else 0.12, 0.02 if public else 0.1)
    if area is None:
        area = [g.ags] if rng.random() < 0.7 else []
    actor = Actor(
        kennung=kennung,
        name=name,
        types=types,
        description=f"{cat.INVENTED}. {kind.label} in {g.short_name}.",
        kreis=kreis_key,
        gemeinde=g.ags,
        parent=parent,
        website=web,
        email=mail,
        phone=cat.phone(rng, kreis_key),
        area=area,
        modified=cat.random_modified(rng),
        isolated=not public and rng.random() < kind.isolated,
    )
    actor.sites.append(_site(rng, kennung, name, g))
    return actor


class _Builder:
    def __init__(self, kreis: Kreis, rng: random.Random, scale: float) -> None:
        self.kreis, self.rng, self.scale = kreis, rng, scale
        self.pool = ActorPool(kreis)
        self.names: set[str] = set()

    def add(
        self,
        types: list[str],
        name: str,
        g: Gemeinde,
        *,
        key: str | None = None,
        public: bool = False,
        parent: str | None = None,
        area: list[str] | None = None,
    ) -> Actor:
        if name in self.names:
            name = f"{name} ({self.rng.choice(cat.STREETS)})"
        if name in self.names:
            name = f"{name} {len(self.names)}"
        self.names.add(name)
        if key is None:
            abbr = cat.ACTOR_KINDS[types[-1]].abbr
            self.pool.counters[abbr] = self.pool.counters.get(abbr, 0) + 1
            key = f"{self.kreis.key}-{abbr}-{self.pool.counters[abbr]:03d}"
        actor = new_actor(
            self.rng, key, name, types, g, self.kreis.key, public=public, parent=parent, area=area
        )
        self.pool.actors.append(actor)
        index = self.pool.by_gemeinde.setdefault(g.ags, {})
        for t in types:
            index.setdefault(t, []).append(actor)
        return actor

    def count(self, g: Gemeinde, per: float, minimum: int = 0) -> int:
        return max(minimum, round(g.population * self.scale / per))

    def kreis_level(self) -> None:
        k, seat, rng = self.kreis, self.kreis.seat, self.rng
        for role, (atype, pattern) in KREIS_ROLES.items():
            name = pattern.format(k=k.display_name, p=rng.choice(cat.PLACE_WORDS))
            actor = self.add(
                [atype], name, seat, key=kreis_actor_key(k.key, role), public=True, area=[k.key]
            )
            self.pool.roles[role] = actor
        self.add(
            ["foundation"], f"Bildungsstiftung {rng.choice(cat.PLACE_WORDS)}", seat, area=[k.key]
        )

    def gemeinde(self, g: Gemeinde) -> None:
        rng, k, rules = self.rng, self.kreis, rules_for(g.ags)
        town = g.short_name
        for _ in range(self.count(g, 2500, 2)):
            prefix = rng.choice(cat.KITA_PREFIXES)
            self.add(["kita"], f"{prefix} {rng.choice(cat.KITA_NAMES)} {town}", g)
        for _ in range(self.count(g, 9000, 1)):
            self.add(
                ["kita", "family-centre"], f"Familienzentrum {rng.choice(cat.KITA_NAMES)} {town}", g
            )
        if "library" not in rules.no_actor_types:
            main_name = "Stadtbibliothek" if g.population >= 25000 else "Gemeindebücherei"
            main = self.add(["library"], f"{main_name} {town} (Beispiel)", g, public=True)
            for i in range(max(0, round((g.population - 40000) / 40000))):
                district = cat.DISTRICTS[i % len(cat.DISTRICTS)]
                self.add(
                    ["library"],
                    f"Stadtteilbibliothek {town}-{district} (Beispiel)",
                    g,
                    public=True,
                    parent=main.kennung,
                )
        if "youth-centre" not in rules.no_actor_types:
            for _ in range(self.count(g, 9000, 1)):
                prefix = rng.choice(cat.YOUTH_PREFIXES)
                self.add(["youth-centre"], f"{prefix} {rng.choice(cat.YOUTH_NAMES)} {town}", g)
        if not k.is_city and g.population >= 25000:
            self.add(
                ["youth-welfare-office"], f"Jugendamt der Stadt {town} (Beispiel)", g, public=True
            )
        if not k.is_city and g.population >= 40000:
            self.add(["music-school"], f"Musikschule {rng.choice(cat.PLACE_WORDS)} {town}", g)
        if g is not k.seat and (g.population >= 14000 or k.is_city):
            vhs = self.pool.roles["vhs"]
            self.add(
                ["adult-education-centre"],
                f"{vhs.name} – Außenstelle {town}",
                g,
                public=True,
                parent=vhs.kennung,
            )
        if k.is_city:
            vhs = self.pool.roles["vhs"]
            for district in ("Nord", "Süd"):
                self.add(
                    ["adult-education-centre"],
                    f"{vhs.name} – Stadtteilzentrum {district}",
                    g,
                    public=True,
                    parent=vhs.kennung,
                )
        for _ in range(self.count(g, 5500, 2)):
            colour = rng.choice(cat.CLUB_COLOURS)
            name = f"{rng.choice(cat.CLUB_PREFIXES)} {colour + ' ' if colour else ''}{town}"
            self.add(["sports-club"], f"{name} {rng.randint(1862, 1999)} e.V.", g)
        for _ in range(self.count(g, 6500, 1)):
            name = f"{rng.choice(cat.SURNAMES)} {rng.choice(cat.BUSINESSES)}"
            self.add(["company"], f"{name} {rng.choice(cat.LEGAL_FORMS)}", g)
        for _ in range(self.count(g, 10000, 1)):
            self.add(["association"], f"{rng.choice(cat.ASSOCIATIONS)} {town} e.V.", g)
        for _ in range(self.count(g, 25000)):
            self.add(["migrant-organisation"], f"{rng.choice(cat.MIGRANT_ORGS)} {town} e.V.", g)
        for _ in range(self.count(g, 20000, 1)):
            place = rng.choice(cat.PLACE_WORDS)
            self.add(["welfare-organisation"], f"{rng.choice(cat.WELFARE)} {place} e.V.", g)
        for _ in range(self.count(g, 50000)):
            self.add(["foundation"], f"{rng.choice(cat.SURNAMES)}-Stiftung für Bildung", g)
        for _ in range(self.count(g, 70000)):
            place = rng.choice(cat.PLACE_WORDS)
            self.add(["education-provider"], f"Bildungswerk {place} gGmbH", g)
        for _ in range(self.count(g, 80000)):
            self.add(["museum"], f"Museum {rng.choice(cat.PLACE_WORDS)} {town}", g)


def build_actors(kreis: Kreis, rng: random.Random, scale: float) -> ActorPool:
    """All invented actors of one Kreis (Kreis-level roles first, then per Gemeinde)."""
    builder = _Builder(kreis, rng, scale)
    builder.kreis_level()
    for g in kreis.gemeinden:
        builder.gemeinde(g)
    return builder.pool


def build_chambers(rng: random.Random, rb_key: str, seat: Gemeinde) -> list[Actor]:
    """The shared IHK and HWK of one Regierungsbezirk (invented region names)."""
    region = REGION_NAMES.get(rb_key, f"Region {rb_key}")
    result = []
    for kind, atype, label in (
        ("ihk", "chamber-of-commerce", "Industrie- und Handelskammer"),
        ("hwk", "chamber-of-crafts", "Handwerkskammer"),
    ):
        result.append(
            new_actor(
                rng,
                chamber_key(kind, rb_key),
                f"{label} {region}",
                [atype],
                seat,
                seat.kreis_key,
                public=True,
                area=[],
            )
        )
    return result
