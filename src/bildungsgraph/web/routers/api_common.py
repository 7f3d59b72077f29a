"""Shared pieces of the REST routers: representations, language, OpenAPI responses.

No ``router`` here, so the application does not mount this module.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict

from ...records import items_csv, negotiate_language

JSON = "application/json"
JSONLD = "application/ld+json"
CSV = "text/csv"
PROBLEM = "application/problem+json"


class Problem(BaseModel):
    """RFC 9457 problem details (extension members allowed)."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None


class ListPage(BaseModel):
    """One page of a listing; ``total`` counts all pages."""

    model_config = ConfigDict(extra="allow")
    total: int
    page: int
    page_size: int
    pages: int
    items: list[dict[str, Any]]


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error statuses answered with problem details."""
    return {
        status: {"model": Problem, "content": {PROBLEM: {"schema": Problem.model_json_schema()}}}
        for status in statuses
    }


def representations(model: type[BaseModel], *, csv: bool = False) -> dict[int | str, Any]:
    """The 200 entry: JSON (the model), JSON-LD and, for lists, CSV."""
    content: dict[str, Any] = {JSON: {}, JSONLD: {"schema": {"type": "object"}}}
    if csv:
        content[CSV] = {"schema": {"type": "string"}}
    return {200: {"model": model, "content": content}}


def language(request: Request) -> str:
    """``de`` or ``en`` from Accept-Language (German by default)."""
    return negotiate_language(request.headers.get("accept-language"))


REPRESENTATIONS = {"json": JSON, "jsonld": JSONLD, "csv": CSV}


def wants(request: Request, media_type: str) -> bool:
    """Whether ``?as=`` names ``media_type``, else whether the Accept header prefers it over
    JSON (first listed wins); ``?as=`` makes a representation one link away in a browser."""
    chosen = request.query_params.get("as")
    if chosen in REPRESENTATIONS:
        return REPRESENTATIONS[chosen] == media_type
    accept = [part.split(";")[0].strip() for part in request.headers.get("accept", "").split(",")]
    for offered in accept:
        if offered == media_type:
            return True
        if offered in (JSON, "application/*", "*/*"):
            return False
    return False


def json_response(body: Any, lang: str, status_code: int = 200, **headers: str) -> JSONResponse:
    response = JSONResponse(body, status_code=status_code)
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Accept, Accept-Language"
    response.headers.update(headers)
    return response


def jsonld_response(document: dict[str, Any]) -> Response:
    return Response(json.dumps(document, ensure_ascii=False), media_type=JSONLD,
                    headers={"Vary": "Accept, Accept-Language"})


def csv_response(items: list[dict[str, Any]], lang: str, **headers: str) -> Response:
    return Response(items_csv(items), media_type=f"{CSV}; charset=utf-8",
                    headers={"Content-Language": lang, "Vary": "Accept, Accept-Language",
                             **headers})
