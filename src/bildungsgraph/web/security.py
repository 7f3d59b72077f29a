"""Security headers on every response: who may frame a page, and what a page may load.

Every response carries a strict Content-Security-Policy: scripts, styles, images, fonts and
connections come from this origin only (styles may also be inline and images ``data:``, which
vis-network, CodeMirror and Swagger UI need), no plugins, forms post only here. So a page can
never call another origin, even if a template went wrong.

Framing: nothing may frame the site (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``)
except the embeds under ``/embed/``, which the site itself and the configured partner origins
(``Settings.partner_origins``) may frame. Embed responses never set a cookie.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from functools import cache

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .routers.api_docs import api_docs

EMBED_PREFIX = "/embed/"
DOCS_PATH = "/docs"

_SOURCES = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(frame_ancestors: Sequence[str], scripts: Sequence[str] = ()) -> str:
    """The policy: only this origin, scripts also by hash, framing by ``frame_ancestors``."""
    script_src = " ".join(("script-src 'self'", *scripts))
    return "; ".join((*_SOURCES, script_src, "frame-ancestors " + " ".join(frame_ancestors)))


@cache
def docs_script_hashes() -> tuple[str, ...]:
    """CSP hashes of the inline script with which Swagger UI's page (``/docs``) starts itself.

    FastAPI writes that page with one inline script; allowing exactly it (by hash) keeps
    ``script-src`` strict there too.
    """
    html = bytes(api_docs().body).decode("utf-8")
    return tuple(_script_hash(script) for script in _INLINE_SCRIPT.findall(html))


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class SecurityHeaders:
    """ASGI middleware setting the policy headers on every HTTP response.

    It works on the raw header list: the policy headers are encoded once, here, instead of
    for every response.
    """

    def __init__(self, app: ASGIApp, partner_origins: Sequence[str] = ()) -> None:
        self.app = app
        self.site_headers = _policy_headers(content_security_policy(["'none'"]), frame=True)
        self.docs_headers = _policy_headers(
            content_security_policy(["'none'"], docs_script_hashes()), frame=True
        )
        self.embed_headers = _policy_headers(
            content_security_policy(["'self'", *partner_origins]), frame=False
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        embed = path.startswith(EMBED_PREFIX)
        if embed:
            policy, dropped = self.embed_headers, _EMBED_DROPPED
        else:
            policy = self.docs_headers if path == DOCS_PATH else self.site_headers
            dropped = _SITE_DROPPED

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers") or []
                names = {name.lower() for name, _ in headers}
                kept = [item for item in headers if item[0].lower() not in dropped]
                kept += policy
                kept += [item for item in _DEFAULTS if item[0] not in names]
                message["headers"] = kept
            await send(message)

        await self.app(scope, receive, send_with_headers)


# Replaced on every response (the embeds also lose X-Frame-Options and any cookie), and set
# where the response has none.
_SITE_DROPPED = frozenset({b"content-security-policy", b"x-frame-options"})
_EMBED_DROPPED = _SITE_DROPPED | {b"set-cookie"}
_DEFAULTS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"))


def _policy_headers(policy: str, frame: bool) -> list[tuple[bytes, bytes]]:
    headers = [(b"content-security-policy", policy.encode("latin-1"))]
    if frame:
        headers.append((b"x-frame-options", b"DENY"))
    return headers
