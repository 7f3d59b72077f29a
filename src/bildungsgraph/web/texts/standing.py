"""UI strings of how confirmed cooperations are: network legend and filter, actor page,
gap dashboard (see ``web.texts``; the words inside network views: ``visualisation.wording``)."""

STRINGS: dict[str, dict[str, str]] = {
    "standing.confirmed_only": {
        "de": "nur bestätigte Kooperationen",
        "en": "confirmed cooperations only",
    },
    "standing.legend.confirmed": {"de": "bestätigt", "en": "confirmed"},
    "standing.legend.claimed": {
        "de": "noch nicht bestätigt (gestrichelt)",
        "en": "not yet confirmed (dashed)",
    },
    "standing.legend.disputed": {
        "de": "bestritten (gestrichelt, rot)",
        "en": "disputed (dashed, red)",
    },
    "standing.legend.only_confirmed": {
        "de": "Nur Kooperationen, die alle beteiligten Partner bestätigt haben.",
        "en": "Only cooperations every partner involved has confirmed.",
    },
    # the actor page and the cooperation's standing
    "standing.column": {"de": "Bestätigung", "en": "Confirmation"},
    "standing.status.confirmed": {"de": "bestätigt", "en": "confirmed"},
    "standing.status.claimed": {"de": "noch nicht bestätigt", "en": "not yet confirmed"},
    "standing.status.disputed": {"de": "bestritten", "en": "disputed"},
    "standing.awaiting": {"de": "wartet auf Bestätigung durch", "en": "awaiting confirmation by"},
    "standing.disputed_by": {"de": "bestritten von", "en": "disputed by"},
    "standing.on": {"de": "am", "en": "on"},
    "standing.reason": {"de": "Begründung", "en": "Reason"},
    "standing.outdated": {
        "de": "(bezog sich auf eine frühere Fassung)",
        "en": "(for an earlier version)",
    },
    "standing.figure": {
        "de": "davon bestätigt / noch nicht bestätigt / bestritten",
        "en": "of them confirmed / not yet confirmed / disputed",
    },
}
