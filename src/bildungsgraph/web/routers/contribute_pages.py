"""/contribute: templates, upload and check, confirm, sign-in and one's own contributions.

Pages for people (German first, ``?lang=en``), working without JavaScript. Every page under
``/contribute`` has a session (cookie ``Path=/contribute``, HttpOnly, SameSite=Strict, Secure
over https); the cookie holds a random session id, never the account token. Every POST carries
the session's CSRF token in a hidden field. Checking files works without an account; storing,
withdrawing and restoring need a signed-in account (Kommune scope and write limits as in the
REST API, ``/api/contributions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from ...accounts import Account
from ...accounts.sessions import Session
from ...config import Settings
from ...errors import TooManyRequestsError
from ...service import WITHDRAWAL_RETENTION, BildungsGraph
from ...staging import megabytes
from ..deps import get_service, get_settings
from ..i18n import choose_language, translate
from ..problems import ErrorTexts
from ..templating import local_url, render
from .api_auth import (
    authenticate,
    client_address,
    fair_use,
    limit_anonymous_checks,
    limit_writes,
    read_limited_body,
    run_while_connected,
)

ORDER = 20
router = APIRouter(include_in_schema=False)
Service = Annotated[BildungsGraph, Depends(get_service)]
Config = Annotated[Settings, Depends(get_settings)]
ContributionId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,100}$")]
UploadId = Annotated[str, Path(max_length=100)]

COOKIE = "bildungsgraph_session"
COOKIE_PATH = "/contribute"
# a signed-in session is sent to the actor pages too (they show its contact persons), under
# a name of its own so that no client holds two cookies of one name
ACTOR_COOKIE, ACTOR_COOKIE_PATH = "bildungsgraph_actor_session", "/actors"
SMALL_FORM_BYTES = 16_384
ACCEPTED = ".csv,.tsv,.txt,.xlsx,.ttl,.nt,.jsonld,.json,.rdf"
DONE = ("stored", "duplicate", "verified", "withdrawn", "restored")
_NEXT = re.compile(r"^/contribute(?:/[A-Za-z0-9_-]+)*$")


def page_errors(messages: dict[int, str]) -> Any:
    """The error page of a /contribute page: its messages (``contribute.err.*``) by status."""
    return Depends(
        ErrorTexts(
            dict.fromkeys(messages, "contribute.error"),
            {status: f"contribute.err.{key}" for status, key in messages.items()},
        )
    )


UPLOAD_ERRORS = page_errors({404: "unknown_upload"})
CONTRIBUTION_ERRORS = page_errors({404: "unknown_contribution"})


@dataclass(frozen=True)
class Visitor:
    """The session of a request and its account (None before sign-in)."""

    session_id: str
    session: Session
    account: Account | None
    new: bool = False  # the cookie still has to be set


def visitor_of(request: Request, service: BildungsGraph) -> Visitor:
    """The request's live session, or a new anonymous one."""
    session_id = request.cookies.get(COOKIE, "")
    found = service.sessions.get(session_id) if session_id else None
    if found is not None:
        return Visitor(session_id, *found)
    session_id, session = service.sessions.open()
    return Visitor(session_id, session, None, new=True)


def _posted(request: Request, service: BildungsGraph, form: FormData) -> Visitor | None:
    """The session of a POST whose CSRF token matches; None otherwise."""
    session_id = request.cookies.get(COOKIE, "")
    found = service.sessions.get(session_id) if session_id else None
    token = form.get("csrf_token")
    if found is None or not isinstance(token, str) or not found[0].csrf_matches(token):
        return None
    return Visitor(session_id, *found)


