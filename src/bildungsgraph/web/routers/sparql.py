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
adds it inside the security headers): it takes no dependencies, and FastAPI's routing and
dependency solving cost more than a point lookup. Ahead of the router means ahead of the
exception handlers too, so it hands the errors it gets from ``bildungsgraph.sparql`` to what
the handler renders them with (``problems.domain_problem``). ``router`` carries the lifespan
that starts and stops the endpoint.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache, lru_cache
from urllib.parse import parse_qsl

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ...config import Settings
from ...errors import BildungsgraphError
from ...sparql import (
    Endpoint,
    QueryAnswer,
    SparqlError,
    SparqlRequest,
    StreamedAnswer,
    client_key,
    parse_request,
    prefers_html,
)
from ...sparql.description import service_description
from ...sparql.protocol import ALLOWED, check_body_size
from ..deps import STATE_HEADER, get_service, get_settings
from ..editor import editor_response
from ..problems import domain_problem

LOG = logging.getLogger(__name__)
PATH = "/sparql"
CORS = {"Access-Control-Allow-Origin": "*"}
ALLOW = ", ".join(ALLOWED)
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


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # started here, with the server: its replica loads now and follows every write
    app.state.sparql = app.state.service.sparql.start(app.state.settings)
    app.state.sparql.refusals = app.state.metrics  # counted for /metrics
    try:
        yield
    finally:
        await app.state.service.sparql.stop(app.state.sparql)


router = APIRouter(lifespan=_lifespan)


class SparqlProtocol:
    """ASGI middleware: answers every request for ``/sparql``, passes on the others."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != scope.get("root_path", "") + PATH:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            response: Response = Response(status_code=204, headers=PREFLIGHT)
        else:
            request = Request(scope, receive)
            try:
                outcome = await sparql(request)
            except BildungsgraphError as exc:
                outcome = domain_problem(exc, request.url.path)
                outcome.headers.update(CORS)
            if isinstance(outcome, QueryAnswer):
                await _send_answer(send, outcome)
                return
            if isinstance(outcome, StreamedAnswer):
                await _stream_answer(send, outcome, request.url.path)
                return
            response = outcome
        await response(scope, receive, send)


async def sparql(request: Request) -> Response | QueryAnswer | StreamedAnswer:
    """The SPARQL 1.1 Protocol query operation: the answer, or the response to send instead
    (the service description or the editor); raises the endpoint's errors."""
    settings = get_settings(request)
    accept = request.headers.get("accept")
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
    if _editor_shows(request.method, parsed) and prefers_html(accept):
        return editor_response(request, autorun=True)
    endpoint: Endpoint = request.app.state.sparql
    peer = request.scope.get("client")
    client = client_key(peer[0] if peer else "")
    return await endpoint.answer_async(parsed, accept, _endpoint_url(request), client)


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


async def _stream_answer(send: Send, answer: StreamedAnswer, path: str) -> None:
    """The answer as it arrives from the remote store (chunked). One that fails on the way
    (over the row limit, past the time limit) is cut off without its last chunk: the client
    sees an incomplete answer, the log says why."""
    headers = [(b"content-type", _content_type(answer.media_type)), *_ANSWER_HEADERS,
               (_STATE, answer.state.encode("latin-1"))]  # fmt: skip
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    try:
        async for chunk in answer:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except SparqlError as exc:
        LOG.warning("%s: a streamed answer was cut off: %s", path, exc)
        return
    finally:
        await answer.aclose()
    await send({"type": "http.response.body", "body": b""})


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
    declared = request.headers.get("content-length", "")
    if declared.isdigit():
        check_body_size(int(declared), max_length)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        check_body_size(size, max_length)
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


def _editor_shows(method: str, parsed: SparqlRequest) -> bool:
    """Whether the editor can show this request as it is: a GET with only a query (a format
    or a dataset asks for what the editor does not send along, so those get results)."""
    return (
        method == "GET"
        and parsed.format is None
        and parsed.default_graphs is None
        and parsed.named_graphs is None
    )


def _description_or_editor(request: Request, accept: str | None, settings: Settings) -> Response:
    if prefers_html(accept):
        return editor_response(request)
    endpoint = str(request.url.replace(query=""))
    names = get_service(request).sparql.graph_names()
    turtle = service_description(endpoint, names, settings.query_timeout)
    headers = {**CORS, "Vary": "Accept", STATE_HEADER: request.app.state.sparql.state}
    return Response(turtle, media_type="text/turtle", headers=headers)
