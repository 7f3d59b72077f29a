"""Errors as RFC 9457 problem details (``application/problem+json``) or the site's error page.

One handler maps each error class of ``errors.py`` (and Starlette's 404/405, FastAPI's request
validation) to an HTTP status, so routers raise the domain's exceptions and never build error
responses themselves. The handler chooses the representation the same way for every route:
problem JSON under ``/api`` and ``/sparql`` and for clients that do not ask for HTML before
JSON; the site's error page (German first, ``?lang=en``) for browsers on the other pages, in the
embed layout under ``/embed``. A page names its own headings with ``ErrorTexts``.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..errors import (
    BildungsgraphError,
    ConfigurationError,
    ForbiddenError,
    IngestError,
    InvalidParameterError,
    NotAcceptableError,
    NotFoundError,
    QueryError,
    StoreError,
    TooManyRequestsError,
    ValidationError,
)
from ..negotiation import parse_accept
from ..sparql.errors import MethodNotAllowed, Refusal, SparqlError, Unavailable
from .i18n import choose_language, translate
from .templating import render

PROBLEM_JSON = "application/problem+json"
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

_STATUS: list[tuple[type[BildungsgraphError], int, str]] = [
    (NotFoundError, 404, "Nicht gefunden / Not found"),
    (ForbiddenError, 403, "Nicht erlaubt / Forbidden"),
    (NotAcceptableError, 406, "Nicht lieferbar / Not acceptable"),
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
    Refusal.REMOTE_FAILED: (503, "Speicher antwortet nicht / Store not answering"),
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
    extra: dict[str, Any] = dict(getattr(error, "members", None) or {})
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


# Headings of the HTML error page by status; the problem JSON keeps its own titles.
_HEADINGS = {
    400: ("Ungültige Anfrage", "Bad request"),
    401: ("Anmeldung nötig", "Sign-in required"),
    403: ("Nicht erlaubt", "Forbidden"),
    404: ("Nicht gefunden", "Not found"),
    405: ("Methode nicht erlaubt", "Method not allowed"),
    406: ("Nicht lieferbar", "Not acceptable"),
    413: ("Zu groß", "Too large"),
    415: ("Falscher Medientyp", "Unsupported media type"),
    422: ("Ungültige Angabe", "Invalid parameter"),
    429: ("Zu viele Anfragen", "Too many requests"),
    503: ("Dienst nicht verfügbar", "Service unavailable"),
}
_INTERNAL = ("Interner Fehler", "Internal error")
# Starlette's own 404 and 405 say only "Not Found", "Method Not Allowed": a page says more.
_ROUTING = {
    404: ("Diese Seite gibt es nicht.", "There is no such page."),
    405: ("Diese Adresse nimmt solche Anfragen nicht an.", "This address takes no such request."),
}
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_JSON_TYPES = ("application/json", "application/problem+json")
# Paths whose errors are always problem details (machine clients, also from a browser).
_MACHINE_PREFIXES = ("/api/", "/sparql/")
_MACHINE_PATHS = ("/api", "/sparql")


class ErrorTexts:
    """A page's own texts on its error page, by status (UI string keys): ``headings`` e.g.
    ``{404: "kommune.not_found", 422: "kommune.invalid"}``; ``messages`` in place of the
    error's own message, filled with the path parameters (``{kennung}``, at most 100 characters).

    Used as a route dependency (``dependencies=[Depends(ErrorTexts({...}))]``): it runs
    before the route's parameters are checked, so a failing parameter gets the heading too.
    """

    def __init__(
        self, headings: Mapping[int, str], messages: Mapping[int, str] | None = None
    ) -> None:
        self.headings = dict(headings)
        self.messages = dict(messages or {})

    def __call__(self, request: Request) -> None:
        request.state.error_texts = self


def _machine_path(path: str) -> bool:
    return path in _MACHINE_PATHS or path.startswith(_MACHINE_PREFIXES)


def wants_html(request: Request) -> bool:
    """Whether the error answer is a page: not under ``/api`` or ``/sparql``, and the client
    asks for HTML at least as much as for JSON (browsers do; ``curl`` and ``*/*`` do not)."""
    if _machine_path(request.url.path):
        return False
    ranges = parse_accept(request.headers.get("accept"))
    html = max((r.q for r in ranges if r.name in _HTML_TYPES), default=0.0)
    json = max((r.q for r in ranges if r.name in _JSON_TYPES), default=0.0)
    return html > 0 and html >= json


def error_page(request: Request, status: int, message: str) -> Response:
    """The site's error page (the embed layout under ``/embed``): the page's own heading for
    ``status`` (``ErrorTexts``), else the status's; ``message`` is escaped like all text."""
    lang = choose_language(request)
    texts: ErrorTexts | None = getattr(request.state, "error_texts", None)
    key = texts.headings.get(status) if texts else None
    if key is not None:
        heading = translate(key, lang)
    else:
        german, english = _HEADINGS.get(status, _INTERNAL)
        heading = german if lang == "de" else english
    if texts and status in texts.messages:
        values = {name: str(value)[:100] for name, value in request.path_params.items()}
        message = translate(texts.messages[status], lang).format(**values)
    if request.url.path.startswith("/embed/"):
        return render(
            request,
            "embed/error.html",
            status_code=status,
            embed_title=heading,
            message=message,
            options=_EMBED_OPTIONS,
            back_url=None,
            full_url="/",
        )
    return render(
        request,
        "pages/error.html",
        status_code=status,
        heading=heading,
        message=message,
        search_query=request.query_params.get("q", "")[:200],
    )


class _EmbedLayout:
    """What the embed layout needs to know of the (unread) embed options."""

    height = 400
    accent = None
    show_title = True


_EMBED_OPTIONS = _EmbedLayout()


def _answer(
    request: Request, problem_json: JSONResponse, message: str, headers: Mapping[str, str]
) -> Response:
    response: Response = problem_json
    if wants_html(request):
        response = error_page(request, problem_json.status_code, message)
    elif not _machine_path(request.url.path):
        response.headers["Vary"] = "Accept, Accept-Language"
    for name, value in headers.items():
        response.headers[name] = value
    return response


def _message(error: BildungsgraphError, lang: str) -> str:
    if isinstance(error, TooManyRequestsError):
        return error.message_de if lang == "de" else error.message_en
    return str(error)


def install_handlers(app: FastAPI) -> None:
    """Register the one handler of each kind of error (see the module docstring)."""

    @app.exception_handler(BildungsgraphError)
    async def domain_error(request: Request, exc: BildungsgraphError) -> Response:
        response = domain_problem(exc, str(request.url.path))
        return _answer(request, response, _message(exc, choose_language(request)), _headers(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = problem(
            exc.status_code, str(exc.detail), str(exc.detail), instance=str(request.url.path)
        )
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        message = str(exc.detail)
        if exc.status_code in _ROUTING and message == HTTPStatus(exc.status_code).phrase:
            german, english = _ROUTING[exc.status_code]
            message = german if choose_language(request) == "de" else english
        return _answer(request, response, message, headers)

    @app.exception_handler(RequestValidationError)
    async def request_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": [str(part) for part in error.get("loc", ())], "msg": error.get("msg", "")}
            | _entered(error.get("input"))
            for error in exc.errors()
        ]
        detail = "; ".join(
            f"{'.'.join(e['loc'])}={e['input']!r}: {e['msg']}"
            if "input" in e
            else f"{'.'.join(e['loc'])}: {e['msg']}"
            for e in errors
        )
        response = problem(
            422,
            "Ungültige Parameter / Invalid parameters",
            detail,
            instance=str(request.url.path),
            errors=errors,
        )
        return _answer(request, response, detail, {})
