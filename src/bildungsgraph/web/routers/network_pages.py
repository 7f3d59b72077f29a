"""``/network``: the network explorer; every filter and display choice is in the query string.

Unknown Kommunen, slugs or dates answer 422 with the form, so the choice can be corrected.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ...config import Settings
from ...errors import InvalidParameterError, NotFoundError
from ...readmodel import network
from ...visualisation.builder import COLOUR_BY, GROUP_BY, SIZE_BY, ViewSettings
from ..deps import CurrentView, get_settings
from ..i18n import choose_language
from ..templating import render
from .api_common import PAGE_ERRORS, problem_responses
from .network_filter import NetworkParameters, api_parameters, choice

ORDER = 20
router = APIRouter(tags=["Seiten / pages"], responses=PAGE_ERRORS)
SiteSettings = Annotated[Settings, Depends(get_settings)]


Community = Annotated[int | None, Query(ge=0, description="one community of the selection")]


@router.get(
    "/network",
    response_class=HTMLResponse,
    summary="Netzwerk erkunden / network explorer",
    responses=problem_responses(404, html=True),
)
def page_network(
    request: Request,
    view: CurrentView,
    settings: SiteSettings,
    query: NetworkParameters,
    colour: Annotated[str, choice(COLOUR_BY)] = "actor_type",
    size: Annotated[str, choice((*SIZE_BY, "", "none"))] = "degree",
    group: Annotated[str, choice(GROUP_BY)] = "kommune",
    community: Community = None,
) -> HTMLResponse:
    """Filters (Kommune, actor type, topic, life phase, programme, date; the ties; partners
    of the matching actors, isolated actors, only confirmed cooperations), colour, size and
    grouping; the view, its legend and table, and its data as JSON, GEXF, GraphML and CSV."""
    lang = choose_language(request)
    selected = {**asdict(query), "colour": colour, "size": size, "group": group}
    context: dict[str, Any] = {
        "choices": network.filter_form(view, lang),
        "selected": selected,
        "view": None,
    }
    try:
        flt = query.parse(view)
        drawing = ViewSettings(
            colour,
            None if size in ("", "none") else size,
            group,
            settings.network_view_max_nodes,
            lang,
        )
        drawn = network.network_view(view, flt, drawing, community)
    except (InvalidParameterError, NotFoundError) as error:  # NotFound: no such community
        status = 404 if isinstance(error, NotFoundError) else 422
        return render(
            request, "pages/network.html", status_code=status, error=str(error), **context
        )
    shown = {key: value for key, value in selected.items() if value and value != "false"}
    if community is not None:
        shown["community"] = str(community)
    return render(
        request,
        "pages/network.html",
        error=None,
        **{**context, "view": drawn},
        api_query=urlencode(api_parameters(flt)),
        embed_query=urlencode(shown),
    )
