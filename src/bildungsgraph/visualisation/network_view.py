"""The view model of a network view: nodes, edges and legend, ready for the page's script.

The web template renders a container, a legend and a table from a :class:`NetworkView`; the
script ``network-view.js`` draws :meth:`NetworkView.data_json` with vis-network. Titles are
plain text (the script shows them through ``textContent``), and the JSON is safe inside
``<script type="application/json">``: ``<``, ``>`` and ``&`` are escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .pyvis_model import network_data


@dataclass(frozen=True)
class ViewNode:
    """A drawn node: an actor, a network (Gremium, ``kind`` "network") or an aggregate of
    actors (a Kommune, a type, a community)."""

    id: str
    label: str
    title: str  # plain text, lines separated by "\n"
    group: str  # the colour key (actor type slug, community number, Kommune key)
    colour: str
    size: float
    x: float | None
    y: float | None
    actor: str | None  # Kennung of a real actor
    expand: tuple[str, str] | None  # (query parameter, value) that opens an aggregate
    count: int  # actors behind an aggregate node (1 otherwise)
    type_label: str = ""
    kommune: str = ""  # the Kommune's name
    value: str = ""  # the size measure, formatted in the page language
    in_scope: bool = True  # False for partners outside the filtered Kommune or type
    highlight: bool = False  # the centre of an ego network
    kind: str = "actor"  # "actor" | "network" (the graph's ``node_kind``)

    def vis(self) -> dict[str, Any]:
        """The node as vis-network takes it (plus ``actor``, ``expand``, ``count``, ``kind``)."""
        node: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "title": self.title,
            "group_key": self.group,
            "color": self.colour,
            "size": self.size,
            "actor": self.actor,
            "expand": list(self.expand) if self.expand else None,
            "count": self.count,
            "kind": self.kind,
        }
        if self.x is not None and self.y is not None:
            node["x"], node["y"] = self.x, self.y
        if not self.in_scope:
            node["shapeProperties"] = {"borderDashes": [3, 3]}
            node["opacity"] = 0.75
        if self.highlight:
            node["borderWidth"] = 4
            node["font"] = {"size": 18, "bold": True}
        return node


@dataclass(frozen=True)
class ViewEdge:
    """A drawn edge; ``weight`` is the number of ties it stands for, ``kind`` what they are
    ("cooperation" | "membership"; the summed edges between aggregates keep the default)."""

    source: str
    target: str
    weight: float
    title: str
    kind: str = "cooperation"
    # a cooperation tie: "confirmed" | "claimed" | "disputed" (best of the pair's
    # cooperations, see ``analysis.graphs``); "" for memberships and summed edges
    confirmation: str = ""

    def vis(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "value": self.weight,
            "title": self.title,
            "kind": self.kind,
            "confirmation": self.confirmation,
        }


@dataclass(frozen=True)
class LegendEntry:
    """One colour of the legend with the number of actors it stands for."""

    key: str
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class Coverage:
    """How a Kommune's network relates to the actors that lie in the Kommune."""

    kommune: str  # the Kommune's name
    actors: int  # actors that lie in the Kommune (the key figure of every face)
    drawn: int  # of them in the network (one by one or inside groups)
    schools_without_ties: int  # official-list schools without a tie here: not drawn
    other_types: int  # not drawn: not of the filtered actor type
    partners: int  # partners from elsewhere drawn with them


@dataclass(frozen=True)
class NetworkView:
    """What a network view draws; ``total_*`` count the network before aggregation."""

    nodes: list[ViewNode]
    edges: list[ViewEdge]
    legend: list[LegendEntry]
    aggregated: bool
    aggregated_by: str | None
    total_nodes: int
    total_edges: int
    colour_by: str
    size_by: str | None
    physics: bool = True  # False: positions come from the server, the browser only draws
    size_label: str = ""  # the size measure's name in the page language
    group_label: str = ""  # the name of the aggregation ("Kommune", ...) in the page language
    parameters: dict[str, str] = field(default_factory=dict)  # filter and choices, for links
    coverage: Coverage | None = None  # for the network of a Kommune
    ties: str = "cooperation"  # which ties are drawn (``analysis.model.TIES``)
    tie_meaning: str = ""  # one sentence in the page language: what a tie is
    matched: int | None = None  # actors of the Kommune (the Land) the filter keeps
    scope_actors: int | None = None  # actors of the Kommune (or the Land) it chose from
    matched_text: str = ""  # "12 von 468 Akteuren passen zum Filter" (content filters only)
    hidden_ties: int = 0  # ties among an ego's partners that the star layout leaves out
    # drawn cooperation ties by standing ("confirmed", "claimed", "disputed": count)
    confirmations: dict[str, int] = field(default_factory=dict)
    confirmed_only: bool = False  # only confirmed cooperation ties were kept

    @property
    def unconfirmed(self) -> bool:
        """Whether some drawn cooperation tie is not confirmed (the legend explains them)."""
        return any(self.confirmations.get(s) for s in ("claimed", "disputed"))

    @property
    def truncated(self) -> bool:
        """True when only the most connected actors are drawn (no aggregation helped)."""
        return not self.aggregated and len(self.nodes) < self.total_nodes

    def data(self) -> dict[str, Any]:
        """Nodes, edges and vis-network options (templates: ``view.data() | tojson``)."""
        nodes, edges, options = network_data(
            [node.vis() for node in self.nodes], [edge.vis() for edge in self.edges], self.physics
        )
        return {"nodes": nodes, "edges": edges, "options": options}

    def data_json(self) -> str:
        """:meth:`data` as JSON that is safe inside ``<script type="application/json">``."""
        text = json.dumps(self.data(), ensure_ascii=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
