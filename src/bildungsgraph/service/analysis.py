"""Analysis that leaves the read model: the printable report and measures written back into
the store as an analysis graph (a write through the GraphWriter)."""

from __future__ import annotations

from datetime import date

from ..analysis import NetworkFilter
from ..analysis.engine import generated_now
from ..analysis.report import Report, markdown_report
from ..analysis.report_html import html_report
from ..analysis.results_rdf import ANALYSIS_GRAPH_PREFIX, analysis_triples
from ..namespaces import CONTRIBUTION_GRAPH_PREFIX, EXAMPLE_GRAPH
from ..readmodel import View
from ..readmodel.gaps import gap_analysis
from ..readmodel.network import network
from ..store import GraphStore
from .writes import GraphWriter


class Analysis:
    """Reports and analysis graphs of a read-model view."""

    def __init__(self, store: GraphStore, writer: GraphWriter) -> None:
        self.store = store
        self.writer = writer

    def report(
        self, view: View, kommune: str, fmt: str = "md", reference_date: date | None = None
    ) -> str:
        """The Bildungsbericht section for a Kommune as Markdown or HTML."""
        report = Report(
            gap_analysis(view, kommune, None, reference_date),
            network(view, NetworkFilter(kommune=kommune)),
        )
        return html_report(report) if fmt == "html" else markdown_report(report)

    def write_measures(self, view: View, flt: NetworkFilter, seed: int = 42) -> str:
        """Store the measures as graph/analysis/{hash}, replacing a previous run."""
        result = network(view, flt, seed)
        used = sorted(
            g
            for g in view.graph_sizes
            if not g.startswith(ANALYSIS_GRAPH_PREFIX)
            and (g == str(EXAMPLE_GRAPH) or g.startswith(CONTRIBUTION_GRAPH_PREFIX))
        )
        graph, triples = analysis_triples(result.parameters, result.measures, used, generated_now())
        self.writer.write([graph], lambda: self.store.replace_graph(graph, triples))
        return graph
