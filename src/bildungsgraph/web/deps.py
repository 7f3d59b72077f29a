"""Dependency providers for the routers."""

from __future__ import annotations

from fastapi import Request

from ..config import Settings
from ..service import BildungsGraph


def get_service(request: Request) -> BildungsGraph:
    """The application's service (opened once in the lifespan)."""
    service: BildungsGraph = request.app.state.service
    return service


def get_settings(request: Request) -> Settings:
    """The application's settings."""
    settings: Settings = request.app.state.settings
    return settings
