"""Validation: SHACL via pyshacl, reported as located, bilingual problems."""

from __future__ import annotations

from .context import load_validation_context_static, referenced_iris
from .shacl import validate_contribution

__all__ = [
    "load_validation_context_static",
    "referenced_iris",
    "validate_contribution",
]
