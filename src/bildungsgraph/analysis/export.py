"""Any network as GEXF, GraphML (for Gephi and other tools) or CSV node and edge lists
(formula-safe, see ``spreadsheet``)."""

from __future__ import annotations

import io
import zipfile

import networkx as nx

from ..spreadsheet import csv_text

EXPORT_FORMATS = ("gexf", "graphml", "csv")


def _scalar_copy(graph: nx.Graph) -> nx.Graph:
    """A copy whose attribute values are str, int, float or bool (what the writers accept)."""
    copy: nx.Graph = nx.Graph()
    for node, attrs in graph.nodes(data=True):
        copy.add_node(node, **{k: _scalar(v) for k, v in attrs.items()})
    for a, b, attrs in graph.edges(data=True):
        copy.add_edge(a, b, **{k: _scalar(v) for k, v in attrs.items()})
    return copy


def _scalar(value: object) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return ""
    if isinstance(value, set | frozenset | list | tuple):
        return "|".join(sorted(str(v) for v in value))
    return str(value)


Row = list[str | int | float | bool]


def node_table(graph: nx.Graph) -> tuple[list[str], list[Row]]:
    keys = sorted({k for _, attrs in graph.nodes(data=True) for k in attrs})
    rows: list[Row] = [
        [str(n), *(_scalar(attrs.get(k, "")) for k in keys)]
        for n, attrs in sorted(graph.nodes(data=True))
    ]
    return ["id", *keys], rows


def edge_table(graph: nx.Graph) -> tuple[list[str], list[Row]]:
    keys = sorted({k for _, _, attrs in graph.edges(data=True) for k in attrs})
    rows: list[Row] = [
        [str(a), str(b), *(_scalar(attrs.get(k, "")) for k in keys)]
        for a, b, attrs in sorted(graph.edges(data=True))
    ]
    return ["source", "target", *keys], rows


def export_network(graph: nx.Graph, fmt: str) -> bytes:
    """GEXF or GraphML XML, or a zip archive with ``nodes.csv`` and ``edges.csv``."""
    if fmt == "gexf":
        buffer = io.BytesIO()
        nx.write_gexf(_scalar_copy(graph), buffer)
        return buffer.getvalue()
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(_scalar_copy(graph), buffer)
        return buffer.getvalue()
    if fmt == "csv":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("nodes.csv", csv_text(*node_table(graph)))
            archive.writestr("edges.csv", csv_text(*edge_table(graph)))
        return buffer.getvalue()
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
