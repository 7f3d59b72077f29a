"""The ``Bildungsgraph-State`` response header: which store state a response shows.

A request that reads the read model takes one view (``deps.get_view``); this middleware puts
that view's state token on the response, so a client (or a test) can tell that the page, its
JSON twin and ``/sparql`` (which sets the header itself) show the same state.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .deps import STATE_HEADER


class StateHeader:
    """ASGI middleware: the state of the view a request used, as a response header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_state(message: Message) -> None:
            if message["type"] == "http.response.start":
                state = scope.get("state", {}).get("view_state")
                if state is not None:
                    MutableHeaders(scope=message).setdefault(STATE_HEADER, state)
            await send(message)

        await self.app(scope, receive, send_with_state)
