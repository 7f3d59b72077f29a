"""Ingest: read contributed spreadsheets and RDF files into records (rdflib graphs).

No HTTP and no store access here; the templates, the mapping and validation all come from the
SHACL shapes (see :mod:`bildungsgraph.shapes.model`).
"""

from __future__ import annotations

from .limits import cancelled_by
from .reader import identify_template, media_type, read_contribution
from .result import MappedContribution, SourceFileInfo, SourceLocation
from .templates import (
    XLSX_NAME,
    template_csv_bytes,
    template_csv_text,
    templates_xlsx_bytes,
    write_templates,
)

__all__ = [
    "XLSX_NAME",
    "MappedContribution",
    "SourceFileInfo",
    "SourceLocation",
    "cancelled_by",
    "identify_template",
    "media_type",
    "read_contribution",
    "template_csv_bytes",
    "template_csv_text",
    "templates_xlsx_bytes",
    "write_templates",
]
