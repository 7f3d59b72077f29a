"""/api/exports/…: complete downloads as CSV (UTF-8 with BOM) or .xlsx, streamed.

Records come in the shape of the contribution templates (German headers, values as the
templates take them), so that a download can be edited and uploaded again; the gap matrix and
the network measures come with German headers. The file name says what a file holds. The
filters are those of the listings (``/api/actors``, ...) and of ``/api/network``; unlike a
listing's CSV (one page), an export has every row.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import StreamingResponse

from ... import exports
from ..deps import CurrentView
from .api_common import ERRORS, FILES, allowed_values, problem_responses, table_response
from .api_records import Selection, export_filters
from .network_filter import Filter

ORDER = 35
router = APIRouter(tags=["Downloads / Exports"], responses=ERRORS)
FileFormat = Annotated[
    Literal["csv", "xlsx"],
    Path(description="csv: comma-separated, UTF-8 with BOM (Excel); xlsx: a workbook"),
]
RESPONSES = {**FILES, **problem_responses(404)}
GapKommune = Annotated[
    str,
    Query(
        pattern=r"^05[0-9]{3}([0-9]{3})?$",
        description="Kreisschlüssel (with its Gemeinden) or AGS",
        json_schema_extra=allowed_values("kreis-or-gemeinde"),
    ),
]


def _records(kind: str, view: CurrentView, selection: Selection, fmt: str) -> StreamingResponse:
    query, sort = selection
    return table_response(exports.record_table(view, kind, query, sort), fmt)


@router.get(
    "/api/exports/actors.{fmt}",
    responses=RESPONSES,
    summary="Alle Akteure (Vorlage akteure) / every actor",
)
def export_actors(
    fmt: FileFormat,
    view: CurrentView,
    selection: Annotated[Selection, Depends(export_filters("actors"))],
) -> StreamingResponse:
    """Every actor that passes the filters of `/api/actors`, as the template `akteure`."""
    return _records("actors", view, selection, fmt)


@router.get(
    "/api/exports/sites.{fmt}",
    responses=RESPONSES,
    summary="Alle Standorte (Vorlage standorte) / every site",
)
def export_sites(
    fmt: FileFormat,
    view: CurrentView,
    selection: Annotated[Selection, Depends(export_filters("sites"))],
) -> StreamingResponse:
    """Every site in the Kommunen (and other filters), as the template `standorte`."""
    return _records("sites", view, selection, fmt)


@router.get(
    "/api/exports/offers.{fmt}",
    responses=RESPONSES,
    summary="Alle Angebote (Vorlage angebote) / every offer",
)
def export_offers(
    fmt: FileFormat,
    view: CurrentView,
    selection: Annotated[Selection, Depends(export_filters("offers"))],
) -> StreamingResponse:
    """Every offer that passes the filters of `/api/offers`, as the template `angebote`."""
    return _records("offers", view, selection, fmt)


@router.get(
    "/api/exports/cooperations.{fmt}",
    responses=RESPONSES,
    summary="Alle Kooperationen (Vorlage kooperationen) / every cooperation",
)
def export_cooperations(
    fmt: FileFormat,
    view: CurrentView,
    selection: Annotated[Selection, Depends(export_filters("cooperations"))],
) -> StreamingResponse:
    """Every cooperation that passes the filters of `/api/cooperations`, as the template
    `kooperationen`."""
    return _records("cooperations", view, selection, fmt)


@router.get(
    "/api/exports/networks.{fmt}",
    responses=RESPONSES,
    summary="Alle Netzwerke (Vorlage netzwerke) / every network",
)
def export_networks(
    fmt: FileFormat,
    view: CurrentView,
    selection: Annotated[Selection, Depends(export_filters("networks"))],
) -> StreamingResponse:
    """Every network that passes the filters of `/api/networks`, as the template
    `netzwerke`."""
    return _records("networks", view, selection, fmt)


@router.get(
    "/api/exports/memberships.{fmt}",
    responses=RESPONSES,
    summary="Alle Mitgliedschaften (Vorlage mitgliedschaften) / every membership",
)
def export_memberships(
    fmt: FileFormat,
    view: CurrentView,
    selection: Annotated[Selection, Depends(export_filters("memberships"))],
) -> StreamingResponse:
    """Every membership of an actor of the Kommunen, as the template `mitgliedschaften`."""
    return _records("memberships", view, selection, fmt)


@router.get("/api/exports/gaps.{fmt}", responses=RESPONSES, summary="Lückenmatrix / gap matrix")
def export_gaps(fmt: FileFormat, view: CurrentView, kommune: GapKommune) -> StreamingResponse:
    """Offers per life phase × topic of a Kommune (a Kreis followed by each of its
    Gemeinden), with whether the pair is a gap (no recorded offer) or not relevant."""
    return table_response(exports.gap_table(view, kommune), fmt)


@router.get(
    "/api/exports/network-measures.{fmt}",
    responses=RESPONSES,
    summary="Netzwerk-Kennzahlen je Akteur / network measures per actor",
)
def export_network_measures(
    fmt: FileFormat,
    view: CurrentView,
    flt: Filter,
    seed: Annotated[int, Query(ge=0)] = 42,
) -> StreamingResponse:
    """The measures of every actor of the network `/api/network` shows for the same filters,
    with the ties they were computed on."""
    return table_response(exports.measures_table(view, flt, seed), fmt)
