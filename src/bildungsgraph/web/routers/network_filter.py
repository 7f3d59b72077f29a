"""The network filter's query parameters, declared once for ``/api/network…``, ``/network``
and ``/embed/network``.

Every value is read as text and checked by one rule, the read model's ``parse_filter``, whose
422 names the allowed values; an empty value (a form's "all") is no filter or the default.
The page checks the values itself so that it can answer 422 with the form.

No ``router`` here, so the application does not mount this module.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import Depends, Query

from ...analysis.model import ISOLATED, TIES, NetworkFilter, local_name
from ...readmodel import View, network
from ..deps import CurrentView
from ..parameters import deprecated_alias, either
from .api_common import DATE_SCHEMA, allowed_values

BOOLEAN = ("", "false", "true")
_DAY = {"anyOf": [{"enum": [""]}, DATE_SCHEMA]}


def _value(source: str, description: str) -> Any:
    return Query(
        max_length=100,
        description=description,
        json_schema_extra=allowed_values(source, blank=True),
    )


def choice(values: tuple[str, ...], description: str = "") -> Any:
    """A parameter taking one of ``values`` (listed as its enum)."""
    return Query(max_length=100, description=description, json_schema_extra={"enum": list(values)})


# also the ego networks' choice of ties (pages and embeds)
TiesChoice = Annotated[
    str,
    choice(
        TIES,
        "cooperation: cooperations only (default); membership: networks as nodes joined to "
        "their members; all: both",
    ),
]
_LIFE_PHASE_VALUES = allowed_values("concept:life-phase", blank=True)


@dataclass(frozen=True)
class NetworkQuery:
    """The filter as the query string gives it, in the parameter names of the API."""

    kommune: str = ""
    actor_type: str = ""
    topic: str = ""
    life_phase: str = ""
    programme: str = ""
    as_of: str = ""
    ties: str = "cooperation"
    partners: str = ""
    isolated: str = "show"
    confirmed_only: str = ""

    def parse(self, view: View) -> NetworkFilter:
        """The filter; InvalidParameterError naming the allowed values of a bad one."""
        return network.parse_filter(view, **asdict(self))


def network_query(
    kommune: Annotated[
        str,
        _value(
            "land-kreis-or-gemeinde",
            "Kreisschlüssel or AGS (05: NRW); a Kreis includes its Gemeinden",
        ),
    ] = "",
    actor_type: Annotated[
        str, _value("concept:actor-type", "slug of /api/vocab/actor-type (narrower included)")
    ] = "",
    topic: Annotated[str, _value("concept:topic", "slug of /api/vocab/topic")] = "",
    life_phase: Annotated[str, _value("concept:life-phase", "slug of /api/vocab/life-phase")] = "",
    programme: Annotated[str, _value("concept:programme", "slug of /api/vocab/programme")] = "",
    as_of: Annotated[
        str,
        Query(
            max_length=100,
            description="the graph on this day: only ties active then (YYYY-MM-DD)",
            json_schema_extra=_DAY,
        ),
    ] = "",
    ties: TiesChoice = "cooperation",
    partners: Annotated[
        str,
        choice(
            BOOLEAN,
            "also the direct partners of the actors matching topic, life phase, programme "
            "or actor type",
        ),
    ] = "",
    isolated: Annotated[str, choice(ISOLATED, "hide: leave out actors without a tie")] = "show",
    confirmed_only: Annotated[
        str,
        choice(
            BOOLEAN,
            "only cooperation ties both partners have confirmed (claimed and disputed ones "
            "left out; memberships unaffected)",
        ),
    ] = "",
    lebensphase: Annotated[str | None, deprecated_alias("life_phase", **_LIFE_PHASE_VALUES)] = None,
) -> NetworkQuery:
    """The network filter of the query string (not yet checked: see ``NetworkQuery.parse``)."""
    return NetworkQuery(
        kommune=kommune,
        actor_type=actor_type,
        topic=topic,
        life_phase=either("life_phase", life_phase, "lebensphase", lebensphase),
        programme=programme,
        as_of=as_of,
        ties=ties,
        partners=partners,
        isolated=isolated,
        confirmed_only=confirmed_only,
    )


NetworkParameters = Annotated[NetworkQuery, Depends(network_query)]


def network_filter(view: CurrentView, query: NetworkParameters) -> NetworkFilter:
    """The checked filter: 422 naming unknown Kommunen, concepts or choices."""
    return query.parse(view)


Filter = Annotated[NetworkFilter, Depends(network_filter)]


def api_parameters(flt: NetworkFilter) -> dict[str, str]:
    """A checked filter in the query parameters of /api/network."""
    values = {
        "kommune": flt.kommune,
        "actor_type": flt.actor_type,
        "topic": flt.topic,
        "life_phase": flt.life_phase,
        "programme": flt.programme,
    }
    parameters = {key: local_name(value) for key, value in values.items() if value}
    if flt.as_of:
        parameters["as_of"] = flt.as_of.isoformat()
    parameters["ties"] = flt.ties
    if flt.partners:
        parameters["partners"] = "true"
    if flt.hide_isolated:
        parameters["isolated"] = "hide"
    if flt.confirmed_only:
        parameters["confirmed_only"] = "true"
    return parameters
