"""``/sparql``: the SPARQL 1.1 Protocol query operation, read-only, open to every origin.

GET without a query answers the service description (Turtle), or the query editor when a
browser asks for HTML. Queries run on the sandboxed engine of ``bildungsgraph.sparql``: the
event loop hands each to a worker process and awaits its answer, so a slow query never blocks
the server. Every answer names the store state it shows (``Bildungsgraph-State``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from ...config import Settings
from ...errors import StoreError
from ...sparql import Limits, ProtocolError, SparqlEndpoint, parse_request, prefers_html
from ...sparql.description import service_description
from ...sparql.errors import QueryTooLong
from ..deps import STATE_HEADER, get_service, get_settings
from ..problems import problem

ORDER = 5  # before the page routers: /sparql is matched first (each route tried costs time)
CORS = {"Access-Control-Allow-Origin": "*"}
PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}
_URLS: dict[tuple[str, str | None, str, str], str] = {}
_BYTES_PER_CHARACTER = 12  # a percent-encoded UTF-8 character takes up to 12 bytes


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    limits = Limits(
        timeout=settings.query_timeout,
        max_rows=settings.max_result_rows,
        max_query_length=settings.max_query_length,
    )
    # started here, with the server: its replica loads now and follows every write
    app.state.sparql = app.state.service.sparql.start(limits, settings.query_workers)
    try:
        yield
    finally:
        await anyio.to_thread.run_sync(app.state.service.sparql.stop, app.state.sparql)


router = APIRouter(lifespan=_lifespan)


@router.api_route("/sparql", methods=["GET", "POST"], include_in_schema=False)
async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol query operation (and the service description)."""
    settings = get_settings(request)
    accept = request.headers.get("accept")
    try:
        body = await _read_body(request, settings.max_query_length)
        parsed = parse_request(
            request.method,
            request.headers.get("content-type"),
            body,
            request.query_params.multi_items(),
            settings.max_query_length,
        )
        if parsed.query is None:
            return _description_or_editor(request, accept, settings)
        endpoint: SparqlEndpoint = request.app.state.sparql
        answer = await endpoint.answer_async(parsed, accept, _endpoint_url(request))
    except (ProtocolError, StoreError) as exc:
        status = getattr(exc, "status", 503)
        title = getattr(exc, "title", "Speicher nicht verfügbar / Store unavailable")
        response = problem(status, title, str(exc), instance=request.url.path)
        response.headers.update({**CORS, **getattr(exc, "headers", {})})
        return response
    headers = {**CORS, "Vary": "Accept", STATE_HEADER: answer.state}
    return Response(answer.body, media_type=answer.media_type, headers=headers)


@router.options("/sparql", include_in_schema=False)
async def preflight() -> Response:
    """CORS preflight: any origin may query, also with POST of application/sparql-query."""
    return Response(status_code=204, headers=PREFLIGHT)


def _endpoint_url(request: Request) -> str:
    """The endpoint's URL (the base IRI of queries); cached, Starlette takes 10 µs for it."""
    scope = request.scope
    key = (scope["scheme"], request.headers.get("host"), scope["root_path"], scope["path"])
    url = _URLS.get(key)
    if url is None:
        if len(_URLS) >= 64:  # the Host header is the client's: keep the cache small
            _URLS.clear()
        url = _URLS[key] = str(request.url.replace(query=""))
    return url


async def _read_body(request: Request, max_length: int) -> bytes:
    if request.method != "POST":
        return b""
    limit = max_length * _BYTES_PER_CHARACTER + 4096
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_long(max_length)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_long(max_length)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_long(max_length: int) -> QueryTooLong:
    return QueryTooLong(
        f"Die Anfrage ist länger als {max_length:,} Zeichen. / "
        f"The query is longer than {max_length:,} characters."
    )


def _description_or_editor(request: Request, accept: str | None, settings: Settings) -> Response:
    if prefers_html(accept):
        try:
            from ..editor import editor_response  # the query editor (its own module)
        except ImportError:
            pass
        else:
            return editor_response(request, get_service(request))
    endpoint = str(request.url.replace(query=""))
    names = get_service(request).sparql.graph_names()
    turtle = service_description(endpoint, names, settings.query_timeout)
    headers = {**CORS, "Vary": "Accept", STATE_HEADER: request.app.state.sparql.state}
    return Response(turtle, media_type="text/turtle", headers=headers)
