"""The gap matrix of the read model: cells from the tallies, ranked within their comparison
groups (kept per group while its Kommunen are unchanged), gaps with candidate partners.
Cooperations count in one place: a neighbouring actor that already cooperates with one of
the gap Gemeinde's actors is no candidate (``_tied_to``; with ``confirmed_only`` through
confirmed cooperations only).

The JSON of ``/api/gaps``, the gap dashboard, the heat maps and the report all take the same
``gap_report``: one computation per state, one set of numbers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from ..analysis.engine import GapReport, gap_report
from ..analysis.gaps import (
    Cell,
    Gap,
    PairCell,
    actor_type_gaps,
    comparison_group,
    gaps_from_cells,
    is_covered,
    is_relevant,
    kommune_cells,
    pair_cells,
    rank_and_flag,
    topic_relevance,
)
from ..analysis.model import Kommune
from ..analysis.neighbours import neighbours
from ..analysis.partners import (
    Candidate,
    LocalActor,
    Offering,
    candidate_partners,
    fitting_actor_types,
)
from ..analysis.quality import data_quality, school_supply
from ..errors import InvalidParameterError, NotFoundError
from ..namespaces import BG, concept_iri
from ..records.values import iris
from .confirmation_items import has_claims
from .confirmations import standing
from .figures import (
    actor_types_present,
    cell_counts,
    has_contributed_records,
    heat_counts,
    kommune_iri,
    primary_schools,
    quality_counts,
)
from .network import actor_model
from .view import LAND, View

RECENT = timedelta(days=365)  # records changed within this period count as recent


def _groups(view: View) -> dict[tuple[str, str], list[Kommune]]:
    def build() -> dict[tuple[str, str], list[Kommune]]:
        groups: dict[tuple[str, str], list[Kommune]] = defaultdict(list)
        for kommune in view.reference.analysis_kommunen.values():
            groups[comparison_group(kommune)].append(kommune)
        return dict(groups)

    return view.remember(("comparison-groups",), (), build)


def relevance(view: View) -> dict[str, frozenset[str]]:
    """Topic slug → the life-phase slugs it applies to (``bg:relevantLifePhase``)."""
    return view.remember(
        ("topic-relevance",), (), lambda: topic_relevance(view.reference.analysis_concepts)
    )


def _judged(view: View, kommune: Kommune) -> bool:
    """Whether a Gemeinde is judged although it has no offer of a life phase: when its Kreis
    has some (someone records the Kreis, so an empty Gemeinde is a gap, not a blank)."""
    return (
        kommune.is_municipality
        and bool(kommune.parent)
        and is_covered(cell_counts(view, kommune.parent))
    )


def group_cells(view: View, group: tuple[str, str]) -> dict[str, list[Cell]]:
    """Kommune key → its ranked and flagged cells, for one comparison group."""
    members = _groups(view).get(group, [])
    reference = view.reference

    def build() -> dict[str, list[Cell]]:
        cells = {
            k.key: kommune_cells(
                k,
                cell_counts(view, k.iri),
                reference.analysis_concepts,
                reference.analysis_population,
                _judged(view, k),
            )
            for k in members
        }
        rank_and_flag(c for found in cells.values() for c in found)
        return cells

    parents = {k.parent for k in members if k.parent}
    return view.remember(("cells", group), [*(k.iri for k in members), *parents], build)


def cells_of(view: View, kommune: Kommune) -> list[Cell]:
    return group_cells(view, comparison_group(kommune)).get(kommune.key, [])


def _in_scope(kommune: Kommune, key: str | None) -> bool:
    return key is None or kommune.key == key or kommune.parent == kommune_iri(key)


def gap_analysis(
    view: View,
    key: str | None = None,
    life_phase: str | None = None,
    reference_date: date | None = None,
    confirmed_only: bool = False,
) -> GapReport:
    """The gap picture of a Kommune (a Kreis with its Gemeinden; None or ``05``: NRW) on a
    reference date (default today: what counts as recently changed); ``confirmed_only``:
    only confirmed cooperation ties make an actor one that already cooperates."""
    key = None if key == "05" else key
    day = reference_date or date.today()
    if day.year < 1900:
        raise InvalidParameterError(f"Stichtag {day.isoformat()} liegt vor 1900 / is before 1900")
    reference = view.reference
    kommunen = reference.analysis_kommunen
    if key is not None and kommune_iri(key) not in kommunen:
        raise NotFoundError(f"Kommune {key} ist nicht bekannt / unknown Kommune {key}")
    phases = sorted(
        c.slug for c in reference.analysis_concepts.values() if c.scheme == "life-phase"
    )
    if life_phase and life_phase not in phases:
        raise InvalidParameterError(
            f"Lebensphase {life_phase!r} ist unbekannt / unknown life phase; "
            f"erlaubt / allowed: {', '.join(phases)}"
        )
    return view.remember(
        ("gaps", key, life_phase, day, confirmed_only),
        _read_by_report(view, key),
        lambda: _report(view, key, life_phase, day, confirmed_only),
        lambda v: gap_analysis(v, key, life_phase, day, confirmed_only),
    )


def _read_by_report(view: View, key: str | None) -> set[str]:
    """The Kommunen a report reads: its own, those they are ranked with, the neighbours
    candidate partners come from (everything, for NRW)."""
    if key is None:
        return {LAND}
    groups = _groups(view)
    read: set[str] = set()
    for kommune in view.reference.analysis_kommunen.values():
        if _in_scope(kommune, key):
            read.update(k.iri for k in groups[comparison_group(kommune)])
            if kommune.is_municipality:
                read.update(kommune_iri(n) for n in neighbours(kommune.key))
                read.add(kommune.parent)  # whether an empty Gemeinde is judged
    return read


def _report(
    view: View, key: str | None, life_phase: str | None, day: date, confirmed_only: bool
) -> GapReport:
    kommunen = view.reference.analysis_kommunen
    scope = [k for k in sorted(kommunen.values(), key=lambda k: k.key) if _in_scope(k, key)]

    relevant = relevance(view)

    def wanted(dimension: str, concept: str) -> bool:
        """Within the chosen life phase: that phase, and the topics that apply to it."""
        if life_phase is None:
            return True
        if dimension == "topic":
            return is_relevant(relevant, life_phase, concept)
        return dimension != "life-phase" or concept == life_phase

    cells = [c for k in scope for c in cells_of(view, k) if wanted(c.dimension, c.concept)]
    covered = {c.kommune for c in cells}
    found = [g for g in gaps_from_cells(cells) if wanted(g.dimension, g.concept)]
    found += actor_type_gaps(
        (k for k in scope if k.is_municipality and k.key in covered),
        lambda k: actor_types_present(view, k.iri),
        view.reference.analysis_concepts,
    )
    for gap in found:
        if gap.severity == "gap" and len(gap.kommune) == 8:
            gap.candidates = list(_candidates(view, gap, confirmed_only))
    since = day - RECENT
    name = kommunen[kommune_iri(key)].name if key else "Nordrhein-Westfalen"
    population = view.reference.analysis_population
    heat = heat_counts(view, kommune_iri(key) if key else LAND)
    return gap_report(
        kommune=key,
        kommune_name=name,
        reference_date=day,
        cells=cells,
        found=found,
        heatmap=heat,
        quality=[
            data_quality(k, quality_counts(view, k.iri, since), since.isoformat())
            for k in scope
            if has_contributed_records(view, k.iri)
        ],
        schools=[
            school_supply(k, primary_schools(view, k.iri), population)
            for k in scope
            if view.tally(k.iri).count("schools", "all")
        ],
        pairs=[p for p in heat_pairs(view, heat) if life_phase in (None, p.life_phase)],
        confirmed_only=confirmed_only,
    )


def heat_pairs(view: View, heat: dict[str, dict[str, int]]) -> list[PairCell]:
    """Every life phase × topic pair of a heat map (life phases in the order of the
    education chain, topics by notation) with offers, relevance and whether it is a gap."""
    concepts = view.reference.analysis_concepts.values()
    phases = [
        c.slug
        for c in sorted(concepts, key=lambda c: (c.notation, c.slug))
        if c.scheme == "life-phase"
    ]
    topics = [
        c.slug for c in sorted(concepts, key=lambda c: (c.notation, c.slug)) if c.scheme == "topic"
    ]
    return pair_cells(heat, phases, topics, relevance(view))


def _cell_key(gap: Gap) -> tuple[str, str]:
    if gap.dimension == "format":
        return ("format", gap.concept)
    return (gap.dimension, str(concept_iri(gap.dimension, gap.concept)))


def _candidates(view: View, gap: Gap, confirmed_only: bool = False) -> list[Candidate]:
    """Actors of the Gemeinde, then of its neighbours, that could close a Gemeinde's gap."""
    nearby = [gap.kommune, *sorted(neighbours(gap.kommune))]
    section = "in-person-by" if gap.kind == "only-digital" else "providers"
    offerings = []
    for place in nearby:
        tally = view.tally(kommune_iri(place))
        if gap.kind == "no-actor-type":
            members = tally.members("actor-type", gap.concept)
            offerings += [Offering(actor, place, 1) for actor in members]
        else:
            members = tally.members(section, _cell_key(gap))
            offerings += [Offering(actor, place, count) for actor, count in members.items()]
    local = [] if gap.kind == "no-actor-type" else _local_actors(view, gap, section)
    named = {o.provider for o in offerings} | {a.iri for a in local}
    records = view.snapshot.records["actors"]
    actors = {iri: actor_model(view, iri) for iri in named if iri in records}
    tied = _tied_to(view, gap.kommune, confirmed_only)
    return list(
        candidate_partners(
            gap, offerings, tied, actors, view.reference.analysis_kommunen, local=local
        )
    )