def _with_cookie(response: Response, request: Request, visitor: Visitor | None) -> Response:
    response.headers["Cache-Control"] = "no-store"
    if visitor is not None and visitor.new:
        seconds = int((visitor.session.expires - datetime.now(UTC)).total_seconds())
        cookies = [(COOKIE, COOKIE_PATH)]
        if visitor.session.account_id is not None:
            cookies.append((ACTOR_COOKIE, ACTOR_COOKIE_PATH))
        for name, path in cookies:
            response.set_cookie(
                name,
                visitor.session_id,
                max_age=seconds,
                path=path,
                httponly=True,
                samesite="strict",
                secure=request.url.scheme == "https",
            )
    return response


def contribute_page(
    request: Request, template: str, visitor: Visitor | None, status: int = 200, **context: Any
) -> Response:
    response = render(
        request,
        f"contribute/{template}",
        status_code=status,
        account=visitor.account if visitor else None,
        csrf_token=visitor.session.csrf_token if visitor else "",
        **context,
    )
    return _with_cookie(response, request, visitor)


def message_page(
    request: Request, status: int, key: str, visitor: Visitor | None = None, **values: Any
) -> Response:
    """An error page with one message (``contribute.err.*``) in the page language."""
    text = translate(f"contribute.err.{key}", choose_language(request)).format(**values)
    return contribute_page(request, "message.html", visitor, status, message=text)


def redirect_to(
    request: Request, path: str, visitor: Visitor | None = None, **params: Any
) -> Response:
    response = RedirectResponse(local_url(request, path, **params), status_code=303)
    return _with_cookie(response, request, visitor)


def _too_many(
    request: Request, error: TooManyRequestsError, visitor: Visitor | None = None
) -> Response:
    """429 with Retry-After and the limit's message in the page language."""
    text = error.message_de if choose_language(request) == "de" else error.message_en
    response = contribute_page(request, "message.html", visitor, 429, message=text)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


async def account_write(request: Request, service: BildungsGraph) -> Visitor | Response:
    """The signed-in visitor of a write POST, or the refusal: 403 without a matching CSRF
    token, 401 without sign-in, 429 over the account's write limit."""
    visitor = _posted(request, service, await _small_form(request))
    if visitor is None:
        return message_page(request, 403, "csrf")
    if visitor.account is None:
        return message_page(request, 401, "sign_in", visitor)
    try:
        limit_writes(request, visitor.account)
    except TooManyRequestsError as error:
        return _too_many(request, error, visitor)
    return visitor


async def _small_form(request: Request) -> FormData:
    await read_limited_body(request, SMALL_FORM_BYTES)
    return await request.form(max_files=0, max_fields=10)


# -- start page, sign-in, sign-out ---------------------------------------------------------


@router.get("/contribute", response_class=HTMLResponse)
def page_contribute(request: Request, service: Service, settings: Config) -> Response:
    """Explanation, templates, the upload form and the sign-in state."""
    return contribute_page(
        request,
        "index.html",
        visitor_of(request, service),
        templates=service.contributions.templates(),
        max_size=megabytes(settings.max_upload_bytes),
        max_rows=settings.max_rows_per_contribution,
        accepted=ACCEPTED,
    )


