"""Contact persons, for the accounts whose Kommunen cover the actor: ``/api/contacts`` (bearer
token; JSON or CSV) and ``/contribute/contacts.csv`` (the signed-in session of the contribute
pages). ``viewer`` names the account of a request, so the actor page can show its block.

Without an account the routes answer 401 and pages show nothing, not even a count. Every
answer that may hold contact persons is ``Cache-Control: private, no-store``.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from ...accounts import Account
from ...contacts import contacts_csv
from ...service import BildungsGraph
from ..deps import CurrentView, Service
from .api_auth import bearer_account, unauthorized
from .api_common import CSV, problem_responses
from .contribute_pages import ACTOR_COOKIE, COOKIE

ORDER = 15  # before the contribute pages: /contribute/contacts.csv is no page of theirs
router = APIRouter(tags=["Ansprechpersonen / Contact persons"])
Kommune = Annotated[
    str | None,
    Query(max_length=8, pattern=r"^05[0-9]{0,6}$", description="only actors in this Kommune (key)"),
]


def viewer(request: Request, service: BildungsGraph) -> Account | None:
    """The account of a request: its bearer token, else its signed-in session; else None."""
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return bearer_account(request, service)
    session_id = request.cookies.get(ACTOR_COOKIE) or request.cookies.get(COOKIE, "")
    found = service.sessions.get(session_id) if session_id else None
    return found[1] if found else None


_R = TypeVar("_R", bound=Response)


def private(response: _R) -> _R:
    """Mark a response that depends on the account (it may hold contact persons)."""
    response.headers["Cache-Control"] = "private, no-store"
    vary = response.headers.get("Vary")
    response.headers["Vary"] = f"{vary}, Authorization, Cookie" if vary else "Authorization, Cookie"
    return response


def _reader(request: Request, service: BildungsGraph) -> Account:
    account = viewer(request, service)
    if account is None:
        raise unauthorized(
            "Ansprechpersonen sehen nur angemeldete Konten (Authorization: "
            "Bearer …) / Contact persons are shown to signed-in accounts only"
        )
    return account


def _download(text: str, name: str) -> Response:
    return private(
        Response(
            text.encode("utf-8-sig"),
            media_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    )


@router.get(
    "/api/contacts",
    summary="Ansprechpersonen / Contact persons",
    responses={
        200: {"content": {"application/json": {}, f"{CSV}; charset=utf-8": {}}},
        **problem_responses(401, 422, 429),
    },
)
def api_contacts(
    request: Request,
    service: Service,
    view: CurrentView,
    kommune: Kommune = None,
    representation: Annotated[Literal["json", "csv"], Query(alias="as")] = "json",
) -> Response:
    """The contact persons of the actors the account's Kommunen cover (``kommune``: of one
    Kommune's actors). Personal data: never in ``/sparql``, dumps, Linked Data or exports."""
    account = _reader(request, service)
    people = service.contacts.of_account(view, account, kommune)
    if representation == "csv":
        return _download(contacts_csv(people), f"ansprechpersonen-{kommune or 'alle'}.csv")
    return private(
        JSONResponse(
            {
                "total": len(people),
                "kommune": kommune,
                "items": [person.to_json() for person in people],
            }
        )
    )


@router.get("/contribute/contacts.csv", include_in_schema=False)
def contribute_contacts(request: Request, service: Service, view: CurrentView) -> Response:
    """The download on "Meine Beiträge": every contact person the signed-in account sees."""
    session_id = request.cookies.get(COOKIE, "")
    found = service.sessions.get(session_id) if session_id else None
    if found is None or found[1] is None:
        raise HTTPException(401, "Bitte melden Sie sich an / Please sign in")
    return _download(
        contacts_csv(service.contacts.of_account(view, found[1])), "ansprechpersonen.csv"
    )
