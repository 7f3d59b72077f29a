"""Ingest: read contributed spreadsheets and RDF files into records (rdflib graphs).

No HTTP and no store access here; the templates, the mapping and validation all come from the
SHACL shapes (see :mod:`bildungsgraph.ingest.model`).
"""

from __future__ import annotations

from .limits import cancelled_by
from .model import (
    ColumnSpec,
    TemplateSpec,
    clear_cache,
    find_template,
    load_template_model,
    normalise_key,
    template_model,
)
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
    "ColumnSpec",
    "MappedContribution",
    "SourceFileInfo",
    "SourceLocation",
    "TemplateSpec",
    "cancelled_by",
    "clear_cache",
    "find_template",
    "identify_template",
    "load_template_model",
    "media_type",
    "normalise_key",
    "read_contribution",
    "template_csv_bytes",
    "template_csv_text",
    "template_model",
    "templates_xlsx_bytes",
    "write_templates",
]
