"""What a node belongs to (actor type, community, Kommune), its colour and the legend.

The same keys colour the actors and, above the size limit, form the aggregate nodes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import networkx as nx

from .network_view import LegendEntry
from .palette import OTHER, colours_in_order
from .wording import say

KINDS = ("actor_type", "community", "kommune")


@dataclass(frozen=True)
class Names:
    """Names the views show: Kommunen by key, top actor types by slug (in palette order)."""

    kommunen: Mapping[str, str]
    actor_types: Mapping[str, str]


def kommune_key(attrs: Mapping[str, object], scope: str | None) -> str:
    """The Kommune a node counts in: its Gemeinde inside the filtered Kreis, else its Kreis."""
    municipality = str(attrs.get("municipality", ""))
    district = str(attrs.get("district", ""))
    if scope and (district == scope[:5] or municipality == scope):
        return municipality or district
    return district or municipality


def node_keys(
    graph: nx.Graph, kind: str, scope: str | None, community: Callable[[], Mapping[str, int]]
) -> dict[str, str]:
    """The key of every node for ``kind`` ("" when the node has none)."""
    if kind == "actor_type":
        return {node: str(attrs.get("sector", "")) for node, attrs in graph.nodes(data=True)}
    if kind == "community":
        membership = community()
        sizes = Counter(membership.values())
        # Actors without ties are communities of one: they share one key ("").
        return {n: str(membership[n]) if sizes[membership[n]] > 1 else "" for n in graph}
    if kind == "kommune":
        return {node: kommune_key(attrs, scope) for node, attrs in graph.nodes(data=True)}
    raise ValueError(f"unknown grouping {kind!r}; use one of {', '.join(KINDS)}")


def key_label(kind: str, key: str, names: Names, lang: str) -> str:
    """The name of a key in the page language."""
    if kind == "actor_type":
        return names.actor_types.get(key, key) if key else say("no_type", lang)
    if kind == "community":
        return f"{say('community', lang)} {int(key) + 1}" if key else say("no_ties", lang)
    return names.kommunen.get(key, key) if key else say("no_place", lang)


def key_colours(kind: str, counts: Mapping[str, int], names: Names) -> dict[str, str]:
    """Fixed colours for actor types; otherwise the largest groups get the palette first."""
    if kind == "actor_type":
        fixed = colours_in_order(names.actor_types)
        return {key: fixed.get(key, OTHER) for key in counts}
    ordered = sorted((k for k in counts if k), key=lambda k: (-counts[k], k))
    colours = colours_in_order(ordered)
    colours.update({key: OTHER for key in counts if not key})
    return colours


def legend_entries(
    kind: str, counts: Mapping[str, int], colours: Mapping[str, str], names: Names, lang: str
) -> list[LegendEntry]:
    """One entry per colour, largest first; grey keys are summed up as "Weitere"."""
    entries = [
        LegendEntry(key, key_label(kind, key, names, lang), colours[key], count)
        for key, count in counts.items()
        if colours.get(key, OTHER) != OTHER
    ]
    entries.sort(key=lambda e: (-e.count, e.label))
    rest = sum(count for key, count in counts.items() if colours.get(key, OTHER) == OTHER)
    if rest:
        entries.append(LegendEntry("other", say("other", lang), OTHER, rest))
    return entries


def dominant(keys: list[str]) -> str:
    """The most frequent key (ties: the smallest key)."""
    counts = Counter(keys)
    return min(counts, key=lambda k: (-counts[k], k))
