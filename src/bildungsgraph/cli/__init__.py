"""The command-line interface: each command is a few lines around a service call."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click

from ..config import STORE_ENV, Settings
from ..errors import BildungsgraphError, IngestError, StoreError
from ..ingest import write_templates
from ..namespaces import KOMMUNEN_GRAPH
from ..readmodel import pages
from ..service import BildungsGraph
from ..store import DumpFormat
from .output import QUERY_FORMATS, render_query_table, render_report, render_table
from .server_info import running_server

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store",
    envvar=STORE_ENV,
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=(
        f"Directory of the embedded store, or of the read model, accounts and contacts of a "
        f"remote one (env {STORE_ENV}; default ./bildungsgraph-store)."
    ),
)
@click.option(
    "--store-url",
    default=None,
    help=(
        "SPARQL 1.1 query endpoint of a remote store to work on instead of the embedded one "
        "(env BILDUNGSGRAPH_STORE_URL; credentials: BILDUNGSGRAPH_STORE_USER, "
        "BILDUNGSGRAPH_STORE_PASSWORD, BILDUNGSGRAPH_STORE_AUTH=basic|digest)."
    ),
)
@click.option(
    "--update-url",
    default=None,
    help="Its SPARQL 1.1 Update endpoint (env BILDUNGSGRAPH_UPDATE_URL; default: --store-url).",
)
@click.option(
    "--gsp-url",
    default=None,
    help="Its Graph Store Protocol endpoint (env BILDUNGSGRAPH_GSP_URL; optional).",
)
@click.version_option(package_name="bildungsgraph")
@click.pass_context
def main(
    ctx: click.Context,
    store: Path | None,
    store_url: str | None,
    update_url: str | None,
    gsp_url: str | None,
) -> None:
    """bildungsgraph: the education landscape of NRW as a validated knowledge graph."""
    ctx.obj = Settings.from_env(store, store_url=store_url, update_url=update_url, gsp_url=gsp_url)


@contextmanager
def _service(ctx: click.Context, *, read: bool = False) -> Iterator[BildungsGraph]:
    """The service over the store of the settings. ``read``: only reading — while a server
    holds the store, its newest checkpoint will do; a command that writes gets a message
    naming the running server instead."""
    try:
        service = (BildungsGraph.open_for_reading if read else BildungsGraph.open)(ctx.obj)
    except StoreError as exc:
        raise click.ClickException(_locked_message(ctx.obj, exc)) from exc
    except BildungsgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield service
    except BildungsgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        service.close()


def _locked_message(settings: Settings, error: StoreError) -> str:
    server = running_server(settings.store_path)
    if server is None:
        return str(error)
    url = server["url"]
    return (
        f"Der Speicher {settings.store_path} wird vom laufenden Server {url} (PID "
        f"{server['pid']}) benutzt. Lesende Befehle arbeiten währenddessen mit dessen "
        f"letztem Stand; schreiben Sie über den Server (Beiträge: POST {url}/api/contributions "
        "mit einem Konto-Token, Seite /contribute) oder beenden Sie ihn zuerst. / "
        f"The store is used by the running server {url}: write through it (contributions: "
        f"POST {url}/api/contributions with an account token) or stop it first."
    )


def _require_loaded(service: BildungsGraph) -> None:
    if not service.store.has_graph(str(KOMMUNEN_GRAPH)):
        raise click.ClickException(
            "Der Speicher enthält noch keine Referenzdaten: bitte zuerst `bildungsgraph load` "
            "ausführen. / The store holds no reference data yet: run `bildungsgraph load` first."
        )


def _read_files(paths: tuple[Path, ...]) -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in paths]


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the store and load the ontology, shapes and vocabularies."""
    with _service(ctx) as service:
        counts = service.loading.load_schema()
    click.echo(f"Store {ctx.obj.store_path}: {len(counts)} graphs, {sum(counts.values())} triples")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-example", is_flag=True, help="Skip the invented example landscape.")
