"""Limits that bound the time and memory of reading one contribution, checked before the work.

Every limit is checked while the bytes are read (zip directory, rows, triples, JSON brackets),
never after a file has been turned into objects, so a hostile upload is refused within about a
second and with little memory. The row limit is a setting (``max_rows_per_contribution``); the
others are constants, sized well above what a Bildungsbüro's data needs.

Reading can be cancelled (the client went away): the web layer sets an event with
:func:`cancelled_by` and the readers call :func:`check_cancelled` between files and every few
thousand rows or triples. The event travels in a context variable, which the thread pool copies
into the worker, so the service and pipeline layers in between need not pass it on.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ..errors import IngestError
from ..shapes.report import Problem
from .result import ingest_problem

MAX_COLUMNS = 200  # columns per table (the largest template has 22)
MAX_CELL_CHARS = 10_000  # characters per cell
HEADER_SEARCH_ROWS = 10  # non-blank rows searched for the header (title rows above it)
MAX_BLANK_ROWS = 10_000  # blank rows per table (a sheet claiming a million empty rows)
MAX_TRIPLES = 25_000  # triples per contribution from RDF files (rdflib parses ~25,000/s)
MAX_JSON_DEPTH = 64  # nesting of JSON-LD objects and arrays
XLSX_MAX_MEMBERS = 1_000  # files inside an .xlsx archive
XLSX_MAX_UNCOMPRESSED = 100_000_000  # bytes of all members of an .xlsx archive, unpacked
XLSX_MAX_RATIO = 100  # unpacked : packed size of one member (zip bombs reach 1,000 and more)
XLSX_RATIO_FROM = 1_000_000  # members smaller than this may be packed as tightly as they like
CHECK_EVERY = 2_000  # rows or triples between two cancellation checks

_CANCEL: ContextVar[threading.Event | None] = ContextVar("bildungsgraph_cancel", default=None)


class ReadingStopped(Exception):  # noqa: N818 - a signal inside ingest, not a domain error
    """A limit was passed, or a file cannot be split into rows: reading the contribution stops
    and nothing of it is mapped; ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message_en)
        self.problem = problem


def german_number(number: int) -> str:
    """A number as German text shows it.

    >>> german_number(50000)
    '50.000'
    """
    return f"{number:,}".replace(",", ".")


def place(sheet: str | None, row: int) -> tuple[str, str]:
    """Where a row is, in German and English: ``("Blatt „a“, Zeile 4", "sheet “a”, row 4")``."""
    if sheet:
        return f"Blatt „{sheet}“, Zeile {row}", f"sheet “{sheet}”, row {row}"
    return f"Zeile {row}", f"row {row}"


@dataclass
class ReadBudget:
    """The data rows and RDF triples one contribution has read so far, against its limits."""

    max_rows: int | None = None
    max_triples: int = MAX_TRIPLES
    rows: int = 0
    triples: int = 0

    def count_row(self, file: str, sheet: str | None, row: int) -> None:
        """Count one data row; ReadingStopped past ``max_rows``."""
        self.rows += 1
        if self.rows % CHECK_EVERY == 0:
            check_cancelled()
        if self.max_rows is not None and self.rows > self.max_rows:
            where_de, where_en = place(sheet, row)
            raise ReadingStopped(
                ingest_problem(
                    "too-many-rows",
                    f"Der Beitrag hat mehr als {german_number(self.max_rows)} Zeilen (erreicht in "
                    f"{file}, {where_de}) und wurde nicht gelesen. Teilen Sie die Daten auf "
                    "mehrere Beiträge auf.",
                    f"The contribution has more than {self.max_rows:,} rows (reached in {file}, "
                    f"{where_en}) and was not read. Split the data into several contributions.",
                    file=file,
                    sheet=sheet,
                    row=row,
                )
            )

    def count_triple(self, file: str) -> None:
        """Count one parsed RDF triple; ReadingStopped past ``max_triples``."""
        self.triples += 1
        if self.triples % CHECK_EVERY == 0:
            check_cancelled()
        if self.triples > self.max_triples:
            raise ReadingStopped(
                ingest_problem(
                    "too-many-triples",
                    f"Die RDF-Dateien des Beitrags enthalten mehr als "
                    f"{german_number(self.max_triples)} Tripel (erreicht in {file}); das Lesen "
                    "wurde abgebrochen. Teilen Sie die Daten auf mehrere Beiträge auf.",
                    f"The RDF files of the contribution contain more than {self.max_triples:,} "
                    f"triples (reached in {file}); reading was stopped. Split the data into "
                    "several contributions.",
                    file=file,
                )
            )


@contextmanager
def cancelled_by(event: threading.Event) -> Iterator[None]:
    """Within this block (and the worker threads started in it), reading stops once ``event``
    is set."""
    token = _CANCEL.set(event)
    try:
        yield
    finally:
        _CANCEL.reset(token)


def check_cancelled() -> None:
    """Raise IngestError when the current reading was cancelled."""
    event = _CANCEL.get()
    if event is not None and event.is_set():
        raise IngestError(
            "Das Lesen wurde abgebrochen, weil die Verbindung getrennt wurde / "
            "Reading was cancelled because the client disconnected"
        )
