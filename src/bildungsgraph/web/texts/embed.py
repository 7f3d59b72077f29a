"""UI strings of the embed pages and the snippet generator (see ``web.texts``)."""

# The iframe title of a snippet is in the language chosen for the frame, whatever the page's
# language: one key per kind and frame language, the same text under both page languages.
_FRAME_TITLES = {
    "network": {"de": "Kooperationsnetzwerk", "en": "Cooperation network"},
    "ego": {"de": "Kooperationsnetz eines Akteurs", "en": "Cooperation network of an actor"},
    "gaps": {"de": "Angebote nach Lebensphase und Thema", "en": "Offers by life phase and topic"},
    "map": {"de": "Karte der Kommunen", "en": "Map of the Kommunen"},
    "view": {"de": "bildungsgraph-Ansicht", "en": "bildungsgraph view"},
}

STRINGS: dict[str, dict[str, str]] = {
    # Embed pages
    "embed.data_link": {"de": "Daten: bildungsgraph", "en": "Data: bildungsgraph"},
    "embed.new_window": {"de": "öffnet in neuem Fenster", "en": "opens in a new window"},
    "embed.network.title": {"de": "Kooperationsnetzwerk", "en": "Cooperation network"},
    "embed.ego.title": {"de": "Netzwerk von", "en": "Network of"},
    "embed.gaps.title": {
        "de": "Angebote nach Lebensphase und Thema",
        "en": "Offers by life phase and topic",
    },
    "embed.map.title": {"de": "Karte", "en": "Map"},
    "embed.back": {"de": "Zurück zur vorigen Ansicht", "en": "Back to the previous view"},
    "embed.back_nav": {"de": "Ansichten", "en": "Views"},
    # Snippet generator (views/_snippet.html)
    "embed.snippet.heading": {"de": "Auf eigener Website einbinden", "en": "Embed on your site"},
    "embed.snippet.intro": {
        "de": "Kopieren Sie diesen Code in Ihre Seite. Die Ansicht zeigt immer den aktuellen "
        "Stand der Daten und setzt keine Cookies. Ihre Website muss beim Bildungsgraph als "
        "Partner eingetragen sein, sonst zeigt der Browser die Ansicht nicht an.",
        "en": "Copy this code into your page. The view always shows the current data and sets "
        "no cookies. Your site must be registered with bildungsgraph as a partner, otherwise "
        "browsers refuse to show the view.",
    },
    "embed.snippet.code": {"de": "Code zum Einbinden", "en": "Embed code"},
    "embed.snippet.height": {"de": "Höhe in Pixeln", "en": "Height in pixels"},
    "embed.snippet.lang": {"de": "Sprache", "en": "Language"},
    "embed.snippet.update": {"de": "Code anpassen", "en": "Update code"},
    "embed.snippet.copy": {"de": "Code kopieren", "en": "Copy code"},
    "embed.snippet.copied": {"de": "Code kopiert", "en": "Code copied"},
    "embed.snippet.copy_failed": {
        "de": "Kopieren nicht möglich: bitte markieren und mit Strg+C kopieren",
        "en": "Cannot copy: please select the code and press Ctrl+C",
    },
    "embed.snippet.preview": {"de": "Vorschau öffnen", "en": "Open preview"},
    "embed.lang.de": {"de": "Deutsch", "en": "German"},
    "embed.lang.en": {"de": "Englisch", "en": "English"},
    **{
        f"embed.frame.{kind}.{frame_lang}": {"de": text, "en": text}
        for kind, texts in _FRAME_TITLES.items()
        for frame_lang, text in texts.items()
    },
}
