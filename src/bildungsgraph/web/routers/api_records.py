"""/api/actors, /api/offers, /api/cooperations, /api/networks: lists and single records."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from ...readmodel import View
from ...records import (
    CONCEPT_FILTERS,
    CONTEXT_PATH,
    KIND_FILTERS,
    SORT_KEYS,
    RecordQuery,
    jsonld_context,
)
from ..deps import CurrentView
from .api_common import (
    CSV,
    ERRORS,
    JSONLD,
    As,
    IsoDate,
    ListPage,
    allowed_values,
    csv_response,
    json_response,
    jsonld_response,
    language,
    problem_responses,
    representations,
    wants,
)

ORDER = 30
router = APIRouter(tags=["Daten / Records"], responses=ERRORS)
KENNUNG = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
ActorId = Annotated[str, Path(pattern=KENNUNG, examples=["05114-bildungsbuero"])]
OfferId = Annotated[str, Path(pattern=KENNUNG, examples=["05114-ang-00002"])]
CooperationId = Annotated[str, Path(pattern=KENNUNG, examples=["05114-koop-0001"])]
NetworkId = Annotated[str, Path(pattern=KENNUNG, examples=["05114-rbn-lenkungskreis"])]
if TYPE_CHECKING:  # mypy cannot read a Literal built at run time
    Sort = str
else:
    Sort = Literal[tuple(k for key in SORT_KEYS for k in (key, f"-{key}"))]
NUMBER = r"-?[0-9]{1,3}(\.[0-9]{1,12})?"


class RecordFilters:
    """The query parameters every listing and every export shares; the concept filters of a
    kind come from :func:`listing_filters` and :func:`export_filters`."""

    def __init__(
        self,
        kommune: Annotated[
            list[str],
            Query(
                description="AGS, Kreisschlüssel, ... (a Kreis includes its Gemeinden)",
                json_schema_extra=allowed_values("kommune"),
            ),
        ] = [],  # noqa: B006
        q: Annotated[
            str | None,
            Query(
                max_length=200,
                description="Free text over names and descriptions (case- and umlaut-insensitive)",
            ),
        ] = None,
        bbox: Annotated[
            str | None,
            Query(
                pattern=f"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$",
                description="south,west,north,east (degrees; south ≤ north, west ≤ east)",
            ),
        ] = None,
        date_from: Annotated[IsoDate | None, Query(description="on or after (≤ date_to)")] = None,
        date_to: Annotated[IsoDate | None, Query(description="on or before")] = None,
    ) -> None:
        self.kommune, self.text, self.bbox = kommune, q, bbox
        self.date_from, self.date_to = date_from, date_to

    def query(self, concepts: dict[str, list[str]]) -> RecordQuery:
        return RecordQuery(
            kommune=self.kommune,
            concepts=concepts,
            text=self.text,
            bbox=self.bbox,
            date_from=self.date_from,
            date_to=self.date_to,
        )


class Filters:
    """The shared filters with the order and the page of a listing."""

    def __init__(
        self,
        records: Annotated[RecordFilters, Depends()],
        sort: Annotated[Sort, Query(description="'-' = descending")] = "name",
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, Query(ge=1, le=500)] = 50,
        representation: Annotated[
            Literal["json", "jsonld", "csv"] | None,
            Query(
                alias="as",
                description="instead of the Accept header (for links); CSV is "
                "this page, every row is at /api/exports/{kind}.csv",
            ),
        ] = None,
    ) -> None:
        self.records = records
        self.options: dict[str, Any] = {"sort": sort, "page": page, "page_size": page_size}


Listing = tuple[RecordQuery, dict[str, Any]]  # the query and the page options
Selection = tuple[RecordQuery, str]  # the query and the order of an export


def _with_concepts(
    kind: str, dependency: Callable[..., Any], shared: tuple[inspect.Parameter, ...]
) -> Callable[..., Any]:
    """``dependency`` with the concept filters of ``kind`` as keyword parameters, each
    documented with its vocabulary (FastAPI reads the signature)."""
    parameters = list(shared)
    for name in KIND_FILTERS[kind]:
        scheme, _ = CONCEPT_FILTERS[name]
        values = Query(
            description=f"concepts of /api/vocab/{scheme} (or their IRIs)",
            json_schema_extra=allowed_values(f"concept-or-notation:{scheme}"),
        )
        parameters.append(
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                default=[],
                annotation=Annotated[list[str], values],
            )
        )
    dependency.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dependency


def listing_filters(kind: str) -> Callable[..., Listing]:
    """The dependency of a listing: the shared filters, the page and the concept filters of
    ``kind``."""

    def dependency(filters: Filters, **concepts: list[str]) -> Listing:
        return filters.records.query(concepts), filters.options

    shared = (
        inspect.Parameter(
            "filters",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=Annotated[Filters, Depends()],
        ),
    )
    return _with_concepts(kind, dependency, shared)


def export_filters(kind: str) -> Callable[..., Selection]:
    """The dependency of a complete export: the shared filters, the order and the concept
    filters of ``kind`` (no pages)."""

    def dependency(filters: RecordFilters, sort: Sort, **concepts: list[str]) -> Selection:
        return filters.query(concepts), sort

    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    shared = (
        inspect.Parameter("filters", keyword, annotation=Annotated[RecordFilters, Depends()]),
        inspect.Parameter(
            "sort",
            keyword,
            default="name",
            annotation=Annotated[Sort, Query(description="'-' = descending")],
        ),
    )
    return _with_concepts(kind, dependency, shared)


def _listing(kind: str, request: Request, view: View, listing: Listing) -> Response:
    lang = language(request)
    query, options = listing
    page = view.records.list(kind, query, lang=lang, **options)
    total = {"X-Total-Count": str(page.total)}
    if wants(request, JSONLD):
        return jsonld_response(view.records.page_jsonld(kind, page))
    if wants(request, CSV):
        return csv_response(page.items, lang, **total)
    return json_response(page.to_json(), lang, status_code=200, **total)


def _record(kind: str, record_id: str, request: Request, view: View) -> Response:
    lang = language(request)
    if wants(request, JSONLD):
        return jsonld_response(view.records.record_jsonld(kind, record_id))
    return json_response(view.records.get(kind, record_id, lang), lang)


LIST = representations(ListPage, csv=True)
ONE = {200: {"content": {"application/json": {}, JSONLD: {}}}, **problem_responses(404)}


@router.get("/api/actors", responses=LIST, summary="Bildungsakteure / Education actors")
def api_list_actors(
    request: Request,
    view: CurrentView,
    listing: Annotated[Listing, Depends(listing_filters("actors"))],
) -> Response:
    """Actors; `actor_type` includes narrower types (`school` finds every school form)."""
    return _listing("actors", request, view, listing)


@router.get("/api/actors/{record_id}", responses=ONE, summary="Ein Akteur / One actor")
def api_get_actor(
    record_id: ActorId, request: Request, view: CurrentView, as_: As = None
) -> Response:
    """An actor with its sites, offers, cooperations, memberships and Kommunen."""
    return _record("actors", record_id, request, view)


@router.get("/api/offers", responses=LIST, summary="Bildungsangebote / Education offers")
def api_list_offers(
    request: Request,
    view: CurrentView,
    listing: Annotated[Listing, Depends(listing_filters("offers"))],
) -> Response:
    """Offers; `actor_type` filters by the provider's type."""
    return _listing("offers", request, view, listing)


