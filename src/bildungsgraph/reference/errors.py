"""The error raised when the reference files are missing or inconsistent."""

from __future__ import annotations

from ..errors import BildungsgraphError


class ReferenceDataError(BildungsgraphError):
    """A reference file is missing, malformed or disagrees with another reference file."""
