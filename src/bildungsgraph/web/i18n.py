"""UI language: German by default, English on request; the site's UI strings in both.

The language is chosen without cookies: an explicit ``?lang=de|en`` wins, then the
``Accept-Language`` header (read by ``bildungsgraph.negotiation``, as the API reads it), then
German. Pages pass ``lang`` on to their links (``lang_url``), so a chosen language stays in the
URL and every URL is shareable.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request

from .. import negotiation
from ..negotiation import DEFAULT_LANGUAGE, LANGUAGES
from .texts import area_strings

# key -> {lang: text}. Templates call ``t("key")``; a missing key shows itself (easy to spot).
STRINGS: dict[str, dict[str, str]] = {
    "site.title": {"de": "Bildungsgraph NRW", "en": "Bildungsgraph NRW"},
    "site.tagline": {
        "de": "Die Bildungslandschaft NRW als Wissensgraph",
        "en": "The education landscape of NRW as a knowledge graph",
    },
    "skip": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "nav.label": {"de": "Hauptnavigation", "en": "Main navigation"},
    "nav.start": {"de": "Start", "en": "Home"},
    "nav.kommunen": {"de": "Meine Kommune", "en": "My Kommune"},
    "nav.gaps": {"de": "Lücken", "en": "Gaps"},
    "nav.network": {"de": "Netzwerk", "en": "Network"},
    "nav.contribute": {"de": "Daten beitragen", "en": "Contribute data"},
    "nav.sparql": {"de": "SPARQL", "en": "SPARQL"},
    "nav.ontology": {"de": "Ontologie", "en": "Ontology"},
    "nav.data": {"de": "Daten/Dumps", "en": "Data/dumps"},
    "nav.api": {"de": "API-Doku", "en": "API docs"},
    "lang.switch": {"de": "English", "en": "Deutsch"},
    "lang.switch_label": {"de": "Switch to English", "en": "Auf Deutsch wechseln"},
    "footer.data": {"de": "Daten", "en": "Data"},
    "footer.licence": {"de": "Lizenz", "en": "Licence"},
    # Query editor
    "editor.title": {"de": "SPARQL-Abfrageeditor", "en": "SPARQL query editor"},
    "editor.intro": {
        "de": "Fragen Sie den Bildungsgraphen direkt ab. Die Präfixe des Projekts sind "
        "voreingestellt; Beispielabfragen finden Sie im Menü.",
        "en": "Query the education graph directly. The project's prefixes are pre-filled; "
        "example queries are in the menu.",
    },
    "editor.examples": {"de": "Beispielabfragen", "en": "Example queries"},
    "editor.choose": {"de": "– Beispiel wählen –", "en": "– choose an example –"},
    "editor.query": {"de": "Abfrage", "en": "Query"},
    "editor.run": {"de": "Ausführen", "en": "Run"},
    "editor.run_hint": {"de": "Strg+Eingabe führt aus", "en": "Ctrl+Enter runs the query"},
    "editor.share": {"de": "Link kopieren", "en": "Copy link"},
    "editor.share_label": {"de": "Link zu dieser Abfrage", "en": "Link to this query"},
    "editor.copied": {"de": "Link kopiert", "en": "Link copied"},
    "editor.results": {"de": "Ergebnis", "en": "Results"},
    "editor.running": {"de": "Abfrage läuft …", "en": "Running query …"},
    "editor.rows": {"de": "Zeilen", "en": "rows"},
    "editor.triples": {"de": "Tripel", "en": "triples"},
    "editor.time": {"de": "Dauer", "en": "Time"},
    "editor.page": {"de": "Seite", "en": "Page"},
    "editor.prev": {"de": "Zurück", "en": "Previous"},
    "editor.next": {"de": "Weiter", "en": "Next"},
    "editor.page_size": {"de": "Zeilen pro Seite", "en": "Rows per page"},
    "editor.download": {"de": "Herunterladen", "en": "Download"},
    "editor.empty": {"de": "Keine Treffer.", "en": "No results."},
    "editor.true": {"de": "Ja (wahr)", "en": "Yes (true)"},
    "editor.false": {"de": "Nein (falsch)", "en": "No (false)"},
    "editor.error": {"de": "Fehler", "en": "Error"},
    "editor.network": {"de": "Netzwerkansicht", "en": "Network view"},
    "editor.table": {"de": "Tabelle", "en": "Table"},
    "editor.params": {"de": "Parameter", "en": "Parameters"},
    "editor.endpoint": {"de": "Endpunkt", "en": "Endpoint"},
    "editor.endpoint_hint": {
        "de": "Eigene Werkzeuge (SPARQLWrapper, rdflib, R, curl) fragen denselben Endpunkt ab:",
        "en": "Your own tools (SPARQLWrapper, rdflib, R, curl) query the same endpoint:",
    },
    "editor.noscript": {
        "de": "Der Editor braucht JavaScript. Ohne JavaScript können Sie das Formular "
        "trotzdem absenden; die Antwort kommt dann als Datei.",
        "en": "The editor needs JavaScript. Without it the form still submits; the answer "
        "then arrives as a file.",
    },
    "editor.format": {"de": "Format", "en": "Format"},
}
_AREAS = area_strings()
if STRINGS.keys() & _AREAS.keys():
    raise ValueError(f"UI strings defined twice: {sorted(STRINGS.keys() & _AREAS.keys())}")
STRINGS.update(_AREAS)


def choose_language(request: Request) -> str:
    """The UI language for a request: ``?lang=``, else Accept-Language, else German."""
    explicit = request.query_params.get("lang", "").strip().lower()[:2]
    if explicit in LANGUAGES:
        return explicit
    return negotiation.choose_language(request.headers.get("accept-language"))


def translate(key: str, lang: str) -> str:
    """The UI string ``key`` in ``lang`` (German when English is missing)."""
    texts = STRINGS.get(key)
    if texts is None:
        return key
    return texts.get(lang) or texts.get(DEFAULT_LANGUAGE) or key


def pick(texts: Mapping[str, str], lang: str) -> str:
    """A value from a language map (``{"de": ..., "en": ...}``) in ``lang``, else any."""
    return (
        texts.get(lang)
        or texts.get(DEFAULT_LANGUAGE)
        or texts.get("en")
        or next(iter(texts.values()), "")
    )
