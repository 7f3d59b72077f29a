"""Bearer tokens, the write rate limit and the upload size limit for the writing routes.

No ``router`` here; the contribution routes use these as dependencies and helpers.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import UploadFile

from ...accounts import Account, RateLimiter
from ...config import Settings
from ...service import BildungsGraph
from ..deps import get_service, get_settings

Files = list[tuple[str, bytes]]


def write_limiter(request: Request, settings: Settings) -> RateLimiter:
    """The application's one per-account write limiter (shared by the API and the pages)."""
    limiter: RateLimiter | None = getattr(request.app.state, "write_limiter", None)
    if limiter is None or limiter.per_minute != settings.writes_per_minute:
        limiter = RateLimiter(settings.writes_per_minute)
        request.app.state.write_limiter = limiter
    return limiter


def require_account(
    request: Request,
    service: Annotated[BildungsGraph, Depends(get_service)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Account:
    """The account of the bearer token (401 without a valid one; 429 above the rate)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    account = service.accounts.authenticate(token.strip()) if scheme.lower() == "bearer" else None
    if account is None:
        raise HTTPException(
            401,
            "Schreiben braucht ein gültiges Zugangstoken (Authorization: Bearer …) / "
            "Writing needs a valid bearer token",
            headers={"WWW-Authenticate": 'Bearer realm="bildungsgraph"'},
        )
    wait = write_limiter(request, settings).retry_after(account.id)
    if wait is not None:
        raise HTTPException(
            429,
            f"Zu viele Schreibzugriffe: höchstens {settings.writes_per_minute} je Minute / "
            f"Too many writes: at most {settings.writes_per_minute} per minute",
            headers={"Retry-After": str(wait)},
        )
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
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    request._body = b"".join(chunks)  # request.form() parses from here


async def read_upload(request: Request, settings: Settings) -> tuple[Files, dict[str, str]]:
    """The uploaded files (field ``files``) and the other form fields."""
    await read_limited_body(request, settings.max_upload_bytes)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(
            415, "Bitte als multipart/form-data mit Feld „files“ senden / "
                 "Send multipart/form-data with the field 'files'"
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
