"""``/kommunen/vergleich?k=…&k=…``: 2 to 5 Kommunen side by side (``/api/kommunen/compare``
as HTML)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...errors import InvalidParameterError
from ...readmodel import compare, network, pages
from ..deps import CurrentView
from ..i18n import choose_language
from ..templating import render
from .api_common import PAGE_ERRORS, allowed_values

# before kommune_pages (20): its /kommunen/{key} would take /kommunen/vergleich
ORDER = 19
router = APIRouter(tags=["Seiten / pages"], responses=PAGE_ERRORS)
Keys = Annotated[
    list[str] | None,
    Query(
        description="2 to 5 keys of Kreise, kreisfreie Städte or Gemeinden (repeated; empty "
        "values and repeats are left out; none: only the form)",
        json_schema_extra={
            **allowed_values("kreis-or-gemeinde", blank=True),
            "maxItems": compare.MOST,
            "uniqueItems": True,
        },
    ),
]


@router.get(
    "/kommunen/vergleich",
    response_class=HTMLResponse,
    summary="Kommunen vergleichen / compare Kommunen",
)
def page_compare(request: Request, view: CurrentView, k: Keys = None) -> HTMLResponse:
    """The chosen Kommunen side by side (key figures, per 1,000 inhabitants, gap cells,
    network figures) with a form to add and remove Kommunen; with fewer than 2 only the form
    (with one: a hint to choose another), 422 with the form for more than 5 Kommunen, NRW or
    unknown keys."""
    lang = choose_language(request)
    keys = compare.chosen_keys(k or [])
    names = network.vocabulary(view).kommune_names
    context: dict[str, Any] = {
        "chosen": [{"key": key, "name": names.get(key, key)} for key in keys],
        "directory": pages.directory(view, gemeinden=True),
        "most": compare.MOST,
        "api": "/api/kommunen/compare?" + urlencode({"k": keys}, doseq=True),
    }
    try:
        if len(keys) < compare.FEWEST:  # the form, with the Kommunen chosen so far
            compare.check_keys(view, keys)
            return render(
                request,
                "pages/compare.html",
                comparison=None,
                error=None,
                need=bool(keys),
                **context,
            )
        comparison = compare.compare(view, keys, lang)
    except InvalidParameterError as error:
        return render(
            request,
            "pages/compare.html",
            status_code=422,
            comparison=None,
            error=str(error),
            need=False,
            **context,
        )
    return render(
        request, "pages/compare.html", comparison=comparison, error=None, need=False, **context
    )
