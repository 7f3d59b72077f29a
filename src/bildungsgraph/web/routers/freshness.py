"""A Kommune's freshness: ``/kommunen/{key}/aktualitaet`` (page) and
``/api/kommunen/{key}/freshness`` (JSON, ``?as=csv``): records not verified within a period,
the share of fresh records, references to closed schools (``readmodel.freshness``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ...exports.freshness import freshness_table
from ...readmodel import freshness as fresh
from ..deps import CurrentView, get_settings
from ..templating import render
from .api_common import (
    CSV,
    ERRORS,
    PAGE_ERRORS,
    json_response,
    language,
    problem_responses,
    table_response,
    wants,
)
from .kommune_pages import KOMMUNE_ERRORS, KommuneKey

ORDER = 25
router = APIRouter(responses=ERRORS)
PAGE_SIZE = 50
if TYPE_CHECKING:  # mypy cannot read a Literal built at run time
    KindName = str
else:
    KindName = Literal[fresh.KINDS]
Kind = Annotated[KindName | None, Query(description="only records of this kind")]
Months = Annotated[
    int | None,
    Query(
        ge=1,
        le=fresh.MAX_MONTHS,
        description="not verified for more than this many months: outdated "
        "(default BILDUNGSGRAPH_FRESHNESS_MONTHS, 12)",
    ),
]
PageNumber = Annotated[int, Query(ge=1, le=100_000)]


def _months(request: Request, months: int | None) -> int:
    return months or get_settings(request).freshness_months


@router.get(
    "/api/kommunen/{key}/freshness",
    tags=["Kommunen"],
    summary="Aktualität einer Kommune / a Kommune's freshness",
    responses={
        200: {
            "content": {
                "application/json": {},
                f"{CSV}; charset=utf-8": {"schema": {"type": "string"}},
            }
        },
        **problem_responses(404),
    },
)
def api_freshness(
    request: Request,
    view: CurrentView,
    key: KommuneKey,
    months: Months = None,
    kind: Kind = None,
    page: PageNumber = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = PAGE_SIZE,
    as_: Annotated[
        Literal["json", "csv"] | None,
        Query(alias="as", description="csv: every flagged and outdated record as a file"),
    ] = None,
) -> Response:
    """The records located in the Kommune that were not verified for more than `months`
    (oldest first, paged), the share of fresh records per kind and overall, and the
    cooperations, memberships and offers that name a school closed since."""
    result = fresh.freshness(view, key, _months(request, months), fresh.today())
    if wants(request, CSV):
        return table_response(freshness_table(view, result, kind), "csv")
    return json_response(fresh.to_json(result, kind, page, page_size), language(request))


@router.get(
    "/kommunen/{key}/aktualitaet",
    response_class=HTMLResponse,
    tags=["Seiten / pages"],
    summary="Aktualität / freshness page",
    responses={**PAGE_ERRORS, **problem_responses(404, html=True)},
    dependencies=[KOMMUNE_ERRORS],
)
def page_freshness(
    request: Request,
    view: CurrentView,
    key: KommuneKey,
    months: Months = None,
    kind: Kind = None,
    page: PageNumber = 1,
) -> HTMLResponse:
    """The closed-school flags, the shares and the outdated records of a Kommune (paged,
    filtered by kind)."""
    chosen = _months(request, months)
    result = fresh.freshness(view, key, chosen, fresh.today())
    items, total = fresh.outdated_page(result, kind, page, PAGE_SIZE)
    return render(
        request,
        "pages/freshness.html",
        result=result,
        items=items,
        kind=kind or "",
        kinds=fresh.KINDS,
        listing={"total": total, "page": page, "page_size": PAGE_SIZE},
        months=chosen,
    )
