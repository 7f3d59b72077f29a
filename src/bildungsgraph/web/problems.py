"""Errors as RFC 9457 problem details (``application/problem+json``).

One handler maps each error class of ``errors.py`` to an HTTP status, so routers raise the
domain's exceptions and never build error responses themselves.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..errors import (
    BildungsgraphError,
    ConfigurationError,
    ForbiddenError,
    IngestError,
    InvalidParameterError,
    NotFoundError,
    QueryError,
    StoreError,
    TooManyRequestsError,
    ValidationError,
)
from ..sparql.errors import MethodNotAllowed, Refusal, SparqlError, Unavailable

PROBLEM_JSON = "application/problem+json"
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

_STATUS: list[tuple[type[BildungsgraphError], int, str]] = [
    (NotFoundError, 404, "Nicht gefunden / Not found"),
    (ForbiddenError, 403, "Nicht erlaubt / Forbidden"),
    (QueryError, 400, "Ungültige Anfrage / Bad query"),
    (IngestError, 400, "Datei nicht lesbar / File cannot be read"),
    (ValidationError, 422, "Validierung fehlgeschlagen / Validation failed"),
    (InvalidParameterError, 422, "Ungültige Parameter / Invalid parameters"),
    (TooManyRequestsError, 429, "Zu viele Anfragen / Too many requests"),
    (StoreError, 503, "Speicher nicht verfügbar / Store unavailable"),
    (ConfigurationError, 500, "Konfigurationsfehler / Configuration error"),
]


# The SPARQL endpoint's errors: one status and title per refusal (``sparql/errors.py``).
_REFUSALS: dict[Refusal, tuple[int, str]] = {
    Refusal.BAD_REQUEST: (400, "Ungültige Anfrage / Bad request"),
    Refusal.MALFORMED: (400, "Fehlerhafte SPARQL-Anfrage / Malformed SPARQL query"),
    Refusal.SERVICE_FORBIDDEN: (400, "SERVICE nicht unterstützt / SERVICE not supported"),
    Refusal.TOO_LARGE: (400, "Ergebnis zu groß / Result too large"),
    Refusal.QUERY_FAILED: (400, "Anfrage fehlgeschlagen / Query failed"),
    Refusal.UPDATE_FORBIDDEN: (403, "Nur lesender Zugriff / Read-only endpoint"),
    Refusal.METHOD_NOT_ALLOWED: (405, "Methode nicht erlaubt / Method not allowed"),
    Refusal.NOT_ACCEPTABLE: (406, "Format nicht lieferbar / Not acceptable"),
    Refusal.TOO_LONG: (413, "Anfrage zu lang / Query too long"),
    Refusal.UNSUPPORTED_MEDIA_TYPE: (
        415,
        "Nicht unterstützter Inhaltstyp / Unsupported media type",
    ),
    Refusal.INTERNAL: (500, "Interner Fehler / Internal error"),
    Refusal.TIMEOUT: (503, "Zeitlimit überschritten / Query time limit exceeded"),
    Refusal.BUSY: (503, "Endpunkt ausgelastet / Endpoint busy"),
    Refusal.LOADING: (503, "Endpunkt startet / Endpoint starting"),
}


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """A problem details response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def status_for(error: BildungsgraphError) -> tuple[int, str]:
    """The HTTP status and title for a domain error."""
    if isinstance(error, SparqlError):
        return _REFUSALS[error.refusal]
    for cls, status, title in _STATUS:
        if isinstance(error, cls):
            return status, title
    return 500, "Interner Fehler / Internal error"


def domain_problem(error: BildungsgraphError, instance: str) -> JSONResponse:
    """The problem details response for a domain error (what the handler sends; also called
    by the SPARQL middleware, which answers ahead of the handlers)."""
    status, title = status_for(error)
    extra: dict[str, Any] = {}
    report = getattr(error, "report", None)
    if report is not None:
        extra["report"] = report.to_json()
    response = problem(status, title, str(error), instance=instance, **extra)
    response.headers.update(_headers(error))
    return response


def _headers(error: BildungsgraphError) -> dict[str, str]:
    """The headers an error implies: when to retry, which methods are allowed."""
    if isinstance(error, TooManyRequestsError | Unavailable):
        return {"Retry-After": str(error.retry_after)}
    if isinstance(error, MethodNotAllowed):
        return {"Allow": ", ".join(error.allowed)}
    return {}


def allowed_methods(request: Request) -> list[str]:
    """The methods the request's path answers. Starlette's 405 names only those of the first
    route with the path, but a path may have one route per method (GET and POST)."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]


def _entered(value: object) -> dict[str, Any]:
    """The value a client sent, when it is one short value (not a whole body)."""
    if isinstance(value, str | int | float) and len(str(value)) <= 200:
        return {"input": value}
    return {}


def install_handlers(app: FastAPI) -> None:
    """Register the exception handlers that turn errors into problem details."""

    @app.exception_handler(BildungsgraphError)
    async def domain_error(request: Request, exc: BildungsgraphError) -> JSONResponse:
        return domain_problem(exc, str(request.url.path))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = problem(
            exc.status_code, str(exc.detail), str(exc.detail), instance=str(request.url.path)
        )
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response

    @app.exception_handler(RequestValidationError)
    async def request_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": [str(part) for part in error.get("loc", ())], "msg": error.get("msg", "")}
            | _entered(error.get("input"))
            for error in exc.errors()
        ]
        return problem(
            422,
            "Ungültige Parameter / Invalid parameters",
            "; ".join(
                f"{'.'.join(e['loc'])}={e['input']!r}: {e['msg']}"
                if "input" in e
                else f"{'.'.join(e['loc'])}: {e['msg']}"
                for e in errors
            ),
            instance=str(request.url.path),
            errors=errors,
        )
