"""The network measures of one actor, each with its explanation and rank, in one language."""

from __future__ import annotations

from dataclasses import dataclass

from .explanations import MEASURES
from .measures import GraphMeasures, NodeMeasures

# centralities: higher is more central; the rank counts the actors above (no rank when every
# actor has the same value, e.g. eigenvector centrality on a disconnected graph)
RANKED = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank")
SHOWN = (*RANKED, "constraint", "community", "broker", "articulation_point", "isolated")

Value = int | float | bool | None


@dataclass(frozen=True)
class MeasureRow:
    """One measure of an actor: label, value, rank (1 = highest) and what it means."""

    key: str
    label: str
    value: Value
    explanation: str
    rank: int | None = None


@dataclass(frozen=True)
class ActorMeasures:
    """An actor's measures within a Kommune's cooperation graph."""

    kommune: str  # the key of the Kommune the graph was built for
    actors: int  # the actors ranked (those inside the Kommune)
    ties: int  # the edges of the graph
    rows: list[MeasureRow]


def actor_measures(
    measures: GraphMeasures, iri: str, kommune: str, lang: str = "de"
) -> ActorMeasures | None:
    """The measures of the actor ``iri`` in ``measures``; None when it is not in the graph."""
    node = measures.by_iri().get(iri)
    if node is None:
        return None
    ranked = [n for n in measures.nodes if n.in_scope]
    rows = []
    for key in SHOWN:
        value: Value = getattr(node, key)
        rank = None
        values = [_number(other, key) or 0.0 for other in ranked]
        if key in RANKED and value is not None and min(values) < max(values):
            rank = 1 + sum(1 for other in values if other > value)
        explanation = MEASURES[key]
        rows.append(
            MeasureRow(
                key=key,
                label=explanation.label_en if lang == "en" else explanation.label_de,
                value=value,
                explanation=explanation.en if lang == "en" else explanation.de,
                rank=rank,
            )
        )
    return ActorMeasures(kommune, len(ranked), measures.edge_count, rows)


def _number(node: NodeMeasures, key: str) -> float | None:
    value = getattr(node, key)
    return float(value) if value is not None else None
