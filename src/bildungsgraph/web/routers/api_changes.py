"""/api/network/changes: a Kommune's network and offers as of two days, and what changed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...readmodel import changes
from ..deps import CurrentView
from .api_common import ERRORS, IsoDate, allowed_values

# before the other /api/network routes (analysis.py), so no pattern there can take this path
ORDER = 39
router = APIRouter(tags=["Analyse / analysis"], responses=ERRORS)
KommuneKey = Annotated[
    str | None,
    Query(
        pattern=r"^05([0-9]{3}([0-9]{3})?)?$",
        description="05 or none: NRW; Kreisschlüssel or AGS (a Kreis includes its Gemeinden)",
        json_schema_extra=allowed_values("land-kreis-or-gemeinde"),
    ),
]


@router.get(
    "/api/network/changes",
    response_model=changes.Changes,
    summary="Entwicklung über die Zeit / development over time",
)
def api_network_changes(
    view: CurrentView,
    kommune: KommuneKey = None,
    from_date: Annotated[
        IsoDate | None, Query(alias="from", description="first day (default: a year before `to`)")
    ] = None,
    to_date: Annotated[
        IsoDate | None, Query(alias="to", description="last day (default today)")
    ] = None,
    limit: Annotated[
        int,
        Query(
            ge=0, le=changes.MOST_LISTED, description="records listed per list (`total` counts all)"
        ),
    ] = changes.LIMIT,
) -> changes.Changes:
    """A Kommune as of the days `from` and `to` and what started and ended in between.

    - `before`, `after`: as of each day, the cooperations, offers and memberships active
      that day (started on or before it, not ended before it; no start date: there from the
      beginning, no end date: running) and the cooperation network of that day (the graph of
      `/api/network?as_of=` with its default `ties=cooperation`): `actors_with_ties` (actors
      of the Kommune with at least one tie), `ties` (pairs of actors in a cooperation running
      that day) and `density` (as `/api/network/measures`).
    - `started`, `ended` per kind (`cooperations`, `offers`, `memberships`): records of the
      Kommune whose `schema:startDate` lies after `from` and on or before `to`, or whose
      `schema:endDate` lies on or after `from` and before `to`; by date, the first `limit`.
    - `new_actors`: actors of the Kommune whose first offer, cooperation or membership starts
      in the period. Actors carry no founding date in the data model, so an actor appears
      with its first dated record; one with an undated record was there before and is never
      new.

    A record lies in the Kommune as it counts there in the key figures (`/api/kommunen/{key}`).
    422 for an unknown Kommune, a bad date or `from` after `to`.
    """
    return changes.changes(
        view,
        kommune,
        from_date.isoformat() if from_date else None,
        to_date.isoformat() if to_date else None,
        limit,
    )
