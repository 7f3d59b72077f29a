"""The OpenAPI description: FastAPI's, plus the values a parameter takes from the store.

Filters take concept slugs and Kommune keys, which live in the store, not in the code. A
parameter names their source (``api_common.allowed_values``); here that source becomes the
parameter's ``enum``, from the read model's current view, so the description lists what the
services accept and a client (or a fuzzer) can tell a valid value from an invalid one. The
description is made once per store state.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI

from ..readmodel import View, network
from .routers.api_common import BLANK_KEY, VALUES_KEY, Problem

Schema = dict[str, Any]
LAND = "05"


def install_openapi(app: FastAPI) -> None:
    """Serve ``/openapi.json`` with the allowed values of the current store state."""
    generate = app.openapi  # FastAPI's own, which caches the description of the routes
    made: dict[str, Schema] = {}

    def openapi() -> Schema:
        view: View = app.state.service.readmodel.current()
        if view.state not in made:
            made.clear()
            made[view.state] = with_allowed_values(generate(), allowed_values(view))
        return made[view.state]

    app.openapi = openapi  # type: ignore[method-assign]


def allowed_values(view: View) -> Callable[[str], list[str]]:
    """The values of a source named by ``api_common.allowed_values``."""
    analysed = sorted(network.vocabulary(view).kommune_names)

    def values(source: str) -> list[str]:
        if source == "kommune":
            return sorted(item["key"] for item in view.records.kommunen())
        if source == "kreis-or-gemeinde":
            return analysed
        if source == "land-kreis-or-gemeinde":
            return [LAND, *analysed]
        kind, _, scheme = source.partition(":")
        concepts = view.records.scheme(scheme)["concepts"]
        slugs = [concept["id"] for concept in concepts]
        if kind == "concept":
            return slugs
        if kind == "concept-or-notation":
            return slugs + [c["notation"] for c in concepts if c["notation"] not in (None, *slugs)]
        raise ValueError(f"unknown source of allowed values {source!r}")

    return values


def with_allowed_values(description: Schema, values: Callable[[str], list[str]]) -> Schema:
    """A copy of ``description`` with an ``enum`` for every parameter that names a source,
    and the problem details schema the error responses refer to."""
    filled = copy.deepcopy(description)
    schemas = filled.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema()
    for parameter in _parameters(filled):
        schema = parameter["schema"]
        source = schema.pop(VALUES_KEY, None)
        if source is None:
            continue
        enum = ([""] if schema.pop(BLANK_KEY, False) else []) + values(source)
        _string_schema(schema)["enum"] = enum
    return filled


def _parameters(description: Schema) -> Iterator[Schema]:
    for operations in description.get("paths", {}).values():
        for operation in operations.values():
            yield from operation.get("parameters", [])


def _string_schema(schema: Schema) -> Schema:
    """Where the string values are: the schema itself, a list's items or the non-null
    member of an optional parameter."""
    if "items" in schema:
        return _string_schema(schema["items"])
    for member in schema.get("anyOf", []):
        if member.get("type") != "null":
            return _string_schema(member)
    return schema
