"""``bildungsgraph serve``: the web application (SPARQL, REST, Linked Data) under uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..config import Settings
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
) -> None:
    """Serve the graph; an empty store is first filled with the shipped data."""
    import uvicorn

    settings = Settings.from_env(store) if store else ctx.obj
    options = {"query_timeout": query_timeout, "query_workers": workers, "host": host, "port": port}
    os.environ[f"{_ENV}STORE"] = str(settings.store_path)
    for name, value in options.items():
        if value is not None:
            os.environ[f"{_ENV}{name.upper()}"] = str(value)
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
            # X-Forwarded-For names the client only when it comes from a configured proxy
            proxy_headers=bool(settings.trusted_proxies),
            forwarded_allow_ips=list(settings.trusted_proxies) or None,
        )
