"""Map the rows of an identified table to RDF, one column kind at a time.

Each row becomes one record ``id/{idPrefix}/{Kennung}`` typed with the template's target class.
Every triple's source (file, row, column header as in the file) is kept in
``MappedContribution.locations`` so that SHACL results can be traced back to a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from ..namespaces import record_iri
from ..validation.report import WARNING
from .model import ColumnSpec, TemplateSpec
from .result import MappedContribution, SourceLocation, ingest_problem
from .tables import CellValue, Table, is_blank
from .values import (
    CONTROL_CHARS,
    cell_text,
    convert_literal,
    parse_kennung,
    resolve_concept,
    resolve_kommune,
    resolve_reference,
    split_values,
)


@dataclass
class MappingState:
    """State shared by all tables of one contribution."""

    out: MappedContribution
    max_rows: int | None = None
    rows_seen: int = 0
    limit_reported: bool = False
    seen: dict[str, SourceLocation] = field(default_factory=dict)  # subject → first definition


def column_headers(
    table: Table, template: TemplateSpec, out: MappedContribution
) -> dict[int, ColumnSpec] | None:
    """Match the table's headers to template columns; report unknown and missing ones.

    Returns the column index → ColumnSpec map, or ``None`` when the table cannot be mapped
    (the Kennung column is missing).
    """
    mapping: dict[int, ColumnSpec] = {}
    used: dict[str, str] = {}
    for index, header in enumerate(table.headers):
        if not header:
            if any(not is_blank(row[index]) for _, row in table.rows if index < len(row)):
                out.problems.append(
                    ingest_problem(
                        "unknown-column",
                        f"Spalte {index + 1} hat keine Überschrift; ihre Werte werden ignoriert.",
                        f"Column {index + 1} has no header; its values are ignored.",
                        severity=WARNING, file=table.file, row=table.header_row,
                    )
                )
            continue
        column = template.column_by_header(header)
        if column is None:
            out.problems.append(
                ingest_problem(
                    "unknown-column",
                    f"Die Spalte „{header}“ gehört nicht zur Vorlage „{template.name}“ und wird "
                    "ignoriert. Prüfen Sie die Schreibweise der Überschrift.",
                    f"The column “{header}” is not part of the template “{template.name}” and "
                    "is ignored. Check the spelling of the header.",
                    severity=WARNING, file=table.file, row=table.header_row, column=header,
                )
            )
        elif column.header_de in used:
            out.problems.append(
                ingest_problem(
                    "duplicate-column",
                    f"Die Spalte „{column.header_de}“ kommt doppelt vor "
                    f"(„{used[column.header_de]}“ und „{header}“). Nur die erste wird gelesen.",
                    f"The column “{column.header_en}” appears twice (“{used[column.header_de]}” "
                    f"and “{header}”). Only the first one is read.",
                    file=table.file, row=table.header_row, column=header,
                    field_de=column.name_de, field_en=column.name_en,
                )
            )
        else:
            mapping[index] = column
            used[column.header_de] = header
    present = {c.header_de for c in mapping.values()}
    for column in template.required_columns:
        if column.header_de not in present:
            out.problems.append(
                ingest_problem(
                    "missing-column",
                    f"Die Pflichtspalte „{column.header_de}“ fehlt in der Vorlage "
                    f"„{template.name}“. Fügen Sie die Spalte mit dieser Überschrift hinzu.",
                    f"The required column “{column.header_en}” is missing from the template "
                    f"“{template.name}”. Add a column with this header.",
                    file=table.file, row=table.header_row, column=column.header_de,
                    field_de=column.name_de, field_en=column.name_en,
                )
            )
    if template.id_column.header_de not in present:
        return None
    return mapping


def map_table(table: Table, template: TemplateSpec, state: MappingState) -> int:
    """Map every data row of ``table``; returns the number of rows read."""
    out = state.out
    columns = column_headers(table, template, out)
    if columns is None:
        return 0
    id_index = next(i for i, c in columns.items() if c.kind == "id")
    count = 0
    for row_number, row in table.rows:
        if state.max_rows is not None and state.rows_seen >= state.max_rows:
            if not state.limit_reported:
                state.limit_reported = True
                out.problems.append(
                    ingest_problem(
                        "too-many-rows",
                        f"Der Beitrag hat mehr als {state.max_rows} Zeilen; weitere Zeilen ab "
                        "hier werden nicht gelesen. Teilen Sie die Daten auf mehrere Beiträge auf.",
                        f"The contribution has more than {state.max_rows} rows; further rows "
                        "from here on are not read. Split the data into several contributions.",
                        file=table.file, row=row_number,
                    )
                )
            break
        state.rows_seen += 1
        count += 1
        _map_row(table, template, columns, id_index, row_number, row, state)
    return count


def _cell(row: list[CellValue], index: int) -> CellValue:
    return row[index] if index < len(row) else None


def _map_row(
    table: Table,
    template: TemplateSpec,
    columns: dict[int, ColumnSpec],
    id_index: int,
    row_number: int,
    row: list[CellValue],
    state: MappingState,
) -> None:
    out = state.out
    id_column = columns[id_index]
    header = table.headers[id_index]
    raw = cell_text(_cell(row, id_index))
    where = {"file": table.file, "row": row_number, "column": header,
             "field_de": id_column.name_de, "field_en": id_column.name_en}
    if not raw:
        out.problems.append(ingest_problem(
            "kennung",
            f"Die Kennung fehlt. Tragen Sie in der Spalte „{header}“ eine eindeutige Kennung ein "
            "(Buchstaben, Ziffern, Punkt, Unterstrich, Bindestrich).",
            f"The identifier is missing. Enter a unique identifier in the column “{header}” "
            "(letters, digits, dot, underscore, hyphen).", **where))
        return
    kennung = parse_kennung(raw, template.id_prefix)
    if kennung is None:
        out.problems.append(ingest_problem(
            "kennung",
            f"Die Kennung „{raw}“ ist ungültig. Erlaubt sind Buchstaben, Ziffern, Punkt, "
            "Unterstrich und Bindestrich (ohne Leerzeichen, höchstens 100 Zeichen).",
            f"The identifier “{raw}” is invalid. Use letters, digits, dot, underscore and "
            "hyphen (no spaces, at most 100 characters).", value=raw, **where))
        return
    subject = record_iri(template.id_prefix, kennung)
    first = state.seen.get(str(subject))
    if first is not None:
        out.problems.append(ingest_problem(
            "duplicate-kennung",
            f"Die Kennung „{kennung}“ kommt mehrfach vor (zuerst in {first.file}, Zeile "
            f"{first.row}). Jede Kennung darf nur einmal vorkommen.",
            f"The identifier “{kennung}” occurs more than once (first in {first.file}, row "
            f"{first.row}). Each identifier may occur only once.",
            value=kennung, focus_node=str(subject), **where))
        return
    location = SourceLocation(table.file, row_number, header)
    state.seen[str(subject)] = location
    out.subjects[str(subject)] = location
    out.graph.add((subject, RDF.type, template.target_class))
    separators = "|" if table.delimiter == ";" else "|;"
    for index, column in columns.items():
        if column.kind == "id" or column.path is None:
            continue
        value = _cell(row, index)
        if is_blank(value):
            continue
        _map_cell(table, column, table.headers[index], row_number, value, subject,
                  separators, out)


def _map_cell(
    table: Table,
    column: ColumnSpec,
    header: str,
    row_number: int,
    value: CellValue,
    subject: URIRef,
    separators: str,
    out: MappedContribution,
) -> None:
    assert column.path is not None  # noqa: S101 - guarded by the caller
    text = cell_text(value)
    where = {"file": table.file, "row": row_number, "column": header,
             "field_de": column.name_de, "field_en": column.name_en,
             "focus_node": str(subject), "path": str(column.path)}
    if CONTROL_CHARS.search(text):
        out.problems.append(ingest_problem(
            "control-character",
            f"Die Zelle in Spalte „{header}“ enthält unsichtbare Steuerzeichen. Entfernen Sie "
            "sie (z. B. durch erneutes Eintippen des Werts).",
            f"The cell in column “{header}” contains invisible control characters. Remove them "
            "(e.g. by typing the value again).",
            value=CONTROL_CHARS.sub("\ufffd", text), **where))
        return
    parts: list[CellValue] = split_values(text, separators) if column.multiple else [value]
    objects: list[Node] = []
    for part in parts:
        part_text = cell_text(part)
        if column.kind == "concept":
            concept = resolve_concept(part_text, column.lookup)
            objects.append(concept if concept is not None else Literal(part_text))
        elif column.kind in ("reference", "kommune"):
            ref = (resolve_kommune(part_text) if column.kind == "kommune"
                   else resolve_reference(part_text, column.ref_prefix or ""))
            if ref is None:
                what_de = ("einen amtlichen Gemeinde-/Kreisschlüssel (2, 3, 5 oder 8 Ziffern)"
                           if column.kind == "kommune" else "die Kennung eines Datensatzes")
                what_en = ("an official municipality/district key (2, 3, 5 or 8 digits)"
                           if column.kind == "kommune" else "the identifier of a record")
                out.problems.append(ingest_problem(
                    "reference",
                    f"Der Wert „{part_text}“ in Spalte „{header}“ ist kein gültiger Verweis. "
                    f"Tragen Sie {what_de} ein.",
                    f"The value “{part_text}” in column “{header}” is not a valid reference. "
                    f"Enter {what_en}.", value=part_text, **where))
                continue
            objects.append(ref)
        else:
            literal, _ok = convert_literal(part, column.datatype)
            objects.append(literal)
    for obj in objects:
        if column.inverse:
            if isinstance(obj, URIRef):
                out.graph.add((obj, column.path, subject))
        else:
            out.graph.add((subject, column.path, obj))
    if objects:
        out.locations[(str(subject), str(column.path))] = SourceLocation(
            table.file, row_number, header
        )
