"""``/``: the start page with the search; ``/search`` (page) and ``/api/search`` (JSON)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from ...readmodel import pages
from ...records.search import MAX_QUERY_LENGTH, SEARCH_KINDS
from ..deps import CurrentView
from ..i18n import choose_language
from ..problems import ErrorTexts
from ..templating import render
from .api_common import ERRORS, PAGE_ERRORS, json_response

ORDER = 10
router = APIRouter(tags=["Seiten / pages"])
# Checked by the search (a too long text gets the error page), documented here.
Text = Annotated[
    str,
    Query(description="Suchtext / search text", json_schema_extra={"maxLength": MAX_QUERY_LENGTH}),
]
Kind = Annotated[
    str, Query(description="empty for all", json_schema_extra={"enum": ["", *SEARCH_KINDS]})
]
PageNumber = Annotated[int, Query(ge=1, le=10_000)]
PageSize = Annotated[int, Query(ge=1, le=100)]


@router.get("/", response_class=HTMLResponse, summary="Startseite / start page")
def page_start(request: Request, view: CurrentView) -> HTMLResponse:
    """Search, entry points and what the graph holds (German; ``?lang=en`` for English)."""
    return render(request, "pages/start.html", stats=pages.stats(view))


@router.get(
    "/search",
    response_class=HTMLResponse,
    summary="Suche / search",
    responses=PAGE_ERRORS,
    dependencies=[Depends(ErrorTexts({422: "search.invalid"}))],
)
def page_search(
    request: Request, view: CurrentView, q: Text = "", kind: Kind = "", page: PageNumber = 1
) -> HTMLResponse:
    """Actors, offers and Kommunen by name (``/api/search`` has the same as JSON)."""
    result = pages.find(view, q, kind or None, lang=choose_language(request), page=page)
    return render(request, "pages/search.html", result=result)


@router.get("/api/search", summary="Suche / search", responses=ERRORS)
def api_search(
    request: Request,
    view: CurrentView,
    q: Text = "",
    kind: Kind = "",
    page: PageNumber = 1,
    page_size: PageSize = 20,
) -> JSONResponse:
    """Ranked hits: exact names first, then names starting with the text, then names with
    words starting with its words, then names and last descriptions containing them. Each hit
    has the page (`href`) and the JSON record (`data_href`)."""
    lang = choose_language(request)
    result = pages.find(view, q, kind or None, lang=lang, page=page, page_size=page_size)
    return json_response(result.to_json(), lang)
