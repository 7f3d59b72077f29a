"""Dependency providers for the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..config import Settings
from ..readmodel import View
from ..service import BildungsGraph

STATE_HEADER = "Bildungsgraph-State"


def get_service(request: Request) -> BildungsGraph:
    """The application's service (opened once in the lifespan)."""
    service: BildungsGraph = request.app.state.service
    return service


def get_settings(request: Request) -> Settings:
    """The application's settings."""
    settings: Settings = request.app.state.settings
    return settings


def get_view(request: Request) -> View:
    """The read model's current view: a request answers from this one state only, and its
    response says which (``Bildungsgraph-State``, see ``StateHeader``)."""
    view = get_service(request).readmodel.current()
    request.state.view_state = view.state
    return view


Service = Annotated[BildungsGraph, Depends(get_service)]
CurrentView = Annotated[View, Depends(get_view)]
