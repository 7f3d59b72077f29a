"""Contact persons (personal data, DSGVO): kept apart from the public graph, in a protected
store beside it, visible only to accounts whose Kommunen cover the actor."""

from __future__ import annotations

from .model import COLUMNS, ContactPerson, contacts_csv, take_contacts
from .store import ContactStore, contacts_path, kept_since

__all__ = [
    "COLUMNS",
    "ContactPerson",
    "ContactStore",
    "contacts_csv",
    "contacts_path",
    "kept_since",
    "take_contacts",
]
