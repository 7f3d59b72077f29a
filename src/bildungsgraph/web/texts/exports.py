"""Strings of the download links (complete exports as CSV and .xlsx)."""


def _s(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


STRINGS: dict[str, dict[str, str]] = {
    "exports.templates": _s(
        "Alle Datensätze im Format der Beitragsvorlagen (bearbeiten und wieder hochladen):",
        "Every record in the format of the contribution templates (edit and upload again):",
    ),
    "exports.sites": _s("Standorte", "Sites"),
    "exports.cooperations": _s("Kooperationen", "Cooperations"),
    "exports.networks": _s("Netzwerke", "Networks"),
    "exports.memberships": _s("Mitgliedschaften", "Memberships"),
    "exports.gaps": _s(
        "Lückenmatrix (Lebensphase × Themenfeld)", "Gap matrix (life phase × topic)"
    ),
    "exports.measures": _s("Kennzahlen je Akteur", "Measures per actor"),
}
