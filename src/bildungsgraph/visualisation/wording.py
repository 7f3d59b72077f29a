"""The German and English words inside network views: tooltips, legend and group names.

Page texts live in the web layer (``web/texts/views.py``); these travel with the view data.
"""

from __future__ import annotations

from ..analysis.explanations import MEASURES

WORDS: dict[str, dict[str, str]] = {
    "actors": {"de": "Akteure", "en": "actors"},
    "ties_inside": {"de": "Verbindungen untereinander", "en": "ties among them"},
    "ties": {"de": "Verbindungen", "en": "ties"},
    "cooperations": {"de": "Kooperationen", "en": "cooperations"},
    "networks": {"de": "gemeinsame Netzwerke", "en": "shared networks"},
    "expand": {"de": "Klicken zeigt die Akteure.", "en": "Click to show the actors."},
    "outside": {
        "de": "Partner außerhalb der Auswahl",
        "en": "partner outside the selection",
    },
    "community": {"de": "Gemeinschaft", "en": "Community"},
    "other": {"de": "Weitere", "en": "Other"},
    "no_type": {"de": "ohne Akteurstyp", "en": "no actor type"},
    "no_place": {"de": "ohne Ort", "en": "no location"},
    "no_ties": {"de": "ohne Verbindungen", "en": "without ties"},
    "group.kommune": {"de": "Kommune", "en": "Kommune"},
    "group.actor_type": {"de": "Akteurstyp", "en": "Actor type"},
    "group.community": {"de": "Gemeinschaft", "en": "Community"},
    # the standing of a cooperation tie (``analysis.graphs``: confirmation)
    "confirmed": {"de": "bestätigt", "en": "confirmed"},
    "claimed": {"de": "noch nicht bestätigt", "en": "not yet confirmed"},
    "disputed": {"de": "bestritten", "en": "disputed"},
    "awaiting": {"de": "wartet auf Bestätigung durch", "en": "awaiting confirmation by"},
    "disputed_by": {"de": "bestritten von", "en": "disputed by"},
}
DISPUTED_MARK = "⚠"  # a disputed tie says so in its tooltip, not by colour alone


def say(key: str, lang: str) -> str:
    """A word in ``lang`` (German when English is missing)."""
    texts = WORDS[key]
    return texts.get(lang) or texts["de"]


def measure_label(measure: str, lang: str) -> str:
    """The name of a network measure (see ``analysis.explanations``)."""
    explanation = MEASURES[measure]
    return explanation.label_en if lang == "en" else explanation.label_de


def format_value(value: float, measure: str, lang: str) -> str:
    """A measure value for people: counts as integers, shares with three decimals."""
    if measure in ("degree", "weighted_degree") and float(value).is_integer():
        return str(int(value))
    text = f"{value:.3f}"
    return text.replace(".", ",") if lang == "de" else text