def _local_actors(view: View, gap: Gap, section: str) -> list[LocalActor]:
    """The Gemeinde's actors of a type fitting the gap without a recorded offer of the
    gap's cell there (from the tally's actor-type index: no scan over records)."""
    tally = view.tally(kommune_iri(gap.kommune))
    concepts = {
        c.slug: c for c in view.reference.analysis_concepts.values() if c.scheme == "actor-type"
    }
    offering = tally.members(section, _cell_key(gap))
    found: dict[str, LocalActor] = {}
    for slug in fitting_actor_types(gap, relevance(view).get(gap.concept, ())):
        for actor in tally.members("actor-type", slug):
            if actor in offering or actor in found:
                continue
            own = [
                concepts[t.rsplit("/", 1)[-1]]
                for t in sorted(actor_model(view, actor).types)
                if t.rsplit("/", 1)[-1] in concepts
            ]
            fitting = [c for c in own if slug in (c.slug, (c.broader or "").rsplit("/", 1)[-1])]
            label = next(iter(fitting or own), concepts.get(slug))
            found[actor] = LocalActor(
                actor, label.label_de if label else slug, label.label_en if label else slug
            )
    return list(found.values())


def _tied_to(view: View, key: str, confirmed_only: bool = False) -> set[str]:
    """Actors that already cooperate or share a network with an actor of the Gemeinde
    (``confirmed_only``: through a cooperation both of them have confirmed)."""
    index, records = view.index, view.snapshot.records
    tied: set[str] = set()
    for actor in view.tally(kommune_iri(key)).members("records", "actors"):
        for cooperation in index.actor_cooperations.get(actor, ()):
            props = records["cooperations"][cooperation]
            partners = iris(props, BG.partner)
            if confirmed_only and has_claims(props):
                held = standing(view.snapshot, cooperation)
                unsure = held.pending | held.disputed
                partners = [] if actor in unsure else [p for p in partners if p not in unsure]
            tied.update(p for p in partners if p != actor)
        for membership in index.actor_memberships.get(actor, ()):
            for network in iris(records["memberships"][membership], BG.network):
                for other in index.network_memberships.get(network, ()):
                    tied.update(
                        m for m in iris(records["memberships"][other], BG.member) if m != actor
                    )
    return tied
