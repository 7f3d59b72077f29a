"""Validation: SHACL via pyshacl, reported as located, bilingual problems."""

from __future__ import annotations

from .context import (
    load_shapes,
    load_validation_context_static,
    load_vocabularies,
    referenced_iris,
)
from .report import INFO, VIOLATION, WARNING, Problem, ValidationReport
from .shacl import validate_contribution

__all__ = [
    "INFO",
    "VIOLATION",
    "WARNING",
    "Problem",
    "ValidationReport",
    "load_shapes",
    "load_validation_context_static",
    "load_vocabularies",
    "referenced_iris",
    "validate_contribution",
]
