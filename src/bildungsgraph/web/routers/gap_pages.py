"""``/gaps?kommune=&life_phase=``: the gap dashboard (matrix, gaps with partners, quality)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...readmodel import gaps, pages
from ..deps import CurrentView
from ..i18n import choose_language
from ..templating import render
from .api_common import PAGE_ERRORS, allowed_values, concept, problem_responses
from .kommune_pages import KOMMUNE_ERRORS

ORDER = 20
router = APIRouter(tags=["Seiten / pages"], responses=PAGE_ERRORS, dependencies=[KOMMUNE_ERRORS])
Key = Annotated[
    str | None,
    Query(
        max_length=20,
        description="Kreisschlüssel or AGS; empty or 05 = NRW",
        json_schema_extra=allowed_values("land-kreis-or-gemeinde", blank=True),
    ),
]
Slug = Annotated[str | None, concept("life-phase", blank=True)]


@router.get(
    "/gaps",
    response_class=HTMLResponse,
    summary="Lücken-Dashboard / gap dashboard",
    responses=problem_responses(404, html=True),
)
def page_gaps(
    request: Request,
    view: CurrentView,
    kommune: Key = None,
    life_phase: Slug = None,
    confirmed_only: Annotated[
        bool,
        Query(
            description="candidate partners: only confirmed cooperations count as existing ties",
        ),
    ] = False,
) -> HTMLResponse:
    """The gap matrix with its flags, the gaps with candidate partners, hints and data
    quality for a Kommune (a Kreis with its Gemeinden; none = all of NRW)."""
    lang = choose_language(request)
    key = None if kommune in (None, "", "05") else kommune
    report = gaps.gap_analysis(view, key, life_phase or None, None, confirmed_only)
    return render(
        request,
        "pages/gaps.html",
        report=report,
        heatmap=pages.kommune_heatmap(view, key or "05", lang),
        directory=pages.directory(view, gemeinden=True),
        choices=pages.filter_choices(view, lang),
        life_phase=life_phase or "",
    )
