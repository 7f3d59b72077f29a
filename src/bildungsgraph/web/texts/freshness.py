"""UI strings of the freshness page ``/kommunen/{key}/aktualitaet`` and its figure on the
Kommune page (see ``web.texts``)."""


def _s(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


STRINGS: dict[str, dict[str, str]] = {
    "freshness.title": _s("Aktualität", "Freshness"),
    "freshness.intro": _s(
        "Wann wurde jeder Eintrag zuletzt geprüft? Maßgeblich ist seine „Letzte Änderung“, "
        "sonst der Zeitpunkt des Beitrags, der ihn enthält. Wer dieselben Dateien unverändert "
        "erneut einreicht, vermerkt seinen Beitrag damit als geprüft.",
        "When was each record last verified? Its “Letzte Änderung” (last modified) counts, "
        "else the time of the contribution that holds it. Submitting the same files again "
        "unchanged notes the contribution as verified.",
    ),
    "freshness.period": _s("Zeitraum", "Period"),
    "freshness.months": _s("Monate", "months"),
    "freshness.cutoff": _s("aktuell: geprüft am oder nach dem", "fresh: verified on or after"),
    "freshness.share": _s("Anteil aktueller Einträge", "Share of fresh records"),
    "freshness.share_of": _s("von", "of"),
    "freshness.by_kind": _s("Nach Art", "By kind"),
    "freshness.records": _s("Einträge", "Records"),
    "freshness.fresh": _s("aktuell", "fresh"),
    "freshness.outdated": _s("Nicht aktuell", "Outdated"),
    "freshness.none_outdated": _s(
        "Alle Einträge sind im gewählten Zeitraum geprüft.",
        "Every record was verified within the chosen period.",
    ),
    "freshness.official": _s(
        "Amtliche Schulliste: Stand {date}, {count} Einträge in dieser Kommune (nicht im "
        "Anteil: sie wird mit „bildungsgraph reference update schools“ erneuert).",
        "Official school list as of {date}, {count} records in this Kommune (not in the "
        "share: it is renewed with “bildungsgraph reference update schools”).",
    ),
    "freshness.closed": _s("Verweise auf geschlossene Schulen", "References to closed schools"),
    "freshness.closed.intro": _s(
        "Diese Einträge nennen eine Schule, die laut amtlicher Schulliste geschlossen ist.",
        "These records name a school that the official school list shows as closed.",
    ),
    "freshness.closed_on": _s("geschlossen am", "closed on"),
    "freshness.school": _s("Schule", "School"),
    "freshness.kind": _s("Art", "Kind"),
    "freshness.all_kinds": _s("alle Arten", "all kinds"),
    "freshness.kennung": _s("Kennung", "Kennung"),
    "freshness.name": _s("Name", "Name"),
    "freshness.last_verified": _s("Zuletzt geprüft", "Last verified"),
    "freshness.basis": _s("Grundlage", "Basis"),
    "freshness.owner": _s("Beitrag / Graph", "Contribution / graph"),
    "freshness.show": _s("Anzeigen", "Show"),
    "freshness.csv": _s("Als CSV herunterladen", "Download as CSV"),
    "freshness.link": _s("Aktualität der Einträge", "Freshness of the records"),
    "freshness.unknown_date": _s("unbekannt", "unknown"),
    "freshness.kind.actors": _s("Akteur", "Actor"),
    "freshness.kind.sites": _s("Standort", "Site"),
    "freshness.kind.offers": _s("Angebot", "Offer"),
    "freshness.kind.cooperations": _s("Kooperation", "Cooperation"),
    "freshness.kind.networks": _s("Netzwerk", "Network"),
    "freshness.kind.memberships": _s("Mitgliedschaft", "Membership"),
    "freshness.kind.all": _s("alle", "all"),
    "freshness.basis.modified": _s("Letzte Änderung", "Last modified"),
    "freshness.basis.verified": _s(
        "Beitrag, als geprüft vermerkt", "Contribution, noted as verified"
    ),
    "freshness.basis.contribution": _s("Beitrag", "Contribution"),
    "freshness.basis.graph": _s("Graph", "Graph"),
    "freshness.basis.official-list": _s("Amtliche Liste", "Official list"),
    "freshness.basis.unknown": _s("unbekannt", "unknown"),
    # the contribute pages: files identical to a stored contribution of the same contributor
    "contribute.done.verified": _s(
        "Unverändert, als geprüft vermerkt: genau diese Dateien sind bereits gespeichert; es "
        "wurde nichts doppelt angelegt, der Beitrag gilt ab heute als geprüft.",
        "Unchanged, noted as verified: exactly these files are stored already; nothing was "
        "stored twice, and the contribution counts as verified from today.",
    ),
}
