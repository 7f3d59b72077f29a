"""The validation report: one list of problems, each naming file, sheet, row, Kennung, column
and the value entered.

Problems come from two places: the reader (structural findings such as a wrong encoding, a
missing column or an unreadable date) and the SHACL shapes. Both end up as :class:`Problem`
objects in one :class:`ValidationReport`, structural problems first.

    >>> p = Problem("Violation", "Der Name fehlt.", "The name is missing.", file="a.csv", row=2)
    >>> report = ValidationReport(problems=[p], triples=0, records=1, shacl_report_ttl=None)
    >>> report.conforms
    False
    >>> report.to_text()
    'Fehler: a.csv, Zeile 2: Der Name fehlt.'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

VIOLATION = "Violation"
WARNING = "Warning"
INFO = "Info"
SEVERITIES = (VIOLATION, WARNING, INFO)

_SEVERITY_LABELS = {
    "de": {VIOLATION: "Fehler", WARNING: "Warnung", INFO: "Hinweis"},
    "en": {VIOLATION: "Violation", WARNING: "Warning", INFO: "Info"},
}
_WORDS = {
    "de": {
        "sheet": "Blatt",
        "row": "Zeile",
        "kennung": "Kennung",
        "column": "Spalte",
        "field": "Feld",
        "value": "Wert",
    },
    "en": {
        "sheet": "sheet",
        "row": "row",
        "kennung": "Kennung",
        "column": "column",
        "field": "field",
        "value": "value",
    },
}


def _quote(text: str, lang: str) -> str:
    return f"„{text}“" if lang == "de" else f'"{text}"'


@dataclass(frozen=True)
class Problem:
    """One finding about a contribution, located as precisely as the source allows."""

    severity: str  # "Violation" | "Warning" | "Info"
    message_de: str
    message_en: str
    file: str | None = None  # file name as uploaded
    sheet: str | None = None  # worksheet of an .xlsx file
    row: int | None = None  # spreadsheet row number (header = 1); None for RDF
    kennung: str | None = None  # the record's Kennung
    column: str | None = None  # the template's German column name (else the header as written)
    value: str | None = None  # the value entered (the offending part of a multi-valued cell)
    focus_node: str | None = None  # the record's IRI
    path: str | None = None
    constraint: str | None = None  # e.g. "sh:MinCountConstraintComponent" or "ingest:encoding"
    shape: str | None = None

    def location_text(self, lang: str = "de") -> str:
        """Where the problem is, e.g. ``a.xlsx, Blatt „angebote“, Zeile 4, Kennung „k1“,
        Spalte „Ende“`` (RDF records have no row: ``Feld`` instead of ``Spalte``)."""
        words = _WORDS.get(lang, _WORDS["en"])
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"{words['sheet']} {_quote(self.sheet, lang)}")
        if self.row is not None:
            parts.append(f"{words['row']} {self.row}")
        if self.kennung:
            parts.append(f"{words['kennung']} {_quote(self.kennung, lang)}")
        if self.column:
            word = words["column"] if self.row is not None or self.sheet else words["field"]
            parts.append(f"{word} {_quote(self.column, lang)}")
        return ", ".join(parts)

    def to_text(self, lang: str = "de") -> str:
        """One line: severity, location, message and the offending value."""
        label = _SEVERITY_LABELS.get(lang, _SEVERITY_LABELS["en"]).get(self.severity, self.severity)
        message = self.message_de if lang == "de" else self.message_en
        location = self.location_text(lang)
        text = f"{label}: {location}: {message}" if location else f"{label}: {message}"
        if self.value is not None and self.value != "":
            word = _WORDS.get(lang, _WORDS["en"])["value"]
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            text += f" ({word}: {_quote(shown, lang)})"
        return text

    def to_json(self) -> dict[str, Any]:
        """The problem as a JSON-ready dict (all fields, ``None`` kept)."""
        return asdict(self)


def _sort_key(problem: Problem) -> tuple[str, str, int, str]:
    row = problem.row if problem.row is not None else 0
    return (problem.file or "", problem.sheet or "", row, problem.column or "")


@dataclass
class ValidationReport:
    """The result of validating one contribution."""

    problems: list[Problem] = field(default_factory=list)
    triples: int = 0
    records: int = 0
    shacl_report_ttl: str | None = None

    @property
    def conforms(self) -> bool:
        """True when no problem is a Violation (warnings do not block)."""
        return not any(p.severity == VIOLATION for p in self.problems)

    @property
    def violations(self) -> list[Problem]:
        """The problems that block the contribution."""
        return [p for p in self.problems if p.severity == VIOLATION]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not block the contribution."""
        return [p for p in self.problems if p.severity == WARNING]

    def sorted_problems(self) -> list[Problem]:
        """Problems ordered by file, sheet and row (stable: equal rows keep their order)."""
        return sorted(self.problems, key=_sort_key)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with the counts and every problem."""
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "records": self.records,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "problems": [p.to_json() for p in self.problems],
        }

    def to_text(self, lang: str = "de") -> str:
        """One line per problem, in the given language (German by default)."""
        return "\n".join(p.to_text(lang) for p in self.problems)

    def summary(self, lang: str = "de") -> str:
        """A one-line summary such as ``2 Fehler, 1 Warnung, 120 Datensätze``."""
        v, w = len(self.violations), len(self.warnings)
        if lang == "de":
            return (
                f"{v} Fehler, {w} {'Warnung' if w == 1 else 'Warnungen'}, "
                f"{self.records} Datensätze, {self.triples} Tripel"
            )
        return (
            f"{v} {'violation' if v == 1 else 'violations'}, "
            f"{w} {'warning' if w == 1 else 'warnings'}, "
            f"{self.records} records, {self.triples} triples"
        )
