"""/docs: Swagger UI for the OpenAPI description, served from vendored files (no CDN)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

ORDER = 20
router = APIRouter()
SWAGGER = "/static/swagger-ui-5.35.0"


@router.get("/docs", include_in_schema=False)
def api_docs() -> HTMLResponse:
    page = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="bildungsgraph API",
        swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
        # Swagger UI would otherwise load a validator badge from validator.swagger.io.
        swagger_ui_parameters={"validatorUrl": None},
    )
    # FastAPI's page has no lang attribute; Swagger UI's texts are English.
    body = bytes(page.body).replace(b"<html>", b'<html lang="en">', 1)
    return HTMLResponse(body, status_code=page.status_code)
