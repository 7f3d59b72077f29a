"""Server-rendered HTML: one Jinja2 environment (autoescaped) with the i18n helpers.

Every page renders through :func:`render`, which puts the request's language and the helpers
into the template context:

- ``lang``: "de" or "en"; ``t("key")``: a UI string (see ``i18n.STRINGS``);
- ``pick(mapping)``: a value from a ``{"de": ..., "en": ...}`` map in the page language;
- ``url(path, **params)``: a local URL that keeps an explicitly chosen language (``?lang=en``);
- ``switch_url``: the current page in the other language;
- ``static(name)``: the URL of a file under ``web/static/``;
- the filter ``safe_href`` (``links.link_target``) and the macro ``data_link``
  (``_link.html``) for every link whose target comes from data: only local paths and
  ``http(s)``/``mailto`` IRIs become links, any other IRI (``javascript:`` …) is text.

Templates extend ``base.html`` and fill the blocks ``title``, ``head``, ``content`` and
``scripts`` (scripts are files under ``/static``; no inline event handlers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..links import link_target
from ..negotiation import LANGUAGES
from .i18n import choose_language, pick, translate

TEMPLATE_DIR = Path(__file__).parent / "templates"

environment = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html", "xml"], default_for_string=True, default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters["safe_href"] = link_target
templates = Jinja2Templates(env=environment)


def static_url(name: str) -> str:
    """The URL of a static file (served by the application itself)."""
    return "/static/" + name.lstrip("/")


def local_url(request: Request, path: str, **params: Any) -> str:
    """``path`` with ``params``; keeps ``lang`` when the request chose it explicitly."""
    query = {key: value for key, value in params.items() if value is not None}
    explicit = request.query_params.get("lang")
    if "lang" not in query and explicit in LANGUAGES:
        query["lang"] = explicit
    return path + ("?" + urlencode(query, doseq=True) if query else "")


def switch_url(request: Request, lang: str) -> str:
    """The current page in the other language (the other query parameters kept)."""
    other = "en" if lang == "de" else "de"
    params = [(key, value) for key, value in request.query_params.multi_items() if key != "lang"]
    params.append(("lang", other))
    return request.url.path + "?" + urlencode(params)


def page_context(request: Request) -> dict[str, Any]:
    """The helpers every template may use."""
    lang = choose_language(request)
    return {
        "request": request,
        "lang": lang,
        "t": lambda key: translate(key, lang),
        "pick": lambda texts: pick(texts, lang),
        "url": lambda path, **params: local_url(request, path, **params),
        "switch_url": switch_url(request, lang),
        "static": static_url,
    }


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the page helpers and ``context``; answers ``text/html``.

    The response varies by ``Accept-Language`` (the language may come from it) and carries a
    ``Content-Language`` header.
    """
    full = page_context(request) | context
    response = templates.TemplateResponse(request, template, full, status_code=status_code)
    response.headers["Content-Language"] = full["lang"]
    response.headers["Vary"] = "Accept, Accept-Language"
    return response
