"""/api/kommunen: Regierungsbezirke, Kreise and Gemeinden; the profile of one Kommune; 2–5
Kommunen compared (``/api/kommunen/compare``, before ``/{key}``, which would take its path)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, ConfigDict

from ...readmodel import compare, pages
from ...records import LEVEL_ALIASES, LEVELS, level_code
from ..deps import CurrentView
from .api_common import (
    CSV,
    ERRORS,
    JSONLD,
    As,
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
# one enum; the deprecated English codes are read as the code they stand for
if TYPE_CHECKING:  # mypy cannot read a Literal built at run time
    LevelCode = str
else:
    LevelCode = Literal[tuple(LEVELS)]
Level = Annotated[
    LevelCode | None,
    BeforeValidator(level_code),
    Query(
        description="administrative level; deprecated aliases: "
        + ", ".join(f"{alias} = {code}" for alias, code in LEVEL_ALIASES.items())
    ),
]


class KommuneList(BaseModel):
    model_config = ConfigDict(extra="allow")
    total: int
    items: list[dict[str, Any]]


@router.get(
    "/api/kommunen",
    summary="Kommunen / Municipalities and districts",
    responses={
        200: {
            "model": KommuneList,
            "content": {"application/json": {}, CSV: {"schema": {"type": "string"}}},
        }
    },
)
def api_list_kommunen(
    request: Request,
    view: CurrentView,
    level: Level = None,
    within: Annotated[
        str | None,
        Query(
            description="key of a Kommune: only units inside it (a Kreis lists its Gemeinden)",
            json_schema_extra=allowed_values("kommune"),
        ),
    ] = None,
    as_: As = None,
) -> Response:
    """Every administrative unit of NRW, by key; filter by level and by the unit containing it."""
    lang = language(request)
    items = view.records.kommunen(level, within)
    if wants(request, CSV):
        return csv_response(items, lang)
    return json_response({"total": len(items), "items": items}, lang)


CompareKeys = Annotated[
    list[str],
    Query(
        description="2 to 5 different keys of Kreise, kreisfreie Städte or Gemeinden (repeated: "
        "`k=05166&k=05114`; empty values and repeats are left out)",
        json_schema_extra={
            **allowed_values("kreis-or-gemeinde"),
            "minItems": compare.FEWEST,
            "maxItems": compare.MOST,
            "uniqueItems": True,
        },
    ),
]


@router.get(
    "/api/kommunen/compare",
    response_model=compare.Comparison,
    summary="Kommunen vergleichen / compare Kommunen",
)
def api_compare_kommunen(view: CurrentView, k: CompareKeys) -> compare.Comparison:
    """Per Kommune, the figures of its own page: population (latest total), actors, offers,
    cooperations and networks (as `counts` of `/api/kommunen/{key}`); actors, offers and
    cooperations per 1,000 inhabitants (offers as the map's `offers_per_1000`; none for a
    Kommune without contributed offers or cooperations); `gap_cells` of its life phase ×
    topic heat map (relevant pairs without a recorded offer) of `relevant_cells`; its
    cooperation network (the graph of `/api/network?kommune=`): `actors_with_ties` (actors of
    the Kommune with at least one tie) and `ties`, `density`, `components` (as `edges`,
    `density`, `components` of `/api/network/measures`). 422 for fewer than 2 or more than 5
    Kommunen, NRW or an unknown key."""
    return compare.compare(view, compare.chosen_keys(k))


@router.get(
    "/api/kommunen/{key}",
    summary="Profil einer Kommune / Profile of a Kommune",
    responses={
        200: {"content": {"application/json": {}, JSONLD: {"schema": {"type": "object"}}}},
        **problem_responses(404),
    },
)
def api_get_kommune(
    key: Annotated[
        str,
        Path(pattern=r"^05[0-9]{0,6}$", description="AGS or Kreisschlüssel", examples=["05166"]),
    ],
    request: Request,
    view: CurrentView,
    as_: As = None,
) -> Response:
    """Population by age band (latest reference date), actors and offers counted by life
    phase, topic and format, the Gemeinden of a Kreis, and links to the filtered listings."""
    if wants(request, JSONLD):
        return jsonld_response(view.records.kommune_jsonld(key))
    lang = language(request)
    return json_response(pages.kommune(view, key, lang), lang)
