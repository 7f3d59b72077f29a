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

from starlette.datastructures import MutableHeaders
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
    """ASGI middleware setting the policy headers on every HTTP response."""

    def __init__(self, app: ASGIApp, partner_origins: Sequence[str] = ()) -> None:
        self.app = app
        self.site_policy = content_security_policy(["'none'"])
        self.docs_policy = content_security_policy(["'none'"], docs_script_hashes())
        self.embed_policy = content_security_policy(["'self'", *partner_origins])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        embed = path.startswith(EMBED_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if embed:
                    headers["Content-Security-Policy"] = self.embed_policy
                    del headers["X-Frame-Options"]
                    del headers["Set-Cookie"]
                else:
                    policy = self.docs_policy if path == DOCS_PATH else self.site_policy
                    headers["Content-Security-Policy"] = policy
                    headers["X-Frame-Options"] = "DENY"
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)
