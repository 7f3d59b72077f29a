"""`freshness`: a Kommune's records not verified within a period, on the command line (the
same view as ``/kommunen/{key}/aktualitaet``)."""

from __future__ import annotations

import json
from datetime import date

import click

from ..exports.freshness import BASIS_LABELS, KIND_LABELS, freshness_table
from ..exports.tabular import csv_chunks
from ..readmodel import freshness as fresh
from . import _require_loaded, _service, main
from .output import render_table


@main.command()
@click.option("--kommune", "key", required=True, help="Key of the Kommune (05, 05166, ...).")
@click.option(
    "--months",
    type=click.IntRange(1, fresh.MAX_MONTHS),
    help="Outdated: not verified for more than this (default BILDUNGSGRAPH_FRESHNESS_MONTHS, 12).",
)
@click.option("--kind", type=click.Choice(fresh.KINDS), help="Only records of this kind.")
@click.option("--today", "day", help="Reference day (yyyy-mm-dd; default today, UTC).")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "json")), default="table")
@click.pass_context
def freshness(
    ctx: click.Context, key: str, months: int | None, kind: str | None, day: str | None, fmt: str
) -> None:
    """Records not verified within the period, the share of fresh records and references to
    closed schools (Aktualität)."""
    with _service(ctx, read=True) as service:
        _require_loaded(service)
        view = service.readmodel.current()
        today = date.fromisoformat(day) if day else fresh.today()
        result = fresh.freshness(view, key, months or ctx.obj.freshness_months, today)
        if fmt == "csv":
            for chunk in csv_chunks(freshness_table(view, result, kind)):
                click.echo(chunk.decode("utf-8"), nl=False)
            return
    if fmt == "json":
        body = fresh.to_json(result, kind, 1, max(len(result.outdated), 1))
        click.echo(json.dumps(body, ensure_ascii=False, indent=1))
        return
    share = result.total
    click.echo(
        f"{result.name} ({result.key}): {share.fresh} von {share.records} Einträgen "
        f"aktuell ({share.percent if share.percent is not None else '–'} %), "
        f"geprüft seit {result.cutoff.isoformat()}"
    )
    for ref in result.closed:
        click.echo(
            f"Geschlossene Schule / closed school: {KIND_LABELS[ref.kind]} "
            f"{ref.kennung} nennt {ref.school_kennung} (geschlossen {ref.closed_on})"
        )
    rows = [
        [
            KIND_LABELS[e.kind],
            e.kennung,
            e.name,
            e.verified.on.isoformat() if e.verified.on else "unbekannt",
            BASIS_LABELS[e.verified.basis],
            e.verified.owner or e.verified.graph or "",
        ]
        for e in result.outdated
        if kind is None or e.kind == kind
    ]
    if rows:
        click.echo(
            render_table(
                ["Art", "Kennung", "Name", "Zuletzt geprüft", "Grundlage", "Beitrag / Graph"], rows
            )
        )
