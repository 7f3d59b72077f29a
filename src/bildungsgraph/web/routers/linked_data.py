"""Linked Data: every IRI the project mints dereferences here, under the path of the IRI.

``/id/...`` (records), ``/vocab/{scheme}`` and ``/vocab/{scheme}/{concept}``, ``/ontology``,
``/shapes`` and ``/graph/...`` (named graphs). Browsers get a page, clients Turtle, JSON-LD,
N-Triples or RDF/XML, chosen by ``Accept`` (q-values) or ``?format=ttl|jsonld|nt|rdf|html``.
Unknown IRIs answer 404, unsupported media types 406, both as problem details. ``ORDER`` is
high because ``/id/{path}`` and ``/graph/{path}`` match many paths.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from ...errors import NotAcceptableError
from ...linked_data import (
    HTML,
    REPRESENTATIONS,
    Representation,
    choose_representation,
    document_graph,
    representation_for_format,
    serialize,
)
from ...namespaces import GRAPH, ID, ONTOLOGY_IRI, SHAPES_IRI, VOC
from ...service.linked_data import LinkedData
from ..deps import get_service
from ..templating import render
from .api_common import ERRORS, problem_responses

ORDER = 90


def get_linked_data(request: Request) -> LinkedData:
    return get_service(request).linked_data


router = APIRouter(tags=["Linked Data"], responses=ERRORS)

READ_HEADERS = {"Access-Control-Allow-Origin": "*", "Vary": "Accept, Accept-Language"}
LINKED_DATA = Depends(get_linked_data)
# Documented, not enforced here: other values answer 406 like an Accept header would.
FORMAT_QUERY = Query(
    None,
    description="overrides the Accept header",
    json_schema_extra={"enum": ["", *(r.extension for r in REPRESENTATIONS)]},
)
# The characters of the IRIs the project mints; others answer 400 (no IRI) or 404.
SEGMENT = "[A-Za-z0-9._~-]+"
IRI_PATH = Path(json_schema_extra={"pattern": f"^{SEGMENT}(/{SEGMENT})*$"})
SCHEME = Path(json_schema_extra={"pattern": "^[a-z0-9-]{1,60}$"})
CONCEPT = Path(json_schema_extra={"pattern": f"^{SEGMENT}$"})
# Representations the store writes itself (fast for big graphs), by file extension.
_STORE_FORMATS = {"turtle": "ttl", "ntriples": "nt"}
RESPONSES: dict[int | str, dict[str, object]] = {
    200: {
        "content": {r.media_type: {} for r in REPRESENTATIONS},
        "description": "The resource as a page or RDF.",
    },
    **problem_responses(400, 404, 406),
}


def negotiate(request: Request, fmt: str | None) -> Representation | None:
    """The representation asked for by ``?format=`` or, without it, by ``Accept``."""
    if fmt:
        return representation_for_format(fmt)
    return choose_representation(request.headers.get("accept"))


def rdf_response(body: bytes, representation: Representation) -> Response:
    return Response(body, media_type=representation.content_type, headers=READ_HEADERS)


def data_links(request: Request) -> list[tuple[str, str]]:
    """Links to the RDF representations of the current page."""
    path = request.url.path
    return [
        ("Turtle", f"{path}?format=ttl"),
        ("JSON-LD", f"{path}?format=jsonld"),
        ("N-Triples", f"{path}?format=nt"),
        ("RDF/XML", f"{path}?format=rdf"),
    ]


def page(request: Request, template: str, **context: Any) -> Response:
    response = render(request, template, data_links=data_links(request), **context)
    response.headers.update(READ_HEADERS)
    return response


def negotiated(
    request: Request,
    fmt: str | None,
    html: Callable[[], Response],
    rdf: Callable[[Representation], Response],
) -> Response:
    """The representation the request asks for: ``html()``, ``rdf(representation)`` or 406."""
    representation = negotiate(request, fmt)
    if representation is None:
        supported = ", ".join(r.media_type for r in REPRESENTATIONS)
        raise NotAcceptableError(
            f"Angebotene Formate / supported media types: {supported}; "
            "oder / or ?format=ttl|jsonld|nt|rdf|html"
        )
    if representation is HTML:
        return html()
    return rdf(representation)


def resource_response(request: Request, linked: LinkedData, iri: str, fmt: str | None) -> Response:
    """A record, concept or other single resource: page or RDF."""
    return negotiated(
        request,
        fmt,
        lambda: page(request, "resource/page.html", resource=linked.describe_resource(iri)),
        lambda r: rdf_response(serialize(linked.resource_rdf(iri), r), r),
    )


def graph_rdf_response(linked: LinkedData, graph: str, representation: Representation) -> Response:
    """A whole named graph in an RDF representation (streamed by the store where it can)."""
    store_format = _STORE_FORMATS.get(representation.name)
    if store_format is None:
        body = serialize(linked.named_graph(graph), representation)
    else:
        output = io.BytesIO()
        linked.write_named_graph(graph, output, store_format)
        body = output.getvalue()
    return rdf_response(body, representation)


def document_rdf_response(linked: LinkedData, iri: str, representation: Representation) -> Response:
    """A document held as one named graph (ontology, shapes, scheme) in RDF: that graph."""
    graph = document_graph(iri)
    assert graph is not None, iri
    return graph_rdf_response(linked, graph, representation)


@router.get("/id/{path:path}", responses=RESPONSES)
def linked_data_record(
    path: Annotated[str, IRI_PATH],
    request: Request,
    format: str | None = FORMAT_QUERY,
    linked: LinkedData = LINKED_DATA,
) -> Response:
    """A record (actor, Kommune, offer, site, ..., contribution, contributor, file)."""
    return resource_response(request, linked, f"{ID}{path}", format)


@router.get("/ontology", responses=RESPONSES)
def linked_data_ontology(
    request: Request,
    format: str | None = FORMAT_QUERY,
    linked: LinkedData = LINKED_DATA,
) -> Response:
    """The ontology: its documentation page, or the ontology graph."""
    return negotiated(
        request,
        format,
        lambda: page(request, "ontology/page.html", doc=linked.ontology_documentation()),
        lambda r: document_rdf_response(linked, ONTOLOGY_IRI, r),
    )


@router.get("/shapes", responses=RESPONSES)
def linked_data_shapes(
    request: Request,
    format: str | None = FORMAT_QUERY,
    linked: LinkedData = LINKED_DATA,
) -> Response:
    """The SHACL shapes: a page about the shapes document, or the shapes graph."""
    return negotiated(
        request,
        format,
        lambda: page(request, "resource/page.html", resource=linked.describe_resource(SHAPES_IRI)),
        lambda r: document_rdf_response(linked, SHAPES_IRI, r),
    )


@router.get("/vocab/{scheme}", responses=RESPONSES)
def linked_data_scheme(
    scheme: Annotated[str, SCHEME],
    request: Request,
    format: str | None = FORMAT_QUERY,
    linked: LinkedData = LINKED_DATA,
) -> Response:
    """A concept scheme: its page with the concept hierarchy, or the vocabulary graph."""
    return negotiated(
        request,
        format,
        lambda: page(request, "ontology/scheme.html", scheme=linked.scheme_documentation(scheme)),
        lambda r: document_rdf_response(linked, f"{VOC}{scheme}", r),
    )


@router.get("/vocab/{scheme}/{concept}", responses=RESPONSES)
def linked_data_concept(
    scheme: Annotated[str, SCHEME],
    concept: Annotated[str, CONCEPT],
    request: Request,
    format: str | None = FORMAT_QUERY,
    linked: LinkedData = LINKED_DATA,
) -> Response:
    """A concept of a scheme."""
    return resource_response(request, linked, f"{VOC}{scheme}/{concept}", format)


@router.get("/graph/{path:path}", responses=RESPONSES)
def linked_data_graph(
    path: Annotated[str, IRI_PATH],
    request: Request,
    format: str | None = FORMAT_QUERY,
    linked: LinkedData = LINKED_DATA,
) -> Response:
    """A named graph: a page describing it, or its content."""
    iri = f"{GRAPH}{path}"
    return negotiated(
        request,
        format,
        lambda: page(request, "resource/graph.html", graph=linked.describe_named_graph(iri)),
        lambda r: graph_rdf_response(linked, iri, r),
    )
