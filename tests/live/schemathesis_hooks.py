"""schemathesis hooks: the rules between parameters that OpenAPI cannot state.

A listing's ``date_from`` must not be after its ``date_to`` and a ``bbox`` needs south ≤ north
and west ≤ east; a German alias beside its English name must agree with it; the API answers
422 otherwise, by design. Each parameter alone is valid, so
schemathesis would count such a request as valid data rejected. These hooks keep its valid
requests to the ones that follow the rules (invalid requests are generated as before).

    SCHEMATHESIS_HOOKS=tests/live/schemathesis_hooks.py schemathesis run URL/openapi.json
"""

from __future__ import annotations

from typing import Any

import schemathesis

# a deprecated German name given beside its English one must have the same value (else 422)
ALIASES = {"lebensphase": "life_phase", "stichtag": "reference_date"}


def _ordered_box(bbox: object) -> bool:
    try:
        south, west, north, east = (float(part) for part in str(bbox).split(","))
    except ValueError:
        return True  # not a box at all: the request is invalid anyway
    return south <= north and west <= east


@schemathesis.hook
def filter_query(ctx: Any, query: dict[str, Any] | None) -> bool:
    if not query:
        return True
    start, end = query.get("date_from"), query.get("date_to")
    if isinstance(start, str) and isinstance(end, str) and start > end:
        return False
    for alias, name in ALIASES.items():
        given = (query.get(alias), query.get(name))
        if None not in given and "" not in given and given[0] != given[1]:
            return False
    return "bbox" not in query or _ordered_box(query["bbox"])
