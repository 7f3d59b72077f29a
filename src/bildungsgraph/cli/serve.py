"""``bildungsgraph serve``: the web application (SPARQL, REST, Linked Data) under uvicorn."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import click

from . import main
from .server_info import announced, running_server

_ENV = "BILDUNGSGRAPH_"


@main.command()
@click.option("--host", help="Interface to listen on (env BILDUNGSGRAPH_HOST; default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (env BILDUNGSGRAPH_PORT; default 8000).")
@click.option(
    "--query-timeout",
    type=float,
    default=None,
    help="SPARQL time limit in seconds (env BILDUNGSGRAPH_QUERY_TIMEOUT; default 30).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help=(
        "SPARQL queries one client may run at once; one worker process more is kept for "
        "other clients (env BILDUNGSGRAPH_QUERY_WORKERS; default 2)."
    ),
)
@click.option(
    "--web-processes",
    type=click.IntRange(min=1),
    default=None,
    help=(
        "Web server processes, each answering every route (env BILDUNGSGRAPH_WEB_PROCESSES; "
        "default 1). More than one needs a remote store (--store-url): the embedded store "
        "admits one writing process."
    ),
)
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory of the store (also before the command; env BILDUNGSGRAPH_STORE).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    store: Path | None,
    host: str | None,
    port: int | None,
    query_timeout: float | None,
    workers: int | None,
    web_processes: int | None,
) -> None:
    """Serve the graph; an empty store is first filled with the shipped data."""
    import uvicorn

    settings = (
        ctx.obj
        if store is None
        else dataclasses.replace(ctx.obj, store_path=store.expanduser().resolve())
    )
    processes = web_processes or settings.web_processes
    if processes > 1 and not settings.store_url:
        raise click.ClickException(
            "Mehrere Web-Prozesse brauchen einen entfernten Speicher (--store-url): den "
            "eingebetteten Speicher hält genau ein Prozess. / Several web processes need a "
            "remote store (--store-url): one process holds the embedded store, and the command "
            "line reads its checkpoints meanwhile."
        )
    options = {
        "store": settings.store_path,
        "store_url": settings.store_url,
        "update_url": settings.update_url,
        "gsp_url": settings.gsp_url,
        "query_timeout": query_timeout,
        "query_workers": workers,
        "host": host,
        "port": port,
    }
    for name, value in options.items():  # the web processes read their settings from here
        if value is not None:
            os.environ[f"{_ENV}{name.upper()}"] = str(value)
    if processes > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        # prometheus-client adds up the figures of all web processes from this directory
        metrics = tempfile.TemporaryDirectory(prefix="bildungsgraph-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics.name
    bind_host = host or settings.host
    bind_port = port or settings.port
    url = f"http://{bind_host}:{bind_port}"
    other = running_server(settings.store_path)
    if other is not None:
        raise click.ClickException(
            f"Ein Server benutzt diesen Speicher schon: {other['url']} (PID {other['pid']}). / "
            f"A server already uses this store: {other['url']}."
        )
    click.echo(f"bildungsgraph: {url}/sparql ({settings.store_path})")
    with announced(settings.store_path, url):
        uvicorn.run(
            "bildungsgraph.web.app:create_app",
            factory=True,
            host=bind_host,
            port=bind_port,
            log_level="info",
            workers=processes,
            # X-Forwarded-For names the client only when it comes from a configured proxy
            proxy_headers=bool(settings.trusted_proxies),
            forwarded_allow_ips=list(settings.trusted_proxies) or None,
        )