@click.option(
    "--graph",
    help="Named graph for the triples of FILES (default graph/import/{file stem}).",
)
@click.pass_context
def load(ctx: click.Context, files: tuple[Path, ...], no_example: bool, graph: str | None) -> None:
    """Load the shipped data; or, with FILES, load RDF files as they are.

    FILES (Turtle, N-Triples, N-Quads, TriG, JSON-LD; no validation) each go into their own
    named graph, replaced on a second load; quads keep their graphs.
    """
    if files:
        with _service(ctx) as service:
            for path in files:
                target = service.loading.import_rdf(path, graph)
                click.echo(f"{path}: {target or 'Graphen der Datei / graphs of the file'}")
            _print_stats(service)
        return
    with _service(ctx) as service:
        steps = service.loading.steps()
        if no_example:
            steps = steps[:-1]
        with click.progressbar(length=len(steps), label="Laden / loading", file=sys.stderr) as bar:

            def advance(graph: str) -> None:
                bar.label = graph.rsplit("/graph/", 1)[-1]
                bar.update(1)

            service.loading.load_schema(advance)
            service.loading.load_reference(advance)
            outcome = None if no_example else service.loading.load_example(advance)
        if outcome is not None and not outcome.stored:
            click.echo(render_report(outcome.report, "de"), err=True)
            raise click.ClickException("example data did not validate")
        _print_stats(service)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
