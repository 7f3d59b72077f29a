"""pyvis as the model of a network view: nodes, edges and the vis-network options.

pyvis 0.3.2's own HTML is not used: it loads scripts from CDNs with every ``cdn_resources``
setting, inserts ``heading`` unescaped and shows titles through ``innerHTML``. The views take
only its data (``get_network_data()``) and render through the project's template and script.
Nodes and edges are set as lists: ``add_node``/``add_edge`` check every earlier node or edge
(quadratic; 20,000 nodes took over 300 s).
"""

from __future__ import annotations

import json
from typing import Any

from pyvis.network import Network

from .palette import DISPUTED_COLOUR, EDGE_COLOUR

STABILIZATION_ITERATIONS = 300  # small graphs settle in the browser, then physics stops
LAYOUT_SEED = 42
NETWORK_SHAPE = "diamond"  # a network (Gremium, ``kind`` "network"), apart from round actors
MEMBERSHIP_DASHES = [6, 4]  # a membership edge, apart from the solid cooperations
# a cooperation tie not (yet) confirmed by both partners: short dashes, apart from memberships;
# a disputed one in the warning colour as well (its tooltip says so in words)
CLAIMED_DASHES = [2, 4]


def network_data(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], physics: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """The nodes, edges and options of a pyvis network for these vis-network items.

    With ``physics`` the browser stabilises the layout for a bounded number of iterations;
    without, the nodes carry their positions and the browser only draws. Networks
    (``kind`` "network") are diamonds, membership edges dashed, cooperation ties that are
    claimed or disputed (``confirmation``) dashed shorter, disputed ones in a warning colour.
    """
    nodes = [
        {**node, "shape": NETWORK_SHAPE} if node.get("kind") == "network" else node
        for node in nodes
    ]
    edges = [_edge_style(edge) for edge in edges]
    net = Network(height="100%", width="100%", cdn_resources="local")
    net.nodes = nodes
    net.node_ids = [node["id"] for node in nodes]
    net.node_map = {node["id"]: node for node in nodes}
    net.edges = edges
    _configure(net, physics)
    model_nodes, model_edges, _heading, _height, _width, options = net.get_network_data()
    return model_nodes, model_edges, json.loads(options)


def _edge_style(edge: dict[str, Any]) -> dict[str, Any]:
    if edge.get("kind") == "membership":
        return {**edge, "dashes": MEMBERSHIP_DASHES}
    if edge.get("confirmation") == "claimed":
        return {**edge, "dashes": CLAIMED_DASHES}
    if edge.get("confirmation") == "disputed":
        return {
            **edge,
            "dashes": CLAIMED_DASHES,
            "color": {"color": DISPUTED_COLOUR, "highlight": DISPUTED_COLOUR},
        }
    return edge


def _configure(net: Network, physics: bool) -> None:
    if physics:
        net.barnes_hut(
            gravity=-6000,
            central_gravity=0.3,
            spring_length=160,
            spring_strength=0.04,
            damping=0.2,
            overlap=1.0,  # avoidOverlap: discs repel by their size
        )
        net.options.physics.stabilization.iterations = STABILIZATION_ITERATIONS
        net.options.physics.stabilization.updateInterval = 25
    else:
        net.toggle_physics(False)
        net.toggle_stabilization(False)
    options = net.options
    options.edges.smooth.enabled = False  # straight edges draw fast and need no support nodes
    options.edges.color.inherit = False
    options.edges.color.color = EDGE_COLOUR
    options.edges.color.highlight = "#1a1a1a"
    options.edges.scaling = {"min": 1, "max": 8}
    options.nodes = {
        "shape": "dot",
        "borderWidth": 1,
        "font": {"size": 14, "color": "#1a1a1a", "strokeWidth": 3, "strokeColor": "#ffffff"},
    }
    options.interaction.hover = True
    options.interaction.tooltipDelay = 150
    options.interaction.keyboard = {"enabled": True, "bindToWindow": False}
    options.interaction.navigationButtons = False
    options.layout = {"randomSeed": LAYOUT_SEED, "improvedLayout": len(net.nodes) <= 100}
