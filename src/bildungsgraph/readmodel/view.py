"""One state of the read model: everything the faces show, for one store state, never changed.

Readers take the current view once per request and answer from it alone, so a page is always
the picture of one state; a write makes the next view (``update.py``) and publishes it whole.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from ..analysis.model import Actor
from ..records import Records
from ..records.index import Index
from ..records.search import SearchEntries
from ..records.snapshot import KOMMUNE_PREFIX, Snapshot
from ..records.values import Item
from .confirmation_items import confirmation_item
from .memo import Memo
from .sources import GraphDates, Reference
from .tally import EMPTY_TALLY, Tally

T = TypeVar("T")
LAND = KOMMUNE_PREFIX + "05"


@dataclass(frozen=True)
class View:
    """The records, their index and search entries, and the tallies of every Kommune."""

    state: str  # the store state this view shows (``GraphStore.state``)
    reference: Reference
    snapshot: Snapshot
    index: Index
    search: SearchEntries
    tallies: dict[str, Tally]  # Kommune IRI → tally
    versions: dict[str, int]  # Kommune IRI → how often a write changed it
    graph_sizes: dict[str, int]  # named graph → triples
    # contribution and dataset graph → its dates (when each record was last verified)
    graph_dates: dict[str, GraphDates] = field(default_factory=dict)
    memo: Memo[View] = field(default_factory=Memo, compare=False)
    # the analysis model of actors, made on first use and kept for the actors a write leaves
    actor_models: dict[str, Actor] = field(default_factory=dict, compare=False)

    @property
    def records(self) -> Records:
        return Records(self.index, self._located, self._confirmation)

    def _confirmation(self, cooperation: str) -> Item:
        return confirmation_item(self.snapshot, cooperation)

    def _located(self, kind: str, kommune_iri: str) -> Collection[str]:
        return self.tally(kommune_iri).members("records", kind).keys()

    def tally(self, kommune_iri: str) -> Tally:
        return self.tallies.get(kommune_iri, EMPTY_TALLY)

    def remember(
        self,
        key: Hashable,
        depends_on: Iterable[str],
        compute: Callable[[], T],
        again: Callable[[View], object] | None = None,
    ) -> T:
        """``compute()`` once for this state; kept for later states while the Kommunen it
        depends on (IRIs; the Land for results about everything) are unchanged. ``again``
        asks for the same result of another view: a write makes it for the next state when
        readers asked for it recently."""
        return self.memo.get(key, depends_on, self.versions, compute, again)
