"""``bildungsgraph reference update …``: replace an official list by a new download.

A command that writes: while a server holds the store it says so (as ``load`` does); with
``--dry-run`` it only reads and works on the server's checkpoint.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import click

from ..reference.update import FIELDS, SchoolChange, SchoolDiff, SchoolEntry
from . import _require_loaded, _service, main


@main.group()
def reference() -> None:
    """The official reference data (school list, Gemeinden, population)."""


@reference.group()
def update() -> None:
    """Replace an official list by a new download and print what changed."""


Handler = Callable[..., None]


def _update_options(date_help: str) -> Callable[[Handler], Handler]:
    """The arguments every ``reference update`` command takes: FILE, --dry-run, --date, --json."""

    def decorate(command: Handler) -> Handler:
        # innermost first, as stacked decorators apply
        command = click.pass_context(command)
        command = click.option("--json", "as_json", is_flag=True, help="Print the diff as JSON.")(
            command
        )
        command = click.option(
            "--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), help=date_help
        )(command)
        command = click.option("--dry-run", is_flag=True, help="Only compare; store nothing.")(
            command
        )
        path = click.Path(exists=True, dir_okay=False, path_type=Path)
        return click.argument("file", type=path)(command)

    return decorate


@update.command("schools")
@_update_options("The day of the list (bg:closedOn of the schools it closes; default today).")
def update_schools(
    ctx: click.Context, file: Path, dry_run: bool, day: datetime | None, as_json: bool
) -> None:
    """Update the school list from the MSB schuldaten.csv FILE (2021 format or the newer one
    with Bezirksregierung) in one transaction: new, closed and changed schools; closed ones
    stay in graph/reference/schools-closed with bg:closedOn."""
    on = day.date() if day is not None else date.today()
    with _service(ctx, read=dry_run) as service:
        _require_loaded(service)
        diff = service.reference.schools(file, on=on, dry_run=dry_run)
    if as_json:
        payload = {**asdict(diff), "unchanged": diff.unchanged}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        click.echo(render_school_diff(diff))


@update.command("population")
@_update_options("The day of the update (dct:issued; default today).")
def update_population(
    ctx: click.Context, file: Path, dry_run: bool, day: datetime | None, as_json: bool
) -> None:
    """Update the population of the Kreise by age band from a GENESIS 12411-0018 FILE
    (Destatis, semicolon CSV); the Gemeinde totals of the GV stay as they are."""
    on = day.date() if day is not None else date.today()
    with _service(ctx, read=dry_run) as service:
        _require_loaded(service)
        diff = service.reference.population(file, on=on, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(asdict(diff), ensure_ascii=False, indent=1))
        return
    lines = [
        f"Bevölkerung nach Altersgruppen / population by age band: Stichtage / reference "
        f"dates {', '.join(diff.dates_before)} → {', '.join(diff.dates_after)}",
        f"Neue Stichtage / added: {', '.join(diff.added_dates) or '–'}; entfallen / "
        f"removed: {', '.join(diff.removed_dates) or '–'}",
        f"Geänderte Zahlen / changed counts: {len(diff.changed)} (unverändert / unchanged "
        f"{diff.unchanged})",
        *(f"  {key} {day_} {band}: {old} → {new}" for key, day_, band, old, new in diff.changed),
        "Gespeichert / stored: graph/reference/population"
        if diff.stored
        else "Nichts gespeichert (Probelauf) / nothing stored (dry run).",
    ]
    click.echo("\n".join(lines))


def render_school_diff(diff: SchoolDiff) -> str:
    """The diff as text, German first."""
    lines = [
        f"Schulliste / school list, Stand / as of {diff.on}: {diff.before} → {diff.after} "
        f"(unverändert / unchanged {diff.unchanged})",
    ]
    for title, entries in (
        ("Neu / new", diff.new),
        ("Geschlossen / closed", diff.closed),
        ("Wieder in Betrieb / reopened", diff.reopened),
    ):
        lines.append(f"{title}: {len(entries)}")
        lines += [_entry(e) for e in entries]
    lines.append(f"Geändert / changed: {len(diff.changed)}")
    for change in diff.changed:
        lines.append(_entry(change))
        for name, (before, after) in change.fields.items():
            de, en = FIELDS[name]
            lines.append(f"    {de} / {en}: {before!r} → {after!r}")
    if diff.closed_before:
        lines.append(
            f"Früher geschlossen, weiter geführt / closed earlier, kept: {diff.closed_before}"
        )
    for key, numbers in sorted(diff.unknown_forms.items()):
        lines.append(
            f"Unbekannte Schulform / unknown school form {key!r}: {len(numbers)} "
            f"({', '.join(numbers[:10])}{' …' if len(numbers) > 10 else ''}) – als Schule "
            "allgemein geführt / typed as a school in general"
        )
    if diff.notes:
        lines.append(f"Hinweise / notes: {len(diff.notes)}")
        lines += [f"  {note}" for note in diff.notes]
    if diff.still_named:
        lines.append(
            "Geschlossene Schulen, die noch genannt werden / closed schools still "
            f"named: {len(diff.still_named)}"
        )
        for item in diff.still_named:
            lines.append(
                f"  {item.school} {item.name} (geschlossen am / closed on {item.closed_on}): "
                f"{item.kind} {item.kennung} ({item.role}; {', '.join(item.graphs)})"
            )
    lines.append(
        "Gespeichert / stored: graph/reference/schools, graph/reference/schools-closed"
        if diff.stored
        else "Nichts gespeichert (Probelauf) / nothing stored (dry run)."
    )
    return "\n".join(lines)


def _entry(entry: SchoolEntry | SchoolChange) -> str:
    return f"  {entry.schulnummer} {entry.name} ({entry.gemeinde})"
