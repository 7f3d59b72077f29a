"""The figures ``/metrics`` reports, in the Prometheus text format.

Counted as they happen: requests and their latency per route (the route's template, never the
raw path, so a crawler cannot make a series per URL), the SPARQL endpoint's refusals by reason
(``timeout`` among them; the endpoint counts them through ``SparqlEndpoint.refusals``) and the
write lag (how long the read model and the replicas took to follow a write). Read at each
scrape, from ``service.monitoring.Health``: store reachable, read model and replica made and
current (of the process that answers the scrape).

With several web processes (``PROMETHEUS_MULTIPROC_DIR`` set before the processes start, as
prometheus-client's multiprocess mode asks), the counted figures are read from that directory,
summed over all processes.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..service.monitoring import Health

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
OTHER = "other"  # the route label of a path no route serves (and the method label of odd ones)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"})


class Metrics:
    """The counted figures of one application (its own registry, so that two apps in one
    process, as in the tests, count apart)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "bildungsgraph_http_requests",
            "HTTP requests answered, by route template, method and status",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "bildungsgraph_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template and method",
            ["route", "method"],
            registry=self.registry,
        )
        self.sparql_refusals = Counter(
            "bildungsgraph_sparql_refusals",
            "SPARQL queries not answered with results, by reason (timeout, busy, "
            "client-budget, malformed, too-large, ...)",
            ["reason"],
            registry=self.registry,
        )
        self.write_lag = Histogram(
            "bildungsgraph_write_lag_seconds",
            "Time the read model and the SPARQL replicas took to follow a write",
            registry=self.registry,
        )

    def refused(self, reason: str) -> None:
        """Count a SPARQL refusal (``sparql.RefusalCounter``)."""
        self.sparql_refusals.labels(reason).inc()

    def exposition(self, health: Health) -> bytes:
        """The text ``/metrics`` answers: the counted figures and the states in ``health``."""
        states = CollectorRegistry()
        states.register(_HealthCollector(health))
        return generate_latest(self._counted()) + generate_latest(states)

    def _counted(self) -> CollectorRegistry:
        if not os.environ.get(MULTIPROCESS_DIR):
            return self.registry
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # untyped upstream
        return registry


class _HealthCollector(Collector):
    def __init__(self, health: Health) -> None:
        self.health = health

    def collect(self) -> Iterable[Metric]:
        health = self.health
        figures = {
            "store_reachable": ("The store answers", health.store_reachable),
            "readmodel_ready": ("A view of the read model is made", health.readmodel_ready),
            "readmodel_current": (
                "The read model's view shows the store's current state",
                health.readmodel_current,
            ),
            "replica_ready": ("The SPARQL replica is loaded", bool(health.replica_ready)),
            "replica_current": (
                "The SPARQL replica shows the store's current state",
                health.replica_current,
            ),
        }
        for name, (documentation, value) in figures.items():
            yield GaugeMetricFamily(f"bildungsgraph_{name}", documentation, value=float(value))


class RouteLabels:
    """The route template of a request, for requests no router matched (a 304 from
    ``Caching``, ``/sparql`` from its middleware): the first template whose pattern matches."""

    def __init__(self, routes: Iterable[tuple[re.Pattern[str], str]]) -> None:
        self.routes = list(routes)

    def label(self, scope: Scope) -> str:
        route = scope.get("route")
        template = getattr(route, "path", None)
        if isinstance(template, str):
            return template
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        return next((name for pattern, name in self.routes if pattern.match(path)), OTHER)


class RequestMetrics:
    """ASGI middleware: counts every HTTP request and its latency by route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: RouteLabels) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # unless a response starts: the server answers an exception with 500

        async def send_counted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_counted)
        finally:
            route = self.routes.label(scope)
            method = scope["method"] if scope["method"] in _METHODS else OTHER
            self.metrics.requests.labels(route, method, str(status)).inc()
            self.metrics.latency.labels(route, method).observe(time.perf_counter() - started)


def route_patterns(
    routes: Iterable[object], fixed: Iterable[str]
) -> Iterator[tuple[re.Pattern[str], str]]:
    """(pattern, template) of each route with a ``path_regex`` and of the ``fixed`` paths."""
    for route in routes:
        pattern, template = getattr(route, "path_regex", None), getattr(route, "path", None)
        if isinstance(pattern, re.Pattern) and isinstance(template, str):
            yield pattern, template
    for path in fixed:
        yield re.compile(f"^{re.escape(path)}$"), path
