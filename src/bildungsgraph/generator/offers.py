"""Offers of one Kreis: random draw per Gemeinde, deliberate gaps, then a coverage pass."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import catalogue as cat
from .actors import ActorPool
from .gaps import COVERED_FORMATS, DIGITAL_FORMATS, GapRules, rules_for
from .model import Actor, Offer
from .offer_templates import FORMAT_MIXES, FORMATS, SCHOOL, SCHOOL_PHASES, TEMPLATES, OfferTemplate
from .reference import Gemeinde, School

OFFERS_PER_1000 = 2.2
SCHEDULES = (
    "dienstags 18:00–19:30",
    "montags und mittwochs 9:00–12:00",
    "donnerstags 16:00–17:30",
    "samstags 10:00–13:00",
    "nach Vereinbarung",
    "monatlich, erster Freitag 15:00–17:00",
    "wöchentlich, 10 Termine",
    "täglich 14:00–18:00",
)


class OfferBuilder:
    """Builds the offers of one Kreis from its actor pool and schools."""

    def __init__(self, pool: ActorPool, rng: random.Random, scale: float) -> None:
        self.pool, self.rng, self.scale = pool, rng, scale
        self.offers: list[Offer] = []
        self.schools: dict[str, list[School]] = {}
        for school in pool.kreis.schools:
            if school.form in SCHOOL_PHASES:
                self.schools.setdefault(school.ags, []).append(school)
        self.by_type: dict[str, list[Actor]] = {}
        for actor in pool.roles.values():  # Kreis-level actors serve every Gemeinde
            for t in actor.types:
                self.by_type.setdefault(t, []).append(actor)

    # -- providers -------------------------------------------------------------------
    def _providers(self, g: Gemeinde, template: OfferTemplate) -> list[tuple[str, str | None]]:
        """Candidate (provider Kennung, site Kennung in g or None) for a template."""
        result: list[tuple[str, str | None]] = []
        for ptype in template.providers:
            if ptype == SCHOOL:
                result += [(s.kennung, s.kennung) for s in self.schools.get(g.ags, [])]
                continue
            local = self.pool.of(g.ags, ptype)
            result += [(a.kennung, a.sites[0].kennung) for a in local]
            if not local:
                result += [(a.kennung, None) for a in self.by_type.get(ptype, [])]
                result += [(f"{ptype}:chamber", None)] if ptype.startswith("chamber") else []
        return result

    def _host_site(self, g: Gemeinde) -> str:
        schools = self.schools.get(g.ags, [])
        hosts = [
            a.sites[0].kennung
            for a in self.pool.actors
            if a.gemeinde == g.ags and a.sites and "kita" not in a.types
        ]
        hosts += [s.kennung for s in schools]
        return self.rng.choice(hosts)

    # -- one offer ---------------------------------------------------------------------
    def make(
        self,
        g: Gemeinde,
        template: OfferTemplate,
        rules: GapRules,
        *,
        phase: str | None = None,
        topic: str | None = None,
        fmt: str | None = None,
    ) -> Offer | None:
        rng = self.rng
        candidates = self._providers(g, template)
        if not candidates:
            return None
        provider, site = rng.choice(candidates)
        if provider.endswith(":chamber"):
            kind = "ihk" if provider.startswith("chamber-of-commerce") else "hwk"
            provider, site = f"{kind}-{self.pool.kreis.rb_key}", None
        if template.phases == (SCHOOL,):
            form = next(s.form for s in self.schools[g.ags] if s.kennung == provider)
            phase_pool = SCHOOL_PHASES[form]
        else:
            phase_pool = template.phases
        phases = [rng.choice(phase_pool)]
        if len(phase_pool) > 1 and rng.random() < 0.2:
            phases = rng.sample(phase_pool, 2)
        if phase is not None:
            phases = [phase] + [p for p in phases if p != phase]
        phases = [p for p in phases if p not in rules.no_phases]
        topics = [rng.choice(template.topics)]
        if len(template.topics) > 1 and rng.random() < 0.25:
            topics = rng.sample(template.topics, 2)
        if topic is not None:
            topics = [topic] + [t for t in topics if t != topic]
        topics = [t for t in topics if t not in rules.no_topics]
        if not phases or not topics:
            return None
        offer_format = fmt or rng.choices(FORMATS, FORMAT_MIXES[template.mix])[0]
        if not rules.allows_format(phases, offer_format):
            if fmt is not None:
                return None
            offer_format = rng.choice(DIGITAL_FORMATS)
        kind = rng.choice(template.kinds)
        title = rng.choice(template.titles)
        if rng.random() < 0.3:
            title = f"{title} – {g.short_name}"
        kennung = f"{self.pool.kreis.key}-ang-{len(self.offers) + 1:05d}"
        offer = Offer(
            kennung=kennung,
            title=title,
            description=f"{cat.INVENTED}. Angebot in {g.short_name}.",
            providers=[provider],
            life_phases=phases,
            topics=topics,
            format=offer_format,
            kind=kind,
            target_groups=rng.sample(template.targets, rng.randint(1, len(template.targets))),
            gemeinde=g.ags,
            area=[g.ags],
            programmes=list(template.programmes),
            modified=cat.random_modified(rng),
        )
        self._details(offer, template, g, site)
        if rng.random() < 0.07:
            extra = rng.choice(list(self.pool.roles.values()))
            if extra.kennung != provider:
                offer.providers.append(extra.kennung)
        return offer

    def _details(
        self, offer: Offer, template: OfferTemplate, g: Gemeinde, site: str | None
    ) -> None:
        rng = self.rng
        if offer.format not in DIGITAL_FORMATS:
            offer.location = site or self._host_site(g)
        if offer.format != "presence":
            offer.online_url = f"https://lernen.example.org/{offer.kennung}"
        low, high = template.ages
        if rng.random() < 0.85:
            offer.min_age, offer.max_age = low, high
        offer.languages = list(rng.choice(cat.LANGUAGE_SETS))
        if rng.random() < 0.05:
            offer.is_free = None
        elif rng.random() < template.free:
            offer.is_free = True
        else:
            offer.is_free = False
            offer.price = f"{rng.randint(*template.price)}.{rng.choice(('00', '50'))}"
        offer.start, offer.end, offer.schedule = self._dates(offer.kind)

    def _dates(self, kind: str) -> tuple[date | None, date | None, str | None]:
        rng, ref = self.rng, cat.REFERENCE_DATE
        if kind == "programme-of-study":
            start = date(ref.year + rng.choice((-1, 0, 0)), 8, 1)
            return (
                start,
                start.replace(year=start.year + rng.choice((1, 2, 3))) - timedelta(days=1),
                "Vollzeit, Schuljahresbeginn 1. August",
            )
        if kind in ("open-offer", "guidance", "learning-material"):
            return None, None, rng.choice(SCHEDULES)
        if kind == "holiday-offer":
            start = date(ref.year, 7, 13) + timedelta(days=7 * rng.randint(0, 4))
            return start, start + timedelta(days=4), "Ferienwoche, täglich 9:00–15:00"
        start = ref + timedelta(days=rng.randint(-240, 200))
        if kind == "event-workshop":
            return start, start, f"einmalig, {rng.choice(('10:00–16:00', '18:00–20:30'))}"
        return start, start + timedelta(days=rng.randint(21, 160)), rng.choice(SCHEDULES)

    # -- per Gemeinde ------------------------------------------------------------------
    def _weighted_template(self) -> OfferTemplate:
        return self.rng.choice(TEMPLATES)

    def _force(
        self,
        g: Gemeinde,
        rules: GapRules,
        phase: str | None = None,
        topic: str | None = None,
        fmt: str | None = None,
    ) -> None:
        pool = [
            t
            for t in TEMPLATES
            if (phase is None or phase in t.phases) and (topic is None or topic in t.topics)
        ]
        for _ in range(300):
            offer = self.make(g, self.rng.choice(pool), rules, phase=phase, topic=topic, fmt=fmt)
            if offer is None:
                continue
            if (
                (phase is None or phase in offer.life_phases)
                and (topic is None or topic in offer.topics)
                and (fmt is None or offer.format == fmt)
            ):
                self.offers.append(offer)
                return
        raise RuntimeError(f"could not cover {phase}/{topic}/{fmt} in {g.ags}")

    def gemeinde(self, g: Gemeinde) -> None:
        rules = rules_for(g.ags)
        target = max(12, round(g.population * self.scale / 1000 * OFFERS_PER_1000))
        first = len(self.offers)
        while len(self.offers) - first < target:
            offer = self.make(g, self._weighted_template(), rules)
            if offer is not None:
                self.offers.append(offer)
        mine = self.offers[first:]
        phases = {p for o in mine for p in o.life_phases}
        for phase in (
            "early-childhood",
            "general-school",
            "primary",
            "secondary-1",
            "secondary-2",
            "vocational",
            "higher-education",
            "adult-education",
            "non-formal",
        ):
            if phase not in phases and phase not in rules.no_phases:
                self._force(g, rules, phase=phase)
        topics = {t for o in self.offers[first:] for t in o.topics}
        for topic in sorted({t for tpl in TEMPLATES for t in tpl.topics}):
            if topic not in topics and topic not in rules.no_topics:
                self._force(g, rules, topic=topic)
        formats = {
            "digital" if o.format in DIGITAL_FORMATS else o.format for o in self.offers[first:]
        }
        for fmt in COVERED_FORMATS:
            if fmt not in formats:
                self._force(g, rules, fmt=fmt)
        adult_presence = any(
            o.format == "presence" and "adult-education" in o.life_phases
            for o in self.offers[first:]
        )
        if not adult_presence and rules.allows_format(["adult-education"], "presence"):
            self._force(g, rules, phase="adult-education", fmt="presence")


def build_offers(pool: ActorPool, rng: random.Random, scale: float) -> list[Offer]:
    """All offers of one Kreis."""
    builder = OfferBuilder(pool, rng, scale)
    for g in pool.kreis.gemeinden:
        builder.gemeinde(g)
    return builder.offers
