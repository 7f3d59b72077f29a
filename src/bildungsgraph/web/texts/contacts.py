"""UI strings of the contact persons (actor page block, "Meine Beiträge" download)."""

STRINGS: dict[str, dict[str, str]] = {
    "contacts.heading": {"de": "Ansprechpersonen", "en": "Contact persons"},
    "contacts.private": {
        "de": "Nur für Ihr Konto sichtbar, weil seine Kommunen diesen Akteur umfassen; nicht "
        "öffentlich, nicht in SPARQL, Linked Data oder Exporten. Gespeichert mit Einwilligung "
        "der Personen und nach Ablauf der Aufbewahrungsfrist gelöscht.",
        "en": "Visible only to your account, because its Kommunen cover this actor; not public, "
        "not in SPARQL, Linked Data or exports. Stored with the persons' consent and deleted "
        "when the retention period has passed.",
    },
    "contacts.function": {"de": "Funktion", "en": "Function"},
    "contacts.email": {"de": "E-Mail", "en": "Email"},
    "contacts.telephone": {"de": "Telefon", "en": "Phone"},
    "contacts.consent": {"de": "Einwilligung am", "en": "Consent date"},
    "contacts.download": {
        "de": "Ansprechpersonen Ihrer Kommunen herunterladen (CSV)",
        "en": "Download the contact persons of your Kommunen (CSV)",
    },
    "contacts.download_hint": {
        "de": "Personenbezogene Daten: nur für die Arbeit mit den Akteuren verwenden, nicht "
        "weitergeben.",
        "en": "Personal data: use it only for working with the actors; do not pass it on.",
    },
}
