"""The contribution contract read from the SHACL shapes, below both ingest and validation.

The shapes and vocabularies (:mod:`.files`), the templates read from them (:mod:`.model`) and
the problems a contribution is reported with (:mod:`.report`): reading a contribution
(``ingest``) and checking it (``validation``) both build on these, so neither needs the other
for them.
"""

from __future__ import annotations

from .files import load_shapes, load_vocabularies
from .model import (
    ColumnSpec,
    TemplateSpec,
    clear_cache,
    find_template,
    load_template_model,
    template_model,
)
from .report import INFO, VIOLATION, WARNING, Problem, ValidationReport

__all__ = [
    "INFO",
    "VIOLATION",
    "WARNING",
    "ColumnSpec",
    "Problem",
    "TemplateSpec",
    "ValidationReport",
    "clear_cache",
    "find_template",
    "load_shapes",
    "load_template_model",
    "load_vocabularies",
    "template_model",
]
