"""BildungsGraph: the composition root every face (CLI, REST, HTML, SPARQL) starts from.

It wires one part per area over one store; a face uses the part it needs::

    store ─┬─ readmodel      the current view: every figure, listing, gap and network
           ├─ writer         every write: journal, read model and SPARQL replicas follow
           ├─ loading        shipped data and RDF files
           ├─ reference      updates of the official lists from a new download (diff)
           ├─ contributions  check, store, withdraw, restore; staged uploads; templates
           ├─ contacts       contact persons, kept apart from the store; seen by account scope
           ├─ sessions       the contribute pages' sessions and sign-in (accounts beside)
           ├─ analysis       the report; measures written back as an analysis graph
           ├─ confirmations  claims on partners to confirm or dispute, and the decisions
           ├─ linked_data    resource and graph descriptions, documentation, VoID, dumps
           └─ sparql         the protocol endpoint; queries in process

Readers take ``readmodel.current()`` once and answer from that view alone.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import weakref
from pathlib import Path

from .. import config
from ..accounts import AccountStore, accounts_path
from ..contacts import contacts_path
from ..readmodel import ReadModel
from ..readmodel.persist import directory_for
from ..store import GraphStore, OxigraphStore, store_for
from ..store.checkpoints import Checkpoints, open_for_reading
from .accounts import Sessions
from .analysis import Analysis
from .confirmations import Confirmations
from .contacts import Contacts
from .contributions import WITHDRAWAL_RETENTION, ContributionInfo, Contributions, OwnContribution
from .linked_data import LinkedData
from .loading import Loading
from .reference import ReferenceUpdates
from .sparql import Sparql
from .writes import GraphWriter

__all__ = [
    "WITHDRAWAL_RETENTION",
    "BildungsGraph",
    "ContributionInfo",
    "OwnContribution",
]


class BildungsGraph:
    """The parts of bildungsgraph over one store; files that belong to a store on disk lie
    beside it (``{store}-readmodel``, ``-accounts.sqlite3``, ``-contacts.sqlite3``, ``-staging``,
    ``-dumps``)."""

    def __init__(self, store: GraphStore, home: Path | None = None) -> None:
        """``home``: the store whose side files to use, when ``store`` is a read-only copy of
        it (a checkpoint); by default the store itself."""
        self.store = store
        beside = home or store.path
        if beside is None:
            scratch = Path(tempfile.mkdtemp(prefix="bildungsgraph-"))
            weakref.finalize(self, shutil.rmtree, scratch, True)
            beside, readmodel_dir, accounts_file = scratch / "store", None, None
        else:
            beside.parent.mkdir(parents=True, exist_ok=True)
            readmodel_dir, accounts_file = directory_for(beside), accounts_path(beside)
        self.readmodel = ReadModel(store, readmodel_dir, writable=store.writable)
        self.writer = GraphWriter(
            store,
            self.readmodel,
            beside.parent / f"{beside.name}-write.lock" if store.shared else None,
        )
        self.accounts = AccountStore(accounts_file)
        self.contacts = Contacts(store, self.readmodel, accounts_file and contacts_path(beside))
        self.contributions = Contributions(
            store,
            self.writer,
            self.accounts,
            beside.parent / f"{beside.name}-staging",
            self.contacts,
        )
        self.loading = Loading(store, self.writer, self.contributions)
        self.reference = ReferenceUpdates(store, self.writer, self.readmodel)
        self.sessions = Sessions(self.accounts)
        self.analysis = Analysis(store, self.writer)
        self.linked_data = LinkedData(store, beside.parent / f"{beside.name}-dumps")
        self.sparql = Sparql(store, self.writer)
        self.confirmations = Confirmations(store, self.writer, self.readmodel)
        self._checkpoints: Checkpoints | None = None

    @classmethod
    def open(cls, settings: config.Settings) -> BildungsGraph:
        """Open the store named by the settings; the side files of a remote store lie at
        ``store_path``, as for the embedded one."""
        return cls(store_for(settings), settings.store_path)

    @classmethod
    def open_for_reading(cls, settings: config.Settings) -> BildungsGraph:
        """Open the store to read; while a server holds the embedded store, its newest
        checkpoint (a remote store admits any number of processes)."""
        if settings.store_url:
            return cls.open(settings)
        return cls(open_for_reading(settings.store_path), settings.store_path)

    def keep_checkpoints(self) -> None:
        """While this process holds the store on disk (a server), keep a read-only checkpoint
        of its latest state for readers in other processes (``store.checkpoints``)."""
        if not isinstance(self.store, OxigraphStore) or self.store.path is None:
            return
        self._checkpoints = Checkpoints(self.store)
        self.writer.follow(self._checkpoints)
        threading.Thread(target=self._checkpoints.publish, name="checkpoint", daemon=True).start()

    def close(self) -> None:
        """Save the read model and release the accounts and the store."""
        if self._checkpoints is not None:
            self.writer.unfollow(self._checkpoints)
            self._checkpoints.close()
        self.readmodel.close()
        self.accounts.close()
        self.contacts.close()
        self.store.close()
