"""create_app(): the FastAPI application with every router, the static files and the templates.

Routers live in ``web/routers/``, one module per URL area; each module exposing ``router`` is
included, in the order of its ``ORDER`` constant (lower first; fixed paths before catch-alls).
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import ModuleType

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..config import Settings
from ..service import BildungsGraph
from ..visualisation.assets import VIS_NETWORK_DIR
from . import routers
from .caching import Caching
from .metrics import Metrics, RequestMetrics, RouteLabels, route_patterns
from .openapi import install_openapi
from .parameters import reject_unknown_parameters
from .problems import install_handlers
from .routers.sparql import PATH as SPARQL_PATH
from .routers.sparql import SparqlProtocol
from .security import SecurityHeaders
from .state import StateHeader

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, service: BildungsGraph | None = None) -> FastAPI:
    """The application; opens the store named by the settings unless a service is given.

    An empty store is first filled with the shipped data, so a new installation serves a
    working site.
    """
    settings = settings or Settings.from_env()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = service is None
        app.state.service = service or BildungsGraph.open(settings)
        if owned:
            app.state.service.loading.fill_if_empty()
            app.state.service.keep_checkpoints()
        app.state.service.writer.watch(metrics.write_lag.observe)
        # The read model loads (saved view and journal, or a first build) while the server
        # already answers; the first readers wait for it instead of building their own.
        opening = threading.Thread(
            target=app.state.service.readmodel.current, name="read-model", daemon=True
        )
        opening.start()
        try:
            yield
        finally:
            app.state.service.writer.unwatch(metrics.write_lag.observe)
            if owned:
                opening.join()
                app.state.service.close()

    app = FastAPI(
        title="bildungsgraph",
        version=__version__,
        description=(
            "Bildungslandschaft NRW als Wissensgraph: SPARQL, REST und Linked Data. "
            "The education landscape of NRW as a knowledge graph."
        ),
        lifespan=lifespan,
        docs_url=None,  # /docs is served with vendored Swagger UI (routers/api_docs.py)
        redoc_url=None,
        dependencies=[Depends(reject_unknown_parameters)],  # /api only; pages ignore utm_…
    )
    app.state.settings = settings
    app.state.metrics = metrics
    install_handlers(app)
    install_openapi(app)
    modules = _router_modules()
    app.add_middleware(StateHeader)
    app.add_middleware(Caching)  # outside StateHeader: it sees the state the route used
    app.add_middleware(SparqlProtocol)  # /sparql ahead of the router, inside the headers
    app.add_middleware(SecurityHeaders, partner_origins=settings.partner_origins)
    routes = [route for module in modules for route in module.router.routes]
    labels = RouteLabels(route_patterns(routes, fixed=[SPARQL_PATH]))
    app.add_middleware(RequestMetrics, metrics=metrics, routes=labels)  # counts every answer
    app.mount("/static/vis-network", StaticFiles(directory=VIS_NETWORK_DIR), name="vis-network")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in modules:
        app.include_router(module.router)
    return app


def _router_modules() -> list[ModuleType]:
    modules = [
        importlib.import_module(f"{routers.__name__}.{info.name}")
        for info in pkgutil.iter_modules(routers.__path__)
    ]
    with_router = [module for module in modules if hasattr(module, "router")]
    return sorted(with_router, key=lambda module: getattr(module, "ORDER", 50))
