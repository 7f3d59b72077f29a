"""Map the rows of an identified table to RDF, one column kind at a time.

Each row becomes one record ``id/{idPrefix}/{Kennung}`` typed with the template's target class.
Every triple's source (file, sheet, row, column header as in the file, the text entered) is kept
in ``MappedContribution.locations`` so that SHACL results can be traced back to a cell.

Nothing is read halfway: a header that is not a template column (a typo such as ``E-Mali``, an
unknown column, values under an empty header) is a Violation with the closest template header
as a suggestion, since its values would otherwise be dropped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TypedDict

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from ..folding import normalise_key
from ..namespaces import BG, record_iri
from ..shapes.model import ColumnSpec, TemplateSpec
from ..shapes.report import Problem
from .result import MappedContribution, SourceLocation, Where, ingest_problem
from .tables import CellValue, Table, is_blank
from .values import (
    CONTROL_CHARS,
    cell_text,
    convert_literal,
    parse_kennung,
    resolve_concept,
    resolve_kommune,
    resolve_reference,
    school_closed_on,
    split_values,
    unknown_school,
)


# Exactly the keys given, so that mypy sees which keywords a problem still takes.
class _InTable(TypedDict):
    file: str | None
    sheet: str | None
    row: int | None


class _InRow(_InTable):
    column: str | None


@dataclass
class MappingState:
    """State shared by all tables of one contribution."""

    out: MappedContribution
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
    where: _InTable = {"file": table.file, "sheet": table.sheet, "row": table.header_row}
    # values right of the last header in a sheet (in a CSV file the reader reports such rows)
    width = max((len(row) for _, row in table.rows), default=0) if table.sheet else 0
    headers = table.headers + [""] * (width - len(table.headers))
    for index, header in enumerate(headers):
        if not header:
            entered = _first_value(table, index)
            if entered is not None:
                out.problems.append(
                    ingest_problem(
                        "unknown-column",
                        f"Spalte {index + 1} hat keine Überschrift, enthält aber Werte. Tragen Sie "
                        "die Überschrift der Vorlage ein oder löschen Sie die Spalte; sonst würden "
                        "ihre Werte nicht gelesen.",
                        f"Column {index + 1} has no header but contains values. Enter the "
                        "template's header or delete the column; its values would not be read "
                        "otherwise.",
                        value=entered,
                        **where,
                    )
                )
            continue
        column = template.column_by_header(header)
        if column is None:
            out.problems.append(_unknown_column(table, template, index, header))
        elif column.header_de in used:
            out.problems.append(
                ingest_problem(
                    "duplicate-column",
                    f"Die Spalte „{column.header_de}“ kommt doppelt vor "
                    f"(„{used[column.header_de]}“ und „{header}“). Nur die erste wird gelesen.",
                    f"The column “{column.header_de}” appears twice (“{used[column.header_de]}” "
                    f"and “{header}”). Only the first one is read.",
                    column=column.header_de,
                    **where,
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
                    f"The required column “{column.header_de}” is missing from the template "
                    f"“{template.name}”. Add a column with this header.",
                    column=column.header_de,
                    **where,
                )
            )
    if template.id_column.header_de not in present:
        return None
    return mapping


def _first_value(table: Table, index: int) -> str | None:
    """The first value entered in a column (to show what a dropped column holds)."""
    for _, row in table.rows:
        if index < len(row) and not is_blank(row[index]):
            return cell_text(row[index])
    return None


def suggest_header(header: str, template: TemplateSpec) -> str | None:
    """The template's German header closest to ``header`` (German and English labels,
    compared normalised), or ``None`` when none is close.

        >>> from bildungsgraph.shapes import find_template, template_model
        >>> akteure = find_template(template_model(), "akteure")
        >>> suggest_header("E-Mali", akteure), suggest_header("Emial", akteure)
        ('E-Mail', 'E-Mail')
        >>> suggest_header("Telefon (dienstlich)", akteure), suggest_header("Farbe", akteure)
        ('Telefon', None)
    """
    key = normalise_key(header)
    if not key:
        return None
    keys: dict[str, str] = {}
    for column in template.columns:
        for label_key in sorted(column.header_keys):
            keys.setdefault(label_key, column.header_de)
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.6)
    if close:
        return keys[close[0]]
    # a template header with an addition, e.g. "Telefon (dienstlich)"
    prefixes = [k for k in keys if len(k) >= 4 and key.startswith(k)]
    return keys[max(prefixes, key=len)] if prefixes else None


def _unknown_column(table: Table, template: TemplateSpec, index: int, header: str) -> Problem:
    suggestion = suggest_header(header, template)
    if suggestion is not None:
        hint_de = f" Meinten Sie „{suggestion}“?"
        hint_en = f" Did you mean “{suggestion}”?"
    else:
        names = ", ".join(c.header_de for c in template.columns)
        hint_de = f" Die Spalten der Vorlage sind: {names}."
        hint_en = f" The template's columns are: {names}."
    return ingest_problem(
        "unknown-column",
        f"Die Spalte „{header}“ gehört nicht zur Vorlage „{template.name}“.{hint_de} Korrigieren "
        "Sie die Überschrift oder löschen Sie die Spalte; sonst würden ihre Werte nicht gelesen.",
        f"The column “{header}” is not part of the template “{template.name}”.{hint_en} Correct "
        "the header or delete the column; its values would not be read otherwise.",
        file=table.file,
        sheet=table.sheet,
        row=table.header_row,
        column=header,
        value=_first_value(table, index),
    )


def map_table(table: Table, template: TemplateSpec, state: MappingState) -> int:
    """Map every data row of ``table``; returns the number of rows read."""
    out = state.out
    columns = column_headers(table, template, out)
    if columns is None:
        return 0
    id_index = next(i for i, c in columns.items() if c.kind == "id")
    count = 0
    for row_number, row in table.rows:
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
    header = table.headers[id_index]
    raw = cell_text(_cell(row, id_index))
    where: _InRow = {
        "file": table.file,
        "sheet": table.sheet,
        "row": row_number,
        "column": columns[id_index].header_de,
    }
    if not raw:
        out.problems.append(
            ingest_problem(
                "kennung",
                "Die Kennung fehlt. Tragen Sie in der Spalte „Kennung“ eine eindeutige Kennung ein "
                "(Buchstaben, Ziffern, Punkt, Unterstrich, Bindestrich).",
                "The identifier is missing. Enter a unique identifier in the column “Kennung” "
                "(letters, digits, dot, underscore, hyphen).",
                **where,
            )
        )
        return
    kennung = parse_kennung(raw, template.id_prefix)
    if kennung is None:
        out.problems.append(
            ingest_problem(
                "kennung",
                f"Die Kennung „{raw}“ ist ungültig. Erlaubt sind Buchstaben, Ziffern, Punkt, "
                "Unterstrich und Bindestrich (ohne Leerzeichen, höchstens 100 Zeichen).",
                f"The identifier “{raw}” is invalid. Use letters, digits, dot, underscore and "
                "hyphen (no spaces, at most 100 characters).",
                value=raw,
                **where,
            )
        )
        return
    subject = record_iri(template.id_prefix, kennung)
    first = state.seen.get(str(subject))
    if first is not None:
        sheet_de = f", Blatt „{first.sheet}“" if first.sheet else ""
        sheet_en = f", sheet “{first.sheet}”" if first.sheet else ""
        out.problems.append(
            ingest_problem(
                "duplicate-kennung",
                f"Die Kennung „{kennung}“ kommt mehrfach vor (zuerst in {first.file}{sheet_de}, "
                f"Zeile {first.row}). Jede Kennung darf nur einmal vorkommen.",
                f"The identifier “{kennung}” occurs more than once (first in {first.file}"
                f"{sheet_en}, row {first.row}). Each identifier may occur only once.",
                kennung=kennung,
                value=raw,
                focus_node=str(subject),
                **where,
            )
        )
        return
    location = SourceLocation(table.file, row_number, header, table.sheet, raw)
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
        cell = SourceLocation(
            table.file, row_number, table.headers[index], table.sheet, cell_text(value)
        )
        _map_cell(cell, kennung, column, value, subject, separators, out)


def _map_cell(
    cell: SourceLocation,
    kennung: str,
    column: ColumnSpec,
    value: CellValue,
    subject: URIRef,
    separators: str,
    out: MappedContribution,
) -> None:
    assert column.path is not None  # noqa: S101 - guarded by the caller
    text = cell.value or ""
    name = column.header_de
    where: Where = {
        "file": cell.file,
        "sheet": cell.sheet,
        "row": cell.row,
        "kennung": kennung,
        "column": name,
        "focus_node": str(subject),
        "path": str(column.path),
    }
    if CONTROL_CHARS.search(text):
        out.problems.append(
            ingest_problem(
                "control-character",
                f"Die Zelle in Spalte „{name}“ enthält unsichtbare Steuerzeichen. Entfernen Sie "
                "sie (z. B. durch erneutes Eintippen des Werts).",
                f"The cell in column “{name}” contains invisible control characters. Remove them "
                "(e.g. by typing the value again).",
                value=CONTROL_CHARS.sub("\ufffd", text),
                **where,
            )
        )
        return
    parts: list[CellValue] = split_values(text, separators) if column.multiple else [value]
    objects: list[Node] = []
    for part in parts:
        part_text = cell_text(part)
        if column.kind == "concept":
            concept = resolve_concept(part_text, column.lookup)
            objects.append(concept if concept is not None else Literal(part_text))
            continue
        if column.kind in ("reference", "kommune"):
            ref = (
                resolve_kommune(part_text)
                if column.kind == "kommune"
                else resolve_reference(part_text, column.ref_prefix or "")
            )
            if ref is None:
                what_de = (
                    "einen amtlichen Gemeinde-/Kreisschlüssel (2, 3, 5 oder 8 Ziffern)"
                    if column.kind == "kommune"
                    else "die Kennung eines Datensatzes"
                )
                what_en = (
                    "an official municipality/district key (2, 3, 5 or 8 digits)"
                    if column.kind == "kommune"
                    else "the identifier of a record"
                )
                out.problems.append(
                    ingest_problem(
                        "reference",
                        f"Der Wert „{part_text}“ in Spalte „{name}“ ist kein gültiger Verweis. "
                        f"Tragen Sie {what_de} ein.",
                        f"The value “{part_text}” in column “{name}” is not a valid reference. "
                        f"Enter {what_en}.",
                        value=part_text,
                        **where,
                    )
                )
                continue
            obj: Node = ref
            school = unknown_school(ref)
        else:
            obj, _ok = convert_literal(part, column.datatype)
            school = unknown_school(part_text) if column.path == BG.schoolNumber else None
        if school is not None:
            out.problems.append(unknown_school_problem(school, name, part_text, where))
            continue
        objects.append(obj)
    for obj in objects:
        if column.inverse:
            if isinstance(obj, URIRef):
                out.graph.add((obj, column.path, subject))
        else:
            out.graph.add((subject, column.path, obj))
    if objects:
        out.locations[(str(subject), str(column.path))] = cell


def unknown_school_problem(number: str, column: str, entered: str, where: Where) -> Problem:
    """The Violation for a Schulnummer not in the official list (``where``: the location)."""
    closed = school_closed_on(number)
    if closed is not None:
        return ingest_problem(
            "unknown-school",
            f"Die Schule „{number}“ ist laut amtlicher Schulliste NRW seit dem "
            f"{'.'.join(reversed(closed.split('-')))} "
            f"geschlossen. Entfernen Sie sie aus der Spalte „{column}“ oder nennen Sie die "
            "Schule, die ihre Aufgaben übernommen hat.",
            f"The school “{number}” closed on {closed} according to the official NRW school "
            f"list. Remove it from the column “{column}” or name the school that took over.",
            value=entered,
            **where,
        )
    return ingest_problem(
        "unknown-school",
        f"Die Schulnummer „{number}“ steht nicht in der amtlichen Schulliste NRW (Schulen in "
        f"Betrieb). Prüfen Sie den Wert in der Spalte „{column}“: sechs Ziffern wie in der "
        "Schulliste des Schulministeriums.",
        f"The school number “{number}” is not in the official NRW school list (schools in "
        f"operation). Check the value in the column “{column}”: six digits as in the school "
        "ministry's list.",
        value=entered,
        **where,
    )
