"""/api/templates: spreadsheet templates for contributions, generated from the shapes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import JSONResponse, Response

from ...service import BildungsGraph
from ..deps import get_service
from .api_common import ERRORS, problem_responses

ORDER = 30
router = APIRouter(tags=["Beiträge / Contributions"], responses=ERRORS)
Service = Annotated[BildungsGraph, Depends(get_service)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK = "/api/templates/vorlagen.xlsx"


@router.get(
    "/api/templates",
    summary="Vorlagen / Templates",
    responses={200: {"content": {"application/json": {}}}},
)
def api_list_templates(service: Service) -> JSONResponse:
    """One CSV template per record kind and one workbook with all of them."""
    templates = service.contributions.templates()
    items = [t | {"csv": f"/api/templates/{t['name']}.csv"} for t in templates]
    return JSONResponse({"items": items, "xlsx": WORKBOOK})


@router.get(
    WORKBOOK,
    summary="Arbeitsmappe mit allen Vorlagen / Workbook with all templates",
    responses={200: {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}},
)
def api_templates_xlsx(service: Service) -> Response:
    return Response(
        service.contributions.templates_xlsx(),
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="vorlagen.xlsx"'},
    )


@router.get(
    "/api/templates/{name}.csv",
    summary="CSV-Vorlage / CSV template",
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
        **problem_responses(404),
    },
)
def api_template_csv(
    name: Annotated[str, Path(pattern=r"^[a-z-]{1,40}$", examples=["angebote"])], service: Service
) -> Response:
    """Header row (German column names) and one example row; UTF-8 with BOM for Excel."""
    return Response(
        service.contributions.template_csv(name),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
