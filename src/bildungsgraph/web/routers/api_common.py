"""Shared pieces of the routers: representations, language, the OpenAPI contract.

The contract: every status and media type a route answers is documented (``ERRORS`` once per
router, 404 where a route looks something up), parameters that take a known value list it
(``Literal`` for fixed sets, ``allowed_values`` for vocabularies and Kommunen, filled in by
``web/openapi.py``), and dates are ISO dates from 1900 (``IsoDate``).

No ``router`` here, so the application does not mount this module.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

from ...exports import Table, csv_chunks, xlsx_chunks
from ...negotiation import choose_language, choose_media_type
from ...records import items_csv

JSON = "application/json"
JSONLD = "application/ld+json"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


PROBLEM_SCHEMA = {"$ref": "#/components/schemas/Problem"}  # added by web/openapi.py
_DESCRIPTIONS = {
    400: "Ungültige Anfrage / Bad request",
    401: "Anmeldung nötig / Authentication required",
    403: "Nicht erlaubt / Forbidden",
    404: "Nicht gefunden / Not found",
    406: "Nicht lieferbar / Not acceptable",
    413: "Zu groß / Too large",
    415: "Dateityp nicht unterstützt / Unsupported media type",
    422: "Ungültige Parameter / Invalid parameters",
    429: "Zu viele Anfragen / Too many requests",
}


def problem_responses(*statuses: int, html: bool = False) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error statuses answered with problem details; ``html``: a page's
    error, which is the site's error page for a browser (``web/problems.py``)."""
    content: dict[str, Any] = {PROBLEM: {"schema": PROBLEM_SCHEMA}}
    if html:
        content["text/html"] = {"schema": {"type": "string"}}
    return {
        status: {"description": _DESCRIPTIONS[status], "content": content} for status in statuses
    }


# Every router's ``responses=``: any parameter may fail its declared type.
ERRORS = problem_responses(422)
PAGE_ERRORS = problem_responses(422, html=True)

# ``json_schema_extra`` keys naming where a parameter's allowed values come from
VALUES_KEY, BLANK_KEY = "x-allowed-values", "x-allows-blank"


def allowed_values(source: str, *, blank: bool = False) -> dict[str, Any]:
    """``json_schema_extra`` for a parameter whose values come from the store: ``kommune``
    (every key), ``analysis-kommune`` (Kreise and Gemeinden), ``concept:<scheme>`` (slugs) or
    ``concept-or-notation:<scheme>``; ``blank``: an empty value (a form's "all") is allowed.

    The routers' services check the value and name the allowed ones in a 422; web/openapi.py
    lists the same values as the parameter's ``enum``.
    """
    return {VALUES_KEY: source, **({BLANK_KEY: True} if blank else {})}


def concept(scheme: str, *, blank: bool = False) -> Any:
    """A query parameter taking one concept slug of ``scheme`` (``blank``: or empty = all)."""
    return Query(
        pattern=f"^[a-z0-9-]{{{0 if blank else 1},60}}$",
        description=f"slug of /api/vocab/{scheme}",
        json_schema_extra=allowed_values(f"concept:{scheme}", blank=blank),
    )


_ISO_DATE = re.compile(r"(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: object) -> object:
    # pydantic would also read a number as a Unix time (date_to=0 as 1970-01-01)
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date YYYY-MM-DD from 1900 / Datum JJJJ-MM-TT ab 1900")
    return value


DATE_SCHEMA = {"type": "string", "format": "date", "pattern": f"^{_ISO_DATE.pattern}$"}
IsoDate = Annotated[date, BeforeValidator(_iso_date), WithJsonSchema(DATE_SCHEMA)]


def representations(model: type[BaseModel], *, csv: bool = False) -> dict[int | str, Any]:
    """The 200 entry: JSON (the model), JSON-LD and, for lists, CSV."""
    content: dict[str, Any] = {JSON: {}, JSONLD: {"schema": {"type": "object"}}}
    if csv:
        content[CSV] = {"schema": {"type": "string"}}
    return {200: {"model": model, "content": content}}


def language(request: Request) -> str:
    """``de`` or ``en`` from Accept-Language (German by default)."""
    return choose_language(request.headers.get("accept-language"))


REPRESENTATIONS = {"json": JSON, "jsonld": JSONLD, "csv": CSV}
# declared by every route that calls ``wants``, so that ``as`` is one of its known parameters
As = Annotated[
    Literal["json", "jsonld", "csv"] | None,
    Query(alias="as", description="instead of the Accept header (for links)"),
]


def wants(request: Request, media_type: str) -> bool:
    """Whether ``?as=`` names ``media_type``, else whether the Accept header likes it better than
    JSON (JSON wins ties); ``?as=`` makes a representation one link away in a browser."""
    chosen = request.query_params.get("as")
    if chosen in REPRESENTATIONS:
        return REPRESENTATIONS[chosen] == media_type
    return choose_media_type(request.headers.get("accept"), (JSON, media_type)) == media_type


def json_response(body: Any, lang: str, status_code: int = 200, **headers: str) -> JSONResponse:
    response = JSONResponse(body, status_code=status_code)
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Accept, Accept-Language"
    response.headers.update(headers)
    return response


def jsonld_response(document: dict[str, Any]) -> Response:
    return Response(
        json.dumps(document, ensure_ascii=False),
        media_type=JSONLD,
        headers={"Vary": "Accept, Accept-Language"},
    )


def csv_response(items: list[dict[str, Any]], lang: str, **headers: str) -> Response:
    return Response(
        items_csv(items),
        media_type=f"{CSV}; charset=utf-8",
        headers={"Content-Language": lang, "Vary": "Accept, Accept-Language", **headers},
    )


# the 200 entry of a file download: CSV (UTF-8 with BOM) or a workbook, named by its content
FILES: dict[int | str, Any] = {
    200: {
        "description": "Datei mit allen Zeilen (Name in Content-Disposition) / a file with every "
        "row (named in Content-Disposition)",
        "content": {
            f"{CSV}; charset=utf-8": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
        "headers": {
            "Content-Disposition": {
                "schema": {"type": "string"},
                "description": 'attachment; filename="….csv"',
            }
        },
    }
}


def table_response(table: Table, file_format: str) -> StreamingResponse:
    """A table as a download (``csv`` or ``xlsx``), streamed; the file name says what it
    holds, ``X-Total-Count`` how many rows when known."""
    workbook = file_format == "xlsx"
    name = table.xlsx_name if workbook else table.csv_name
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Content-Language": "de"}
    if table.count is not None:
        headers["X-Total-Count"] = str(table.count)
    if workbook:
        return StreamingResponse(xlsx_chunks(table), media_type=XLSX, headers=headers)
    return StreamingResponse(csv_chunks(table), media_type=f"{CSV}; charset=utf-8", headers=headers)
