"""``/``: the start page, the entry points into the service for people."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ...service import BildungsGraph
from ..deps import get_service
from ..templating import render

ORDER = 10
router = APIRouter(tags=["Seiten / pages"])


@router.get("/", response_class=HTMLResponse, summary="Startseite / start page")
def page_start(
    request: Request, service: Annotated[BildungsGraph, Depends(get_service)]
) -> HTMLResponse:
    """What the graph holds and where to go from here (German; ``?lang=en`` for English)."""
    return render(request, "pages/start.html", stats=service.stats())
