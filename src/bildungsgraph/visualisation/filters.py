"""Page query strings → a NetworkFilter, and the choices of the filter form.

Pages receive strings; unknown Kommune keys, concept slugs and bad dates are an
InvalidParameterError (HTTP 422), so routers stay thin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..analysis.model import ISOLATED, TIES, NetworkFilter
from ..errors import InvalidParameterError
from .builder import COLOUR_BY, GROUP_BY, SIZE_BY
from .source import FilterVocabulary
from .wording import measure_label

WHOLE_STATE = "05"  # the Land: no Kommune filter
BOOLEAN = ("false", "true")  # first: the default
_KEY = re.compile(r"05[0-9]{3}([0-9]{3})?")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    level: int = 0  # 1 for a Gemeinde under its Kreis, a type under its top type


@dataclass(frozen=True)
class NetworkChoices:
    """What the filter form offers, labelled in the page language."""

    kommunen: list[Choice]
    actor_types: list[Choice]
    topics: list[Choice]
    life_phases: list[Choice]
    programmes: list[Choice]
    colour_by: tuple[str, ...]
    group_by: tuple[str, ...]
    size_by: list[Choice]
    ties: tuple[str, ...] = TIES
    isolated: tuple[str, ...] = ISOLATED


def parse_filter(
    vocabulary: FilterVocabulary,
    kommune: str | None = None,
    actor_type: str | None = None,
    topic: str | None = None,
    life_phase: str | None = None,
    programme: str | None = None,
    as_of: str | None = None,
    ties: str | None = None,
    partners: str | None = None,
    isolated: str | None = None,
    confirmed_only: str | None = None,
) -> NetworkFilter:
    """The filter of a page's query values; empty values mean "no filter" (``ties``:
    cooperation, ``partners`` and ``confirmed_only``: false, ``isolated``: show)."""
    key = (kommune or "").strip() or None
    if key == WHOLE_STATE:
        key = None
    if key is not None and (not _KEY.fullmatch(key) or key not in vocabulary.kommune_names):
        raise InvalidParameterError(
            f"Kommune {key!r} ist unbekannt / unknown Kommune (Kreisschlüssel oder AGS)"
        )
    return NetworkFilter.from_slugs(
        kommune=key,
        topic=_slug(vocabulary, "topic", topic),
        life_phase=_slug(vocabulary, "life-phase", life_phase),
        programme=_slug(vocabulary, "programme", programme),
        as_of=_day(as_of),
        actor_type=_slug(vocabulary, "actor-type", actor_type),
        ties=parse_ties(ties),
        partners=_choice("partners", partners, BOOLEAN) == "true",
        hide_isolated=_choice("isolated", isolated, ISOLATED) == "hide",
        confirmed_only=_choice("confirmed_only", confirmed_only, BOOLEAN) == "true",
    )


def parse_ties(value: str | None) -> str:
    """One of TIES (empty: ``cooperation``); InvalidParameterError otherwise."""
    return _choice("ties", value, TIES)


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str:
    """One of ``allowed`` (empty: the first, the default)."""
    text = (value or "").strip() or allowed[0]
    if text not in allowed:
        raise InvalidParameterError(
            f"{name}={text[:60]!r} ist unbekannt / is unknown; "
            f"erlaubt / allowed: {', '.join(allowed)}"
        )
    return text


def _slug(vocabulary: FilterVocabulary, scheme: str, value: str | None) -> str | None:
    slug = (value or "").strip()
    if not slug:
        return None
    known = {concept.slug for concept in vocabulary.concepts.get(scheme, [])}
    if slug not in known:
        raise InvalidParameterError(
            f"{scheme} {slug!r} ist unbekannt / is unknown; erlaubt / allowed: "
            f"{', '.join(sorted(known))}"
        )
    return slug


def _day(value: str | None) -> date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidParameterError(
            f"Datum {text!r} ist ungültig / invalid date (JJJJ-MM-TT / YYYY-MM-DD)"
        ) from None
    if day.year < 1900:
        raise InvalidParameterError(f"Datum {text} liegt vor 1900 / is before 1900")
    return day


def network_choices(vocabulary: FilterVocabulary, lang: str) -> NetworkChoices:
    """Kommunen (Kreise with their Gemeinden), concepts and view options for the form."""
    return NetworkChoices(
        kommunen=_kommune_choices(vocabulary),
        actor_types=_actor_type_choices(vocabulary, lang),
        topics=_concept_choices(vocabulary, "topic", lang),
        life_phases=_concept_choices(vocabulary, "life-phase", lang),
        programmes=_concept_choices(vocabulary, "programme", lang),
        colour_by=COLOUR_BY,
        group_by=GROUP_BY,
        size_by=[Choice(measure, measure_label(measure, lang)) for measure in SIZE_BY],
    )


def _kommune_choices(vocabulary: FilterVocabulary) -> list[Choice]:
    kommunen = vocabulary.kommunen.values()
    choices = []
    for kreis in sorted((k for k in kommunen if not k.is_municipality), key=lambda k: k.name):
        choices.append(Choice(kreis.key, kreis.name))
        gemeinden = [k for k in kommunen if k.is_municipality and k.parent == kreis.iri]
        if len(gemeinden) > 1:  # a kreisfreie Stadt is its one Gemeinde
            gemeinden.sort(key=lambda g: g.name)
            choices.extend(Choice(g.key, g.name, 1) for g in gemeinden)
    return choices


def _actor_type_choices(vocabulary: FilterVocabulary, lang: str) -> list[Choice]:
    concepts = vocabulary.concepts.get("actor-type", [])
    choices = []
    for top in sorted((c for c in concepts if c.broader is None), key=lambda c: c.label(lang)):
        choices.append(Choice(top.slug, top.label(lang)))
        narrower = [c for c in concepts if c.broader == top.slug]
        narrower.sort(key=lambda c: c.label(lang))
        choices.extend(Choice(c.slug, c.label(lang), 1) for c in narrower)
    return choices


def _concept_choices(vocabulary: FilterVocabulary, scheme: str, lang: str) -> list[Choice]:
    return [Choice(c.slug, c.label(lang)) for c in vocabulary.concepts.get(scheme, [])]
