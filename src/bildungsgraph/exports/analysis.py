"""The gap matrix and the network measures as tables with German headers.

Both come from the read model, as the pages show them: the life phase × topic pairs of
``readmodel.gaps.heat_pairs`` (with whether the topic applies to the life phase) and the actor
measures of ``readmodel.network.network`` (computed on the ties the filter names).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..analysis import MEASURES
from ..analysis.measures import NODE_MEASURES, NodeMeasures
from ..analysis.model import NetworkFilter
from ..errors import NotFoundError
from ..namespaces import concept_iri
from ..readmodel import View
from ..readmodel.figures import heat_counts, kommune_iri
from ..readmodel.gaps import heat_pairs
from ..readmodel.network import network
from ..readmodel.view import LAND
from .records import kommune_words
from .tabular import Cell, Table, file_stem

GAP_HEADERS = (
    "Schlüssel",
    "Kommune",
    "Lebensphase",
    "Themenfeld",
    "Erfasste Angebote",
    "Einordnung",
)
GAP = "Lücke: kein erfasstes Angebot"
NOT_RELEVANT = "nicht relevant"
RECORDED = "Angebot erfasst"

# NodeMeasures field → header (the measures' German names, as the network page explains them)
_MEASURE_FIELDS = (*NODE_MEASURES, "isolated")
MEASURE_HEADERS = (
    "Kennung",
    "Name",
    "Bereich",
    "Gemeindeschlüssel",
    "Gemeinde",
    "Im gewählten Gebiet",
    *(MEASURES[name].label_de for name in _MEASURE_FIELDS),
    "Berechnet auf",
)
TIES_DE = {
    "cooperation": "Kooperationen",
    "membership": "Mitgliedschaften in Netzwerken",
    "all": "Kooperationen und Mitgliedschaften",
}
_TIES_WORD = {
    "cooperation": "kooperationen",
    "membership": "mitgliedschaften",
    "all": "kooperationen-und-mitgliedschaften",
}


def gap_table(view: View, key: str) -> Table:
    """The life phase × topic pairs of a Kommune, for a Kreis followed by its Gemeinden
    (``05``: NRW); NotFoundError for a Kommune the analysis does not know."""
    kommunen = view.reference.analysis_kommunen
    if key == "05":
        scope = [(LAND, "05", "Nordrhein-Westfalen")]
    else:
        iri = kommune_iri(key)
        if iri not in kommunen:
            raise NotFoundError(f"Kommune {key} ist nicht bekannt / unknown Kommune {key}")
        inside = sorted((k for k in kommunen.values() if k.parent == iri), key=lambda k: k.key)
        scope = [(k.iri, k.key, k.name) for k in [kommunen[iri], *inside]]
    name = file_stem("Lücken", *kommune_words(view.snapshot, [key]))
    return Table(name, "Lücken", GAP_HEADERS, _gap_rows(view, scope))


def _gap_rows(view: View, scope: list[tuple[str, str, str]]) -> Iterator[list[Cell]]:
    labels = {c.slug: c.label_de for c in view.reference.analysis_concepts.values()}
    for iri, key, name in scope:
        for pair in heat_pairs(view, heat_counts(view, iri)):
            verdict = GAP if pair.gap else RECORDED if pair.relevant else NOT_RELEVANT
            yield [
                key,
                name,
                labels.get(pair.life_phase, pair.life_phase),
                labels.get(pair.topic, pair.topic),
                pair.offers,
                verdict,
            ]


def measures_table(view: View, flt: NetworkFilter, seed: int = 42) -> Table:
    """The measures of every actor of a network (the filter's subset and ties)."""
    result = network(view, flt, seed)
    words = kommune_words(view.snapshot, [flt.kommune] if flt.kommune else [])
    for value in (flt.topic, flt.life_phase, flt.programme, flt.actor_type):
        if value:
            words.append(value.rsplit("/", 1)[-1])
    if flt.as_of:
        words.extend(["stand", flt.as_of.isoformat()])
    name = file_stem("netzwerk-kennzahlen", *words, _TIES_WORD[result.ties])
    rows = (_measure_row(view, node, TIES_DE[result.ties]) for node in result.measures.nodes)
    return Table(
        name, "Netzwerk-Kennzahlen", MEASURE_HEADERS, rows, count=len(result.measures.nodes)
    )


def _measure_row(view: View, node: NodeMeasures, ties: str) -> list[Cell]:
    def cell(value: object) -> Cell:
        if isinstance(value, bool):
            return "ja" if value else "nein"
        if isinstance(value, float) and math.isnan(value):
            return None  # not defined for this actor (e.g. constraint without ties)
        return value if isinstance(value, int | float | str) else None

    sector = view.snapshot.concept_label(str(concept_iri("actor-type", node.sector)), "de")
    place = view.snapshot.kommune_name(kommune_iri(node.municipality))
    measures = [cell(getattr(node, field)) for field in _MEASURE_FIELDS]
    return [
        node.kennung,
        node.name,
        sector,
        node.municipality,
        place,
        cell(node.in_scope),
        *measures,
        ties,
    ]
