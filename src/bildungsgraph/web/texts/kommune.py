"""UI strings of the Kommune pages, the gap dashboard, the map and the heat map (see
``web.texts``)."""


def _s(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


STRINGS: dict[str, dict[str, str]] = {
    # views/_map.html
    "kommune.map.legend": _s("Legende", "Legend"),
    "kommune.map.table": _s("Karte als Tabelle", "Map as a table"),
    "kommune.map.kommune": _s("Kommune", "Kommune"),
    "kommune.map.note": _s(
        "Klassen: Quantile (je Farbe etwa gleich viele Gebiete). Schraffiert: keine Daten – "
        "für diese Kommune wurden keine Angebote oder Kooperationen beigetragen. "
        "Grenzen: © GeoBasis-DE / BKG 2021.",
        "Classes: quantiles (about as many areas per colour). Hatched: no data – no offers or "
        "cooperations have been contributed for this Kommune. Boundaries: © GeoBasis-DE / BKG "
        "2021.",
    ),
    # views/_heatmap.html
    "kommune.heatmap.phase": _s("Lebensphase", "Life phase"),
    "kommune.heatmap.total": _s("Summe", "Total"),
    "kommune.heatmap.gap": _s("Lücke: kein erfasstes Angebot", "gap: no recorded offer"),
    "kommune.heatmap.legend": _s("Farbstufen (Zahl der Angebote)", "Colour steps (offers)"),
    # /kommunen
    "kommune.index.title": _s("Meine Kommune", "My Kommune"),
    "kommune.index.intro": _s(
        "Wählen Sie Ihren Kreis, Ihre kreisfreie Stadt oder Ihre Gemeinde: Sie sehen Kennzahlen, "
        "Lücken, Karte, Kooperationsnetz, Akteure und Angebote.",
        "Choose your Kreis, independent city or Gemeinde to see key figures, gaps, a map, the "
        "cooperation network, actors and offers.",
    ),
    "kommune.index.search": _s("Kommune suchen", "Find a Kommune"),
    "kommune.index.search_hint": _s(
        "Name oder Teil des Namens, z. B. „Viersen“", "Name or part of it, e.g. “Viersen”"
    ),
    "kommune.index.show": _s("Anzeigen", "Show"),
    "kommune.index.reset": _s("Alle anzeigen", "Show all"),
    "kommune.index.none": _s("Keine Kommune gefunden.", "No Kommune found."),
    "kommune.index.nrw": _s("Ganz NRW", "All of NRW"),
    "kommune.index.map": _s(
        "Karte der 53 Kreise und kreisfreien Städte", "Map of the 53 Kreise and independent cities"
    ),
    "kommune.index.city": _s("kreisfreie Stadt", "independent city"),
    "kommune.index.gemeinde": _s("Gemeinde", "Gemeinde"),
    # /kommunen/{key}
    "kommune.not_found": _s("Kommune nicht gefunden", "Kommune not found"),
    "kommune.invalid": _s("Ungültige Angabe", "Invalid parameter"),
    "kommune.level.land": _s("Land", "State"),
    "kommune.level.regierungsbezirk": _s("Regierungsbezirk", "Government district"),
    "kommune.level.kreis": _s("Kreis", "Kreis (district)"),
    "kommune.level.city": _s("Kreisfreie Stadt", "Independent city"),
    "kommune.level.gemeinde": _s("Gemeinde", "Gemeinde (municipality)"),
    "kommune.within": _s("liegt in", "lies in"),
    "kommune.figures": _s("Kennzahlen", "Key figures"),
    "kommune.figures.actors": _s("Bildungsakteure", "Education actors"),
    "kommune.figures.offers": _s("Angebote", "Offers"),
    "kommune.figures.cooperations": _s("Kooperationen", "Cooperations"),
    "kommune.figures.networks": _s("Netzwerke", "Networks"),
    "kommune.figures.population": _s("Einwohner", "Inhabitants"),
    "kommune.figures.area": _s("Fläche (km²)", "Area (km²)"),
    "kommune.population": _s("Bevölkerung nach Altersgruppen", "Population by age band"),
    "kommune.population.date": _s("Stichtag", "Reference date"),
    "kommune.population.band": _s("Altersgruppe", "Age band"),
    "kommune.population.count": _s("Einwohner", "Inhabitants"),
    "kommune.population.share": _s("Anteil", "Share"),
    "kommune.population.none": _s(
        "Für Gemeinden liegt nur die Gesamtbevölkerung vor; Altersgruppen gibt es je Kreis.",
        "Gemeinden have only a total population; age bands exist per Kreis.",
    ),
    "kommune.heatmap": _s("Lücken: Lebensphase × Themenfeld", "Gaps: life phase × topic"),
    "kommune.heatmap.more": _s("Zum Lücken-Dashboard", "To the gap dashboard"),
    "kommune.map": _s("Karte", "Map"),
    "kommune.map.indicator": _s("Kennzahl der Karte", "Map indicator"),
    "kommune.network": _s("Kooperationsnetz", "Cooperation network"),
    "kommune.network.more": _s("Im Netzwerk-Explorer öffnen", "Open in the network explorer"),
    "kommune.children": _s("Gemeinden", "Gemeinden"),
    "kommune.actors": _s("Akteure", "Actors"),
    "kommune.offers": _s("Angebote", "Offers"),
    "kommune.filter.actor_type": _s("Akteurstyp", "Actor type"),
    "kommune.filter.life_phase": _s("Lebensphase", "Life phase"),
    "kommune.filter.topic": _s("Themenfeld", "Topic"),
    "kommune.filter.q": _s("Suchtext", "Search text"),
    "kommune.filter.all": _s("– alle –", "– all –"),
    "kommune.filter.apply": _s("Filtern", "Filter"),
    "kommune.filter.reset": _s("Filter zurücksetzen", "Reset filters"),
    "kommune.list.count": _s("Treffer", "results"),
    "kommune.list.none": _s("Keine Treffer.", "No results."),
    "kommune.list.name": _s("Name", "Name"),
    "kommune.list.type": _s("Typ", "Type"),
    "kommune.list.provider": _s("Anbieter", "Provider"),
    "kommune.list.phase": _s("Lebensphase", "Life phase"),
    "kommune.list.places": _s("Kommune", "Kommune"),
    "kommune.page": _s("Seite", "Page"),
    "kommune.page.of": _s("von", "of"),
    "kommune.prev": _s("Zurück", "Previous"),
    "kommune.next": _s("Weiter", "Next"),
    "kommune.data": _s("Daten dieser Seite", "Data of this page"),
    "kommune.data.profile": _s("Kommune (JSON)", "Kommune (JSON)"),
    "kommune.data.actors": _s("Akteure (JSON)", "Actors (JSON)"),
    "kommune.data.offers": _s("Angebote (JSON)", "Offers (JSON)"),
    "kommune.data.gaps": _s("Lücken (JSON)", "Gaps (JSON)"),
    "kommune.data.rdf": _s("Kommune als RDF (Linked Data)", "Kommune as RDF (Linked Data)"),
    # /gaps
    "gaps.title": _s("Lücken-Dashboard", "Gap dashboard"),
    "gaps.intro": _s(
        "Wo fehlen Bildungsangebote? Die Lückenmatrix vergleicht je Kommune die Angebote mit der "
        "Bevölkerung der passenden Altersgruppe und mit vergleichbaren Kommunen, und schlägt für "
        "jede Lücke Partner vor.",
        "Where are education offers missing? The gap matrix compares each Kommune's offers with "
        "the population of the matching age band and with comparable Kommunen, and suggests "
        "partners for every gap.",
    ),
    "gaps.kommune": _s("Kommune", "Kommune"),
    "gaps.life_phase": _s("Lebensphase", "Life phase"),
    "gaps.all_phases": _s("– alle Lebensphasen –", "– all life phases –"),
    "gaps.nrw": _s("Nordrhein-Westfalen (alle)", "North Rhine-Westphalia (all)"),
    "gaps.show": _s("Anzeigen", "Show"),
    "gaps.for": _s("Lücken in", "Gaps in"),
    "gaps.reference_date": _s("Stichtag", "Reference date"),
    "gaps.found": _s("Gefundene Lücken", "Gaps found"),
    "gaps.none": _s("Keine Lücken gefunden.", "No gaps found."),
    "gaps.candidates": _s("Mögliche Partner", "Candidate partners"),
    "gaps.no_candidates": _s("Kein Partner in der Nähe gefunden.", "No partner found nearby."),
    "gaps.hints": _s("Hinweise (genauer hinsehen)", "Hints (worth a closer look)"),
    "gaps.matrix": _s("Lückenmatrix", "Gap matrix"),
    "gaps.matrix.intro": _s(
        "Je Kommune und Merkmal: Angebote, Angebote je 1.000 Einwohner der Altersgruppe, Rang "
        "und Median unter vergleichbaren Kommunen, und die Markierungen.",
        "Per Kommune and facet: offers, offers per 1,000 inhabitants of the age band, rank and "
        "median among comparable Kommunen, and the flags.",
    ),
    "gaps.dimension": _s("Merkmal", "Facet"),
    "gaps.dimension.life-phase": _s("Lebensphase", "Life phase"),
    "gaps.dimension.topic": _s("Themenfeld", "Topic"),
    "gaps.dimension.format": _s("Format", "Format"),
    "gaps.dimension.target-group": _s("Zielgruppe", "Target group"),
    "gaps.col.kommune": _s("Kommune", "Kommune"),
    "gaps.col.concept": _s("Ausprägung", "Value"),
    "gaps.col.offers": _s("Angebote", "Offers"),
    "gaps.col.per_1000": _s("je 1.000", "per 1,000"),
    "gaps.col.rank": _s("Rang", "Rank"),
    "gaps.col.median": _s("Median je 1.000", "Median per 1,000"),
    "gaps.col.flags": _s("Markierungen", "Flags"),
    "gaps.estimated": _s("geschätzt", "estimated"),
    "gaps.flag.no-offer": _s("kein erfasstes Angebot", "no recorded offer"),
    "gaps.flag.far-below-median": _s("weit unter dem Median", "far below the median"),
    "gaps.flag.only-digital": _s("nur digital", "only digital"),
    "gaps.flag.single-provider": _s("nur ein Anbieter", "only one provider"),
    "gaps.quality": _s("Datenqualität", "Data quality"),
    "gaps.quality.coordinates": _s("mit Koordinaten", "with coordinates"),
    "gaps.quality.contact": _s("mit Kontakt", "with contact"),
    "gaps.quality.recent": _s("im letzten Jahr geändert", "changed in the last year"),
    "gaps.quality.schools": _s("Schulen vernetzt", "schools connected"),
    "gaps.notes": _s("So wird gerechnet", "How it is computed"),
    "gaps.heatmap": _s("Lebensphase × Themenfeld", "Life phase × topic"),
    "gaps.data": _s("Daten", "Data"),
    "gaps.data.json": _s("Lücken als JSON (mit Matrix)", "Gaps as JSON (with the matrix)"),
}
