"""Where a remote SPARQL 1.1 store answers, and how bildungsgraph signs in to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import httpx

from ..config import Settings


@dataclass(frozen=True)
class RemoteConnection:
    """The endpoints of a remote store (SPARQL 1.1 Query, Update, Graph Store Protocol) and
    the credentials for them; one request may take ``timeout`` seconds."""

    query_url: str
    update_url: str
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = None
    auth_scheme: Literal["basic", "digest"] = "basic"
    timeout: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteConnection | None:
        """The connection the settings name (``store_url`` …), or None for the embedded store."""
        if not settings.store_url:
            return None
        return cls(
            query_url=settings.store_url,
            update_url=settings.update_url or settings.store_url,
            gsp_url=settings.gsp_url,
            user=settings.store_user,
            password=settings.store_password,
            auth_scheme="digest" if settings.store_auth == "digest" else "basic",
            timeout=settings.store_timeout,
        )

    def auth(self) -> httpx.Auth | None:
        if self.user is None:
            return None
        password = self.password or ""
        if self.auth_scheme == "digest":
            return httpx.DigestAuth(self.user, password)
        return httpx.BasicAuth(self.user, password)

    def client(self) -> httpx.Client:
        """A client for these endpoints; proxies from the environment are not used (the
        store is the operator's, usually on the same network)."""
        return httpx.Client(auth=self.auth(), timeout=self.timeout, trust_env=False)

    def async_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(auth=self.auth(), timeout=self.timeout, trust_env=False)
