"""Read a contribution: spreadsheets and RDF files in, one rdflib graph and problems out.

No HTTP, no store: the caller passes the uploaded files as ``(name, bytes)`` pairs.

    >>> mapped = read_contribution([("notes.pdf", b"%PDF-1.4")])
    >>> mapped.problems[0].constraint
    'ingest:file-type'
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from ..folding import normalise_key
from ..namespaces import BG, PREFIXES
from ..shapes.model import TemplateSpec, template_model
from ..shapes.report import VIOLATION, Problem
from .limits import ReadBudget, ReadingStopped, check_cancelled
from .mapping import MappingState, map_table, unknown_school_problem
from .rdffiles import RDF_FORMATS, add_rdf_records, parse_rdf
from .result import MappedContribution, SourceFileInfo, ingest_problem
from .tables import HeaderScore, ReadResult, Table, read_csv_table
from .values import unknown_school
from .workbooks import read_xlsx_tables

TABLE_TYPES = {
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".txt": "text/plain",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
AUX_SHEETS = {
    "erlauterungen",
    "erklarungen",
    "hinweise",
    "explanations",
    "readme",
    "werte",
    "values",
}


def media_type(name: str) -> str | None:
    """The media type of a supported file name, or ``None``."""
    suffix = PurePath(name).suffix.lower()
    if suffix in TABLE_TYPES:
        return TABLE_TYPES[suffix]
    return RDF_FORMATS[suffix][1] if suffix in RDF_FORMATS else None


def _name_matches(template: TemplateSpec, name: str) -> bool:
    key = normalise_key(name)
    if not key:
        return False
    names = {
        normalise_key(template.name),
        normalise_key(template.label_de),
        normalise_key(template.label_en),
    } - {""}
    return any(key == n or key.startswith(n) for n in names)


def identify_template(
    table: Table, model: Sequence[TemplateSpec]
) -> tuple[TemplateSpec | None, int]:
    """The template a table belongs to, by its headers and its file or sheet name.

    Returns the template and the number of headers it recognises. A name match counts as much as
    two recognised headers; at least two headers (or a name match and the Kennung) are needed.
    """
    stem = table.sheet if table.sheet is not None else PurePath(table.file).stem
    best: tuple[float, TemplateSpec | None, int] = (0.0, None, 0)
    for template in model:
        matched = sum(1 for h in table.headers if h and template.column_by_header(h) is not None)
        named = _name_matches(template, stem)
        exclusive = sum(
            1
            for h in table.headers
            if h
            and template.column_by_header(h) is not None
            and not any(o is not template and o.column_by_header(h) for o in model)
        )
        score = matched + exclusive + (2.5 if named else 0.0)
        if (matched >= 2 or (named and matched >= 1)) and score > best[0]:
            best = (score, template, matched)
    return best[1], best[2]


def read_contribution(
    files: Sequence[tuple[str, bytes]],
    *,
    max_rows: int | None = None,
    model: Sequence[TemplateSpec] | None = None,
) -> MappedContribution:
    """Read uploaded files into records (RDF) with their problems and source locations.

    Args:
        files: ``(file name, content)`` pairs; .csv/.tsv/.txt, .xlsx, .ttl, .nt, .jsonld/.json,
            .rdf/.owl/.xml.
        max_rows: refuse the contribution once it has more spreadsheet data rows than this in
            total (counted while reading; a Violation says so and nothing is mapped). The
            other limits of :mod:`bildungsgraph.ingest.limits` are refused the same way.
        model: the templates (default: those of the shipped shapes, see ``template_model()``).
    """
    templates = list(model) if model is not None else template_model()
    out = MappedContribution()
    for prefix, namespace in PREFIXES.items():
        out.graph.bind(prefix, namespace)
    budget = ReadBudget(max_rows=max_rows)
    score = _header_score(templates)
    read: list[_FileRead] = []
    try:
        for name, data in files:
            check_cancelled()
            read.append(_read_file(name, data, budget, score))
    except ReadingStopped as stop:
        # refused as a whole before any mapping: a hostile file costs only the limit's work
        for entry in read:
            out.problems.extend(entry.problems + (entry.tables.problems if entry.tables else []))
        out.problems.append(stop.problem)
        out.files = [_file_info(name, data) for name, data in files]
        return out
    state = MappingState(out=out)
    for entry in read:
        check_cancelled()
        out.problems.extend(entry.problems)
        count = 0
        if entry.graph is not None:
            count = add_rdf_records(entry.info.name, entry.graph, out)
            out.problems.extend(rdf_school_problems(entry.info.name, out, templates))
        elif entry.tables is not None:
            count = _read_tables(entry.tables, templates, state)
        out.files.append(replace(entry.info, row_count=count))
    out.problems.extend(empty_file_problems(out))
    return out


@dataclass
class _FileRead:
    """One file after reading, before mapping: its tables or its RDF graph."""

    info: SourceFileInfo
    problems: list[Problem] = field(default_factory=list)
    tables: ReadResult | None = None  # holds the problems of reading the tables
    graph: Graph | None = None


def _file_info(name: str, data: bytes) -> SourceFileInfo:
    kind = media_type(name) or "application/octet-stream"
    return SourceFileInfo(name, hashlib.sha256(data).hexdigest(), kind, 0)


def _read_file(name: str, data: bytes, budget: ReadBudget, score: HeaderScore) -> _FileRead:
    """Read one file within ``budget`` (ReadingStopped past a limit)."""
    entry = _FileRead(_file_info(name, data))
    suffix = PurePath(name).suffix.lower()
    if media_type(name) is None:
        entry.problems.append(
            ingest_problem(
                "file-type",
                f"Der Dateityp von „{name}“ wird nicht unterstützt. Erlaubt sind CSV (.csv, "
                ".tsv, .txt), Excel (.xlsx) und RDF (.ttl, .nt, .jsonld, .rdf).",
                f"The file type of “{name}” is not supported. Use CSV (.csv, .tsv, .txt), "
                "Excel (.xlsx) or RDF (.ttl, .nt, .jsonld, .rdf).",
                file=name,
            )
        )
    elif suffix in RDF_FORMATS:
        entry.graph, entry.problems = parse_rdf(name, data, RDF_FORMATS[suffix][0], budget)
    else:
        reader = read_xlsx_tables if suffix == ".xlsx" else read_csv_table
        entry.tables = reader(name, data, budget, score)
    return entry


def _header_score(templates: list[TemplateSpec]) -> HeaderScore:
    """How many cells of a row are headers of one template (the best one)."""

    def score(headers: list[str]) -> int:
        return max(
            (sum(1 for h in headers if h and t.column_by_header(h) is not None) for t in templates),
            default=0,
        )

    return score


def empty_file_problems(out: MappedContribution) -> list[Problem]:
    """A Violation for each file that yielded no record and has no Violation of its own (a
    CSV with only its header row, a workbook whose template sheets are empty, an RDF file
    without records): a contribution is never stored empty or with a file silently unread."""
    failed = {p.file for p in out.problems if p.severity == VIOLATION}
    empty = [info.name for info in out.files if info.row_count == 0 and info.name not in failed]
    whole = not out.subjects
    problems = []
    for name in empty:
        if whole:
            start_de = f"Der Beitrag enthält keinen Datensatz; in „{name}“ wurde keiner gefunden."
            start_en = f"The contribution contains no record; none was found in “{name}”."
        else:
            start_de = f"In der Datei „{name}“ wurde kein Datensatz gefunden."
            start_en = f"No record was found in the file “{name}”."
        problems.append(
            ingest_problem(
                "no-records",
                f"{start_de} Tragen Sie die Datensätze unter der Kopfzeile ein (je Datensatz eine "
                "Zeile mit Kennung) oder laden Sie die Datei nicht mit hoch.",
                f"{start_en} Enter the records below the header row (one row with a Kennung per "
                "record) or leave the file out of the upload.",
                file=name,
            )
        )
    return problems


def rdf_school_problems(
    name: str, out: MappedContribution, templates: Sequence[TemplateSpec]
) -> list[Problem]:
    """A Violation for each Schulnummer (``bg:schoolNumber``) and school reference
    (``id/actor/school-…``) of the records read from RDF file ``name`` that is not in the
    official school list; spreadsheets are checked cell by cell while mapping."""
    by_class: dict[Node, TemplateSpec] = {t.target_class: t for t in templates}
    problems = []
    for subject, location in out.subjects.items():
        if location.file != name:
            continue
        record = URIRef(subject)
        types = [by_class[t] for t in out.graph.objects(record, RDF.type) if t in by_class]
        for predicate, obj in sorted(out.graph.predicate_objects(record)):
            if isinstance(obj, URIRef):
                number = unknown_school(obj)
            else:
                number = unknown_school(str(obj)) if predicate == BG.schoolNumber else None
            if number is None:
                continue
            column = next(
                (
                    c.header_de
                    for t in types
                    if (c := t.column_for_path(str(predicate))) is not None
                ),
                None,
            )
            problems.append(
                unknown_school_problem(
                    number,
                    column or str(predicate),
                    str(obj),
                    {
                        "file": name,
                        "kennung": subject.rsplit("/", 1)[-1],
                        "column": column,
                        "focus_node": subject,
                        "path": str(predicate),
                    },
                )
            )
    return problems


def _auxiliary(sheet: str | None) -> bool:
    """Whether a sheet is one of the explanation/value sheets of our template workbook."""
    return sheet is not None and normalise_key(sheet) in AUX_SHEETS


def _read_tables(result: ReadResult, templates: list[TemplateSpec], state: MappingState) -> int:
    out = state.out
    # auxiliary sheets are not read, so notes on how they would be read are left out
    out.problems.extend(
        p for p in result.problems if p.severity == VIOLATION or not _auxiliary(p.sheet)
    )
    count = 0
    for table in result.tables:
        if _auxiliary(table.sheet):
            continue
        template, _ = identify_template(table, templates)
        if template is None:
            names = ", ".join(t.name for t in templates)
            what_de = f"Das Blatt „{table.sheet}“" if table.sheet else "Die Tabelle"
            what_en = f"The sheet “{table.sheet}”" if table.sheet else "The table"
            out.problems.append(
                ingest_problem(
                    "unknown-template",
                    f"{what_de} passt zu keiner Vorlage ({names}) und wurde nicht gelesen. "
                    "Verwenden Sie die Spaltenüberschriften der Vorlage oder benennen Sie Datei "
                    "bzw. Blatt nach ihr; ein Blatt ohne Beitragsdaten löschen Sie.",
                    f"{what_en} matches no template ({names}) and was not read. Use the "
                    "template's column headers or name the file or sheet after it; delete a "
                    "sheet that holds no contribution data.",
                    file=table.file,
                    sheet=table.sheet,
                    row=table.header_row,
                    value=", ".join(h for h in table.headers if h),
                )
            )
            continue
        if table.merged:
            ranges = ", ".join(table.merged)
            out.problems.append(
                ingest_problem(
                    "merged-cells",
                    f"Das Blatt „{table.sheet}“ enthält verbundene Zellen ({ranges}). Heben Sie "
                    "den Zellverbund auf und tragen Sie den Wert in jede Zeile ein; das Blatt "
                    "wurde nicht gelesen.",
                    f"The sheet “{table.sheet}” contains merged cells ({ranges}). Unmerge them and "
                    "enter the value in every row; the sheet was not read.",
                    file=table.file,
                    sheet=table.sheet,
                    value=ranges,
                )
            )
            continue
        count += map_table(table, template, state)
    return count
