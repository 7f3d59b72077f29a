"""UI strings of the gap views: the heat map's relevance, key and list per life phase, and
the gap dashboard's counts (see ``web.texts``; the older gap strings are in ``kommune``)."""


def _s(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


STRINGS: dict[str, dict[str, str]] = {
    # views/_heatmap.html
    "kommune.heatmap.not_relevant": _s("nicht relevant", "not relevant"),
    "kommune.heatmap.not_relevant_list": _s(
        "Nicht relevant (Themenfeld gilt nicht für diese Lebensphase)",
        "Not relevant (the topic does not apply to this life phase)",
    ),
    "kommune.heatmap.key": _s("Themenfelder (Abkürzungen)", "Topics (abbreviations)"),
    "kommune.heatmap.summary": _s(
        "{gaps} von {relevant} relevanten Feldern ohne erfasstes Angebot ({cells} Felder, "
        "davon {irrelevant} nicht relevant).",
        "{gaps} of {relevant} relevant cells without a recorded offer ({cells} cells, "
        "{irrelevant} of them not relevant).",
    ),
    # pages/gaps.html
    "gaps.candidates.same": _s("in derselben Gemeinde", "in the same Gemeinde"),
    "gaps.candidates.neighbour": _s("in Nachbargemeinden", "in neighbouring Gemeinden"),
}
