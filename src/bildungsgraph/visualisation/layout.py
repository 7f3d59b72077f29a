"""Node positions computed on the server (networkx spring layout, fixed seed).

Larger views arrive with their positions, so the browser draws without simulating physics.
Each connected component is laid out on its own and the components are packed in rows,
largest first (one spring layout of a disconnected graph pushes the small parts to the edges
and squeezes the large one). The layout is deterministic: nodes and edges are sorted first.
"""

from __future__ import annotations

import math

import networkx as nx

LAYOUT_FROM = 50  # views with at least this many nodes get server-side positions
SPACING = 60.0  # about the distance between neighbours, in canvas pixels

Box = dict[str, tuple[float, float]]


def seeded_positions(graph: nx.Graph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Positions of every node; the same graph and seed always give the same positions."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.edges()))
    parts = sorted(nx.connected_components(ordered), key=lambda part: (-len(part), min(part)))
    boxes = [_component_layout(ordered.subgraph(sorted(part)), seed) for part in parts]
    return _pack(boxes)


def _component_layout(component: nx.Graph, seed: int) -> Box:
    if component.number_of_nodes() == 1:
        return {next(iter(component)): (0.0, 0.0)}
    scale = SPACING * math.sqrt(component.number_of_nodes())
    layout = nx.spring_layout(component, seed=seed, scale=scale, iterations=60)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


def _pack(boxes: list[Box]) -> dict[str, tuple[float, float]]:
    """Place the boxes left to right in rows about as wide as the whole is tall."""
    sizes = [_extent(box) for box in boxes]
    row_width = max(max((w for w, _ in sizes), default=0.0),
                    math.sqrt(sum(w * h for w, h in sizes)))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box, (width, height) in zip(boxes, sizes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        left = min(px for px, _ in box.values())
        top = min(py for _, py in box.values())
        for node, (px, py) in box.items():
            positions[node] = (round(x + px - left, 1), round(y + py - top, 1))
        x += width
        row_height = max(row_height, height)
    return positions


def _extent(box: Box) -> tuple[float, float]:
    xs = [x for x, _ in box.values()]
    ys = [y for _, y in box.values()]
    return max(xs) - min(xs) + SPACING, max(ys) - min(ys) + SPACING
