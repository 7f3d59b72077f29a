"""/api/kommunen: Regierungsbezirke, Kreise and Gemeinden; the profile of one Kommune."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from ...readmodel import pages
from ...records import LEVELS
from ..deps import CurrentView
from .api_common import (
    CSV,
    ERRORS,
    JSONLD,
    allowed_values,
    csv_response,
    json_response,
    jsonld_response,
    language,
    problem_responses,
    wants,
)

ORDER = 30
router = APIRouter(tags=["Kommunen"], responses=ERRORS)
Level = Literal[tuple(LEVELS)]


class KommuneList(BaseModel):
    model_config = ConfigDict(extra="allow")
    total: int
    items: list[dict[str, Any]]


@router.get(
    "/api/kommunen",
    summary="Kommunen / Municipalities and districts",
    responses={200: {"model": KommuneList, "content": {"application/json": {},
                                                       CSV: {"schema": {"type": "string"}}}}},
)
def api_list_kommunen(
    request: Request,
    view: CurrentView,
    level: Level | None = None,
    within: Annotated[str | None, Query(description="key of a Kommune: only units inside it "
                                                    "(a Kreis lists its Gemeinden)",
                                        json_schema_extra=allowed_values("kommune"))] = None,
) -> Response:
    """Every administrative unit of NRW, by key; filter by level and by the unit containing it."""
    lang = language(request)
    items = view.records.kommunen(level, within)
    if wants(request, CSV):
        return csv_response(items, lang)
    return json_response({"total": len(items), "items": items}, lang)


@router.get(
    "/api/kommunen/{key}",
    summary="Profil einer Kommune / Profile of a Kommune",
    responses={200: {"content": {"application/json": {}, JSONLD: {"schema": {"type": "object"}}}},
               **problem_responses(404)},
)
def api_get_kommune(
    key: Annotated[str, Path(pattern=r"^05[0-9]{0,6}$", description="AGS or Kreisschlüssel",
                              examples=["05166"])],
    request: Request,
    view: CurrentView,
) -> Response:
    """Population by age band (latest reference date), actors and offers counted by life
    phase, topic and format, the Gemeinden of a Kreis, and links to the filtered listings."""
    if wants(request, JSONLD):
        return jsonld_response(view.records.kommune_jsonld(key))
    lang = language(request)
    return json_response(pages.kommune(view, key, lang), lang)
