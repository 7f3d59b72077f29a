"""Read a contribution: spreadsheets and RDF files in, one rdflib graph and problems out.

No HTTP, no store: the caller passes the uploaded files as ``(name, bytes)`` pairs.

    >>> mapped = read_contribution([("notes.pdf", b"%PDF-1.4")])
    >>> mapped.problems[0].constraint
    'ingest:file-type'
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import PurePath

from ..namespaces import PREFIXES
from ..validation.report import WARNING
from .mapping import MappingState, map_table
from .model import TemplateSpec, normalise_key, template_model
from .rdffiles import RDF_FORMATS, add_rdf_records, parse_rdf
from .result import MappedContribution, SourceFileInfo, ingest_problem
from .tables import ReadResult, Table, read_csv_table, read_xlsx_tables

TABLE_TYPES = {
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".txt": "text/plain",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
AUX_SHEETS = {
    "erlauterungen", "erklarungen", "hinweise", "explanations", "readme", "werte", "values"
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
    names = {normalise_key(template.name), normalise_key(template.label_de),
             normalise_key(template.label_en)} - {""}
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
            1 for h in table.headers
            if h and template.column_by_header(h) is not None
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
        max_rows: stop after this many spreadsheet data rows in total (a Violation says so).
        model: the templates (default: those of the shipped shapes, see ``template_model()``).
    """
    templates = list(model) if model is not None else template_model()
    out = MappedContribution()
    for prefix, namespace in PREFIXES.items():
        out.graph.bind(prefix, namespace)
    state = MappingState(out=out, max_rows=max_rows)
    for name, data in files:
        kind = media_type(name)
        sha = hashlib.sha256(data).hexdigest()
        if kind is None:
            out.problems.append(
                ingest_problem(
                    "file-type",
                    f"Der Dateityp von „{name}“ wird nicht unterstützt. Erlaubt sind CSV (.csv, "
                    ".tsv, .txt), Excel (.xlsx) und RDF (.ttl, .nt, .jsonld, .rdf).",
                    f"The file type of “{name}” is not supported. Use CSV (.csv, .tsv, .txt), "
                    "Excel (.xlsx) or RDF (.ttl, .nt, .jsonld, .rdf).",
                    file=name,
                )
            )
            out.files.append(SourceFileInfo(name, sha, "application/octet-stream", 0))
            continue
        suffix = PurePath(name).suffix.lower()
        if suffix in RDF_FORMATS:
            graph, problem = parse_rdf(name, data, RDF_FORMATS[suffix][0])
            if problem is not None:
                out.problems.append(problem)
            count = add_rdf_records(name, graph, out) if graph is not None else 0
        else:
            reader = read_xlsx_tables if suffix == ".xlsx" else read_csv_table
            result = reader(name, data)
            count = _read_tables(result, templates, state)
        out.files.append(SourceFileInfo(name, sha, kind, count))
    return out


def _read_tables(result: ReadResult, templates: list[TemplateSpec], state: MappingState) -> int:
    out = state.out
    out.problems.extend(result.problems)
    count = 0
    for table in result.tables:
        if table.sheet is not None and normalise_key(table.sheet) in AUX_SHEETS:
            continue
        template, _ = identify_template(table, templates)
        sheet_de = f" (Blatt „{table.sheet}“)" if table.sheet else ""
        sheet_en = f" (sheet “{table.sheet}”)" if table.sheet else ""
        if template is None:
            names = ", ".join(t.name for t in templates)
            out.problems.append(
                ingest_problem(
                    "unknown-template",
                    f"Die Tabelle{sheet_de} passt zu keiner Vorlage ({names}). Verwenden Sie die "
                    "Spaltenüberschriften der Vorlage oder benennen Sie Datei bzw. Blatt nach ihr.",
                    f"The table{sheet_en} matches no template ({names}). Use the template's "
                    "column headers or name the file or sheet after it.",
                    severity=WARNING if table.sheet is not None else "Violation",
                    file=table.file,
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
                    value=ranges,
                )
            )
            continue
        count += map_table(table, template, state)
    return count
