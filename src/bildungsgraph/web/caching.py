"""HTTP caching: validators and ``Cache-Control``, so a reverse proxy or CDN in front of many
partner sites serves repeated views without the store.

Every GET or HEAD of a page, an embed, an ``/api`` read or a Linked Data document gets a weak
``ETag`` made from the state of the view readers see, the store's state (``service.monitoring
.validator_states``) and what the representation depends on: path, query, ``Accept`` and
``Accept-Language`` (which ``Vary`` names). Weak, because the tag is made from those inputs,
not from the bytes: it promises the same content, and stays valid through a proxy's gzip.
A request whose ``If-None-Match`` names the current tag gets 304 before any route runs.

``Cache-Control`` by kind (a route that sets its own keeps it):

=========================  ===================================================================
embeds ``/embed/``         ``public, max-age=300``: partner sites frame them on every view of
                           their own pages, so they are most of the traffic; five minutes
                           behind a contribution is fine for a widget
pages, Linked Data         ``public, max-age=60``: a contributor sees the change on the
                           contribute pages at once and on the public pages within a minute
``/api`` reads             ``public, max-age=30``: scripts poll; they see a write sooner
signed in                  ``private, no-store`` and no ETag: the contribute pages, the
                           contributions, contacts and confirmations under ``/api``, any
                           request with ``Authorization`` or a session cookie, any response
                           that sets a cookie
errors (4xx, 5xx)          ``no-store`` and no ETag: a record missing now may come a moment
                           later
=========================  ===================================================================

``/sparql`` (its own middleware, ahead of this one), the static files, the dumps (files with
their own validators), ``/healthz`` and ``/metrics`` are left as they are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..service.monitoring import validator_states
from .deps import STATE_HEADER
from .routers.contribute_pages import ACTOR_COOKIE, COOKIE

PRIVATE = "private, no-store"
_ERROR = "no-store"
_NEGOTIATED = ("Accept", "Accept-Language")
_ACCOUNT = ("Authorization", "Cookie")
_SESSION_COOKIES = frozenset({COOKIE, ACTOR_COOKIE})
_LEFT_ALONE = frozenset({"/sparql", "/healthz", "/metrics"})
_LEFT_ALONE_PREFIXES = ("/static/", "/dumps")
_PRIVATE_PREFIXES = ("/contribute", "/api/contributions", "/api/contacts", "/api/confirmations")
# pages that show more to a signed-in account (the actor page's contact persons): a cache
# must not hand their public form to a request that signs in
_ACCOUNT_AWARE_PREFIXES = ("/actors/",)


@dataclass(frozen=True)
class Policy:
    """How responses of one kind may be cached."""

    cache_control: str
    vary: Sequence[str] = _NEGOTIATED
    validated: bool = True  # gets an ETag and answers If-None-Match


EMBED = Policy("public, max-age=300")
PAGE = Policy("public, max-age=60")
ACCOUNT_AWARE_PAGE = Policy("public, max-age=60", (*_NEGOTIATED, *_ACCOUNT))
API = Policy("public, max-age=30")
SIGNED_IN = Policy(PRIVATE, (*_NEGOTIATED, *_ACCOUNT), validated=False)


def policy_for(path: str, headers: Headers) -> Policy | None:
    """The policy of a GET or HEAD of ``path``; None for what keeps its own headers."""
    if path in _LEFT_ALONE or path.startswith(_LEFT_ALONE_PREFIXES):
        return None
    if path.startswith(_PRIVATE_PREFIXES) or _signed_in(headers):
        return SIGNED_IN
    if path.startswith("/embed/"):
        return EMBED
    if path.startswith("/api/"):
        return API
    if path.startswith(_ACCOUNT_AWARE_PREFIXES):
        return ACCOUNT_AWARE_PAGE
    return PAGE


def _signed_in(headers: Headers) -> bool:
    if "authorization" in headers:
        return True
    cookie = headers.get("cookie")
    return cookie is not None and not _SESSION_COOKIES.isdisjoint(cookie_parser(cookie))


def entity_tag(states: tuple[str, str], path: str, query: bytes, headers: Headers) -> str:
    """The weak validator of one representation at these states."""
    parts = (*states, path, query.decode("latin-1"), *(headers.get(h, "") for h in _NEGOTIATED))
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]
    return f'W/"{digest}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether ``If-None-Match`` names ``tag`` (weak comparison, RFC 9110 §13.1.2).

    ``*`` is not taken as a match: whether the resource exists is known only after its route
    ran, so the request runs (and gets 200 with the tag).
    """
    if not if_none_match:
        return False
    opaque = tag.removeprefix("W/")
    return any(
        candidate.strip().removeprefix("W/") == opaque for candidate in if_none_match.split(",")
    )


class Caching:
    """ASGI middleware: ``Cache-Control``, ``Vary`` and ``ETag`` by kind; 304 for a current
    ``If-None-Match``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        policy = policy_for(path, headers)
        if policy is None:
            await self.app(scope, receive, send)
            return
        service = scope["app"].state.service
        tag: str | None = None
        view_state: str | None = None
        if policy.validated:
            # in a thread: a remote store may have to be asked for its state
            states = await anyio.to_thread.run_sync(validator_states, service)
            if states is not None:
                view_state = states[0]
                tag = entity_tag(states, path, scope["query_string"], headers)
                if matches(headers.get("if-none-match"), tag):
                    await _send_not_modified(send, policy, tag, view_state)
                    return

        async def send_with_caching(message: Message) -> None:
            if message["type"] == "http.response.start":
                used = scope.get("state", {}).get("view_state", view_state)
                answered_with = tag if used == view_state else None  # a write came between
                if policy.validated and view_state is None and used is not None:
                    # the first view was made while this request waited: tag the answer now
                    states = await anyio.to_thread.run_sync(validator_states, service)
                    if states is not None and states[0] == used:
                        answered_with = entity_tag(states, path, scope["query_string"], headers)
                _apply(message, policy, answered_with)
            await send(message)

        await self.app(scope, receive, send_with_caching)


def _apply(message: Message, policy: Policy, tag: str | None) -> None:
    headers = MutableHeaders(scope=message)
    status = message["status"]
    if status >= 400:
        headers.setdefault("Cache-Control", _ERROR)
        return
    if status != 200:
        return
    chosen = headers.get("cache-control", "")
    if not policy.validated or "set-cookie" in headers or "private" in chosen:
        headers["Cache-Control"] = PRIVATE
        _add_vary(headers, _ACCOUNT)
        return
    headers.setdefault("Cache-Control", policy.cache_control)
    _add_vary(headers, policy.vary)
    if tag is not None:
        headers["ETag"] = tag


def _add_vary(headers: MutableHeaders, names: Sequence[str]) -> None:
    present = [name.strip() for name in headers.get("vary", "").split(",") if name.strip()]
    known = {name.lower() for name in present}
    present += [name for name in names if name.lower() not in known]
    headers["Vary"] = ", ".join(present)


async def _send_not_modified(send: Send, policy: Policy, tag: str, view_state: str) -> None:
    headers = [
        (b"etag", tag.encode("latin-1")),
        (b"cache-control", policy.cache_control.encode("latin-1")),
        (b"vary", ", ".join(policy.vary).encode("latin-1")),
        (STATE_HEADER.lower().encode("latin-1"), view_state.encode("latin-1")),
    ]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
