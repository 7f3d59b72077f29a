"""Network views from the analysis graphs: every actor, or aggregates above ``max_nodes``.

Up to ``max_nodes`` actors are drawn one by one. Above, the actors are grouped by Kommune,
actor type or community (the chosen grouping first, then the others, until one gives at least
two groups inside the selection); each group is a node sized by its number of actors, edges
sum the ties between groups, and a click opens the group (its ``expand`` parameter). When no
grouping helps, the ``max_nodes`` most connected actors are drawn. An ego network with more than
``STAR_FROM`` direct partners is drawn as a star (rings by distance); the ties among partners
at the same distance are left out unless ``neighbour_ties`` asks for them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

import networkx as nx

from ..analysis.measures import betweenness, closeness, communities, eigenvector, pagerank
from ..errors import InvalidParameterError
from .grouping import (
    Names,
    dominant,
    key_colours,
    key_label,
    kommune_key,
    legend_entries,
    node_keys,
)
from .layout import LAYOUT_FROM, seeded_positions, star_positions
from .network_view import NetworkView, ViewEdge, ViewNode
from .palette import MAX_GROUP_SIZE, MAX_SIZE, MIN_GROUP_SIZE, NETWORK_COLOUR, scaled_sizes
from .ties import network_line, view_id
from .wording import DISPUTED_MARK, format_value, measure_label, say

COLOUR_BY = ("actor_type", "community", "kommune")
SIZE_BY = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank")
GROUP_BY = ("kommune", "actor_type", "community")
UNIFORM_SIZE = 12.0
STAR_FROM = 30  # ego networks with more direct partners are drawn as a star
HIGHLIGHT_BORDER = 2.0  # the centre's wider border adds to its drawn radius


@dataclass(frozen=True)
class ViewSettings:
    """How a view is drawn: colours, sizes, grouping, the size limit and the language."""

    colour_by: str = "actor_type"
    size_by: str | None = "degree"
    group_by: str = "kommune"
    max_nodes: int = 300
    lang: str = "de"
    seed: int = 42
    neighbour_ties: bool = False  # star of a large ego network: draw the ties among partners

    def __post_init__(self) -> None:
        for name, value, allowed in (
            ("colour", self.colour_by, COLOUR_BY),
            ("size", self.size_by or SIZE_BY[0], SIZE_BY),
            ("group", self.group_by, GROUP_BY),
        ):
            if value not in allowed:
                raise InvalidParameterError(
                    f"{name}={value!r} ist unbekannt / is unknown; "
                    f"erlaubt / allowed: {', '.join(allowed)}"
                )
        if self.max_nodes < 1:
            raise InvalidParameterError("max_nodes must be at least 1")


def measure_values(graph: nx.Graph, measure: str, seed: int = 42) -> dict[str, float]:
    """One network measure of every node (as in ``analysis.measures``)."""
    if graph.number_of_nodes() == 0:
        return {}
    if measure == "degree":
        return {node: float(degree) for node, degree in graph.degree()}
    if measure == "weighted_degree":
        return {node: float(degree) for node, degree in graph.degree(weight="weight")}
    if measure == "betweenness":
        return betweenness(graph)
    if measure == "closeness":
        return closeness(graph)
    if measure == "eigenvector":
        return eigenvector(graph)
    if measure == "pagerank":
        return pagerank(graph)
    raise ValueError(f"unknown measure {measure!r}; use one of {', '.join(SIZE_BY)}")


def build_network_view(
    graph: nx.Graph,
    settings: ViewSettings,
    names: Names,
    scope: str | None = None,
    skip: tuple[str, ...] = (),
) -> NetworkView:
    """The view of a cooperation graph; ``scope`` is the filtered Kommune key, ``skip``
    groupings that would not split the graph (the one a view was expanded from)."""
    community = _community_of(graph, settings.seed)
    if graph.number_of_nodes() > settings.max_nodes:
        order = [settings.group_by, *(k for k in GROUP_BY if k != settings.group_by)]
        for kind in (k for k in order if k not in skip):
            keys = node_keys(graph, kind, scope, community)
            inside = {
                keys[n] for n, in_scope in graph.nodes(data="in_scope", default=True) if in_scope
            }
            if len(inside) >= 2 and len(set(keys.values())) <= settings.max_nodes:
                return _aggregate_view(graph, kind, keys, settings, names, scope, community)
        values = measure_values(graph, settings.size_by or "degree", settings.seed)
        top = sorted(graph, key=lambda n: (-values[n], n))[: settings.max_nodes]
        return _actor_view(graph.subgraph(top), settings, names, scope, graph)
    return _actor_view(graph, settings, names, scope, graph, community=community)


def build_ego_view(
    graph: nx.Graph, centre: str, radius: int, settings: ViewSettings, names: Names
) -> NetworkView:
    """An actor and its partners up to ``radius`` steps; above ``max_nodes`` the nearest
    and best connected ones."""
    distance = nx.single_source_shortest_path_length(graph, centre, cutoff=radius)
    ranked = sorted(distance, key=lambda n: (distance[n], -graph.degree(n, weight="weight"), n))
    whole = graph.subgraph(distance)
    drawn = whole.subgraph(ranked[: settings.max_nodes])
    partners = sum(1 for step in distance.values() if step == 1)
    star = distance if partners > STAR_FROM else None
    return _actor_view(drawn, settings, names, None, whole, centre=centre, star=star)


def _community_of(graph: nx.Graph, seed: int) -> Callable[[], Mapping[str, int]]:
    @cache
    def membership() -> Mapping[str, int]:
        return communities(graph, seed)[0]

    return membership


def _actor_view(
    graph: nx.Graph,
    settings: ViewSettings,
    names: Names,
    scope: str | None,
    whole: nx.Graph,
    community: Callable[[], Mapping[str, int]] | None = None,
    centre: str | None = None,
    star: Mapping[str, int] | None = None,
) -> NetworkView:
    """Every actor of ``graph``; ``star`` (the distance of each node from ``centre``) draws
    an ego network as rings around its centre."""
    lang = settings.lang
    community = community if community is not None else _community_of(graph, settings.seed)
    values = measure_values(graph, settings.size_by, settings.seed) if settings.size_by else {}
    sizes = scaled_sizes(values) if values else dict.fromkeys(graph, UNIFORM_SIZE)
    if centre is not None:
        sizes[centre] = MAX_SIZE
    keys = node_keys(graph, settings.colour_by, scope, community)
    # networks (Gremien) have a colour and a legend entry of their own
    counts = Counter(
        key for n, key in keys.items() if graph.nodes[n].get("node_kind", "actor") != "network"
    )
    colours = key_colours(settings.colour_by, counts, names)
    radii = {n: sizes[n] + (HIGHLIGHT_BORDER if n == centre else 0.0) for n in graph}
    hidden: set[tuple[str, str]] = set()
    if star is not None:
        physics = False
        positions = star_positions(star, _star_order(graph, star, keys), radii)
        if not settings.neighbour_ties:
            hidden = {(a, b) for a, b in graph.edges() if star[a] == star[b]}
    else:
        physics = graph.number_of_nodes() < LAYOUT_FROM
        positions = {} if physics else seeded_positions(graph, settings.seed, radii)
    size_label = measure_label(settings.size_by, lang) if settings.size_by else ""
    nodes = []
    for node, attrs in graph.nodes(data=True):
        sector = str(attrs.get("sector", ""))
        type_label = key_label("actor_type", sector, names, lang)
        place = key_label("kommune", kommune_key(attrs, None), names, lang)
        if attrs.get("municipality"):
            place = names.kommunen.get(str(attrs["municipality"]), place)
        value = format_value(values[node], settings.size_by, lang) if settings.size_by else ""
        in_scope = bool(attrs.get("in_scope", True))
        lines = [str(attrs.get("label", node)), f"{type_label} · {place}"]
        if value:
            lines.append(f"{size_label}: {value}")
        if not in_scope:
            lines.append(say("outside", lang))
        x, y = positions.get(node, (None, None))
        kennung = str(attrs.get("kennung", node))
        kind = str(attrs.get("node_kind", "actor"))
        if kind == "network":
            lines[1] = network_line(int(str(attrs.get("members", 0))), lang)
        nodes.append(
            ViewNode(
                id=view_id(attrs, node),
                label=str(attrs.get("label", kennung)),
                title="\n".join(lines),
                kind=kind,
                group=keys[node],
                colour=NETWORK_COLOUR if kind == "network" else colours[keys[node]],
                size=sizes[node],
                x=x,
                y=y,
                actor=kennung if kind == "actor" else None,
                expand=None,
                count=1,
                type_label=type_label,
                kommune=place,
                value=value,
                in_scope=in_scope,
                highlight=node == centre,
            )
        )
    nodes.sort(key=lambda n: (n.label.casefold(), n.id))

    def label(iri: str) -> str:
        return str(graph.nodes[iri].get("label", iri)) if iri in graph else iri

    edges = [
        ViewEdge(
            view_id(graph.nodes[a], a),
            view_id(graph.nodes[b], b),
            float(attrs.get("weight", 1)),
            _tie_title(attrs, lang, label),
            str(attrs.get("kind", "cooperation")),
            str(attrs.get("confirmation", "")),
        )
        for a, b, attrs in graph.edges(data=True)
        if (a, b) not in hidden
    ]
    standings = Counter(edge.confirmation for edge in edges if edge.confirmation)
    return NetworkView(
        nodes=nodes,
        edges=edges,
        legend=legend_entries(settings.colour_by, counts, colours, names, lang),
        aggregated=False,
        aggregated_by=None,
        total_nodes=whole.number_of_nodes(),
        total_edges=whole.number_of_edges(),
        colour_by=settings.colour_by,
        size_by=settings.size_by,
        physics=physics,
        size_label=size_label,
        hidden_ties=len(hidden),
        confirmations=dict(standings),
    )


def _star_order(graph: nx.Graph, distance: Mapping[str, int], keys: Mapping[str, str]) -> list[str]:
    """The nodes ring by ring: the partners grouped by colour, then by name; each node of an
    outer ring next to the first of its partners on the ring inside."""

    def name(node: str) -> str:
        return str(graph.nodes[node].get("label", node)).casefold()

    order: list[str] = []
    place: dict[str, int] = {}
    for step in sorted(set(distance[n] for n in graph)):
        ring = [n for n in graph if distance[n] == step]
        if step <= 1:
            ring.sort(key=lambda n: (keys[n], name(n), n))
        else:

            def inner(node: str, step: int = step) -> int:
                return min(
                    (place[p] for p in graph[node] if distance[p] == step - 1), default=len(place)
                )

            ring.sort(key=lambda n: (inner(n), keys[n], name(n), n))
        for node in ring:
            place[node] = len(order)
            order.append(node)
    return order


def _bubble_colour_keys(
    graph: nx.Graph,
    kind: str,
    members: Mapping[str, list[str]],
    settings: ViewSettings,
    scope: str | None,
    community: Callable[[], Mapping[str, int]],
) -> dict[str, str]:
    """The colour key of each bubble: its own key when colours and bubbles are the same
    grouping, else the most frequent key among its actors that have one (actors without a
    key, such as actors without ties for communities, would turn most bubbles grey)."""
    if settings.colour_by == kind:
        return {key: key for key in members}
    actor_keys = node_keys(graph, settings.colour_by, scope, community)
    chosen = {}
    for key, group in members.items():
        known = [actor_keys[n] for n in group if actor_keys[n]]
        chosen[key] = dominant(known) if known else ""
    return chosen


def _tie_title(attrs: Mapping[str, object], lang: str, label: Callable[[str], str] = str) -> str:
    """An edge's tooltip: what it stands for and, for cooperations not confirmed by both
    partners, how many of them stand how, who has not confirmed yet, who disputes and why
    (plain text; ``label`` names a partner by its IRI)."""
    parts = []
    if attrs.get("cooperations"):
        parts.append(f"{say('cooperations', lang)}: {attrs['cooperations']}")
    if attrs.get("networks"):
        parts.append(f"{say('networks', lang)}: {attrs['networks']}")
    title = " · ".join(parts) or f"{say('ties', lang)}: {attrs.get('weight', 1)}"
    standing = str(attrs.get("confirmation", ""))
    if not standing or (
        standing == "confirmed" and not attrs.get("claimed") and not attrs.get("disputed")
    ):
        return title
    lines = [
        title,
        ", ".join(
            f"{say(s, lang)}: {attrs[s]}"
            for s in ("confirmed", "claimed", "disputed")
            if attrs.get(s)
        ),
    ]
    if standing == "disputed":
        lines[0] = f"{DISPUTED_MARK} {say('disputed', lang)} · {title}"
    pending = [p for p in str(attrs.get("pending_by", "")).split("|") if p]
    if pending:
        lines.append(f"{say('awaiting', lang)} {', '.join(label(p) for p in pending)}")
    reasons = dict(
        line.split(": ", 1) for line in str(attrs.get("reasons", "")).splitlines() if ": " in line
    )
    for partner in (p for p in str(attrs.get("disputed_by", "")).split("|") if p):
        reason = reasons.get(partner)
        lines.append(
            f"{DISPUTED_MARK} {say('disputed_by', lang)} {label(partner)}"
            + (f": {reason}" if reason else "")
        )
    return "\n".join(lines)


def _aggregate_view(
    graph: nx.Graph,
    kind: str,
    keys: Mapping[str, str],
    settings: ViewSettings,
    names: Names,
    scope: str | None,
    community: Callable[[], Mapping[str, int]],
) -> NetworkView:
    lang = settings.lang
    members: dict[str, list[str]] = defaultdict(list)
    for node in graph:
        members[keys[node]].append(node)
    bubble_keys = _bubble_colour_keys(graph, kind, members, settings, scope, community)
    actors: Counter[str] = Counter()  # actors in the bubbles of each colour: palette order
    for key, group in members.items():
        actors[bubble_keys[key]] += len(group)
    colours = key_colours(settings.colour_by, actors, names)
    bubbles = Counter(bubble_keys.values())  # the legend counts bubbles
    inside: Counter[str] = Counter()
    between: Counter[tuple[str, str]] = Counter()
    unsure: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # ties not confirmed
    for a, b, attrs in graph.edges(data=True):
        ka, kb, weight = keys[a], keys[b], attrs.get("weight", 1)
        if ka == kb:
            inside[ka] += weight
        else:
            pair = (min(ka, kb), max(ka, kb))
            between[pair] += weight
            if attrs.get("confirmation") in ("claimed", "disputed"):
                unsure[pair][str(attrs["confirmation"])] += 1
    group_graph: nx.Graph[str] = nx.Graph()
    group_graph.add_nodes_from(members)
    group_graph.add_edges_from(between)
    sizes = scaled_sizes(
        {key: float(len(nodes)) for key, nodes in members.items()}, MIN_GROUP_SIZE, MAX_GROUP_SIZE
    )
    physics = group_graph.number_of_nodes() < LAYOUT_FROM
    positions = {} if physics else seeded_positions(group_graph, settings.seed, sizes)
    nodes = []
    for key, group in members.items():
        label = key_label(kind, key, names, lang)
        lines = [
            label,
            f"{len(group)} {say('actors', lang)}",
            f"{inside[key]} {say('ties_inside', lang)}",
        ]
        if key:
            lines.append(say("expand", lang))
        colour_key = bubble_keys[key]
        x, y = positions.get(key, (None, None))
        nodes.append(
            ViewNode(
                id=f"group:{key}",
                label=f"{label} ({len(group)})",
                title="\n".join(lines),
                group=colour_key,
                colour=colours[colour_key],
                size=sizes[key],
                x=x,
                y=y,
                actor=None,
                expand=(kind, key) if key else None,
                count=len(group),
                type_label=key_label(settings.colour_by, colour_key, names, lang),
                kommune=label if kind == "kommune" else "",
                value=str(inside[key]),
            )
        )
    nodes.sort(key=lambda n: (-n.count, n.label.casefold()))
    standings = Counter(str(c) for _, _, c in graph.edges(data="confirmation", default="") if c)
    edges = [
        ViewEdge(
            f"group:{a}",
            f"group:{b}",
            float(w),
            "\n".join(
                [
                    f"{say('ties', lang)}: {w}",
                    *(
                        f"{say(s, lang)}: {unsure[a, b][s]}"
                        for s in ("claimed", "disputed")
                        if unsure[a, b][s]
                    ),
                ]
            ),
        )
        for (a, b), w in sorted(between.items())
    ]
    return NetworkView(
        nodes=nodes,
        edges=edges,
        legend=legend_entries(settings.colour_by, bubbles, colours, names, lang),
        aggregated=True,
        aggregated_by=kind,
        total_nodes=graph.number_of_nodes(),
        total_edges=graph.number_of_edges(),
        colour_by=settings.colour_by,
        size_by=settings.size_by,
        physics=physics,
        size_label=say("ties_inside", lang),
        group_label=say(f"group.{kind}", lang),
        confirmations=dict(standings),
    )
