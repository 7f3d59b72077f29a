"""``/network``: the network explorer; every filter and display choice is in the query string.

Unknown Kommunen, slugs or dates answer 422 with the form, so the choice can be corrected.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ...analysis.model import ISOLATED, TIES, NetworkFilter, local_name
from ...config import Settings
from ...errors import InvalidParameterError, NotFoundError
from ...readmodel import network
from ...visualisation.builder import COLOUR_BY, GROUP_BY, SIZE_BY, ViewSettings
from ..deps import CurrentView, get_settings
from ..i18n import choose_language
from ..templating import render
from .api_common import DATE_SCHEMA, PAGE_ERRORS, allowed_values, problem_responses

ORDER = 20
router = APIRouter(tags=["Seiten / pages"], responses=PAGE_ERRORS)
SiteSettings = Annotated[Settings, Depends(get_settings)]


# The form sends every field, empty ones as "" (= all); the page checks the values and
# answers 422 with the form, so they are documented here, not checked by type.
def value(source: str) -> Any:
    return Query(max_length=100, json_schema_extra=allowed_values(source, blank=True))


def choice(values: tuple[str, ...]) -> Any:
    return Query(max_length=100, json_schema_extra={"enum": list(values)})


DAY = {"anyOf": [{"enum": [""]}, DATE_SCHEMA]}
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
    kommune: Annotated[str, value("land-kreis-or-gemeinde")] = "",
    actor_type: Annotated[str, value("concept:actor-type")] = "",
    topic: Annotated[str, value("concept:topic")] = "",
    life_phase: Annotated[str, value("concept:life-phase")] = "",
    programme: Annotated[str, value("concept:programme")] = "",
    as_of: Annotated[str, Query(max_length=100, json_schema_extra=DAY)] = "",
    ties: Annotated[str, choice(TIES)] = "cooperation",
    partners: Annotated[str, choice(("", "false", "true"))] = "",
    isolated: Annotated[str, choice(ISOLATED)] = "show",
    confirmed_only: Annotated[str, choice(("", "false", "true"))] = "",
    colour: Annotated[str, choice(COLOUR_BY)] = "actor_type",
    size: Annotated[str, choice((*SIZE_BY, "", "none"))] = "degree",
    group: Annotated[str, choice(GROUP_BY)] = "kommune",
    community: Community = None,
) -> HTMLResponse:
    """Filters (Kommune, actor type, topic, life phase, programme, date; the ties; partners
    of the matching actors, isolated actors, only confirmed cooperations), colour, size and
    grouping; the view, its legend and table, and its data as JSON, GEXF, GraphML and CSV."""
    lang = choose_language(request)
    selected = {
        "kommune": kommune,
        "actor_type": actor_type,
        "topic": topic,
        "life_phase": life_phase,
        "programme": programme,
        "as_of": as_of,
        "ties": ties,
        "partners": partners,
        "isolated": isolated,
        "confirmed_only": confirmed_only,
        "colour": colour,
        "size": size,
        "group": group,
    }
    context = {"choices": network.filter_form(view, lang), "selected": selected, "view": None}
    try:
        flt = network.parse_filter(
            view,
            kommune,
            actor_type,
            topic,
            life_phase,
            programme,
            as_of,
            ties,
            partners,
            isolated,
            confirmed_only,
        )
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
        api_query=urlencode(_api_parameters(flt)),
        embed_query=urlencode(shown),
    )


def _api_parameters(flt: NetworkFilter) -> dict[str, str]:
    """The filter in the parameter names of /api/network."""
    values = {
        "kommune": flt.kommune,
        "actor_type": flt.actor_type,
        "topic": flt.topic,
        "lebensphase": flt.life_phase,
        "programme": flt.programme,
    }
    parameters = {key: local_name(value) for key, value in values.items() if value}
    if flt.as_of:
        parameters["as_of"] = flt.as_of.isoformat()
    parameters["ties"] = flt.ties
    if flt.partners:
        parameters["partners"] = "true"
    if flt.hide_isolated:
        parameters["isolated"] = "hide"
    if flt.confirmed_only:
        parameters["confirmed_only"] = "true"
    return parameters
