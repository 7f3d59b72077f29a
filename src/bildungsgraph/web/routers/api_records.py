"""/api/actors, /api/offers, /api/cooperations, /api/networks: lists and single records."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from ...readmodel import View
from ...records import CONTEXT_PATH, SORT_KEYS, RecordQuery, jsonld_context
from ..deps import CurrentView
from .api_common import (
    CSV,
    JSONLD,
    ListPage,
    csv_response,
    json_response,
    jsonld_response,
    language,
    problem_responses,
    representations,
    wants,
)

ORDER = 30
router = APIRouter(tags=["Daten / Records"])
Values = Annotated[list[str], Query()]
KENNUNG = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
ActorId = Annotated[str, Path(pattern=KENNUNG, examples=["05114-bildungsbuero"])]
OfferId = Annotated[str, Path(pattern=KENNUNG, examples=["05114-ang-00002"])]
CooperationId = Annotated[str, Path(pattern=KENNUNG, examples=["05114-koop-0001"])]
NetworkId = Annotated[str, Path(pattern=KENNUNG, examples=["05114-rbn-lenkungskreis"])]


class Filters:
    """The query parameters shared by every listing."""

    def __init__(
        self,
        kommune: Annotated[list[str], Query(description="AGS, Kreisschlüssel, ... (a Kreis "
                                                        "includes its Gemeinden)")] = [],  # noqa: B006
        actor_type: Values = [],  # noqa: B006
        life_phase: Values = [],  # noqa: B006
        topic: Values = [],  # noqa: B006
        format: Values = [],  # noqa: B006, A002
        kind: Values = [],  # noqa: B006
        target_group: Values = [],  # noqa: B006
        programme: Values = [],  # noqa: B006
        cooperation_form: Values = [],  # noqa: B006
        status: Values = [],  # noqa: B006
        q: Annotated[str | None, Query(max_length=200, description="Free text over names and "
                                       "descriptions (case- and umlaut-insensitive)")] = None,
        bbox: Annotated[str | None, Query(description="south,west,north,east")] = None,
        date_from: date | None = None,
        date_to: date | None = None,
        sort: Annotated[str, Query(description=f"{', '.join(SORT_KEYS)}; '-' = descending")]
        = "name",
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, Query(ge=1, le=500)] = 50,
        representation: Annotated[
            str | None,
            Query(alias="as", pattern="^(json|jsonld|csv)$",
                  description="json, jsonld or csv instead of the Accept header (for links)"),
        ] = None,
    ) -> None:
        concepts = {"actor_type": actor_type, "life_phase": life_phase, "topic": topic,
                    "format": format, "kind": kind, "target_group": target_group,
                    "programme": programme, "cooperation_form": cooperation_form,
                    "status": status}
        self.query = RecordQuery(kommune=kommune, concepts=concepts, text=q, bbox=bbox,
                                 date_from=date_from, date_to=date_to)
        self.options: dict[str, Any] = {"sort": sort, "page": page, "page_size": page_size}


def _listing(kind: str, request: Request, view: View, filters: Filters) -> Response:
    lang = language(request)
    page = view.records.list(kind, filters.query, lang=lang, **filters.options)
    total = {"X-Total-Count": str(page.total)}
    if wants(request, JSONLD):
        return jsonld_response(view.records.page_jsonld(kind, page))
    if wants(request, CSV):
        return csv_response(page.items, lang, **total)
    return json_response(page.to_json(), lang, **total)


def _record(kind: str, record_id: str, request: Request, view: View) -> Response:
    lang = language(request)
    if wants(request, JSONLD):
        return jsonld_response(view.records.record_jsonld(kind, record_id))
    return json_response(view.records.get(kind, record_id, lang), lang)


LIST = {**representations(ListPage, csv=True), **problem_responses(422)}
ONE = {200: {"content": {"application/json": {}, JSONLD: {}}}, **problem_responses(404, 422)}
FilterParams = Annotated[Filters, Depends()]


@router.get("/api/actors", responses=LIST, summary="Bildungsakteure / Education actors")
def api_list_actors(request: Request, view: CurrentView, filters: FilterParams) -> Response:
    """Actors; `actor_type` includes narrower types (`school` finds every school form)."""
    return _listing("actors", request, view, filters)


@router.get("/api/actors/{record_id}", responses=ONE, summary="Ein Akteur / One actor")
def api_get_actor(record_id: ActorId, request: Request, view: CurrentView) -> Response:
    """An actor with its sites, offers, cooperations, memberships and Kommunen."""
    return _record("actors", record_id, request, view)


@router.get("/api/offers", responses=LIST, summary="Bildungsangebote / Education offers")
def api_list_offers(request: Request, view: CurrentView, filters: FilterParams) -> Response:
    """Offers; `actor_type` filters by the provider's type."""
    return _listing("offers", request, view, filters)


@router.get("/api/offers/{record_id}", responses=ONE, summary="Ein Angebot / One offer")
def api_get_offer(record_id: OfferId, request: Request, view: CurrentView) -> Response:
    return _record("offers", record_id, request, view)


@router.get("/api/cooperations", responses=LIST, summary="Kooperationen / Cooperations")
def api_list_cooperations(request: Request, view: CurrentView, filters: FilterParams) -> Response:
    """Cooperations; `actor_type` filters by a partner's type."""
    return _listing("cooperations", request, view, filters)


@router.get("/api/cooperations/{record_id}", responses=ONE, summary="Eine Kooperation")
def api_get_cooperation(record_id: CooperationId, request: Request, view: CurrentView) -> Response:
    return _record("cooperations", record_id, request, view)


@router.get("/api/networks", responses=LIST, summary="Netzwerke / Networks")
def api_list_networks(request: Request, view: CurrentView, filters: FilterParams) -> Response:
    """Networks and committees; `actor_type` filters by the coordinator's type."""
    return _listing("networks", request, view, filters)


@router.get("/api/networks/{record_id}", responses=ONE, summary="Ein Netzwerk / One network")
def api_get_network(record_id: NetworkId, request: Request, view: CurrentView) -> Response:
    """A network with its memberships."""
    return _record("networks", record_id, request, view)


@router.get(CONTEXT_PATH, summary="JSON-LD-Kontext / JSON-LD context",
            responses={200: {"content": {JSONLD: {"schema": {"type": "object"}}}}})
def api_jsonld_context() -> JSONResponse:
    """The context every JSON-LD answer of the API names (served here, never remote)."""
    return JSONResponse(jsonld_context(), media_type=JSONLD,
                        headers={"Access-Control-Allow-Origin": "*"})
