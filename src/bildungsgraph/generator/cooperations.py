"""Cooperations: clusters per Gemeinde and topic, brokers, and cross-Kreis ties."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from . import catalogue as cat
from .actors import ActorPool, chamber_key, kreis_actor_key
from .model import Cooperation
from .reference import Gemeinde, Kreis, School

COOPS_PER_1000 = 0.6
SECONDARY = frozenset({"04", "10", "13", "14", "15", "16", "20", "25"})


@dataclass(frozen=True, slots=True)
class CoopTemplate:
    label: str
    topic: str
    slots: tuple[tuple[tuple[str, ...], int, int], ...]
    forms: tuple[str, ...]
    phases: tuple[str, ...]
    programmes: tuple[str, ...] = ()
    broker: str = "bildungsbuero"


def _c(
    label: str,
    topic: str,
    slots: str,
    forms: str,
    phases: str,
    programmes: str = "",
    broker: str = "bildungsbuero",
) -> CoopTemplate:
    parsed = []
    for part in slots.split(";"):
        types, low, high = part.rsplit(" ", 2)
        parsed.append((tuple(types.split()), int(low), int(high)))
    return CoopTemplate(
        label,
        topic,
        tuple(parsed),
        tuple(forms.split()),
        tuple(phases.split()),
        tuple(programmes.split()),
        broker,
    )


COOP_TEMPLATES: tuple[CoopTemplate, ...] = (
    _c(
        "Übergang Kita–Grundschule",
        "transitions",
        "kita family-centre 1 2;school:02 1 1",
        "education-partnership cooperation-agreement",
        "early-childhood primary",
    ),
    _c(
        "Bildungspartnerschaft Schule–Wirtschaft",
        "career-orientation",
        "school:sec school:30 1 1;company 1 2;chamber-of-commerce chamber-of-crafts "
        "employment-agency 0 1",
        "school-business",
        "secondary-1 vocational",
        "kaoa",
        "kaoa",
    ),
    _c(
        "MINT-Kooperation",
        "stem",
        "school:sec school:02 1 1;company environmental-education-centre association library 1 2",
        "project-partnership school-extracurricular",
        "secondary-1 primary",
        "zdi",
    ),
    _c(
        "Integrationsprojekt",
        "integration-language-support",
        "migrant-organisation association welfare-organisation 1 2;school:02 school:sec kita 0 1",
        "project-partnership referral",
        "non-formal primary",
        "integration-centres",
        "ki",
    ),
    _c(
        "Leseförderung",
        "language-literacy",
        "library 1 1;kita school:02 1 2",
        "school-extracurricular project-partnership",
        "early-childhood primary",
    ),
    _c(
        "Kulturelle Bildung",
        "cultural-education",
        "music-school museum youth-centre association 1 1;school:02 school:sec kita 1 2",
        "school-extracurricular",
        "primary secondary-1",
        "",
        "vhs",
    ),
    _c(
        "Bewegte Kita und Schule",
        "health-exercise-nutrition",
        "sports-club 1 2;school:02 kita school:sec 1 1",
        "school-extracurricular",
        "primary early-childhood",
    ),
    _c(
        "Ganztagskooperation",
        "all-day-school",
        "school:02 1 1;welfare-organisation sports-club music-school youth-centre 1 2",
        "school-youth-services",
        "primary",
    ),
    _c(
        "Familienbildung im Sozialraum",
        "parent-family-education",
        "family-centre 1 1;kita "
        "youth-welfare-office family-education-centre welfare-organisation 1 2",
        "project-partnership sponsorship",
        "early-childhood",
        "family-centre-nrw",
    ),
    _c(
        "Jugendbeteiligung",
        "democracy-civic-education",
        "youth-centre association 1 2;school:sec 0 1",
        "informal-exchange project-partnership",
        "non-formal secondary-1",
    ),
    _c(
        "Medienbildung",
        "digital-media",
        "library media-centre youth-centre 1 1;school:any 1 2",
        "school-extracurricular",
        "general-school secondary-1",
        "",
        "vhs",
    ),
    _c(
        "Lernort Natur",
        "sustainability",
        "environmental-education-centre association foundation 1 2;kita school:02 school:sec 1 1",
        "project-partnership funding-relationship",
        "early-childhood primary",
    ),
    _c(
        "Fachkräfteallianz",
        "skilled-labour",
        "company 1 2;jobcentre employment-agency "
        "education-provider chamber-of-commerce chamber-of-crafts 1 2",
        "cooperation-agreement project-partnership",
        "vocational adult-education",
    ),
    _c(
        "Grundbildungsnetz",
        "basic-education-literacy",
        "association library education-provider jobcentre 1 2",
        "referral",
        "adult-education",
        "",
        "vhs",
    ),
    _c(
        "Bildungschancen",
        "equity-poverty-prevention",
        "foundation welfare-organisation youth-welfare-office 1 2;school:02 kita family-centre 1 1",
        "funding-relationship",
        "non-formal primary",
    ),
    _c(
        "Inklusionsverbund",
        "inclusion",
        "school:08 school:02 1 1;welfare-organisation sports-club youth-welfare-office 1 2",
        "school-youth-services",
        "general-school",
    ),
    _c(
        "Bildungsberatung im Verbund",
        "guidance-management",
        "education-office 1 1;"
        "jobcentre employment-agency adult-education-centre integration-centre 1 2",
        "referral cooperation-agreement",
        "adult-education",
    ),
)


def _school_matches(school: School, slot: str) -> bool:
    kind = slot.split(":", 1)[1]
    if kind == "any":
        return school.form != "0A"
    if kind == "sec":
        return school.form in SECONDARY
    if kind == "08":
        return school.form in ("08", "85", "87", "88")
    return school.form == kind


def dates_for_status(rng: random.Random, status: str | None) -> tuple[date, date | None]:
    """Start and end dates consistent with a cooperation status."""
    ref = cat.REFERENCE_DATE
    if status == "planned":
        start = ref + timedelta(days=rng.randint(20, 300))
        return start, (start + timedelta(days=730) if rng.random() < 0.5 else None)
    if status == "ended":
        end = ref - timedelta(days=rng.randint(30, 900))
        return end - timedelta(days=rng.randint(180, 1500)), end
    start = ref - timedelta(days=rng.randint(30, 4000))
    return start, (ref + timedelta(days=rng.randint(60, 900)) if rng.random() < 0.3 else None)


def draw_status(rng: random.Random) -> str | None:
    return rng.choices(("active", "planned", "paused", "ended", None), (62, 8, 7, 15, 8))[0]


class CoopBuilder:
    """The cooperations of one Kreis."""

    def __init__(self, pool: ActorPool, rng: random.Random, scale: float) -> None:
        self.pool, self.rng, self.scale = pool, rng, scale
        self.kreis: Kreis = pool.kreis
        self.coops: list[Cooperation] = []
        self.labels: dict[str, int] = {}
        self.used: set[str] = set()

    def _candidates(self, slot_types: tuple[str, ...], ags: str | None) -> list[str]:
        result: list[str] = []
        for t in slot_types:
            if t.startswith("school:"):
                result += [
                    s.kennung
                    for s in self.kreis.schools
                    if (ags is None or s.ags == ags) and _school_matches(s, t)
                ]
            elif t.startswith("chamber-"):
                kind = "ihk" if t == "chamber-of-commerce" else "hwk"
                result.append(chamber_key(kind, self.kreis.rb_key))
            else:
                actors = self.pool.of(ags, t) if ags else self.pool.kreis_wide(t)
                result += [a.kennung for a in actors if not a.isolated]
                result += [
                    a.kennung
                    for a in self.pool.roles.values()
                    if t in a.types and a.gemeinde != ags
                ]
        return list(dict.fromkeys(result))

    def make(self, g: Gemeinde, template: CoopTemplate, core: dict[int, list[str]]) -> None:
        rng = self.rng
        partners: list[str] = []
        for index, (types, low, high) in enumerate(template.slots):
            pool = self._candidates(types, g.ags) or self._candidates(types, None)
            if not pool:
                continue
            if index not in core:
                core[index] = rng.sample(pool, min(len(pool), 3))
            source = core[index] if rng.random() < 0.6 else pool
            fresh = [p for p in source if p not in self.used]
            if source is pool and fresh and rng.random() < 0.8:
                source = fresh
            want = rng.randint(max(low, 1) if low else 0, high)
            partners += rng.sample(source, min(want, len(source)))
        broker_p = 0.7 if template.broker in ("ki", "kaoa") else 0.3
        if rng.random() < broker_p or len(set(partners)) < 2:
            role = (
                template.broker
                if rng.random() < 0.6
                else rng.choice(("bildungsbuero", "vhs", "ki"))
            )
            partners.append(kreis_actor_key(self.kreis.key, role))
        if len(set(partners)) < 2:
            partners.append(kreis_actor_key(self.kreis.key, "bildungsbuero"))
        partners = list(dict.fromkeys(partners))[:5]
        if len(partners) < 2:
            return
        self.add(
            template,
            partners,
            [g.ags] if rng.random() < 0.75 else [self.kreis.key],
            f"{template.label} {g.short_name}",
        )

    def add(
        self,
        template: CoopTemplate,
        partners: list[str],
        area: list[str],
        label: str,
        prefix: str | None = None,
    ) -> Cooperation:
        rng = self.rng
        count = self.labels.get(label, 0) + 1
        self.labels[label] = count
        if count > 1:
            label = f"{label} ({count})"
        status = draw_status(rng)
        start, end = dates_for_status(rng, status)
        kennung = f"{prefix or self.kreis.key}-koop-{len(self.coops) + 1:04d}"
        topics = [template.topic]
        if rng.random() < 0.2:
            other = rng.choice(COOP_TEMPLATES).topic
            if other != template.topic:
                topics.append(other)
        coop = Cooperation(
            kennung=kennung,
            label=label,
            partners=partners,
            form=rng.choice(template.forms),
            programmes=list(template.programmes),
            topics=topics,
            life_phases=list(template.phases[: rng.randint(1, len(template.phases))]),
            start=start,
            end=end,
            status=status,
            source=(
                f"https://dokumente.example.org/kooperation/{kennung}.pdf"
                if rng.random() < 0.3
                else None
            ),
            area=area,
            modified=cat.random_modified(rng),
        )
        self.coops.append(coop)
        self.used.update(partners)
        return coop

    def gemeinde(self, g: Gemeinde) -> None:
        rng = self.rng
        n = max(3, round(g.population * self.scale / 1000 * COOPS_PER_1000))
        clusters = rng.sample(COOP_TEMPLATES, min(len(COOP_TEMPLATES), 3 + n // 8))
        cores: dict[str, dict[int, list[str]]] = {}
        for _ in range(n):
            template = rng.choice(clusters) if rng.random() < 0.8 else rng.choice(COOP_TEMPLATES)
            self.make(g, template, cores.setdefault(template.label, {}))

    def sponsorships(self) -> None:
        """Trägerschaft: welfare organisations run groups of Kitas of their Gemeinde."""
        template = _c(
            "Trägerverbund Kindertagesbetreuung",
            "parent-family-education",
            "x 1 1",
            "sponsorship",
            "early-childhood",
        )
        for owner in self.pool.kreis_wide("welfare-organisation"):
            kitas = [
                a.kennung
                for a in self.pool.of(owner.gemeinde, "kita")
                if not a.isolated and a.kennung not in self.used
            ]
            if owner.isolated or not kitas:
                continue
            partners = [owner.kennung, *self.rng.sample(kitas, min(len(kitas), 4))]
            self.add(template, partners, [owner.gemeinde], f"{template.label} {owner.name}")

    def kreis_level(self) -> None:
        """The RBN cooperation agreement (Land–Kommune) and a few Trägerschaften."""
        k = self.kreis
        supervision = [s.kennung for s in k.schools if s.form == "0A"]
        partners = [
            kreis_actor_key(k.key, "bildungsbuero"),
            *supervision[:1],
            kreis_actor_key(k.key, "jugendamt"),
        ]
        rbn = _c(
            "Kooperationsvertrag Regionales Bildungsnetzwerk",
            "guidance-management",
            "education-office 1 1",
            "state-municipality-agreement",
            "general-school",
            "regional-education-network",
        )
        coop = self.add(rbn, partners, [k.key], f"{rbn.label} {k.display_name}")
        coop.status, coop.start, coop.end = "active", date(2009 + int(k.key) % 4, 3, 1), None


def build_cooperations(pool: ActorPool, rng: random.Random, scale: float) -> list[Cooperation]:
    """All cooperations inside one Kreis."""
    builder = CoopBuilder(pool, rng, scale)
    builder.kreis_level()
    for g in pool.kreis.gemeinden:
        builder.gemeinde(g)
    builder.sponsorships()
    return builder.coops


CROSS_TIES = (
    ("Regionale Ausbildungsbörse", "career-orientation", ("kaoa", "kaoa", "ihk"), "kaoa"),
    ("VHS-Verbund Programmabstimmung", "guidance-management", ("vhs", "vhs"), ""),
    (
        "Austausch der Kommunalen Integrationszentren",
        "integration-language-support",
        ("ki", "ki"),
        "integration-centres",
    ),
    (
        "Bildungsbüros im Dialog",
        "guidance-management",
        ("bildungsbuero", "bildungsbuero"),
        "regional-education-network",
    ),
    ("Übergangsmanagement Jobcenter–Agentur", "transitions", ("jobcenter", "agentur"), ""),
    ("Handwerk macht Schule", "skilled-labour", ("kaoa", "medienzentrum", "hwk"), "kaoa"),
)


def build_cross_ties(
    kreise: list[Kreis], rng: random.Random, scale: float, builder_pool: ActorPool
) -> list[Cooperation]:
    """Cooperations across neighbouring Kreise (centroids closer than 45 km)."""
    builder = CoopBuilder(builder_pool, rng, scale)
    for i, a in enumerate(kreise):
        for b in kreise[i + 1 :]:
            dist_km = ((a.lat - b.lat) * 111.2) ** 2 + ((a.lon - b.lon) * 70.0) ** 2
            if dist_km > 45.0**2:
                continue
            for label, topic, roles, programme in rng.sample(
                CROSS_TIES, min(len(CROSS_TIES), max(1, round(3 * scale)))
            ):
                partners = []
                for n, role in enumerate(roles):
                    if role in ("ihk", "hwk"):
                        partners.append(chamber_key(role, a.rb_key))
                    else:
                        partners.append(kreis_actor_key((a, b)[n % 2].key, role))
                template = _c(
                    label,
                    topic,
                    "x 1 1",
                    "project-partnership informal-exchange",
                    "vocational adult-education",
                    programme,
                )
                builder.add(
                    template,
                    list(dict.fromkeys(partners)),
                    [a.key, b.key],
                    f"{label} {a.display_name} / {b.display_name}",
                    prefix="x",
                )
    return builder.coops