@click.option(
    "--shacl-report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the SHACL report (Turtle).",
)
@click.pass_context
def validate(
    ctx: click.Context, files: tuple[Path, ...], as_json: bool, lang: str, shacl_report: Path | None
) -> None:
    """Validate contribution files without storing them (exit code 1 on violations)."""
    with _service(ctx, read=True) as service:
        _require_loaded(service)
        try:
            report = service.contributions.check(_read_files(files))
        except IngestError as exc:
            raise click.ClickException(str(exc)) from exc
    if shacl_report is not None and report.shacl_report_ttl:
        shacl_report.write_text(report.shacl_report_ttl, encoding="utf-8")
    click.echo(
        json.dumps(report.to_json(), ensure_ascii=False, indent=1)
        if as_json
        else render_report(report, lang)
    )
    ctx.exit(0 if report.conforms else 1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--contributor", required=True, help='Who contributes, e.g. "Bildungsbüro Kreis Viersen".'
)
@click.option("--title", help="A title for the contribution.")
@click.option("--dry-run", is_flag=True, help="Only validate; store nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
@click.pass_context
def contribute(
    ctx: click.Context,
    files: tuple[Path, ...],
    contributor: str,
    title: str | None,
    dry_run: bool,
    as_json: bool,
    lang: str,
) -> None:
    """Validate files and store them as one contribution (nothing is stored on violations)."""
    with _service(ctx, read=dry_run) as service:
        _require_loaded(service)
        outcome = service.contributions.contribute(
            _read_files(files), contributor, title=title, dry_run=dry_run
        )
    if as_json:
        payload = {
            "stored": outcome.stored,
            "graph": outcome.graph,
            "duplicate_of": outcome.duplicate_of,
            "verified_at": outcome.verified_at,
            "triples": outcome.triples,
            "report": outcome.report.to_json(),
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        click.echo(render_report(outcome.report, lang))
        if outcome.stored:
            click.echo(f"Gespeichert / stored: {outcome.graph} ({outcome.triples} triples)")
        elif outcome.verified_at:
            click.echo(
                f"Unverändert, als geprüft vermerkt / unchanged, noted as verified: "
                f"{outcome.duplicate_of} ({outcome.verified_at})"
            )
        elif outcome.duplicate_of:
            click.echo(f"Bereits gespeichert / already stored as {outcome.duplicate_of}")
        else:
            click.echo("Nichts gespeichert / nothing stored.")
    ctx.exit(0 if outcome.report.conforms else 1)


@main.group()
def contributions() -> None:
    """List, show and withdraw contributions."""


@contributions.command("list")
@click.pass_context
def contributions_list(ctx: click.Context) -> None:
    """List stored contributions, newest first."""
    with _service(ctx, read=True) as service:
        infos = service.contributions.list()
    rows = [[i.id, i.generated, i.contributor_name or i.contributor, i.title or ""] for i in infos]
    click.echo(render_table(["id", "generated", "contributor", "title"], rows))


@contributions.command("show")
@click.argument("contribution_id")
@click.pass_context
def contributions_show(ctx: click.Context, contribution_id: str) -> None:
    """Show one contribution with its files."""
    with _service(ctx, read=True) as service:
        info = service.contributions.get(contribution_id)
    click.echo(json.dumps(asdict(info), ensure_ascii=False, indent=1))


@contributions.command("withdraw")
@click.argument("contribution_id")
@click.confirmation_option(prompt="Beitrag zurückziehen? / Withdraw the contribution?")
@click.pass_context
def contributions_withdraw(ctx: click.Context, contribution_id: str) -> None:
    """Withdraw a contribution: remove exactly its triples."""
    with _service(ctx) as service:
        service.contributions.withdraw(contribution_id)
    click.echo(f"Zurückgezogen / withdrawn: {contribution_id}")


@main.command()
@click.argument("sparql")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="SELECT/ASK: table, json, xml, csv, tsv; CONSTRUCT/DESCRIBE: ttl (also for table), nt, "
    "xml (RDF/XML), json (JSON-LD). Written by Oxigraph, except the table.",
)
@click.pass_context
def query(ctx: click.Context, sparql: str, fmt: str) -> None:
    """Run a SPARQL query ('-' reads it from stdin, '@FILE' from a file)."""
    if sparql == "-":
        sparql = sys.stdin.read()
    elif sparql.startswith("@"):
        sparql = Path(sparql[1:]).read_text(encoding="utf-8")
    with _service(ctx, read=True) as service:
        if fmt == "table":
            click.echo(render_query_table(service.sparql.query(sparql)))
            return
        body = service.sparql.serialise(sparql, fmt)  # as /sparql?format=fmt writes it
    click.echo(body, nl=not body.endswith(b"\n"))


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in DumpFormat]),
    default="nq",
    show_default=True,
    help="nq, trig and jsonld keep the named graphs; ttl and nt merge them.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout)."
)
@click.option("--gzip", "compress", is_flag=True, help="Compress with gzip.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, compress: bool) -> None:
    """Export the whole graph."""
    with _service(ctx, read=True) as service:
        target = output.open("wb") if output else sys.stdout.buffer
        try:
            if compress:
                with gzip.GzipFile(fileobj=target, mode="wb", mtime=0) as zipped:
                    # a binary file all the same: typeshed's GzipFile is no BinaryIO
                    service.linked_data.export(zipped, DumpFormat(fmt))  # type: ignore[arg-type]
            else:
                service.linked_data.export(target, DumpFormat(fmt))
        finally:
            if output:
                target.close()


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Print what the graph holds."""
    with _service(ctx, read=True) as service:
        if as_json:
            s = pages.stats(service.readmodel.current())
            click.echo(
                json.dumps({**asdict(s), "triples": s.triples}, ensure_ascii=False, indent=1)
            )
        else:
            _print_stats(service)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def templates(directory: Path) -> None:
    """Write the contribution templates (CSV and .xlsx), generated from the shapes."""
    paths = write_templates(directory)  # from the shape files: no store needed
    for path in paths:
        click.echo(str(path))


def _print_stats(service: BildungsGraph) -> None:
    s = pages.stats(service.readmodel.current())
    click.echo(
        f"Store: {s.triples} Tripel / triples in {len(s.graphs)} benannten Graphen / named graphs"
    )
    click.echo(
        render_table(["graph", "triples"], [[g, str(n)] for g, n in sorted(s.graphs.items())])
    )
    click.echo(
        render_table(["class", "records"], [[c, str(n)] for c, n in sorted(s.records.items())])
    )
    click.echo(
        render_table(
            ["date", "inhabitants"],
            [[d, f"{n:,}".replace(",", ".")] for d, n in s.population.items()],
        )
    )
    click.echo(f"Beiträge / contributions: {s.contributions}")


from . import accounts, analysis, confirmations, freshness, reference, serve  # noqa: E402,F401
