"""Query parameters of the JSON API: unknown names are refused, German names are deprecated
aliases of the English ones.

The names a route knows are the query parameters it declares (with its dependencies, under
their aliases), so no list is written twice. Pages do not use this: links from partner sites
carry tracking parameters (``utm_…``) a page must ignore.
"""

from __future__ import annotations

from typing import Any

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from ..errors import InvalidParameterError

API_PREFIX = "/api/"


def known_parameters(route: APIRoute) -> frozenset[str]:
    """The query parameter names ``route`` declares, aliases (``as``, ``lebensphase``)
    included (a walk over a few dozen fields: cheaper than a cache keyed by route)."""
    return frozenset(_query_names(route.dependant))


def _query_names(dependant: Dependant) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names


def reject_unknown_parameters(request: Request) -> None:
    """An application dependency: a request to ``/api/…`` naming a query parameter its route
    does not declare is an InvalidParameterError (422) that names the known ones, so a typo
    (``lebensphse``) is not silently a query without that filter."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.url.path.startswith(API_PREFIX):
        return
    known = known_parameters(route)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        names = ", ".join(sorted(known)) or "–"
        quoted = ", ".join(repr(name[:60]) for name in unknown)
        raise InvalidParameterError(
            f"Unbekannter Parameter {quoted}; bekannt: {names} / "
            f"unknown parameter {quoted}; known: {names}"
        )


def deprecated_alias(english: str, **schema: Any) -> Any:
    """A German parameter name kept for old links: documented as deprecated in OpenAPI,
    with the same allowed values as ``english`` (``schema``: its ``json_schema_extra``)."""
    return Query(
        deprecated=True,
        description=f"Veraltet, wie `{english}` / deprecated alias of `{english}`",
        json_schema_extra=schema or None,
    )


def either(english: str, value: Any, alias: str, alias_value: Any) -> Any:
    """The value of a parameter given under its English name or its deprecated alias; both
    with different values is an InvalidParameterError."""
    if alias_value in (None, ""):
        return value
    if value not in (None, "") and value != alias_value:
        raise InvalidParameterError(
            f"{english} und {alias} widersprechen sich / {english} and {alias} disagree"
        )
    return alias_value
