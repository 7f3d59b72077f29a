"""UI strings of the Kommune comparison (``/kommunen/vergleich``) and of the section
"Entwicklung" of the Kommune page (``pages/_changes.html``); see ``web.texts``."""


def _s(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


STRINGS: dict[str, dict[str, str]] = {
    # pages/compare.html
    "compare.title": _s("Kommunen vergleichen", "Compare Kommunen"),
    "compare.intro": _s(
        "Zwei bis fünf Kreise, kreisfreie Städte oder Gemeinden nebeneinander: Kennzahlen, "
        "dieselben je 1.000 Einwohner, Lücken und Kooperationsnetz. Jede Zahl ist dieselbe wie "
        "auf der Seite der Kommune.",
        "Two to five Kreise, independent cities or Gemeinden side by side: key figures, the "
        "same per 1,000 inhabitants, gaps and the cooperation network. Every number is the "
        "one on the Kommune's own page.",
    ),
    "compare.chosen": _s("Gewählte Kommunen", "Chosen Kommunen"),
    "compare.remove": _s("entfernen", "remove"),
    "compare.remove_label": _s(
        "{name} aus dem Vergleich entfernen", "Remove {name} from the comparison"
    ),
    "compare.add": _s("Kommune hinzufügen", "Add a Kommune"),
    "compare.choose": _s("– Kommune wählen –", "– choose a Kommune –"),
    "compare.show": _s("Vergleichen", "Compare"),
    "compare.full": _s(
        "Fünf Kommunen sind gewählt; entfernen Sie eine, um eine andere hinzuzufügen.",
        "Five Kommunen are chosen; remove one to add another.",
    ),
    "compare.need": _s("Wählen Sie mindestens zwei Kommunen.", "Choose at least two Kommunen."),
    "compare.invalid": _s("Auswahl nicht möglich", "Selection not possible"),
    "compare.figure": _s("Kennzahl", "Figure"),
    "compare.group.figures": _s("Kennzahlen", "Key figures"),
    "compare.group.rates": _s("Je 1.000 Einwohner", "Per 1,000 inhabitants"),
    "compare.group.gaps": _s("Lücken", "Gaps"),
    "compare.group.network": _s("Kooperationsnetz", "Cooperation network"),
    "compare.population": _s("Einwohner", "Inhabitants"),
    "compare.actors": _s("Bildungsakteure", "Education actors"),
    "compare.offers": _s("Angebote", "Offers"),
    "compare.cooperations": _s("Kooperationen", "Cooperations"),
    "compare.networks": _s("Netzwerke", "Networks"),
    "compare.gap_cells": _s(
        "Lückenfelder Lebensphase × Themenfeld", "Gap cells life phase × topic"
    ),
    "compare.of": _s("von", "of"),
    "compare.actors_with_ties": _s("Akteure mit Verbindungen", "Actors with ties"),
    "compare.ties": _s("Verbindungen", "Ties"),
    "compare.density": _s("Dichte", "Density"),
    "compare.components": _s("Teilnetze", "Components"),
    "compare.notes": _s(
        "Je 1.000 Einwohner: bezogen auf die letzte Gesamtbevölkerung. Ohne beigetragene "
        "Angebote oder Kooperationen gibt es keine Angebots- und Kooperationsrate (–), wie auf "
        "der Karte; Akteure schließen die Schulen der amtlichen Schulliste ein. Lückenfelder: "
        "Paare aus Lebensphase und Themenfeld, die zusammen passen und für die kein Angebot "
        "erfasst ist (wie in der Heatmap der Kommune), von allen passenden Paaren. "
        "Verbindungen, Dichte und Teilnetze wie im Kooperationsnetz der Kommune; Akteure mit "
        "Verbindungen: Akteure der Kommune mit mindestens einer Verbindung.",
        "Per 1,000 inhabitants: of the latest total population. Without contributed offers or "
        "cooperations there is no offer or cooperation rate (–), as on the map; actors include "
        "the schools of the official school list. Gap cells: pairs of life phase and topic that "
        "belong together and have no recorded offer (as in the Kommune's heat map), of all "
        "such pairs. Ties, density and components as in the Kommune's cooperation network; "
        "actors with ties: actors of the Kommune with at least one tie.",
    ),
    "compare.open": _s("Seite der Kommune", "Kommune page"),
    "compare.json": _s("Vergleich als JSON", "Comparison as JSON"),
    # pages/kommune.html
    "compare.with": _s("Vergleichen mit …", "Compare with …"),
    # pages/_changes.html
    "changes.title": _s("Entwicklung", "Development over time"),
    "changes.intro": _s(
        "Die Kommune an zwei Tagen und was dazwischen begonnen und geendet hat – nach Beginn "
        "und Ende der Kooperationen, Angebote und Mitgliedschaften. Ein Eintrag ohne Beginn gilt "
        "als von Anfang an bestehend, einer ohne Ende als laufend.",
        "The Kommune on two days and what started and ended in between – by the start and end "
        "dates of the cooperations, offers and memberships. A record without a start date "
        "counts as there from the beginning, one without an end date as running.",
    ),
    "changes.from": _s("Von", "From"),
    "changes.to": _s("Bis", "To"),
    "changes.show": _s("Anzeigen", "Show"),
    "changes.figure": _s("Stand", "As of"),
    "changes.difference": _s("Veränderung", "Change"),
    "changes.cooperations": _s("Laufende Kooperationen", "Running cooperations"),
    "changes.offers": _s("Laufende Angebote", "Running offers"),
    "changes.memberships": _s("Laufende Mitgliedschaften", "Running memberships"),
    "changes.actors_with_ties": _s("Akteure mit Verbindungen", "Actors with ties"),
    "changes.ties": _s("Verbindungen", "Ties"),
    "changes.density": _s("Dichte", "Density"),
    "changes.note": _s(
        "Eine Verbindung: zwei Akteure, die an diesem Tag in einer laufenden Kooperation "
        "zusammenarbeiten (wie im Kooperationsnetz); Akteure mit Verbindungen: Akteure der "
        "Kommune mit mindestens einer Verbindung; Dichte: Anteil der Verbindungen an allen "
        "möglichen.",
        "A tie: two actors working together in a cooperation running that day (as in the "
        "cooperation network); actors with ties: actors of the Kommune with at least one tie; "
        "density: the share of ties among all possible ones.",
    ),
    "changes.network_on": _s("Netz am {day}", "Network on {day}"),
    "changes.started.cooperations": _s("Neue Kooperationen", "New cooperations"),
    "changes.ended.cooperations": _s("Beendete Kooperationen", "Ended cooperations"),
    "changes.started.offers": _s("Neue Angebote", "New offers"),
    "changes.ended.offers": _s("Beendete Angebote", "Ended offers"),
    "changes.started.memberships": _s("Neue Mitgliedschaften", "New memberships"),
    "changes.ended.memberships": _s("Beendete Mitgliedschaften", "Ended memberships"),
    "changes.new_actors": _s("Neue Akteure", "New actors"),
    "changes.new_actors_note": _s(
        "Akteure, deren erstes Angebot, erste Kooperation oder Mitgliedschaft im Zeitraum "
        "beginnt (Akteure haben kein eigenes Gründungsdatum).",
        "Actors whose first offer, cooperation or membership starts in the period (actors have "
        "no founding date of their own).",
    ),
    "changes.since": _s("ab", "from"),
    "changes.until": _s("bis", "until"),
    "changes.first": _s("erstmals", "first"),
    "changes.none": _s("Keine.", "None."),
    "changes.more": _s(
        "… und {count} weitere: alle im JSON.", "… and {count} more: all in the JSON."
    ),
    "changes.json": _s("Entwicklung als JSON", "Development as JSON"),
}
