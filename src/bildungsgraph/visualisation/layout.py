"""Node positions computed on the server: spring layout, overlap removal, and the star of an ego.

Larger views arrive with their positions, so the browser draws without simulating physics.
Each connected component is laid out on its own and the components are packed in rows,
largest first (one spring layout of a disconnected graph pushes the small parts to the edges
and squeezes the large one). Actors without ties form one block of their own, spaced wide
enough for a short label each. After the spring layout a pass pushes apart every pair of nodes
whose bounding squares (the disc's radius around its centre, plus ``MARGIN``) overlap; a spring
layout piles up the members of a clique on one spot. Squares apart means discs apart, and it is
what a browser can check on the drawing. The layout is deterministic: nodes and edges are
sorted first.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

import networkx as nx

LAYOUT_FROM = 50  # views with at least this many nodes get server-side positions
SPACING = 60.0  # about the distance between neighbours, in canvas pixels
MARGIN = 8.0  # the least gap between two discs, in canvas pixels
ISOLATE_COLUMN = 150.0  # actors without ties: a grid wide enough for a short label
ISOLATE_ROW = 60.0
RING_GAP = 90.0  # the star of an ego network: the least distance between two rings
OVERLAP_ROUNDS = 400
DEFAULT_RADIUS = 12.0

Point = tuple[float, float]
Box = dict[str, Point]


def seeded_positions(
    graph: nx.Graph, seed: int = 42, radii: Mapping[str, float] | None = None
) -> dict[str, Point]:
    """Positions of every node, no two bounding squares of the discs (``radii``, canvas
    pixels) closer than ``MARGIN``; the same graph, seed and radii give the same positions."""
    radius = _Radius(radii)
    ordered: nx.Graph[str] = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.edges()))
    parts = sorted(nx.connected_components(ordered), key=lambda part: (-len(part), min(part)))
    tied = [part for part in parts if len(part) > 1]
    isolates = sorted(node for part in parts if len(part) == 1 for node in part)
    boxes = [
        _separated(_component_layout(ordered.subgraph(sorted(part)), seed), radius) for part in tied
    ]
    if isolates:
        boxes.append(_isolate_grid(isolates, radius))
    return _pack(boxes, radius)


def star_positions(
    distance: Mapping[str, int], order: Sequence[str], radii: Mapping[str, float] | None = None
) -> dict[str, Point]:
    """An ego network as a star: the centre (distance 0) in the middle, the nodes of each
    distance on a ring around it in ``order``, each ring wide enough for its discs' squares
    (neighbours at 45° need √2 times their distance along the ring)."""
    radius = _Radius(radii)
    rings: dict[int, list[str]] = defaultdict(list)
    for node in order:
        rings[distance[node]].append(node)
    positions: dict[str, Point] = {}
    outer = 0.0  # the outer edge of the previous ring
    for step in sorted(rings):
        nodes = rings[step]
        widest = max(radius(n) for n in nodes)
        if step == 0:
            positions.update({n: (0.0, 0.0) for n in nodes})
            outer = widest
            continue
        around = math.sqrt(2) * sum(2 * radius(n) + MARGIN for n in nodes)
        ring = max(outer + RING_GAP + widest, around / (2 * math.pi))
        angle = -math.pi / 2
        for node in nodes:
            share = math.sqrt(2) * (2 * radius(node) + MARGIN) / around * 2 * math.pi
            angle += share / 2
            positions[node] = (round(ring * math.cos(angle), 1), round(ring * math.sin(angle), 1))
            angle += share / 2
        outer = ring + widest
    return positions


def overlapping_pairs(
    positions: Mapping[str, Point], radii: Mapping[str, float], margin: float = 0.0
) -> list[tuple[str, str]]:
    """The pairs of nodes whose bounding squares are closer than ``margin`` (for checks)."""
    nodes = sorted(positions)
    pairs = []
    for i, a in enumerate(nodes):
        ax, ay = positions[a]
        for b in nodes[i + 1 :]:
            bx, by = positions[b]
            if max(abs(ax - bx), abs(ay - by)) < radii[a] + radii[b] + margin:
                pairs.append((a, b))
    return pairs


def _separated(box: Box, radius: _Radius) -> Box:
    """``box`` with overlapping squares pushed apart along the axis where they overlap least
    (each by half the shortfall, repeated until no pair is closer than ``MARGIN``); a spatial
    grid keeps it near linear."""
    nodes = sorted(box)
    x = {n: box[n][0] for n in nodes}
    y = {n: box[n][1] for n in nodes}
    cell = 2 * max((radius(n) for n in nodes), default=DEFAULT_RADIUS) + MARGIN
    for _ in range(OVERLAP_ROUNDS):
        grid: dict[tuple[int, int], list[str]] = defaultdict(list)
        for n in nodes:
            grid[(math.floor(x[n] / cell), math.floor(y[n] / cell))].append(n)
        moved = False
        for index, a in enumerate(nodes):
            cx, cy = math.floor(x[a] / cell), math.floor(y[a] / cell)
            for gx in (cx - 1, cx, cx + 1):
                for gy in (cy - 1, cy, cy + 1):
                    for b in grid.get((gx, gy), ()):
                        if b <= a:
                            continue
                        need = radius(a) + radius(b) + MARGIN
                        dx, dy = x[b] - x[a], y[b] - y[a]
                        short_x, short_y = need - abs(dx), need - abs(dy)
                        if short_x <= 0 or short_y <= 0:
                            continue
                        if abs(dx) < 1e-6 and abs(dy) < 1e-6:  # one spot: a fixed direction
                            angle = 2.399963 * (index + 1)  # the golden angle spreads them
                            dx, dy = math.cos(angle), math.sin(angle)
                        # a little more than half: positions are rounded to 0.1 px
                        if short_x <= short_y:
                            push = math.copysign(short_x / 2 + 0.1, dx)
                            x[a] -= push
                            x[b] += push
                        else:
                            push = math.copysign(short_y / 2 + 0.1, dy)
                            y[a] -= push
                            y[b] += push
                        moved = True
        if not moved:
            break
    return {n: (x[n], y[n]) for n in nodes}


class _Radius:
    """The drawn radius of a node (a default for nodes without one)."""

    def __init__(self, radii: Mapping[str, float] | None) -> None:
        self.radii = radii or {}

    def __call__(self, node: str) -> float:
        return float(self.radii.get(node, DEFAULT_RADIUS))


def _component_layout(component: nx.Graph, seed: int) -> Box:
    scale = SPACING * math.sqrt(component.number_of_nodes())
    layout = nx.spring_layout(component, seed=seed, scale=scale, iterations=60)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


def _isolate_grid(nodes: list[str], radius: _Radius) -> Box:
    """Actors without ties in rows; columns wide enough for a label, rows for the discs."""
    widest = max(radius(n) for n in nodes)
    column = max(ISOLATE_COLUMN, 2 * widest + MARGIN)
    row = max(ISOLATE_ROW, 2 * widest + MARGIN)
    per_row = max(1, math.ceil(math.sqrt(len(nodes) * row / column)))
    return {node: ((i % per_row) * column, (i // per_row) * row) for i, node in enumerate(nodes)}


def _pack(boxes: list[Box], radius: _Radius) -> dict[str, Point]:
    """Place the boxes left to right in rows about as wide as the whole is tall."""
    sizes = [_extent(box, radius) for box in boxes]
    row_width = max(
        max((w for w, _ in sizes), default=0.0), math.sqrt(sum(w * h for w, h in sizes))
    )
    positions: dict[str, Point] = {}
    x = y = row_height = 0.0
    for box, (width, height) in zip(boxes, sizes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        left = min(px - radius(node) for node, (px, _) in box.items())
        top = min(py - radius(node) for node, (_, py) in box.items())
        for node, (px, py) in box.items():
            positions[node] = (round(x + px - left, 1), round(y + py - top, 1))
        x += width
        row_height = max(row_height, height)
    return positions


def _extent(box: Box, radius: _Radius) -> tuple[float, float]:
    """Width and height of a box's discs plus the gap to the next box."""
    xs = [(x - radius(n), x + radius(n)) for n, (x, _) in box.items()]
    ys = [(y - radius(n), y + radius(n)) for n, (_, y) in box.items()]
    return (
        max(b for _, b in xs) - min(a for a, _ in xs) + SPACING,
        max(b for _, b in ys) - min(a for a, _ in ys) + SPACING,
    )
