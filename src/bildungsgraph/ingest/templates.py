"""Spreadsheet templates generated from the shapes: one CSV per template and one workbook.

CSV files are UTF-8 with BOM (so Excel shows umlauts) and comma-delimited, with the German
header row and one example row. The workbook ``bildungsgraph-vorlagen.xlsx`` has one sheet per
template (bold header, example row, dropdown lists for vocabulary columns), a sheet
"Erläuterungen" describing every column and a hidden sheet "Werte" with the allowed values.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from ..errors import NotFoundError
from ..namespaces import XSD
from ..shapes.model import ColumnSpec, TemplateSpec, find_template, template_model
from ..spreadsheet import csv_text, safe_cell
from .values import convert_literal

XLSX_NAME = "bildungsgraph-vorlagen.xlsx"
EXPLANATION_SHEET = "Erläuterungen"
VALUES_SHEET = "Werte"
VALIDATION_ROWS = 5000  # rows that get dropdown lists in the workbook


def _model(model: Sequence[TemplateSpec] | None) -> list[TemplateSpec]:
    return list(model) if model is not None else template_model()


def _template(name: str, model: Sequence[TemplateSpec] | None) -> TemplateSpec:
    template = find_template(_model(model), name)
    if template is None:
        raise NotFoundError(f"no template named {name!r}")
    return template


def example_row(template: TemplateSpec) -> list[str]:
    """The example cell values of a template, in column order."""
    return [column.example for column in template.columns]


def template_csv_text(name: str, model: Sequence[TemplateSpec] | None = None) -> str:
    """The CSV template as text (header row and example row, comma-delimited)."""
    template = _template(name, model)
    return csv_text([c.header_de for c in template.columns], [example_row(template)])


def template_csv_bytes(name: str, model: Sequence[TemplateSpec] | None = None) -> bytes:
    """The CSV template ``{name}.csv`` as UTF-8 with BOM."""
    return template_csv_text(name, model).encode("utf-8-sig")


def _example_value(column: ColumnSpec) -> object:
    numeric = column.datatype in (XSD.integer, XSD.decimal)
    if column.kind == "literal" and numeric and column.example:
        literal, ok = convert_literal(column.example, column.datatype)
        if ok:
            value = literal.toPython()
            return float(value) if isinstance(value, Decimal) else value
    return column.example


def _explanations_rows(templates: Sequence[TemplateSpec]) -> list[list[str]]:
    rows = [
        [
            "Vorlage",
            "Spalte",
            "Column (English)",
            "Feld",
            "Pflichtangabe",
            "Mehrere Werte (|)",
            "Erlaubte Werte",
            "Beschreibung",
            "Description",
            "Beispiel",
        ]
    ]
    for template in templates:
        for column in template.columns:
            allowed = "; ".join(column.allowed_values)
            if column.kind == "reference":
                allowed = f"Kennung eines Datensatzes ({column.ref_prefix})"
            elif column.kind == "kommune":
                allowed = "Amtlicher Schlüssel (AGS 8-stellig, Kreis 5-stellig)"
            elif column.kind == "literal" and column.datatype is not None:
                allowed = _datatype_hint(column.datatype)
            rows.append(
                [
                    template.name,
                    column.header_de,
                    column.header_en,
                    column.name_de,
                    "ja" if column.required else "nein",
                    "ja" if column.multiple else "nein",
                    allowed,
                    column.description_de,
                    column.description_en,
                    column.example,
                ]
            )
    return rows


def _datatype_hint(datatype: object) -> str:
    hints: dict[object, str] = {
        XSD.date: "Datum (TT.MM.JJJJ oder JJJJ-MM-TT)",
        XSD.integer: "ganze Zahl",
        XSD.decimal: "Zahl (Dezimalkomma erlaubt)",
        XSD.boolean: "ja / nein",
        XSD.anyURI: "Web-Adresse (https://…)",
        XSD.string: "Text",
    }
    return hints.get(datatype, "")


def templates_xlsx_bytes(model: Sequence[TemplateSpec] | None = None) -> bytes:
    """The workbook with one sheet per template, the explanations and the value lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    templates = _model(model)
    workbook = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    values_sheet = workbook.active
    assert values_sheet is not None  # noqa: S101 - a new workbook always has one sheet
    values_sheet.title = VALUES_SHEET
    value_ranges: dict[str, str] = {}
    for template in templates:
        sheet = workbook.create_sheet(template.name)
        for col_index, column in enumerate(template.columns, start=1):
            cell = sheet.cell(row=1, column=col_index, value=column.header_de)
            cell.font, cell.fill = bold, fill
            sheet.cell(row=2, column=col_index, value=safe_cell(_example_value(column)))
            letter = get_column_letter(col_index)
            sheet.column_dimensions[letter].width = max(12, min(40, len(column.header_de) + 4))
            if column.kind != "concept" or not column.allowed_values:
                continue
            key = str(column.scheme)
            if key not in value_ranges:
                list_col = get_column_letter(len(value_ranges) + 1)
                values_sheet.cell(row=1, column=len(value_ranges) + 1, value=column.name_de)
                for row_index, label in enumerate(column.allowed_values, start=2):
                    values_sheet.cell(
                        row=row_index, column=len(value_ranges) + 1, value=safe_cell(label)
                    )
                last = len(column.allowed_values) + 1
                value_ranges[key] = (
                    f"{quote_sheetname(VALUES_SHEET)}!${list_col}$2:${list_col}${last}"
                )
            validation = DataValidation(
                type="list",
                formula1=f"={value_ranges[key]}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=column.header_de,
                error="Bitte einen Wert aus der Liste wählen (mehrere Werte mit | trennen).",
            )
            validation.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
            sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    explanations = workbook.create_sheet(EXPLANATION_SHEET)
    for row in _explanations_rows(templates):
        explanations.append([safe_cell(cell) for cell in row])
    for cell in explanations[1]:
        cell.font, cell.fill = bold, fill
    for letter, width in zip("ABCDEFGHIJ", (16, 26, 26, 26, 12, 14, 60, 60, 60, 24), strict=True):
        explanations.column_dimensions[letter].width = width
        for cell in explanations[letter]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    explanations.freeze_panes = "A2"
    values_sheet.sheet_state = "hidden"
    workbook.move_sheet(values_sheet, offset=len(workbook.sheetnames) - 1)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_templates(out_dir: Path | str, model: Sequence[TemplateSpec] | None = None) -> list[Path]:
    """Write ``{template}.csv`` for each template and ``bildungsgraph-vorlagen.xlsx``.

    Returns the paths written (CSV files in template order, then the workbook).
    """
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    templates = _model(model)
    written: list[Path] = []
    for template in templates:
        path = target / f"{template.name}.csv"
        path.write_bytes(template_csv_bytes(template.name, templates))
        written.append(path)
    xlsx = target / XLSX_NAME
    xlsx.write_bytes(templates_xlsx_bytes(templates))
    written.append(xlsx)
    return written
