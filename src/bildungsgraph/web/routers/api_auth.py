"""Bearer tokens, fair-use limits and the upload size limit for the writing routes.

No ``router`` here; the contribution routes and the contribute pages use these as
dependencies and helpers. The limits (``FairUse``) are kept per application, in memory:
writes per account, anonymous checks per client address, and a backoff per client address
after failed token checks (API and sign-in form alike).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect

from ...accounts import Account, RateLimiter
from ...accounts.ratelimit import FailureBackoff
from ...config import Settings
from ...errors import TooManyRequestsError, wait_de, wait_en
from ...ingest import cancelled_by
from ...service import BildungsGraph
from ...staging import StagingQuota
from ..deps import get_service

Files = list[tuple[str, bytes]]
T = TypeVar("T")
_CREATING = threading.Lock()


@dataclass(frozen=True)
class FairUse:
    """The application's fair-use limits, built from its settings."""

    writes: RateLimiter  # per account
    checks: RateLimiter  # anonymous checks per client address
    failed_tokens: FailureBackoff  # per client address, never per account
    staging: StagingQuota

    @classmethod
    def from_settings(
        cls, settings: Settings, clock: Callable[[], float] = time.monotonic
    ) -> FairUse:
        return cls(
            RateLimiter(settings.writes_per_minute, clock),
            RateLimiter(settings.anonymous_checks_per_minute, clock),
            FailureBackoff(settings.failed_sign_ins_per_client, clock=clock),
            StagingQuota(settings.staged_bytes_per_client, settings.staged_bytes_anonymous),
        )


def fair_use(request: Request) -> FairUse:
    """The application's one set of limits (shared by the API and the pages)."""
    limits: FairUse | None = getattr(request.app.state, "fair_use", None)
    if limits is None:
        with _CREATING:
            limits = getattr(request.app.state, "fair_use", None)
            if limits is None:
                limits = FairUse.from_settings(request.app.state.settings)
                request.app.state.fair_use = limits
    return limits


def client_address(request: Request) -> str:
    """The address the limits count for (behind a proxy listed in
    ``BILDUNGSGRAPH_TRUSTED_PROXIES``, uvicorn puts the forwarded one here)."""
    return request.client.host if request.client else ""


def limit_writes(request: Request, account: Account) -> None:
    """Count a write of ``account``; TooManyRequestsError above the per-minute limit."""
    limiter = fair_use(request).writes
    wait = limiter.retry_after(account.id)
    if wait is not None:
        raise TooManyRequestsError(
            f"Zu viele Schreibzugriffe: höchstens {limiter.per_minute} je Minute. Bitte in "
            f"{wait_de(wait)} erneut versuchen.",
            f"Too many writes: at most {limiter.per_minute} per minute. Please try again in "
            f"{wait_en(wait)}.",
            wait,
        )


def limit_anonymous_checks(request: Request) -> None:
    """Count an anonymous check of the client; TooManyRequestsError above the limit."""
    limiter = fair_use(request).checks
    wait = limiter.retry_after(client_address(request))
    if wait is not None:
        raise TooManyRequestsError(
            f"Zu viele Prüfungen ohne Anmeldung: höchstens {limiter.per_minute} je Minute und "
            f"Adresse. Bitte in {wait_de(wait)} erneut versuchen oder anmelden.",
            f"Too many checks without signing in: at most {limiter.per_minute} per minute and "
            f"address. Please try again in {wait_en(wait)} or sign in.",
            wait,
        )


def authenticate(request: Request, service: BildungsGraph, token: str) -> Account | None:
    """The active account of ``token``, or None (counted against the client address).
    While the client has to wait after failures, TooManyRequestsError, and the token is
    not even checked; a holder signing in from another address is never affected."""
    backoff = fair_use(request).failed_tokens
    client = client_address(request)
    wait = backoff.retry_after(client)
    if wait is not None:
        raise TooManyRequestsError(
            f"Zu viele ungültige Zugangstoken von Ihrer Adresse. Bitte in {wait_de(wait)} "
            f"erneut versuchen.",
            f"Too many invalid tokens from your address. Please try again in {wait_en(wait)}.",
            wait,
        )
    account = service.accounts.authenticate(token) if token else None
    if account is None:
        backoff.failed(client)
    return account


def bearer_account(request: Request, service: BildungsGraph) -> Account | None:
    """The account of the request's bearer token, or None (see ``authenticate``)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return authenticate(request, service, token.strip()) if scheme.lower() == "bearer" else None


def unauthorized(message: str) -> HTTPException:
    """401 with the bearer challenge; ``message`` German / English."""
    return HTTPException(401, message, headers={"WWW-Authenticate": 'Bearer realm="bildungsgraph"'})


def require_reader(
    request: Request, service: Annotated[BildungsGraph, Depends(get_service)]
) -> Account:
    """The account of the bearer token for a read that only accounts may make (401 without a
    valid one; 429 while the client backs off after invalid tokens); counts no write."""
    account = bearer_account(request, service)
    if account is None:
        raise unauthorized(
            "Diese Anfrage braucht ein gültiges Zugangstoken (Authorization: "
            "Bearer …) / This request needs a valid bearer token"
        )
    return account


def require_account(
    request: Request, service: Annotated[BildungsGraph, Depends(get_service)]
) -> Account:
    """The account of the bearer token (401 without a valid one; 429 above the rate or
    while the client backs off after invalid tokens)."""
    account = bearer_account(request, service)
    if account is None:
        raise unauthorized(
            "Schreiben braucht ein gültiges Zugangstoken (Authorization: Bearer "
            "…) / Writing needs a valid bearer token"
        )
    limit_writes(request, account)
    return account


def _too_large(limit: int) -> HTTPException:
    return HTTPException(
        413,
        f"Die Einreichung ist größer als {limit} Bytes / The upload exceeds {limit} bytes",
    )


async def read_limited_body(request: Request, limit: int) -> None:
    """Read the body, stopping with 413 as soon as it exceeds ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
    except ClientDisconnect as exc:  # nobody waits for an answer; stop without a 500 trace
        raise HTTPException(
            400,
            "Die Verbindung wurde beim Hochladen getrennt / The client disconnected "
            "during the upload",
        ) from exc
    request._body = b"".join(chunks)  # request.form() parses from here


async def run_while_connected(
    request: Request, func: Callable[..., T], *args: Any, **kwargs: Any
) -> T:
    """Run an upload's work in the thread pool; once the client disconnects, reading the
    files stops (``ingest.cancelled_by``) instead of running on for nobody. Call it after
    the body has been read: the next message the server sends is then the disconnect."""
    gone = threading.Event()

    async def watch() -> None:
        while (await request.receive())["type"] != "http.disconnect":
            pass
        gone.set()

    watcher = asyncio.create_task(watch())
    try:
        with cancelled_by(gone):
            return await run_in_threadpool(func, *args, **kwargs)
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


async def read_upload(request: Request, settings: Settings) -> tuple[Files, dict[str, str]]:
    """The uploaded files (field ``files``) and the other form fields."""
    await read_limited_body(request, settings.max_upload_bytes)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(
            415,
            "Bitte als multipart/form-data mit Feld „files“ senden / "
            "Send multipart/form-data with the field 'files'",
        )
    async with request.form(max_files=100, max_fields=20) as form:
        files: Files = []
        fields: dict[str, str] = {}
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                files.append((value.filename or "upload", await value.read()))
            else:
                fields[key] = value
    if not files:
        raise HTTPException(422, "Keine Datei im Feld „files“ / No file in the field 'files'")
    return files, fields
