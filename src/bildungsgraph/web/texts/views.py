"""UI strings of the network views and the network explorer (see ``web.texts``)."""

STRINGS: dict[str, dict[str, str]] = {
    # The partial views/_network.html
    "views.network.canvas": {
        "de": "Netzwerkgrafik; dieselben Daten stehen in der Tabelle darunter.",
        "en": "Network graphic; the same data is in the table below.",
    },
    "views.network.loading": {"de": "Netzwerk wird gezeichnet …", "en": "Drawing the network …"},
    "views.network.noscript": {
        "de": "Die Grafik braucht JavaScript; die Tabelle zeigt dieselben Daten.",
        "en": "The graphic needs JavaScript; the table shows the same data.",
    },
    "views.network.empty": {
        "de": "Keine Akteure für diese Auswahl.",
        "en": "No actors for this selection.",
    },
    "views.network.search": {"de": "Im Netzwerk suchen", "en": "Search the network"},
    "views.network.search_button": {"de": "Suchen", "en": "Find"},
    "views.network.search_placeholder": {"de": "Name eines Akteurs", "en": "Name of an actor"},
    "views.network.found": {"de": "Gefunden:", "en": "Found:"},
    "views.network.not_found": {"de": "Nicht gefunden:", "en": "Not found:"},
    "views.network.png": {"de": "Als Bild (PNG) speichern", "en": "Save as image (PNG)"},
    "views.network.png_file": {"de": "netzwerk.png", "en": "network.png"},
    "views.network.legend": {"de": "Legende", "en": "Legend"},
    "views.network.legend_actors": {"de": "Akteure", "en": "actors"},
    "views.network.summary": {"de": "Gezeigt", "en": "Shown"},
    "views.network.coverage": {
        "de": "In {kommune} liegen {actors} Akteure (wie in den Kennzahlen und Listen); das Netz "
        "enthält {drawn} von ihnen.",
        "en": "{actors} actors lie in {kommune} (as in the key figures and lists); the network "
        "holds {drawn} of them.",
    },
    "views.network.coverage_schools": {
        "de": "Nicht gezeichnet: {count} Schulen der amtlichen Schulliste ohne Kooperation oder "
        "Netzwerk hier (sie kommen nur über Verbindungen ins Netz).",
        "en": "Not drawn: {count} schools of the official school list without a cooperation or "
        "network here (they join the network only through ties).",
    },
    "views.network.coverage_types": {
        "de": "Nicht gezeichnet: {count} Akteure anderer Typen als des gewählten.",
        "en": "Not drawn: {count} actors of other types than the chosen one.",
    },
    "views.network.coverage_partners": {
        "de": "Dazu {count} Partner aus anderen Kommunen (gestrichelt umrandet).",
        "en": "Plus {count} partners from other Kommunen (dashed outline).",
    },
    "views.network.actors": {"de": "Akteure", "en": "actors"},
    "views.network.ties": {"de": "Verbindungen", "en": "ties"},
    "views.network.groups": {"de": "Gruppen", "en": "groups"},
    "views.network.of": {"de": "von", "en": "of"},
    "views.network.aggregated": {
        "de": "Das Netz ist zu groß, um jeden Akteur zu zeichnen: jede Kugel steht für eine "
        "Gruppe. Ein Klick auf eine Gruppe zeigt ihre Akteure.",
        "en": "The network is too large to draw every actor: each circle stands for a group. "
        "Click a group to see its actors.",
    },
    "views.network.truncated": {
        "de": "Gezeigt werden nur die am besten vernetzten Akteure.",
        "en": "Only the best connected actors are shown.",
    },
    "views.network.click_hint": {
        "de": "Ein Klick auf einen Akteur hebt ihn und seine Partner hervor, ein zweiter Klick "
        "öffnet seine Seite; ein Klick daneben oder Esc hebt die Hervorhebung auf. Beim "
        "Vergrößern erscheinen mehr Namen.",
        "en": "Click an actor to highlight it and its partners, click it again to open its "
        "page; click beside it or press Esc to clear. Zoom in to see more names.",
    },
    "views.network.focused": {
        "de": "Hervorgehoben: {name} und seine Partner. Erneut klicken öffnet die Seite.",
        "en": "Highlighted: {name} and its partners. Click again to open the page.",
    },
    "views.network.unfocused": {"de": "Hervorhebung aufgehoben.", "en": "Highlight cleared."},
    "views.network.export_source": {
        "de": "Quelle: bildungsgraph, Datenstand {date}",
        "en": "Source: bildungsgraph, data as of {date}",
    },
    "views.network.legend_groups": {"de": "Gruppen", "en": "groups"},
    "views.network.legend_group": {"de": "Gruppe", "en": "group"},
    "views.network.legend_actor": {"de": "Akteur", "en": "actor"},
    "views.network.legend_bubbles": {
        "de": "Jede Kugel ist eine Gruppe ({group}); ihre Farbe zeigt {colour}.",
        "en": "Each circle is a group ({group}); its colour shows {colour}.",
    },
    "views.network.colour_same": {"de": "die Gruppe", "en": "the group"},
    "views.network.colour_most.actor_type": {
        "de": "den häufigsten Akteurstyp ihrer Akteure",
        "en": "the most frequent actor type of its actors",
    },
    "views.network.colour_most.community": {
        "de": "die häufigste Gemeinschaft ihrer Akteure",
        "en": "the most frequent community of its actors",
    },
    "views.network.colour_most.kommune": {
        "de": "die häufigste Kommune ihrer Akteure",
        "en": "the most frequent Kommune of its actors",
    },
    "views.network.size_key": {"de": "Größe: {measure}", "en": "Size: {measure}"},
    "views.network.size_actors": {"de": "Zahl der Akteure", "en": "number of actors"},
    "views.network.size_uniform": {
        "de": "Alle Akteure sind gleich groß gezeichnet.",
        "en": "All actors are drawn the same size.",
    },
    "views.network.size_centre": {
        "de": "Der Akteur in der Mitte ist größer und dick umrandet.",
        "en": "The actor in the centre is larger, with a thick border.",
    },
    "views.network.legend_network": {"de": "Netzwerk (Gremium)", "en": "Network (committee)"},
    "views.network.legend_cooperation": {"de": "Kooperation", "en": "Cooperation"},
    "views.network.legend_membership": {
        "de": "Mitgliedschaft in einem Netzwerk",
        "en": "Membership of a network",
    },
    "views.network.star": {
        "de": "Viele Partner: der Akteur steht in der Mitte, seine Partner im Kreis darum "
        "(außen die Partner der Partner).",
        "en": "Many partners: the actor is in the centre, its partners on a ring around it "
        "(outside, the partners' partners).",
    },
    "views.network.star_hidden": {
        "de": "{count} Verbindungen der Partner untereinander sind ausgeblendet.",
        "en": "{count} ties among the partners are hidden.",
    },
    "views.network.star_show": {
        "de": "Verbindungen zwischen Partnern zeigen",
        "en": "Show ties among partners",
    },
    "views.network.star_hide": {
        "de": "Verbindungen zwischen Partnern ausblenden",
        "en": "Hide ties among partners",
    },
    "views.network.outside": {
        "de": "Gestrichelter Rand: Partner außerhalb der Auswahl.",
        "en": "Dashed border: partner outside the selection.",
    },
    "views.network.table": {"de": "Als Tabelle", "en": "As a table"},
    "views.network.col_actor": {"de": "Akteur", "en": "Actor"},
    "views.network.col_group": {"de": "Gruppe", "en": "Group"},
    "views.network.col_type": {"de": "Akteurstyp", "en": "Actor type"},
    "views.network.col_kommune": {"de": "Kommune", "en": "Kommune"},
    "views.network.col_count": {"de": "Akteure", "en": "Actors"},
    "views.network.col_open": {"de": "Aufklappen", "en": "Expand"},
    "views.network.open_group": {"de": "Akteure zeigen", "en": "Show actors"},
    "views.network.new_window": {"de": "öffnet ein neues Fenster", "en": "opens a new window"},
    # The explorer page /network
    "views.page.title": {"de": "Netzwerk erkunden", "en": "Explore the network"},
    "views.page.intro": {
        "de": "Wer kooperiert mit wem? Wählen Sie eine Kommune, Akteurstypen oder Themen; "
        "die Farben zeigen Akteurstypen oder Gemeinschaften, die Größe eine Kennzahl.",
        "en": "Who cooperates with whom? Choose a Kommune, actor types or topics; colours "
        "show actor types or communities, the size shows a measure.",
    },
    "views.form.legend": {"de": "Auswahl", "en": "Selection"},
    "views.form.display": {"de": "Darstellung", "en": "Display"},
    "views.form.kommune": {"de": "Kommune", "en": "Kommune"},
    "views.form.all_nrw": {"de": "ganz NRW", "en": "all of NRW"},
    "views.form.actor_type": {"de": "Akteurstyp", "en": "Actor type"},
    "views.form.topic": {"de": "Themenfeld", "en": "Topic"},
    "views.form.life_phase": {"de": "Lebensphase", "en": "Life phase"},
    "views.form.programme": {"de": "Programm", "en": "Programme"},
    "views.form.as_of": {"de": "Stichtag (aktive Verbindungen)", "en": "Date (active ties)"},
    "views.form.ties": {"de": "Verbindungen", "en": "Ties"},
    "views.option.ties.cooperation": {"de": "Kooperationen", "en": "Cooperations"},
    "views.option.ties.membership": {
        "de": "Netzwerk-Mitgliedschaften (Netzwerke als Knoten)",
        "en": "Network memberships (networks as nodes)",
    },
    "views.option.ties.all": {
        "de": "Kooperationen und Mitgliedschaften",
        "en": "Cooperations and memberships",
    },
    "views.form.partners": {
        "de": "auch direkte Partner der passenden Akteure",
        "en": "also direct partners of the matching actors",
    },
    "views.form.hide_isolated": {
        "de": "Akteure ohne Verbindung ausblenden",
        "en": "Hide actors without ties",
    },
    "views.form.any": {"de": "alle", "en": "all"},
    "views.form.colour": {"de": "Farbe nach", "en": "Colour by"},
    "views.form.size": {"de": "Größe nach", "en": "Size by"},
    "views.form.size_none": {"de": "gleich groß", "en": "same size"},
    "views.form.group": {"de": "Große Netze gruppieren nach", "en": "Group large networks by"},
    "views.form.submit": {"de": "Netzwerk zeigen", "en": "Show network"},
    "views.form.reset": {"de": "Auswahl zurücksetzen", "en": "Reset the selection"},
    "views.option.actor_type": {"de": "Akteurstyp", "en": "Actor type"},
    "views.option.community": {"de": "Gemeinschaft (Louvain)", "en": "Community (Louvain)"},
    "views.option.kommune": {"de": "Kommune", "en": "Kommune"},
    "views.page.community": {"de": "Gemeinschaft", "en": "Community"},
    "views.page.data": {"de": "Daten zu dieser Ansicht", "en": "Data of this view"},
    "views.page.json": {"de": "JSON (Akteure mit Kennzahlen)", "en": "JSON (actors with measures)"},
    "views.page.measures": {"de": "Kennzahlen (JSON)", "en": "Measures (JSON)"},
    "views.page.gexf": {"de": "GEXF (Gephi)", "en": "GEXF (Gephi)"},
    "views.page.graphml": {"de": "GraphML", "en": "GraphML"},
    "views.page.csv": {"de": "CSV (Knoten und Kanten, ZIP)", "en": "CSV (nodes and edges, zip)"},
    "views.page.sparql": {"de": "SPARQL-Abfrage", "en": "SPARQL query"},
    "views.page.invalid": {"de": "Ungültige Auswahl", "en": "Invalid selection"},
}
