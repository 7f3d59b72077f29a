"""``/gaps?kommune=&life_phase=``: the gap dashboard (matrix, gaps with partners, quality)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ...errors import InvalidParameterError, NotFoundError
from ...service import BildungsGraph
from ..deps import get_service
from ..i18n import choose_language
from ..templating import render
from .kommune_pages import problem_page

ORDER = 20
router = APIRouter(tags=["Seiten / pages"])
Service = Annotated[BildungsGraph, Depends(get_service)]
Key = Annotated[str | None, Query(max_length=20, description="Kreisschlüssel or AGS")]
Slug = Annotated[str | None, Query(pattern=r"^[a-z0-9-]{0,60}$", description="life phase slug")]


@router.get("/gaps", response_class=HTMLResponse, summary="Lücken-Dashboard / gap dashboard")
def page_gaps(
    request: Request, service: Service, kommune: Key = None, life_phase: Slug = None
) -> HTMLResponse:
    """The gap matrix with its flags, the gaps with candidate partners, hints and data
    quality for a Kommune (a Kreis with its Gemeinden; none = all of NRW)."""
    lang = choose_language(request)
    key = None if kommune in (None, "", "05") else kommune
    try:
        report = service.gap_report(key, life_phase or None)
    except (NotFoundError, InvalidParameterError) as error:
        return problem_page(request, error, lang)
    return render(
        request,
        "pages/gaps.html",
        report=report,
        heatmap=service.kommune_heatmap(key or "05", lang),
        directory=service.kommune_directory(gemeinden=True),
        choices=service.kommune_filter_choices(lang),
        life_phase=life_phase or "",
    )
