"""Listings as CSV: one row per item, nested values flattened to text (formula-safe, see
``spreadsheet``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..spreadsheet import csv_text
from .values import Item

SEPARATOR = " | "


def _cell(value: Any) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value  # a number, not text a spreadsheet could run
    if isinstance(value, dict):
        shown = value.get("label") or value.get("name") or value.get("status") or value.get("iri")
        return str(shown or "")  # "status": a cooperation's confirmation
    if isinstance(value, list):
        return SEPARATOR.join(str(_cell(part)) for part in value)
    return str(value)


def items_csv(items: Sequence[Item]) -> str:
    """CSV text (comma, header row); columns in the order of the first item, href left out."""
    columns: list[str] = []
    for item in items:
        columns.extend(key for key in item if key not in columns and key != "href")
    return csv_text(columns, ([_cell(item.get(column)) for column in columns] for item in items))
