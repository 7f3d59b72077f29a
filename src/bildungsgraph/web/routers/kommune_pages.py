"""``/kommunen`` (choose a Kommune) and ``/kommunen/{key}`` (a Kommune's page)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...readmodel import changes, freshness, network, pages
from ...records import RecordQuery
from ...visualisation.builder import ViewSettings
from ...visualisation.maps import DEFAULT_INDICATOR, INDICATORS
from ..deps import CurrentView, get_settings
from ..i18n import choose_language
from ..problems import ErrorTexts
from ..templating import local_url, render
from .api_common import DATE_SCHEMA, PAGE_ERRORS, concept, problem_responses

ORDER = 20
PAGE_SIZE = 20
CHANGES_LISTED = 20  # records per list of the section "Entwicklung" (the JSON has more)
# The error page of a Kommune's pages: 404 for an unknown Kommune, 422 for a bad parameter.
KOMMUNE_ERRORS = Depends(ErrorTexts({404: "kommune.not_found", 422: "kommune.invalid"}))
router = APIRouter(tags=["Seiten / pages"], responses=PAGE_ERRORS, dependencies=[KOMMUNE_ERRORS])
KommuneKey = Annotated[
    str, Path(max_length=20, description="05 (NRW), Regierungsbezirk, Kreisschlüssel or AGS")
]
Indicator = Annotated[
    str,
    Query(
        pattern=r"^[a-z0-9_]{1,40}$",
        description="map indicator",
        json_schema_extra={"enum": list(INDICATORS)},
    ),
]
Text = Annotated[str | None, Query(max_length=100)]
PageNumber = Annotated[int, Query(ge=1, le=10_000)]
# the section "Entwicklung": empty = the default period; checked by the page (422 with it)
DAY = {"anyOf": [{"enum": [""]}, DATE_SCHEMA]}


@router.get("/kommunen", response_class=HTMLResponse, summary="Meine Kommune / choose a Kommune")
def page_kommunen(request: Request, view: CurrentView, q: Text = None) -> HTMLResponse:
    """The Regierungsbezirke with their Kreise and kreisfreie Städte (``q`` filters by name,
    Gemeinden included) and the map of the 53 Kreise."""
    lang = choose_language(request)
    return render(
        request,
        "pages/kommunen.html",
        groups=pages.directory(view, q),
        q=q or "",
        map=pages.kommune_map(view, "05", DEFAULT_INDICATOR, lang),
    )


@router.get(
    "/kommunen/{key}",
    response_class=HTMLResponse,
    summary="Kommune / Kommune page",
    responses={
        303: {"description": "``kommune``: that Kommune's page"},
        **problem_responses(404, html=True),
    },
)
def page_kommune(
    request: Request,
    view: CurrentView,
    key: KommuneKey,
    indicator: Indicator = DEFAULT_INDICATOR,
    actor_type: Annotated[str | None, concept("actor-type", blank=True)] = None,
    life_phase: Annotated[str | None, concept("life-phase", blank=True)] = None,
    topic: Annotated[str | None, concept("topic", blank=True)] = None,
    q: Text = None,
    actors_page: PageNumber = 1,
    offers_page: PageNumber = 1,
    kommune: Annotated[str | None, Query(max_length=20, description="open this Kommune")] = None,
    community: Annotated[int | None, Query(ge=0, description="network: one community")] = None,
    from_date: Annotated[
        str | None,
        Query(
            alias="from",
            max_length=100,
            json_schema_extra=DAY,
            description="Entwicklung: first day",
        ),
    ] = None,
    to_date: Annotated[
        str | None,
        Query(
            alias="to", max_length=100, json_schema_extra=DAY, description="Entwicklung: last day"
        ),
    ] = None,
) -> Response:
    """Key figures, population, gap heat map, map, cooperation network, actors and offers
    (filters ``actor_type``, ``life_phase``, ``topic``, ``q`` for the lists and the network;
    paged), the development between the days ``from`` and ``to`` (default: the last year).
    ``kommune`` (a network group's expand parameter) opens that Kommune's page."""
    lang = choose_language(request)
    filters = {"actor_type": actor_type, "life_phase": life_phase, "topic": topic}
    chosen = {name: [value] for name, value in filters.items() if value}
    actor_query = RecordQuery(
        kommune=[key], concepts={k: v for k, v in chosen.items() if k == "actor_type"}, text=q
    )
    offer_query = RecordQuery(kommune=[key], concepts=chosen, text=q)
    settings = ViewSettings(max_nodes=get_settings(request).network_view_max_nodes, lang=lang)
    profile = pages.kommune(view, key, lang)
    # Regierungsbezirke are no level of the gap and network analyses
    analysed = profile["level"] != "regierungsbezirk"
    context: dict[str, Any] = {
        "kommune": profile,
        "map": pages.kommune_map(view, key, indicator, lang),
        "heatmap": pages.kommune_heatmap(view, key, lang) if analysed else None,
        "view": network.network_view(
            view, network.parse_filter(view, kommune=key, **filters), settings, community
        )
        if analysed
        else None,
        "changes": changes.changes(view, key, from_date, to_date, CHANGES_LISTED)
        if analysed
        else None,
        "compare_directory": pages.directory(view, gemeinden=True),
        "actors": view.records.list(
            "actors", actor_query, lang=lang, page=actors_page, page_size=PAGE_SIZE
        ),
        "offers": view.records.list(
            "offers", offer_query, lang=lang, page=offers_page, page_size=PAGE_SIZE
        ),
        "freshness": freshness.freshness(
            view, key, get_settings(request).freshness_months, freshness.today()
        ),
    }
    if kommune and kommune != key:  # only once the other parameters are known to be valid
        target = local_url(request, f"/kommunen/{quote(kommune)}")
        return RedirectResponse(target + "#network", status_code=303)
    return render(
        request,
        "pages/kommune.html",
        choices=pages.filter_choices(view, lang),
        filters=filters | {"q": q or ""},
        **context,
    )
