"""`gaps`, `network` (with `network export`) and `report`: the analysis on the command line."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

from ..analysis import EXPORT_FORMATS, GRAPH_KINDS, NetworkFilter, export_network
from ..analysis.model import TIES
from ..readmodel.gaps import gap_analysis
from ..readmodel.network import network as network_analysis
from ..readmodel.network import network_graph
from ..spreadsheet import csv_text
from . import _require_loaded, _service, main
from .output import render_table

TABLE_FORMATS = ("table", "csv", "json", "md")


def _rows_text(header: list[str], rows: list[list[str]], fmt: str, payload: object) -> str:
    if fmt == "json":
        return json.dumps(payload, ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        return csv_text(header, rows, lineterminator="\n")
    if fmt == "md":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])
    return render_table(header, rows)


@main.command()
@click.option("--kommune", help="Kreisschlüssel (5 digits) or AGS (8 digits); default all NRW.")
@click.option(
    "--life-phase",
    "--lebensphase",
    "life_phase",
    help="Only this life phase (concept slug, e.g. early-childhood; --lebensphase: old name).",
)
@click.option(
    "--reference-date",
    "--stichtag",
    "reference_date",
    help="Reference date for data recency (yyyy-mm-dd; default today; --stichtag: old name).",
)
@click.option("--all-cells", is_flag=True, help="Print every matrix cell, not only the gaps.")
@click.option(
    "--confirmed-only",
    is_flag=True,
    help="Candidate partners: only confirmed cooperations count as existing ties.",
)
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table")
@click.pass_context
def gaps(
    ctx: click.Context,
    kommune: str | None,
    life_phase: str | None,
    reference_date: str | None,
    all_cells: bool,
    confirmed_only: bool,
    fmt: str,
) -> None:
    """Gaps in the offer landscape with candidate partners (Lückenanalyse)."""
    with _service(ctx, read=True) as service:
        _require_loaded(service)
        when = date.fromisoformat(reference_date) if reference_date else None
        report = gap_analysis(
            service.readmodel.current(), kommune, life_phase, when, confirmed_only
        )
    if all_cells:
        header = ["kommune", "dimension", "concept", "offers", "per_1000", "rank", "flags"]
        rows = [
            [
                c.kommune,
                c.dimension,
                c.concept,
                str(c.offers),
                f"{c.per_1000:.2f}" if c.per_1000 is not None else "",
                f"{c.rank}/{c.comparable}" if c.rank else "",
                " ".join(c.flags),
            ]
            for c in report.cells
        ]
        click.echo(_rows_text(header, rows, fmt, [asdict(c) for c in report.cells]))
        return
    header = ["severity", "kind", "kommune", "name", "dimension", "concept", "candidates"]
    found = report.gaps + report.hints
    rows = [
        [
            g.severity,
            g.kind,
            g.kommune,
            g.kommune_name,
            g.dimension,
            g.concept,
            "; ".join(getattr(c, "kennung", "") for c in g.candidates),
        ]
        for g in found
    ]
    payload = {
        "kommune": report.kommune,
        "reference_date": report.reference_date,
        "confirmed_only": report.confirmed_only,
        "gaps": [asdict(g) for g in report.gaps],
        "hints": [asdict(g) for g in report.hints],
    }
    click.echo(_rows_text(header, rows, fmt, payload))


@main.group(invoke_without_command=True)
@click.option("--kommune", help="Kreisschlüssel or AGS; default all NRW.")
@click.option("--topic", help="Topic concept slug.")
@click.option(
    "--life-phase",
    "--lebensphase",
    "life_phase",
    help="Life phase concept slug (--lebensphase: old name).",
)
@click.option("--programme", help="Programme concept slug.")
@click.option("--as-of", "as_of", help="Only ties active on this date (yyyy-mm-dd).")
@click.option(
    "--ties",
    type=click.Choice(TIES),
    default="cooperation",
    show_default=True,
    help="Cooperations, network memberships (networks as nodes) or all.",
)
@click.option(
    "--confirmed-only",
    is_flag=True,
    help="Only cooperation ties every partner involved has confirmed.",
)
@click.option("--measures", is_flag=True, help="Print the measure of every actor.")
@click.option("--seed", type=int, default=42, show_default=True)
@click.option("--write", is_flag=True, help="Store the measures as an analysis named graph.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table")
@click.pass_context
def network(
    ctx: click.Context,
    kommune: str | None,
    topic: str | None,
    life_phase: str | None,
    programme: str | None,
    as_of: str | None,
    ties: str,
    confirmed_only: bool,
    measures: bool,
    seed: int,
    write: bool,
    fmt: str,
) -> None:
    """Cooperation network and its measures (Netzwerkanalyse); `network export` writes files."""
    flt = NetworkFilter.from_slugs(
        kommune,
        topic,
        life_phase,
        programme,
        date.fromisoformat(as_of) if as_of else None,
        ties=ties,
        confirmed_only=confirmed_only,
    )
    ctx.meta["network_filter"] = flt
    if ctx.invoked_subcommand is not None:
        return
    with _service(ctx, read=not write) as service:
        _require_loaded(service)
        view = service.readmodel.current()
        result = network_analysis(view, flt, seed)
        graph_iri = service.analysis.write_measures(view, flt, seed) if write else None
    m = result.measures
    if measures:
        header = [
            "kennung",
            "name",
            "degree",
            "weighted",
            "betweenness",
            "constraint",
            "community",
            "broker",
            "articulation",
            "isolated",
        ]
        rows = [
            [
                n.kennung,
                n.name,
                str(n.degree),
                f"{n.weighted_degree:g}",
                f"{n.betweenness:.4f}",
                "" if n.constraint is None else f"{n.constraint:.3f}",
                str(n.community),
                str(n.broker),
                str(n.articulation_point),
                str(n.isolated),
            ]
            for n in m.nodes
        ]
        click.echo(_rows_text(header, rows, fmt, [asdict(n) for n in m.nodes]))
        click.echo(f"Verbindungen / ties: {m.ties}", err=True)
    else:
        summary = {
            "ties": m.ties,
            "nodes": m.node_count,
            "network_nodes": m.network_nodes,
            "edges": m.edge_count,
            "density": m.density,
            "clustering": m.average_clustering,
            "components": m.components,
            "communities": m.communities,
            "modularity": m.modularity,
            "betweenness": m.betweenness_method,
            "isolated": len(m.isolated),
            "brokers": [b.kennung for b in m.brokers[:10]],
            "bridges": [list(b) for b in m.bridges],  # as in /api/network/measures
            "cross_sector_share": result.cross_sector.share,
            "cross_kreis_share": result.cross_kreis.share,
            "education_chain_share": result.education_chain.share,
        }
        rows = [
            [k, json.dumps(v, ensure_ascii=False) if isinstance(v, list) else str(v)]
            for k, v in summary.items()
        ]
        click.echo(_rows_text(["measure", "value"], rows, fmt, summary))
    if graph_iri:
        click.echo(f"Analysegraph / analysis graph: {graph_iri}", err=True)


@network.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="graphml")
@click.option("--graph", "kind", type=click.Choice(GRAPH_KINDS), default="cooperation")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout; csv is a zip of nodes.csv and edges.csv).",
)
@click.pass_context
def network_export(ctx: click.Context, fmt: str, kind: str, output: Path | None) -> None:
    """Export the network as GEXF, GraphML or CSV node and edge lists."""
    flt = ctx.meta.get("network_filter", NetworkFilter())
    with _service(ctx, read=True) as service:
        _require_loaded(service)
        content = export_network(network_graph(service.readmodel.current(), flt, kind), fmt)
    if output is None:
        click.echo(content, nl=False)
    else:
        output.write_bytes(content)
        click.echo(f"{output} ({len(content)} bytes)", err=True)


@main.command()
@click.option("--kommune", required=True, help="Kreisschlüssel or AGS.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md")
@click.option(
    "--reference-date",
    "--stichtag",
    "reference_date",
    help="Reference date for data recency (yyyy-mm-dd; default today; --stichtag: old name).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def report(
    ctx: click.Context, kommune: str, fmt: str, reference_date: str | None, output: Path | None
) -> None:
    """A report for a Kommune (gaps, heat map, network key figures), Markdown or HTML."""
    with _service(ctx, read=True) as service:
        _require_loaded(service)
        when = date.fromisoformat(reference_date) if reference_date else None
        text = service.analysis.report(service.readmodel.current(), kommune, fmt, when)
    if output is None:
        click.echo(text)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(str(output), err=True)
