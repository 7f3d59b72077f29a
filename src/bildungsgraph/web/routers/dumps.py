"""Dumps of the whole graph: ``/dumps`` (index) and the files under it.

The files are generated once per state of the store and kept on disk (see
``linked_data.dumps``); they are sent as ``application/gzip`` downloads, ``void.ttl`` as Turtle.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import FileResponse, JSONResponse, Response

from ...linked_data import DUMP_FILES, HTML, RDF_REPRESENTATIONS, choose_representation
from ...service import BildungsGraph
from ..deps import get_service
from ..templating import render
from .api_common import ERRORS, problem_responses

ORDER = 80

router = APIRouter(tags=["Dumps"], responses=ERRORS)

SERVICE = Depends(get_service)
READ_HEADERS = {"Access-Control-Allow-Origin": "*"}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "bildungsgraph.nq.gz": {
        "de": "Der ganze Graph als N-Quads, mit den benannten Graphen (gzip)",
        "en": "The whole graph as N-Quads, named graphs kept (gzip)",
    },
    "bildungsgraph.ttl.gz": {
        "de": "Der ganze Graph als Turtle, alle Graphen zusammengeführt (gzip)",
        "en": "The whole graph as Turtle, all graphs merged (gzip)",
    },
    "bildungsgraph.jsonld.gz": {
        "de": "Der ganze Graph als JSON-LD, mit den benannten Graphen (gzip)",
        "en": "The whole graph as JSON-LD, named graphs kept (gzip)",
    },
    "void.ttl": {
        "de": "VoID-Beschreibung: Umfang je Graph und Klasse, Lizenzen, Quellenvermerke",
        "en": "VoID description: size per graph and class, licences, attribution",
    },
}


def dump_index(request: Request) -> list[dict[str, object]]:
    """The dump files with their URL, content type and description."""
    return [
        {
            "name": name,
            "url": str(request.url_for("dumps_file", name=name)),
            "media_type": media_type,
            "encoding": "gzip" if name.endswith(".gz") else None,
            "description": DESCRIPTIONS[name],
        }
        for name, (_, media_type) in DUMP_FILES.items()
    ]


@router.get("/dumps", responses={200: {"content": {"application/json": {}, "text/html": {}}}})
def dumps_index(request: Request) -> Response:
    """The list of dumps: a page for browsers, JSON for everybody else."""
    files = dump_index(request)
    offered = (HTML, *RDF_REPRESENTATIONS)
    if choose_representation(request.headers.get("accept"), offered) is HTML:
        response: Response = render(request, "dumps/index.html", files=files)
    else:
        response = JSONResponse({"dumps": files, "void": files[-1]["url"]})
        response.headers["Vary"] = "Accept"
    response.headers.update(READ_HEADERS)
    return response


@router.get(
    "/dumps/{name}",
    name="dumps_file",
    responses={
        200: {"content": {"application/gzip": {}, "text/turtle": {}}},
        **problem_responses(404),
    },
)
def dumps_file(
    name: str = Path(json_schema_extra={"enum": list(DUMP_FILES)}),
    service: BildungsGraph = SERVICE,
) -> Response:
    """One dump file (404 for unknown names)."""
    dump = service.linked_data.dump_file(name)
    if dump.gzipped:
        return FileResponse(
            dump.path,
            media_type="application/gzip",
            filename=dump.name,
            headers=READ_HEADERS,
        )
    return FileResponse(
        dump.path,
        media_type=f"{dump.media_type}; charset=utf-8",
        headers={**READ_HEADERS, "Content-Disposition": f'inline; filename="{dump.name}"'},
    )
