"""/api/vocab: the controlled vocabularies with labels in German or English."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from ..deps import CurrentView
from .api_common import ERRORS, json_response, language, problem_responses

ORDER = 30
router = APIRouter(tags=["Vokabulare / Vocabularies"], responses=ERRORS)


@router.get(
    "/api/vocab",
    summary="Vokabulare / Vocabularies",
    responses={200: {"content": {"application/json": {}}}},
)
def api_list_vocabularies(request: Request, view: CurrentView) -> Response:
    lang = language(request)
    return json_response({"items": view.records.schemes(lang)}, lang)


@router.get(
    "/api/vocab/{scheme}",
    summary="Begriffe eines Vokabulars / Concepts of a scheme",
    responses={200: {"content": {"application/json": {}}}, **problem_responses(404)},
)
def api_get_vocabulary(
    scheme: Annotated[str, Path(pattern=r"^[a-z0-9-]{1,60}$", examples=["topic"])],
    request: Request,
    view: CurrentView,
) -> Response:
    """Every concept with id (the value filters take), notation, label, definition, broader."""
    lang = language(request)
    return json_response(view.records.scheme(scheme, lang), lang)
