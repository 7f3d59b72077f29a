"""``/sparql``: the SPARQL 1.1 Protocol query operation, read-only, open to every origin.

GET without a query answers the service description (Turtle), or the query editor when a
browser asks for HTML. GET with a query from a browser (Accept puts ``text/html`` before every
SPARQL format; no ``format=`` or dataset parameters) gets the editor with that query, run on
load; every other client gets the results as the protocol says.

Queries run on the sandboxed engine of ``bildungsgraph.sparql``: the event loop hands each to a
worker process and awaits its answer, so a slow query never blocks the server. Each client (the
peer's address, see ``Settings.trusted_proxies``) has a budget of queries in flight and query
time per minute; over it, 429 with Retry-After. Every answer names the store state it shows
(``Bildungsgraph-State``).

``/sparql`` is served by the ASGI middleware ``SparqlProtocol`` ahead of the router (``app.py``
adds it inside the security headers): it takes no dependencies and handles its own errors, and
FastAPI's routing and dependency solving cost more than a point lookup. ``router`` carries the
lifespan that starts and stops the endpoint.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache, lru_cache
from urllib.parse import parse_qsl

import anyio
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ...config import Settings
from ...errors import StoreError, TooManyRequestsError
from ...sparql import (
    Limits,
    ProtocolError,
    QueryAnswer,
    SparqlEndpoint,
    SparqlRequest,
    client_key,
    parse_request,
    prefers_html,
)
from ...sparql.description import service_description
from ...sparql.errors import QueryTooLong
from ..deps import STATE_HEADER, get_service, get_settings
from ..problems import problem, status_for

PATH = "/sparql"
CORS = {"Access-Control-Allow-Origin": "*"}
ALLOW = "GET, POST, OPTIONS"
# CORS preflight: any origin may query, also with POST of application/sparql-query; the
# same answer tells a plain OPTIONS what the endpoint takes (Allow)
PREFLIGHT = {
    **CORS,
    "Allow": ALLOW,
    "Access-Control-Allow-Methods": ALLOW,
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
        client_queries=settings.sparql_client_queries,
        client_seconds=settings.sparql_client_seconds,
    )
    # started here, with the server: its replica loads now and follows every write
    app.state.sparql = app.state.service.sparql.start(limits, settings.query_workers)
    try:
        yield
    finally:
        await anyio.to_thread.run_sync(app.state.service.sparql.stop, app.state.sparql)


router = APIRouter(lifespan=_lifespan)


class SparqlProtocol:
    """ASGI middleware: answers every request for ``/sparql``, passes on the others."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != scope.get("root_path", "") + PATH:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method in ("GET", "POST"):
            outcome = await sparql(Request(scope, receive))
            if isinstance(outcome, QueryAnswer):
                await _send_answer(send, outcome)
                return
            response = outcome
        elif method == "OPTIONS":
            response = Response(status_code=204, headers=PREFLIGHT)
        else:
            response = problem(
                405, "Methode nicht erlaubt / Method not allowed",
                f"{PATH} nimmt GET und POST an. / {PATH} takes GET and POST.", instance=PATH,
            )  # fmt: skip
            response.headers.update({**CORS, "Allow": ALLOW})
        await response(scope, receive, send)


async def sparql(request: Request) -> Response | QueryAnswer:
    """The SPARQL 1.1 Protocol query operation: the answer, or the response to send instead
    (a problem, the service description or the editor)."""
    settings = get_settings(request)
    accept = request.headers.get("accept")
    try:
        body = await _read_body(request, settings.max_query_length)
        parsed = parse_request(
            request.method,
            request.headers.get("content-type"),
            body,
            _url_params(request.scope["query_string"]),
            settings.max_query_length,
        )
        if parsed.query is None:
            return _description_or_editor(request, accept, settings)
        if _editor_shows(request.method, parsed) and _from_browser(accept):
            return _editor(request, autorun=True)
        endpoint: SparqlEndpoint = request.app.state.sparql
        peer = request.scope.get("client")
        client = client_key(peer[0] if peer else "")
        return await endpoint.answer_async(parsed, accept, _endpoint_url(request), client)
    except TooManyRequestsError as exc:
        status, title = status_for(exc)
        response = problem(status, title, str(exc), instance=request.url.path)
        response.headers.update({**CORS, "Retry-After": str(exc.retry_after)})
        return response
    except (ProtocolError, StoreError) as exc:
        status = getattr(exc, "status", 503)
        title = getattr(exc, "title", "Speicher nicht verfügbar / Store unavailable")
        response = problem(status, title, str(exc), instance=request.url.path)
        response.headers.update({**CORS, **getattr(exc, "headers", {})})
        return response


_ANSWER_HEADERS = [
    (name.lower().encode("latin-1"), value.encode("latin-1"))
    for name, value in {**CORS, "Vary": "Accept"}.items()
]
_STATE = STATE_HEADER.lower().encode("latin-1")


async def _send_answer(send: Send, answer: QueryAnswer) -> None:
    """The answer as ASGI messages (what ``Response`` sends, without building one)."""
    headers = [
        (b"content-type", _content_type(answer.media_type)),
        (b"content-length", str(len(answer.body)).encode("latin-1")),
        *_ANSWER_HEADERS,
        (_STATE, answer.state.encode("latin-1")),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})


@cache
def _content_type(media_type: str) -> bytes:
    """As ``Response`` writes it: text types name their charset."""
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return (media_type + charset).encode("latin-1")


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


def _url_params(query_string: bytes) -> tuple[tuple[str, str], ...]:
    """The URL's parameters, as Starlette's QueryParams reads them; short query strings are
    cached (clients repeat their queries, and decoding one takes a tenth of a point lookup's
    time in the server)."""
    if len(query_string) > _CACHED_QUERY_STRING:
        return _decode_params(query_string)
    return _decode_params_cached(query_string)


def _decode_params(query_string: bytes) -> tuple[tuple[str, str], ...]:
    return tuple(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))


_CACHED_QUERY_STRING = 4096
_decode_params_cached = lru_cache(maxsize=256)(_decode_params)


def _too_long(max_length: int) -> QueryTooLong:
    return QueryTooLong(
        f"Die Anfrage ist länger als {max_length:,} Zeichen. / "
        f"The query is longer than {max_length:,} characters."
    )


def _editor_shows(method: str, parsed: SparqlRequest) -> bool:
    """Whether the editor can show this request as it is: a GET with only a query (a format
    or a dataset asks for what the editor does not send along, so those get results)."""
    return (
        method == "GET"
        and parsed.format is None
        and parsed.default_graphs is None
        and parsed.named_graphs is None
    )


def _from_browser(accept: str | None) -> bool:
    """Whether a browser asks (``prefers_html``); the substring test spares every other
    client parsing its Accept header a second time."""
    return accept is not None and "html" in accept.lower() and prefers_html(accept)


def _editor(request: Request, autorun: bool = False) -> Response:
    from ..editor import editor_response  # imported on use: clients never need the page

    return editor_response(request, get_service(request), autorun=autorun)


def _description_or_editor(request: Request, accept: str | None, settings: Settings) -> Response:
    if prefers_html(accept):
        return _editor(request)
    endpoint = str(request.url.replace(query=""))
    names = get_service(request).sparql.graph_names()
    turtle = service_description(endpoint, names, settings.query_timeout)
    headers = {**CORS, "Vary": "Accept", STATE_HEADER: request.app.state.sparql.state}
    return Response(turtle, media_type="text/turtle", headers=headers)
