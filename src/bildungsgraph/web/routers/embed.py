"""``/embed/...``: views for other sites' iframes (network, ego network, gap heat map, map).

Each embed takes the filters of its full page plus ``lang``, ``height`` (px), ``accent``
(``#rrggbb``) and ``title`` (on/off). The pages are self-contained (embed/base.html) and fit
the height asked for: the view scrolls inside it, the attribution stays at its foot. Links to
the site and the licence open outside the frame; a view opened from another one inside the
frame (a drill-down) links back to it. The security middleware lets the configured partner
origins frame them and strips cookies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from ...readmodel import network, pages
from ...visualisation.builder import COLOUR_BY, GROUP_BY, SIZE_BY, ViewSettings
from ...visualisation.maps import INDICATORS
from ..deps import CurrentView, get_settings
from ..i18n import choose_language
from ..templating import local_url, render
from .api_common import ERRORS, problem_responses
from .network_filter import Filter, TiesChoice

ORDER = 30
router = APIRouter(prefix="/embed", tags=["Einbetten / embeds"], responses=ERRORS)

# The snippet generator (templates/views/_snippet.html) clamps to the same bounds.
MIN_HEIGHT, MAX_HEIGHT, DEFAULT_HEIGHT = 200, 1600, 480
_LOOK = {"height", "accent", "title"}  # how an embed looks; not filters of the full page

NOT_FOUND = problem_responses(404)
if TYPE_CHECKING:  # mypy cannot read a Literal built at run time
    Indicator = str
    ColourBy = str
    SizeBy = str
    GroupBy = str
else:
    Indicator = Literal[tuple(INDICATORS)]
    ColourBy = Literal[tuple(COLOUR_BY)]
    SizeBy = Literal[(*SIZE_BY, "none")]  # "none": all nodes the same size
    GroupBy = Literal[tuple(GROUP_BY)]
KommuneKey = Annotated[
    str, Path(pattern=r"^[0-9]{2,12}$", description="Kommune key (05 = NRW)", examples=["05166"])
]


@dataclass(frozen=True)
class EmbedOptions:
    """How an embed looks: its height in px, an accent colour, whether the title shows."""

    height: int
    accent: str | None
    show_title: bool


def embed_options(
    height: Annotated[
        int, Query(ge=MIN_HEIGHT, le=MAX_HEIGHT, description="height of the view in px")
    ] = DEFAULT_HEIGHT,
    accent: Annotated[
        str | None, Query(pattern=r"^#[0-9a-fA-F]{6}$", description="accent colour #rrggbb")
    ] = None,
    title: Annotated[Literal["on", "off"], Query(description="show the title")] = "on",
    lang: Annotated[Literal["de", "en"] | None, Query(description="language")] = None,
) -> EmbedOptions:
    """The look parameters every embed shares (``lang`` is read by the templates)."""
    return EmbedOptions(height=height, accent=accent, show_title=title == "on")


Options = Annotated[EmbedOptions, Depends(embed_options)]


@router.get(
    "/network", response_class=HTMLResponse, summary="Netzwerk zum Einbetten", responses=NOT_FOUND
)
def embed_network(
    request: Request,
    view: CurrentView,
    options: Options,
    flt: Filter,
    colour: ColourBy = "actor_type",
    size: SizeBy = "degree",
    group: GroupBy = "kommune",
    community: Annotated[int | None, Query(ge=0, description="one community (expand)")] = None,
) -> HTMLResponse:
    """The network with the explorer's filters and ties, for an iframe."""
    drawing = ViewSettings(
        colour,
        None if size == "none" else size,
        group,
        get_settings(request).network_view_max_nodes,
        choose_language(request),
    )
    drawn = network.network_view(view, flt, drawing, community)
    filters = {key: value for key, value in request.query_params.items() if key not in _LOOK}
    return _render(request, "embed/network.html", options, ("/network", filters), view=drawn)


@router.get(
    "/ego/{kennung}",
    response_class=HTMLResponse,
    summary="Ego-Netzwerk zum Einbetten",
    responses=NOT_FOUND,
)
def embed_ego(
    request: Request,
    view: CurrentView,
    options: Options,
    kennung: Annotated[
        str, Path(pattern=r"^[A-Za-z0-9._-]{1,120}$", examples=["05114-bildungsbuero"])
    ],
    radius: Annotated[int, Query(ge=1, le=2, description="steps from the actor")] = 1,
    neighbour_ties: Annotated[bool, Query(description="star: ties among partners")] = False,
    ties: TiesChoice = "cooperation",
) -> HTMLResponse:
    """An actor's partners (one or two steps along the ties), for an iframe."""
    drawing = ViewSettings(
        max_nodes=get_settings(request).network_view_max_nodes,
        lang=choose_language(request),
        neighbour_ties=neighbour_ties,
    )
    drawn = network.ego_view(view, kennung, radius, drawing, ties)
    full_page: tuple[str, dict[str, str]] = (f"/actors/{kennung}", {})
    return _render(request, "embed/network.html", options, full_page, view=drawn, ego=kennung)


@router.get(
    "/gaps/{key}",
    response_class=HTMLResponse,
    summary="Lücken-Heatmap zum Einbetten",
    responses=NOT_FOUND,
)
def embed_gaps(
    request: Request, view: CurrentView, options: Options, key: KommuneKey
) -> HTMLResponse:
    """Offers by life phase and topic in a Kommune (the gap heat map), for an iframe."""
    heatmap = pages.kommune_heatmap(view, key, lang=choose_language(request))
    full_page = ("/gaps", {"kommune": key})
    return _render(request, "embed/gaps.html", options, full_page, heatmap=heatmap)


@router.get(
    "/map/{key}", response_class=HTMLResponse, summary="Karte zum Einbetten", responses=NOT_FOUND
)
def embed_map(
    request: Request,
    view: CurrentView,
    options: Options,
    key: KommuneKey,
    indicator: Indicator = "offers_per_1000",
) -> HTMLResponse:
    """The choropleth map of a Kommune's Gemeinden (``05``: the Kreise of NRW), for an iframe."""
    kommune_map = pages.kommune_map(view, key, indicator=indicator, lang=choose_language(request))
    full_page = (f"/kommunen/{key}", {"indicator": indicator})
    return _render(request, "embed/map.html", options, full_page, map=kommune_map)


def _render(
    request: Request,
    template: str,
    options: EmbedOptions,
    full_page: tuple[str, Mapping[str, str | None]],
    **context: Any,
) -> HTMLResponse:
    """Render an embed; ``full_page`` (path, filters) is the site page the embed links to."""
    path, filters = full_page
    full_url = local_url(request, path, **filters)
    return render(
        request,
        template,
        options=options,
        full_url=full_url,
        back_url=_previous_embed(request),
        **context,
    )


def _previous_embed(request: Request) -> str | None:
    """The embed view this one was opened from inside the frame (a drill-down: a group
    opened, a community expanded), as a local path; None when the frame started here.

    Read from ``Referer`` (the security headers send it within the origin only), and only
    when it names another ``/embed/`` view of this very site: the link never leads off it.
    """
    referer = urlsplit(request.headers.get("referer", ""))
    if (
        referer.netloc != request.url.netloc
        or ".." in referer.path
        or not referer.path.startswith(router.prefix + "/")
    ):
        return None
    previous = referer.path + ("?" + referer.query if referer.query else "")
    current = request.url.path + ("?" + request.url.query if request.url.query else "")
    return previous if previous != current else None
