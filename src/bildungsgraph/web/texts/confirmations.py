"""UI strings of the "Zu bestätigen" page of the contribute area (see ``web.texts``)."""

STRINGS: dict[str, dict[str, str]] = {
    "confirmations.title": {"de": "Zu bestätigen", "en": "To confirm"},
    "confirmations.intro": {
        "de": "Andere Kommunen haben Kooperationen eingetragen, an denen Akteure in Ihren "
        "Kommunen beteiligt sein sollen. Bis Sie sie bestätigen, gelten diese Partner als "
        "beansprucht: Netzwerkansichten zeigen die Verbindung gestrichelt. Bestreiten Sie eine "
        "Kooperation, nennen Sie bitte den Grund; die Entscheidung wird mit Ihrem Konto und der "
        "Zeit gespeichert und ist öffentlich.",
        "en": "Other Kommunen have entered cooperations said to involve actors in your "
        "Kommunen. Until you confirm them, these partners count as claimed: network views draw "
        "the tie dashed. If you dispute a cooperation, please give the reason; the decision is "
        "stored with your account and the time, and it is public.",
    },
    "confirmations.none": {
        "de": "Nichts zu bestätigen.",
        "en": "Nothing to confirm.",
    },
    "confirmations.cooperation": {"de": "Kooperation", "en": "Cooperation"},
    "confirmations.form": {"de": "Form", "en": "Form"},
    "confirmations.partner": {"de": "Ihr Partner", "en": "Your partner"},
    "confirmations.partners": {"de": "Alle Partner", "en": "All partners"},
    "confirmations.contributor": {"de": "Eingetragen von", "en": "Entered by"},
    "confirmations.since": {"de": "Seit", "en": "Since"},
    "confirmations.decide": {"de": "Entscheidung", "en": "Decision"},
    "confirmations.outdated": {
        "de": "Die Kooperation wurde geändert, seit {decision} am {at}; bitte neu entscheiden.",
        "en": "The cooperation changed since it was {decision} on {at}; please decide again.",
    },
    "confirmations.confirm": {"de": "Bestätigen", "en": "Confirm"},
    "confirmations.dispute": {"de": "Bestreiten", "en": "Dispute"},
    "confirmations.reason": {
        "de": "Begründung (Pflicht beim Bestreiten)",
        "en": "Reason (required to dispute)",
    },
    "confirmations.decided": {"de": "Ihre Entscheidungen", "en": "Your decisions"},
    "confirmations.decided_none": {
        "de": "Sie haben noch nichts entschieden.",
        "en": "You have not decided anything yet.",
    },
    "confirmations.at": {"de": "Am", "en": "On"},
    "confirmations.current": {"de": "gilt", "en": "holds"},
    "confirmations.superseded": {
        "de": "Kooperation seither geändert",
        "en": "cooperation changed since",
    },
    "confirmations.standing.confirmed": {"de": "bestätigt", "en": "confirmed"},
    "confirmations.standing.claimed": {"de": "beansprucht", "en": "claimed"},
    "confirmations.standing.disputed": {"de": "bestritten", "en": "disputed"},
    "confirmations.done.confirmed": {
        "de": "Die Kooperation ist bestätigt.",
        "en": "The cooperation is confirmed.",
    },
    "confirmations.done.disputed": {
        "de": "Die Kooperation ist bestritten.",
        "en": "The cooperation is disputed.",
    },
    "confirmations.json": {
        "de": "Für Programme (mit Zugangstoken, auch als CSV):",
        "en": "For programs (with an access token, also as CSV):",
    },
    "confirmations.link": {"de": "Zu bestätigen", "en": "To confirm"},
    "contribute.err.confirm_not_covered": {
        "de": "Dieser Partner liegt nicht in den Kommunen Ihres Kontos; entscheiden kann nur "
        "ein Konto seiner Kommune.",
        "en": "This partner lies outside your account's Kommunen; only an account of its "
        "Kommune can decide.",
    },
    "contribute.err.confirm_unknown": {
        "de": "Diese Kooperation oder diesen Partner gibt es nicht (mehr); vielleicht wurde "
        "der Beitrag zurückgezogen.",
        "en": "This cooperation or partner does not exist (any longer); perhaps the "
        "contribution was withdrawn.",
    },
}