@router.get("/contribute/sign-in", response_class=HTMLResponse)
def page_sign_in(
    request: Request, service: Service, next: Annotated[str, Query(max_length=200)] = ""
) -> Response:
    visitor = visitor_of(request, service)
    hours = int(service.accounts.sessions.lifetime.total_seconds() // 3600)
    return contribute_page(request, "sign_in.html", visitor, next=next, hours=hours, failed=False)


@router.post("/contribute/sign-in", response_class=HTMLResponse)
async def page_sign_in_post(request: Request, service: Service) -> Response:
    """Exchange a valid token for a new session (the old, anonymous one ends). Failed
    attempts make the client's address wait (429), see ``api_auth.authenticate``."""
    form = await _small_form(request)
    visitor = _posted(request, service, form)
    if visitor is None:
        return message_page(request, 403, "csrf")
    token, target = str(form.get("token", "")).strip(), str(form.get("next", ""))
    try:
        account = authenticate(request, service, token)
    except TooManyRequestsError as error:
        return _too_many(request, error, visitor)
    if account is None:
        hours = int(service.accounts.sessions.lifetime.total_seconds() // 3600)
        return contribute_page(
            request, "sign_in.html", visitor, 422, next=target, hours=hours, failed=True
        )
    opened = service.sessions.sign_in(account)
    service.sessions.close(visitor.session_id)
    signed_in = Visitor(opened[0], opened[1], None, new=True)
    return redirect_to(request, target if _NEXT.match(target) else "/contribute", signed_in)


@router.post("/contribute/sign-out", response_class=HTMLResponse)
async def page_sign_out(request: Request, service: Service) -> Response:
    form = await _small_form(request)
    visitor = _posted(request, service, form)
    if visitor is None:
        return message_page(request, 403, "csrf")
    service.sessions.close(visitor.session_id)
    response = redirect_to(request, "/contribute")
    for name, path in ((COOKIE, COOKIE_PATH), (ACTOR_COOKIE, ACTOR_COOKIE_PATH)):
        response.delete_cookie(name, path=path, httponly=True, samesite="strict")
    return response


# -- check, report, confirm -----------------------------------------------------------------


@router.post("/contribute/check", response_class=HTMLResponse)
async def page_check(request: Request, service: Service, settings: Config) -> Response:
    """Validate uploaded files (a dry run), stage them and show the report.

    The limits come before the work: the check rate (per account, or per client address
    without sign-in) before the body is read, the staging quota before the files are read.
    """
    session_id = request.cookies.get(COOKIE, "")
    found = service.sessions.get(session_id) if session_id else None
    try:
        if found is not None and found[1] is not None:
            limit_writes(request, found[1])
        else:
            limit_anonymous_checks(request)
    except TooManyRequestsError as error:
        return _too_many(request, error)
    try:
        await read_limited_body(request, settings.max_upload_bytes)
    except HTTPException:
        return message_page(request, 413, "too_large", size=megabytes(settings.max_upload_bytes))
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return message_page(request, 415, "not_multipart")
    async with request.form(max_files=100, max_fields=10) as form:
        visitor = _posted(request, service, form)
        if visitor is None:
            return message_page(request, 403, "csrf")
        files = [
            (value.filename or "upload", await value.read())
            for value in form.getlist("files")
            if isinstance(value, UploadFile) and value.filename
        ]
        title = str(form.get("title", "")).strip()[:200] or None
    if not files:
        return message_page(request, 422, "no_files", visitor)
    try:
        staged = await run_while_connected(
            request,
            service.contributions.stage,
            files,
            visitor.account,
            title=title,
            max_rows=settings.max_rows_per_contribution,
            client=client_address(request),
            quota=fair_use(request).staging,
        )
    except TooManyRequestsError as error:
        return _too_many(request, error, visitor)
    return redirect_to(request, f"/contribute/uploads/{staged.id}")


@router.get(
    "/contribute/uploads/{upload_id}", response_class=HTMLResponse, dependencies=[UPLOAD_ERRORS]
)
def page_upload_report(upload_id: UploadId, request: Request, service: Service) -> Response:
    """The report of a staged upload, grouped per file, with the confirm button."""
    visitor = visitor_of(request, service)
    staged = service.contributions.staged(upload_id, visitor.account)
    return contribute_page(request, "report.html", visitor, staged=staged)


@router.post(
    "/contribute/uploads/{upload_id}/confirm",
    response_class=HTMLResponse,
    dependencies=[UPLOAD_ERRORS],
)
async def page_confirm(
    upload_id: UploadId, request: Request, service: Service, settings: Config
) -> Response:
    """Store a staged upload as the signed-in account's contribution (whole or not at all)."""
    visitor = await account_write(request, service)
    if isinstance(visitor, Response):
        return visitor
    assert visitor.account is not None  # account_write refuses visitors not signed in
    outcome = await run_in_threadpool(
        service.contributions.confirm,
        upload_id,
        visitor.account,
        settings.max_rows_per_contribution,
    )
    if outcome.graph is None:  # refused on checking again: the page shows the new report
        return redirect_to(request, f"/contribute/uploads/{upload_id}")
    done = "stored" if outcome.stored else "verified" if outcome.verified_at else "duplicate"
    return redirect_to(request, f"/contribute/mine/{outcome.graph.rsplit('/', 1)[-1]}", done=done)


# -- the account's contributions ------------------------------------------------------------


@router.get("/contribute/mine", response_class=HTMLResponse)
def page_mine(request: Request, service: Service) -> Response:
    visitor = visitor_of(request, service)
    if visitor.account is None:
        return redirect_to(request, "/contribute/sign-in", visitor, next="/contribute/mine")
    return contribute_page(
        request,
        "mine.html",
        visitor,
        items=service.contributions.of_account(visitor.account),
        days=WITHDRAWAL_RETENTION.days,
    )


@router.get(
    "/contribute/mine/{contribution_id}",
    response_class=HTMLResponse,
    dependencies=[CONTRIBUTION_ERRORS],
)
def page_own_contribution(
    contribution_id: ContributionId,
    request: Request,
    service: Service,
    done: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """One contribution: files, report, links, withdraw or restore."""
    visitor = visitor_of(request, service)
    path = f"/contribute/mine/{contribution_id}"
    if visitor.account is None:
        return redirect_to(request, "/contribute/sign-in", visitor, next=path)
    item = service.contributions.own(contribution_id, visitor.account)
    return contribute_page(
        request,
        "contribution.html",
        visitor,
        item=item,
        days=WITHDRAWAL_RETENTION.days,
        done=done if done in DONE else "",
    )


@router.get(
    "/contribute/mine/{contribution_id}/withdraw",
    response_class=HTMLResponse,
    dependencies=[CONTRIBUTION_ERRORS],
)
def page_withdraw_confirmation(
    contribution_id: ContributionId, request: Request, service: Service
) -> Response:
    visitor = visitor_of(request, service)
    if visitor.account is None:
        return redirect_to(
            request, "/contribute/sign-in", visitor, next=f"/contribute/mine/{contribution_id}"
        )
    item = service.contributions.own(contribution_id, visitor.account)
    return contribute_page(
        request, "withdraw.html", visitor, item=item, days=WITHDRAWAL_RETENTION.days
    )


@router.post(
    "/contribute/mine/{contribution_id}/withdraw",
    response_class=HTMLResponse,
    dependencies=[page_errors({403: "not_yours", 404: "unknown_contribution"})],
)
async def page_withdraw(
    contribution_id: ContributionId, request: Request, service: Service
) -> Response:
    """Withdraw a contribution (undoable for the retention period)."""
    return await _withdraw_or_restore(request, service, contribution_id, "withdraw")


@router.post(
    "/contribute/mine/{contribution_id}/restore",
    response_class=HTMLResponse,
    dependencies=[page_errors({403: "not_yours", 404: "not_restorable"})],
)
async def page_restore(
    contribution_id: ContributionId, request: Request, service: Service
) -> Response:
    """Restore a withdrawn contribution within the retention period."""
    return await _withdraw_or_restore(request, service, contribution_id, "restore")


async def _withdraw_or_restore(
    request: Request, service: BildungsGraph, contribution_id: str, action: str
) -> Response:
    visitor = await account_write(request, service)
    if isinstance(visitor, Response):
        return visitor
    assert visitor.account is not None  # account_write refuses visitors not signed in
    change = (
        service.contributions.withdraw if action == "withdraw" else service.contributions.restore
    )
    await run_in_threadpool(change, contribution_id, visitor.account)
    done = "withdrawn" if action == "withdraw" else "restored"
    return redirect_to(request, f"/contribute/mine/{contribution_id}", done=done)
