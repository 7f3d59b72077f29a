"""What the Kommune and actor pages show, from one view: profile, map, heat map, directory,
the filters' choices, an actor with its measures, the search and the statistics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..analysis.actor_measures import ActorMeasures, actor_measures
from ..analysis.model import CONFIRMED, STANDINGS, NetworkFilter
from ..errors import InvalidParameterError
from ..folding import fold
from ..namespaces import CONTRIBUTION_GRAPH_PREFIX
from ..records.actor_page import ActorDetails, actor_details
from ..records.kommunen import kommune_profile
from ..records.overview import kommune_directory, kommune_name
from ..records.search import SearchResult, search
from ..records.snapshot import RECORD_CLASSES
from ..records.values import Item
from ..visualisation.heatmap import HeatmapView, build_heatmap
from ..visualisation.maps import DEFAULT_INDICATOR, INDICATORS, MapView, build_map, map_scope
from .confirmation_items import confirmation_item, has_claims
from .confirmations import standing
from .figures import area_figures, heat_counts, kommune_iri, profile_counts
from .network import network
from .view import View

NRW_KEY = "05"


def kommune(view: View, key: str, lang: str = "de") -> Item:
    """A Kommune's profile: keys, parent, children, population by age band and its counts,
    with how many of its cooperations are confirmed, claimed and disputed."""
    profile = kommune_profile(view.index, key, profile_counts(view, kommune_iri(key), lang), lang)
    profile["confirmations"] = confirmation_counts(view, key)
    return profile


def confirmation_counts(view: View, key: str) -> dict[str, int]:
    """The cooperations that lie in a Kommune (its ``cooperations`` figure) by standing:
    confirmed, claimed (a partner has not confirmed yet) and disputed; kept per state of
    the Kommune."""
    iri = kommune_iri(key)

    def build() -> dict[str, int]:
        records = view.snapshot.records["cooperations"]
        found = Counter(
            standing(view.snapshot, c).status if has_claims(records.get(c, {})) else CONFIRMED
            for c in view.tally(iri).members("records", "cooperations")
        )
        return {status: found[status] for status in STANDINGS}

    return view.remember(("confirmation-counts", key), (iri,), build)


def kommune_map(
    view: View, key: str, indicator: str = DEFAULT_INDICATOR, lang: str = "de"
) -> MapView:
    """Choropleth map of a Kommune's Gemeinden (NRW ``05``: the 53 Kreise) for an indicator of
    ``maps.INDICATORS``; NotFoundError for an unknown key."""
    if indicator not in INDICATORS:
        raise InvalidParameterError(
            f"Indikator {indicator!r} ist unbekannt / unknown indicator; "
            f"erlaubt / allowed: {', '.join(INDICATORS)}"
        )
    name = kommune_name(view.index, key)
    boundaries = view.reference.boundaries
    shown, _ = map_scope(boundaries, key)
    figures = {area: area_figures(view, area) for area in shown}
    return build_map(key, name, boundaries, figures, indicator, lang)


def kommune_heatmap(view: View, key: str, lang: str = "de") -> HeatmapView:
    """Offers by life phase × topic in a Kommune (``05``: NRW); NotFoundError for unknown
    keys."""
    name = kommune_name(view.index, key)
    choices = filter_choices(view, lang)
    counts = heat_counts(view, kommune_iri(key))
    return build_heatmap(
        key,
        name,
        counts,
        choices["life_phase"],
        choices["topic"],
        lang,
        concepts=view.reference.analysis_concepts,
    )


def directory(
    view: View, text: str | None = None, gemeinden: bool = False
) -> list[tuple[Item, list[Item]]]:
    """Regierungsbezirke with their Kreise and kreisfreie Städte (``text`` filters by name,
    Gemeinden included; ``gemeinden`` lists each Kreis's Gemeinden after it)."""
    if text:
        return kommune_directory(view.index, text, gemeinden)
    return view.remember(
        ("directory", gemeinden), (), lambda: kommune_directory(view.index, None, gemeinden)
    )


def filter_choices(view: View, lang: str = "de") -> dict[str, list[tuple[str, str]]]:
    """(slug, label) of the actor types, life phases (in the order of the education chain)
    and topics, for the filters of the Kommune pages."""

    def build() -> dict[str, list[tuple[str, str]]]:
        choices = {}
        for name, scheme in (
            ("actor_type", "actor-type"),
            ("life_phase", "life-phase"),
            ("topic", "topic"),
        ):
            concepts = view.records.scheme(scheme, lang)["concepts"]
            if name == "life_phase":
                concepts.sort(key=lambda c: (c["notation"] or "", c["id"]))
            else:
                concepts.sort(key=lambda c: fold(c["label"]))
            choices[name] = [(c["id"], c["label"]) for c in concepts]
        return choices

    return view.remember(("filter-choices", lang), (), build)


@dataclass
class ActorPage:
    """What the actor page shows from the read model (the provenance comes from the store)."""

    details: ActorDetails
    measures: ActorMeasures | None


def actor(view: View, kennung: str, lang: str = "de") -> ActorPage:
    """An actor with its offers, cooperations and memberships and its network measures within
    its Kreis; NotFoundError for unknown actors."""
    details = actor_details(view.index, kennung, lang)
    for cooperation in details.cooperations:
        cooperation["confirmation"] = confirmation_item(view.snapshot, cooperation["iri"])
    measures = None
    if details.kreis is not None:
        key = details.kreis["key"]
        result = network(view, NetworkFilter(kommune=key))
        measures = actor_measures(result.measures, details.iri, key, lang)
    return ActorPage(details, measures)


def find(
    view: View,
    query: str,
    kind: str | None = None,
    *,
    lang: str = "de",
    page: int = 1,
    page_size: int = 20,
) -> SearchResult:
    """Actors, offers and Kommunen matching ``query``, names first (``records.search``)."""
    return search(view.search, view.index, query, kind, lang=lang, page=page, page_size=page_size)


@dataclass
class Stats:
    """What the graph holds."""

    graphs: dict[str, int]
    records: dict[str, int]
    population: dict[str, int]
    contributions: int

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def stats(view: View) -> Stats:
    """Triples per graph, records per class, NRW's population per reference date."""
    records = dict(view.reference.unit_classes)
    for kind, cls in RECORD_CLASSES.items():
        if kind != "kommunen" and view.snapshot.records[kind]:
            records[str(cls)] = len(view.snapshot.records[kind])
    return Stats(
        graphs=dict(view.graph_sizes),
        records={iri.rsplit("#", 1)[-1]: n for iri, n in sorted(records.items())},
        population=dict(view.reference.population_by_date),
        contributions=sum(1 for g in view.graph_sizes if g.startswith(CONTRIBUTION_GRAPH_PREFIX)),
    )
