"""The words and ids of the two kinds of ties in a network view.

Every view says in one sentence which ties it draws (``NetworkFilter.ties``), so a reader
never takes a shared network membership for a cooperation, and how many actors a filter kept;
German first, English for ``lang=en``. Network nodes get view ids of their own.
"""

from __future__ import annotations

from collections.abc import Mapping

# one entry per ``analysis.model.TIES`` value (tests/unit/test_network_ties.py checks it)
TIE_MEANINGS: dict[str, tuple[str, str]] = {
    "cooperation": (
        "Eine Verbindung ist eine erfasste Kooperation: Die beiden Akteure sind Partner "
        "mindestens einer gemeinsamen Kooperation; Netzwerk-Mitgliedschaften sind nicht "
        "gezeichnet.",
        "A tie is a recorded cooperation: both actors are partners of at least one common "
        "cooperation; network memberships are not drawn.",
    ),
    "membership": (
        "Eine Verbindung ist eine Mitgliedschaft: Der Akteur gehört dem Netzwerk oder Gremium "
        "an, das als eigener Knoten gezeichnet ist; Kooperationen sind nicht gezeichnet.",
        "A tie is a membership: the actor belongs to the network or committee drawn as a "
        "node of its own; cooperations are not drawn.",
    ),
    "all": (
        "Eine Verbindung ist entweder eine erfasste Kooperation zweier Akteure oder die "
        "Mitgliedschaft eines Akteurs in einem Netzwerk oder Gremium, das als eigener Knoten "
        "gezeichnet ist.",
        "A tie is either a recorded cooperation of two actors or an actor's membership in a "
        "network or committee drawn as a node of its own.",
    ),
}


def tie_meaning(ties: str, lang: str = "de") -> str:
    """One sentence: what a tie of a view with these ``ties`` means."""
    german, english = TIE_MEANINGS[ties]
    return english if lang == "en" else german


def matched_sentence(matched: int, of: int, lang: str = "de") -> str:
    """How many of the Kommune's actors match the filter ("12 von 468 Akteuren ...")."""
    if lang == "en":
        return f"{matched:,} of {of:,} actors match the filter"
    number = f"{matched:,}".replace(",", ".")
    total = f"{of:,}".replace(",", ".")
    return f"{number} von {total} Akteuren passen zum Filter"


NETWORK_ID_PREFIX = "network:"  # view ids of network nodes, apart from actor Kennungen


def view_id(attrs: Mapping[str, object], node: str) -> str:
    """A node's id in a view: an actor's Kennung, ``network:<Kennung>`` for a network."""
    kennung = str(attrs.get("kennung", node))
    return NETWORK_ID_PREFIX + kennung if attrs.get("node_kind") == "network" else kennung


def network_line(members: int, lang: str = "de") -> str:
    """The second line of a network node's title (the first is its name)."""
    if lang == "en":
        return f"Network or committee · {members} member{'s' if members != 1 else ''}"
    return f"Netzwerk oder Gremium · {members} Mitglied{'er' if members != 1 else ''}"
