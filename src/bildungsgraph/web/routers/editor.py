"""``/sparql/editor``: the query editor as a page of its own (the shareable editor URL).

``GET /sparql`` answers clients with results or the service description; a browser without a
query gets the same page through :func:`bildungsgraph.web.editor.editor_response`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from ..editor import EDITOR_PATH, editor_response

ORDER = 20
router = APIRouter(tags=["SPARQL"])


@router.get(EDITOR_PATH, response_class=HTMLResponse, summary="SPARQL query editor")
def sparql_editor(request: Request) -> Response:
    """The query editor; ``?query=`` opens it with a query, ``?example=<name>`` with an example.

    ``?lang=en`` shows it in English (default: German, or the browser's Accept-Language).
    """
    return editor_response(request)