@router.get("/api/offers/{record_id}", responses=ONE, summary="Ein Angebot / One offer")
def api_get_offer(
    record_id: OfferId, request: Request, view: CurrentView, as_: As = None
) -> Response:
    return _record("offers", record_id, request, view)


@router.get("/api/cooperations", responses=LIST, summary="Kooperationen / Cooperations")
def api_list_cooperations(
    request: Request,
    view: CurrentView,
    listing: Annotated[Listing, Depends(listing_filters("cooperations"))],
) -> Response:
    """Cooperations; `actor_type` filters by a partner's type."""
    return _listing("cooperations", request, view, listing)


@router.get("/api/cooperations/{record_id}", responses=ONE, summary="Eine Kooperation")
def api_get_cooperation(
    record_id: CooperationId, request: Request, view: CurrentView, as_: As = None
) -> Response:
    return _record("cooperations", record_id, request, view)


@router.get("/api/networks", responses=LIST, summary="Netzwerke / Networks")
def api_list_networks(
    request: Request,
    view: CurrentView,
    listing: Annotated[Listing, Depends(listing_filters("networks"))],
) -> Response:
    """Networks and committees; `actor_type` filters by the coordinator's type."""
    return _listing("networks", request, view, listing)


@router.get("/api/networks/{record_id}", responses=ONE, summary="Ein Netzwerk / One network")
def api_get_network(
    record_id: NetworkId, request: Request, view: CurrentView, as_: As = None
) -> Response:
    """A network with its memberships."""
    return _record("networks", record_id, request, view)


@router.get(
    CONTEXT_PATH,
    summary="JSON-LD-Kontext / JSON-LD context",
    responses={200: {"content": {JSONLD: {"schema": {"type": "object"}}}}},
)
def api_jsonld_context() -> JSONResponse:
    """The context every JSON-LD answer of the API names (served here, never remote)."""
    return JSONResponse(
        jsonld_context(), media_type=JSONLD, headers={"Access-Control-Allow-Origin": "*"}
    )
