"""Network and gap analysis: pure functions from data to result dataclasses (the read model
hands the data in).

- ``rows``: query rows → the Kommunen and concepts of the model
- ``graphs``: cooperation, actor–network and Kommune graphs (networkx)
- ``measures``, ``structure``, ``explanations``: measures with German and English explanations
- ``gaps``, ``population``, ``partners``, ``neighbours``, ``quality``: the gap analysis
- ``export``, ``results_rdf``: GEXF/GraphML/CSV and the analysis named graph
- ``engine``: the analyses end to end; ``report``/``report_html``: the Bildungsbericht section
"""

from __future__ import annotations

from .engine import GRAPH_KINDS, GapReport, NetworkResult, network_analysis
from .explanations import MEASURES
from .export import EXPORT_FORMATS, export_network
from .model import NetworkFilter

__all__ = [
    "EXPORT_FORMATS",
    "GRAPH_KINDS",
    "MEASURES",
    "GapReport",
    "NetworkFilter",
    "NetworkResult",
    "export_network",
    "network_analysis",
]
