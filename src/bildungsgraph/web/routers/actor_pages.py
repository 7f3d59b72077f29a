"""``/actors/{kennung}``: an actor's page (offers, cooperations, ego network, measures, sources).

The page's data: ``/api/actors/{kennung}`` (JSON) and ``/id/actor/{kennung}`` (RDF).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from ...analysis.model import TIES
from ...readmodel import network, pages
from ...visualisation.builder import ViewSettings
from ..deps import CurrentView, Service, get_settings
from ..i18n import choose_language
from ..problems import ErrorTexts
from ..templating import render
from .api_common import PAGE_ERRORS, problem_responses
from .api_contacts import private, viewer
from .network_filter import TiesChoice

ORDER = 20
router = APIRouter(tags=["Seiten / pages"], responses=PAGE_ERRORS)
Radius = Literal["1", "2"]  # ego network: steps


@router.get(
    "/actors/{kennung}",
    response_class=HTMLResponse,
    responses=problem_responses(404, html=True),
    summary="Akteursseite / actor page",
    dependencies=[
        Depends(
            ErrorTexts(
                {404: "actor.not_found", 422: "actor.invalid"}, {404: "actor.not_found_text"}
            )
        )
    ],
)
def page_actor(
    kennung: Annotated[str, Path(examples=["05114-bildungsbuero"])],
    request: Request,
    view: CurrentView,
    service: Service,
    radius: Annotated[Radius, Query(description="ego network: steps")] = "1",
    neighbour_ties: Annotated[bool, Query(description="star: ties among partners")] = False,
    ties: TiesChoice = "cooperation",
) -> HTMLResponse:
    """An actor with its offers, cooperations, memberships, ego network (``radius`` 1 or 2
    steps along the ``ties``), network measures within its Kreis and the provenance of its data."""
    lang = choose_language(request)
    page = pages.actor(view, kennung, lang)
    drawing = ViewSettings(
        max_nodes=get_settings(request).network_view_max_nodes,
        lang=lang,
        neighbour_ties=neighbour_ties,
    )
    drawn = network.ego_view(view, page.details.kennung, int(radius), drawing, ties)
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
