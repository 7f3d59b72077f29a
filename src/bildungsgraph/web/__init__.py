"""The web face: REST, SPARQL, Linked Data and HTML pages over the one service."""

from .app import create_app

__all__ = ["create_app"]
