"""What reading a contribution yields: the records' triples, problems and source locations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from rdflib import Graph

from ..shapes.report import VIOLATION, Problem

__all__ = [
    "MappedContribution",
    "SourceFileInfo",
    "SourceLocation",
    "ingest_problem",
]


@dataclass
class SourceLocation:
    """Where a triple or a record came from (row is ``None`` for RDF files).

    ``column`` is the header as written in the file; ``value`` the cell text as entered.
    """

    file: str
    row: int | None
    column: str | None
    sheet: str | None = None
    value: str | None = None


@dataclass
class SourceFileInfo:
    """One uploaded file: its name, checksum, media type and number of data rows/records."""

    name: str
    sha256: str
    media_type: str
    row_count: int


@dataclass
class MappedContribution:
    """The result of :func:`bildungsgraph.ingest.read_contribution`."""

    graph: Graph = field(default_factory=Graph)  # the records' triples only
    problems: list[Problem] = field(default_factory=list)  # structural problems
    locations: dict[tuple[str, str], SourceLocation] = field(default_factory=dict)
    subjects: dict[str, SourceLocation] = field(default_factory=dict)
    files: list[SourceFileInfo] = field(default_factory=list)

    @property
    def conforms_structurally(self) -> bool:
        """True when reading found no Violation."""
        return not any(p.severity == VIOLATION for p in self.problems)


class Where(TypedDict, total=False):
    """Where a problem was found: the location keywords of :func:`ingest_problem`."""

    file: str | None
    sheet: str | None
    row: int | None
    kennung: str | None
    column: str | None
    focus_node: str | None
    path: str | None


def ingest_problem(
    code: str,
    message_de: str,
    message_en: str,
    *,
    severity: str = VIOLATION,
    file: str | None = None,
    sheet: str | None = None,
    row: int | None = None,
    kennung: str | None = None,
    column: str | None = None,
    value: str | None = None,
    focus_node: str | None = None,
    path: str | None = None,
) -> Problem:
    """A structural problem; ``code`` becomes the constraint ``ingest:{code}``.

    ``column`` is the template's German column name (the header as written only for a
    column that is not in the template).
    """
    return Problem(
        severity=severity,
        message_de=message_de,
        message_en=message_en,
        file=file,
        sheet=sheet,
        row=row,
        kennung=kennung,
        column=column,
        value=value,
        focus_node=focus_node,
        path=path,
        constraint=f"ingest:{code}",
    )
