"""``/healthz`` and ``/metrics``: for the load balancer and the monitoring in front of the web
processes.

``/healthz`` answers 200 while the store answers and 503 when it does not, with the states of
the store, the read model and the SPARQL replica (``service.monitoring.Health``). ``/metrics``
answers the Prometheus text format (``web/metrics.py``). Neither is ever cached.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST

from ...service.monitoring import Health, check_health
from ..deps import Service
from ..metrics import Metrics

ORDER = 10
# operations, not the public API: kept out of /docs and the API contract (whose error
# answers are problem details; a 503 here is the health report itself)
router = APIRouter(tags=["Betrieb / operations"], include_in_schema=False)
_UNCACHED = {"Cache-Control": "no-store"}


@router.get("/healthz")
def monitoring_health(request: Request, service: Service) -> JSONResponse:
    """Whether the store answers (a trivial ASK), whether the read model's view is made and
    shows the store's state, whether the SPARQL replica is loaded and current."""
    health = _health(request, service)
    return JSONResponse(
        health.to_dict(), status_code=200 if health.serving else 503, headers=_UNCACHED
    )


@router.get("/metrics", response_class=Response)
def monitoring_metrics(request: Request, service: Service) -> Response:
    """Requests and latency per route, SPARQL refusals, write lag, and the states of the
    store, the read model and the replica, in the Prometheus text format."""
    metrics: Metrics = request.app.state.metrics
    body = metrics.exposition(_health(request, service))
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers=_UNCACHED)


def _health(request: Request, service: Service) -> Health:
    # the replica is the SPARQL router's (started in its lifespan), absent without one
    return check_health(service, getattr(request.app.state, "sparql", None))
