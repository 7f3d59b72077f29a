"""``/actors/{kennung}``: an actor's page (offers, cooperations, ego network, measures, sources).

The page's data: ``/api/actors/{kennung}`` (JSON) and ``/id/actor/{kennung}`` (RDF).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from ...analysis.model import TIES
from ...errors import InvalidParameterError, NotFoundError
from ...readmodel import network, pages
from ...visualisation.builder import ViewSettings
from ..deps import CurrentView, Service, get_settings
from ..i18n import choose_language, translate
from ..templating import render
from .api_common import PAGE_ERRORS, problem_responses
from .api_contacts import private, viewer
from .network_filter import TiesChoice
from .pages import error_page

ORDER = 20
router = APIRouter(tags=["Seiten / pages"], responses=PAGE_ERRORS)
RADII = ("1", "2")


@router.get(
    "/actors/{kennung}",
    response_class=HTMLResponse,
    responses=problem_responses(404, html=True),
    summary="Akteursseite / actor page",
)
def page_actor(
    kennung: Annotated[str, Path(examples=["05114-bildungsbuero"])],
    request: Request,
    view: CurrentView,
    service: Service,
    # checked below, so that a wrong value gets the site's error page
    radius: Annotated[
        str, Query(description="ego network: steps", json_schema_extra={"enum": list(RADII)})
    ] = "1",
    neighbour_ties: Annotated[bool, Query(description="star: ties among partners")] = False,
    ties: TiesChoice = "cooperation",
) -> HTMLResponse:
    """An actor with its offers, cooperations, memberships, ego network (``radius`` 1 or 2
    steps along the ``ties``), network measures within its Kreis and the provenance of its data."""
    lang = choose_language(request)
    if radius not in RADII:
        return error_page(request, 422, translate("actor.invalid", lang), "radius: 1 | 2")
    try:
        page = pages.actor(view, kennung, lang)
    except NotFoundError:
        message = translate("actor.not_found_text", lang).format(kennung=kennung[:100])
        return error_page(request, 404, translate("actor.not_found", lang), message, kennung)
    drawing = ViewSettings(
        max_nodes=get_settings(request).network_view_max_nodes,
        lang=lang,
        neighbour_ties=neighbour_ties,
    )
    try:
        drawn = network.ego_view(view, page.details.kennung, int(radius), drawing, ties)
    except InvalidParameterError as error:
        return error_page(request, 422, translate("actor.invalid", lang), str(error))
    account = viewer(request, service)  # contact persons only for an account covering the actor
    response = render(
        request,
        "pages/actor.html",
        page=page,
        view=drawn,
        radius=radius,
        tie_kinds=TIES,
        provenance=service.linked_data.provenance(page.details.iri),
        link_target="_self",
        contacts=service.contacts.of_actor(view, page.details.iri, account),
    )
    return private(response) if account is not None else response
