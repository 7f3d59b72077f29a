"""Accounts that may write, and the Kommunen they may write for."""

from __future__ import annotations

import re
from dataclasses import dataclass

KOMMUNE_KEY = re.compile(r"^05(?:[0-9]|[0-9]{3}|[0-9]{6})?$")


@dataclass(frozen=True)
class Account:
    """A writing account: its Kommunen (keys) or, as admin, everywhere."""

    id: int
    name: str
    kommunen: tuple[str, ...]
    admin: bool = False
    created: str = ""
    revoked: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None

    @property
    def contributor_slug(self) -> str:
        """The slug of the contributor IRI under which its contributions are attributed."""
        return f"account-{self.id}"

    def covers(self, kommune_key: str) -> bool:
        """Whether the account may write records located in this Kommune.

        A Kreis covers its Gemeinden, a Regierungsbezirk its Kreise: official keys nest
        by prefix (05166 ⊃ 05166032).

        >>> Account(1, "Kreis Viersen", ("05166",)).covers("05166032")
        True
        >>> Account(1, "Kreis Viersen", ("05166",)).covers("05114000")
        False
        """
        return self.admin or any(kommune_key.startswith(key) for key in self.kommunen)


def check_kommune_key(key: str) -> str:
    """Return ``key`` if it has the form of an NRW key (05, 051, 05166, 05166032)."""
    if not KOMMUNE_KEY.match(key):
        raise ValueError(
            f"{key!r} is not an NRW key: use 05 (Land), 3 digits (Regierungsbezirk), "
            "5 digits (Kreis, kreisfreie Stadt) or 8 digits (AGS of a Gemeinde)"
        )
    return key
