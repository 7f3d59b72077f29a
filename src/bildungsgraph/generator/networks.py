"""Networks (RBN Lenkungskreis, Bildungskonferenz, KAoA, Arbeitskreise) and memberships."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..folding import slugify
from . import catalogue as cat
from .actors import ActorPool, chamber_key, kreis_actor_key
from .model import Membership, Network

#: Arbeitskreise: slug, name, topics, programmes, coordinator role, member types.
WORKING_GROUPS = (
    (
        "ak-uebergang",
        "Arbeitskreis Übergang Kita–Grundschule",
        ("transitions",),
        ("regional-education-network",),
        "bildungsbuero",
        ("kita", "family-centre", "school:02", "youth-welfare-office"),
    ),
    (
        "ak-sprachbildung",
        "Arbeitskreis Sprachbildung und Leseförderung",
        ("language-literacy", "integration-language-support"),
        ("integration-centres",),
        "ki",
        ("library", "kita", "migrant-organisation", "adult-education-centre", "school:02"),
    ),
    (
        "zdi-mint",
        "zdi-Netzwerk MINT",
        ("stem",),
        ("zdi",),
        "bildungsbuero",
        ("company", "school:sec", "environmental-education-centre", "association"),
    ),
    (
        "netzwerk-familie",
        "Netzwerk Frühe Hilfen und Familienbildung",
        ("parent-family-education", "equity-poverty-prevention"),
        ("family-centre-nrw",),
        "jugendamt",
        ("family-centre", "family-education-centre", "welfare-organisation", "kita"),
    ),
    (
        "ak-inklusion",
        "Arbeitskreis Inklusion",
        ("inclusion",),
        (),
        "bildungsbuero",
        ("school:08", "welfare-organisation", "sports-club", "youth-welfare-office"),
    ),
)
SECONDARY = ("04", "10", "13", "14", "15", "16", "20")


class NetworkBuilder:
    """Networks and memberships of one Kreis."""

    def __init__(self, pool: ActorPool, rng: random.Random, scale: float) -> None:
        self.pool, self.rng, self.scale = pool, rng, scale
        self.k = pool.kreis
        self.networks: list[Network] = []
        self.memberships: list[Membership] = []

    def role(self, name: str) -> str:
        return kreis_actor_key(self.k.key, name)

    def schools(self, forms: tuple[str, ...]) -> list[str]:
        return [s.kennung for s in self.k.schools if s.form in forms]

    def of_type(self, actor_type: str) -> list[str]:
        if actor_type.startswith("school:"):
            kind = actor_type.split(":")[1]
            forms = {"sec": SECONDARY, "08": ("08", "85", "87", "88")}.get(kind, (kind,))
            return self.schools(tuple(forms))
        return [a.kennung for a in self.pool.kreis_wide(actor_type) if not a.isolated]

    def network(
        self,
        slug: str,
        name: str,
        topics: tuple[str, ...],
        programmes: tuple[str, ...],
        coordinator: str,
        founded: date,
    ) -> Network:
        rng = self.rng
        web = (
            f"https://{slugify(name + ' ' + self.k.short_name, limit=cat.HOST_LABEL)}.example.org/"
            if rng.random() < 0.6
            else None
        )
        net = Network(
            kennung=f"{self.k.key}-{slug}",
            name=f"{name} {self.k.display_name}",
            description=f"{cat.INVENTED}. {name} – {self.k.display_name}.",
            programmes=list(programmes),
            topics=list(topics),
            coordinator=coordinator,
            area=[self.k.key],
            website=web,
            start=founded,
        )
        self.networks.append(net)
        return net

    def members(self, net: Network, roles: dict[str, str], others: list[str]) -> None:
        rng = self.rng
        assert net.start is not None
        seen: set[str] = set()
        for actor, role in [*roles.items(), *((o, "member") for o in others)]:
            if actor in seen:
                continue
            seen.add(actor)
            span = max(1, (cat.REFERENCE_DATE - net.start).days)
            start = net.start + timedelta(days=rng.randint(0, span))
            end = None
            if role == "member" and rng.random() < 0.07:
                end = start + timedelta(days=rng.randint(30, max(31, span // 2)))
                end = min(end, cat.REFERENCE_DATE - timedelta(days=1))
                start = min(start, end - timedelta(days=1))
            if role == "member" and rng.random() < 0.08:
                role = "advisory"
            self.memberships.append(
                Membership(
                    kennung=f"{self.k.key}-mitglied-{len(self.memberships) + 1:04d}",
                    network=net.kennung,
                    actor=actor,
                    role=None if rng.random() < 0.05 else role,
                    start=start,
                    end=end,
                )
            )

    def sample(self, items: list[str], n: int) -> list[str]:
        return self.rng.sample(items, min(len(items), max(0, n)))

    def build(self) -> None:
        rng, k = self.rng, self.k
        founded = date(2009 + int(k.key) % 4, 3, 1)
        supervision = self.schools(("0A",))
        net = self.network(
            "rbn-lenkungskreis",
            "Lenkungskreis Regionales Bildungsnetzwerk",
            ("guidance-management",),
            ("regional-education-network",),
            self.role("bildungsbuero"),
            founded,
        )
        roles = {
            self.role("bildungsbuero"): "office",
            **{s: "chair" for s in supervision[:1]},
            self.role("jugendamt"): "member",
            self.role("vhs"): "member",
            self.role("ki"): "member",
        }
        self.members(
            net,
            roles,
            self.sample(self.schools(SECONDARY), 2) + self.sample(self.schools(("02",)), 1),
        )
        net = self.network(
            "rbn-bildungskonferenz",
            "Regionale Bildungskonferenz",
            ("guidance-management", "transitions"),
            ("regional-education-network",),
            self.role("bildungsbuero"),
            founded + timedelta(days=200),
        )
        everyone = [a.kennung for a in self.pool.actors if not a.isolated]
        everyone += [s.kennung for s in k.schools if s.form != "0A"]
        size = round(32 * self.scale**0.5)
        self.members(
            net,
            {
                self.role("bildungsbuero"): "office",
                self.role("kaoa"): "member",
                self.role("ki"): "member",
            },
            self.sample(everyone, size),
        )
        net = self.network(
            "kaoa-steuerungsgruppe",
            "KAoA-Steuerungsgruppe",
            ("career-orientation", "transitions"),
            ("kaoa",),
            self.role("kaoa"),
            date(2013, 2, 1),
        )
        roles = {
            self.role("kaoa"): "coordination",
            self.role("agentur"): "member",
            self.role("jobcenter"): "member",
            self.role("jugendamt"): "member",
            chamber_key("ihk", k.rb_key): "member",
            chamber_key("hwk", k.rb_key): "member",
            self.role("bildungsbuero"): "advisory",
        }
        self.members(
            net,
            roles,
            self.schools(("30",))
            + self.sample(self.schools(SECONDARY), 4)
            + self.sample(self.of_type("company"), 2)
            + self.sample(self.of_type("education-provider"), 1),
        )
        for slug, name, topics, programmes, coordinator, types in rng.sample(WORKING_GROUPS, 3):
            start = founded + timedelta(days=rng.randint(400, 3000))
            net = self.network(slug, name, topics, programmes, self.role(coordinator), start)
            others: list[str] = []
            for t in types:
                others += self.sample(self.of_type(t), round(rng.randint(2, 4) * self.scale))
            self.members(net, {self.role(coordinator): "coordination"}, others)


def build_networks(
    pool: ActorPool, rng: random.Random, scale: float
) -> tuple[list[Network], list[Membership]]:
    """Networks and memberships of one Kreis."""
    builder = NetworkBuilder(pool, rng, scale)
    builder.build()
    return builder.networks, builder.memberships
