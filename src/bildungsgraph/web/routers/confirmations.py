"""/api/confirmations and /contribute/confirmations: the claims an account is asked to
confirm or dispute ("Zu bestätigen"), and its decisions.

Both need an account: the API a bearer token (as ``/api/contributions``; listing is no write,
deciding counts as one), the page a signed-in session with the CSRF token on every POST
(the session handling of ``contribute_pages``). A decision is
``POST /api/confirmations/{cooperation}/{partner}`` with ``decision`` (confirmed | disputed)
and, for a dispute, ``reason``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from ...accounts import Account
from ...errors import InvalidParameterError
from ...service import BildungsGraph
from ...service.confirmations import MAX_REASON, Claim
from ..deps import get_service
from ..i18n import choose_language
from .api_auth import limit_writes, require_reader
from .api_common import CSV, csv_response, language, problem_responses, wants
from .contribute_pages import (
    Visitor,
    account_write,
    contribute_page,
    page_errors,
    redirect_to,
    visitor_of,
)

ORDER = 19  # before /contribute/{…} catch-alls of the contribute pages
router = APIRouter()
Service = Annotated[BildungsGraph, Depends(get_service)]
Kennung = Annotated[str, Path(pattern=r"^[A-Za-z0-9._-]{1,200}$")]
TAGS: list[str | Any] = ["Bestätigungen / Confirmations"]
DONE = ("confirmed", "disputed")


class DecisionBody(BaseModel):
    """A decision on a claimed partner."""

    decision: Literal["confirmed", "disputed"]
    reason: str | None = Field(
        None, max_length=MAX_REASON, description="required for disputed / Pflicht beim Bestreiten"
    )


Reader = Annotated[Account, Depends(require_reader)]


def _claim_json(claim: Claim) -> dict[str, Any]:
    return claim.to_json() | {
        "decide": f"/api/confirmations/{claim.kennung}/{claim.partner.kennung}"
    }


@router.get(
    "/api/confirmations",
    tags=TAGS,
    summary="Zu bestätigen / Claims to confirm",
    responses={
        200: {"content": {"application/json": {}, CSV: {}}},
        **problem_responses(401, 422, 429),
    },
)
def api_confirmations(
    request: Request,
    service: Service,
    account: Reader,
    as_: Annotated[
        str | None,
        Query(alias="as", pattern="^(json|csv)$", description="csv instead of the Accept header"),
    ] = None,
) -> Response:
    """The cooperations contributed elsewhere that name a partner in the account's Kommunen
    and wait for its decision (``outdated``: decided for an earlier version), and the
    account's earlier decisions (``decided``; not in the CSV)."""
    lang = language(request)
    claims = service.confirmations.pending(account, lang)
    if wants(request, CSV):
        return csv_response([claim.row() for claim in claims], lang)
    decided = [d.to_json() for d in service.confirmations.decided(account)]
    return JSONResponse(
        {"total": len(claims), "items": [_claim_json(c) for c in claims], "decided": decided}
    )


@router.post(
    "/api/confirmations/{cooperation}/{partner}",
    tags=TAGS,
    summary="Bestätigen oder bestreiten / Confirm or dispute",
    responses={
        200: {"content": {"application/json": {}}},
        **problem_responses(400, 401, 403, 404, 422, 429),
    },
)
def api_decide(
    cooperation: Kennung,
    partner: Kennung,
    body: DecisionBody,
    request: Request,
    service: Service,
    account: Reader,
) -> JSONResponse:
    """Decide for the claimed ``partner`` (Kennung) of ``cooperation`` (Kennung); replaces
    the account's earlier decision. Stored with PROV in ``graph/confirmation/{h}``."""
    limit_writes(request, account)
    made = service.confirmations.decide(account, cooperation, partner, body.decision, body.reason)
    return JSONResponse(made.to_json())


# -- the page ------------------------------------------------------------------------------


@router.get("/contribute/confirmations", response_class=HTMLResponse, include_in_schema=False)
def page_confirmations(
    request: Request,
    service: Service,
    done: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """The claims to decide with confirm / dispute forms, and the earlier decisions."""
    visitor = visitor_of(request, service)
    if visitor.account is None:
        return redirect_to(
            request, "/contribute/sign-in", visitor, next="/contribute/confirmations"
        )
    return _listing(request, service, visitor, done=done if done in DONE else "")


def _listing(
    request: Request, service: BildungsGraph, visitor: Visitor, status: int = 200, **context: Any
) -> Response:
    account = visitor.account
    assert account is not None  # signed in: the callers checked
    shown = {"done": "", "error": None, "failed": None, "reason": ""} | context
    return contribute_page(
        request,
        "confirmations.html",
        visitor,
        status,
        claims=service.confirmations.pending(account, choose_language(request)),
        decided=service.confirmations.decided(account),
        max_reason=MAX_REASON,
        **shown,
    )


@router.post(
    "/contribute/confirmations/{cooperation}/{partner}",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[page_errors({403: "confirm_not_covered", 404: "confirm_unknown"})],
)
async def page_decide(
    cooperation: Kennung,
    partner: Kennung,
    request: Request,
    service: Service,
) -> Response:
    """Confirm or dispute one claim (CSRF token, signed in, write limit)."""
    visitor = await account_write(request, service)
    if isinstance(visitor, Response):
        return visitor
    assert visitor.account is not None  # account_write refuses visitors not signed in
    form = await request.form()  # read (and limited) by ``account_write``
    decision, reason = str(form.get("decision", "")), str(form.get("reason", ""))
    try:
        await run_in_threadpool(
            service.confirmations.decide, visitor.account, cooperation, partner, decision, reason
        )
    except InvalidParameterError as error:  # the listing again, with the message at the claim
        de, _, en = str(error).partition(" / ")
        text = de if choose_language(request) == "de" or not en else en
        return _listing(
            request,
            service,
            visitor,
            422,
            error=text,
            failed=(cooperation, partner),
            reason=reason[:MAX_REASON],
        )
    return redirect_to(request, "/contribute/confirmations", visitor, done=decision)
