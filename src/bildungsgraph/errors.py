"""The exception hierarchy of bildungsgraph.

::

    BildungsgraphError
    ├── ConfigurationError   a setting or file the program needs is missing or wrong
    ├── StoreError           the triple store cannot be opened, read or written
    ├── IngestError          a file cannot be read at all (not a validation finding)
    ├── ValidationError      a contribution has SHACL violations; carries the report
    ├── QueryError           a SPARQL query is malformed or fails
    ├── InvalidParameterError  a filter or parameter value names nothing known
    ├── ForbiddenError       the account may not do this (another account's contribution)
    ├── NotAcceptableError   no representation the client accepts
    ├── TooManyRequestsError a client or account is over a fair-use limit; retry later
    └── NotFoundError        a named graph, contribution or record does not exist
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class BildungsgraphError(Exception):
    """Base class of every error raised on purpose by bildungsgraph."""


class ConfigurationError(BildungsgraphError):
    """A setting or a file the program needs is missing or wrong."""


class StoreError(BildungsgraphError):
    """The triple store cannot be opened, read or written."""


class IngestError(BildungsgraphError):
    """A file cannot be read at all."""


class ValidationError(BildungsgraphError):
    """A contribution did not pass validation; ``report`` says why. ``members``: what else the
    answer tells a client (e.g. the outcome of a dry run), beside the report."""

    def __init__(self, message: str, report: Any, members: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.report = report
        self.members = dict(members or {})


class QueryError(BildungsgraphError):
    """A SPARQL query is malformed or failed while running."""


class InvalidParameterError(BildungsgraphError):
    """A filter or parameter value names nothing known; the message says what is allowed."""


class ForbiddenError(BildungsgraphError):
    """The account may not do this, e.g. change another account's contribution."""


class NotAcceptableError(BildungsgraphError):
    """None of the representations a resource has is one the client accepts; the message
    names those it has."""


class TooManyRequestsError(BildungsgraphError):
    """A client or account is over a fair-use limit; ``retry_after`` seconds until it may
    try again. The message is German, then English (pages show one of them)."""

    def __init__(self, message_de: str, message_en: str, retry_after: int) -> None:
        super().__init__(f"{message_de} / {message_en}")
        self.message_de = message_de
        self.message_en = message_en
        self.retry_after = max(1, retry_after)


def wait_de(seconds: int) -> str:
    """A wait as German messages say it: ``1 Sekunde``, ``5 Sekunden``."""
    return f"{seconds} Sekunde" if seconds == 1 else f"{seconds} Sekunden"


def wait_en(seconds: int) -> str:
    """A wait as English messages say it: ``1 second``, ``5 seconds``."""
    return f"{seconds} second" if seconds == 1 else f"{seconds} seconds"


class NotFoundError(BildungsgraphError):
    """A named graph, contribution or record does not exist."""
