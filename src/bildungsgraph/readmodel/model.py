"""ReadModel: the current view of the store, kept current per write, saved beside the store.

- ``current()`` is the view readers use (one per request);
- ``written(subjects, graphs)`` makes and publishes the next view after a write;
- ``open()`` starts from the saved view and the journal (``persist.py``), or builds the view
  once from the whole store; ``save()`` writes the current view and empties the journal.

Processes sharing a remote store share the saved view and the journal: a process that sees
the store's state move on re-reads what the others' journalled writes touched
(``follow_others``), and the first build is made by one process while the others wait for it
and load it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import BildungsgraphError
from ..locks import ProcessLock
from ..namespaces import CONFIRMATION_GRAPH_PREFIX, CONTRIBUTION_GRAPH_PREFIX, EXAMPLE_GRAPH, GRAPH
from ..store import GraphStore
from .memo import Stale
from .persist import Journal, load_view, save_view
from .update import build_view, reference_changed, updated_view
from .view import View

LOG = logging.getLogger(__name__)
REFRESH_BUDGET = 1.5  # seconds a write may spend making what readers asked for recently
# Saving pickles the whole view: about 4 s at 1M quads, holding the interpreter lock, so it is
# done rarely: after a build, after this many journalled writes, and when the model closes.
SAVE_EVERY = 200
# graphs whose records the read model follows record by record; any other graph written
# (ontology, shapes, vocabularies, Kommunen, population) means a rebuild
_RECORD_GRAPH_PREFIXES = (
    CONTRIBUTION_GRAPH_PREFIX,
    str(EXAMPLE_GRAPH),
    str(GRAPH["reference/schools"]),
    str(GRAPH["import/"]),
    str(GRAPH["analysis/"]),
    str(GRAPH["withdrawn/"]),
    CONFIRMATION_GRAPH_PREFIX,
)


class ReadModel:
    """The view of the store's current state."""

    def __init__(
        self, store: GraphStore, directory: Path | None = None, writable: bool = True
    ) -> None:
        """``directory``: where the view is saved and the journal kept; a reader of a
        read-only copy of the store (``writable=False``) uses them but never writes them."""
        self.store = store
        self.directory = directory
        self.writable = writable
        self.journal = Journal(directory) if directory is not None else None
        self._view: View | None = None
        self._lock = threading.Lock()  # one view is made at a time
        self._saving: threading.Thread | None = None
        self._unsaved = 0  # writes in the journal since the saved view
        self._saved_state: str | None = None
        self.recomputed: Counter[str] = Counter()  # Kommune IRI → tally updates (for tests)
        self.builds = 0  # full builds (for tests and benchmarks)

    # -- reading ---------------------------------------------------------------------------

    def current(self) -> View:
        """The view of the latest finished write (made on first use: from the saved view and
        the journal, or from the whole store)."""
        view = self._view
        if view is None:
            with self._lock:
                if self._view is None:
                    self._view = self._opened()
                view = self._view
        elif self.store.shared and view.state != self.store.state:
            # another process wrote: the first reader to notice catches up, the others keep
            # the view they have until it is done
            if self._lock.acquire(blocking=False):
                try:
                    self._catch_up()
                finally:
                    self._lock.release()
            view = self._view
        assert view is not None
        return view

    def follow_others(self) -> None:
        """Bring the view to the store's state after writes by other processes (the writer
        calls this with the write lock held, before it writes)."""
        with self._lock:
            if self._view is not None and self._view.state != self.store.state:
                self._catch_up()

    def is_current(self) -> bool:
        """Whether a view is made (readers would not wait)."""
        return self._view is not None

    # -- writing ---------------------------------------------------------------------------

    def before_write(
        self, graphs: Iterable[str], subjects: Iterable[str], rebuild: bool = False
    ) -> None:
        """Record a write in the journal before it happens (see ``persist``)."""
        if self.journal is not None and self.writable:
            self.journal.append(self.store.state, graphs, subjects, rebuild)
            self._unsaved += 1

    def written(self, subjects: Iterable[str], graphs: Iterable[str]) -> None:
        """Make and publish the view after a write that wrote ``graphs`` and touched
        ``subjects`` (what those graphs held before and after). Without a view yet, nothing
        is made: the first reader makes it from the journal."""
        subjects, graphs = set(subjects), set(graphs)
        with self._lock:
            old = self._view
            if old is None:
                return
            if not all(_follows(g) for g in graphs) or reference_changed(old, subjects):
                self._view = self._build()
                self._saved_state = None
            else:
                view, touched, stale = updated_view(old, self.store, subjects, graphs)
                self.recomputed.update(touched)
                refresh(view, stale)
                self._view = view
            built = self._saved_state is None
        if built or self._unsaved >= SAVE_EVERY:
            self._save_soon()

    def rebuild(self) -> None:
        """Build the view from the whole store again (after writes outside the journal)."""
        with self._lock:
            if self._view is None:
                return
            self._view = self._build()
            self._saved_state = None
        self._save_soon()

    # -- persistence -----------------------------------------------------------------------

    def save(self) -> None:
        """Write the current view beside the store and empty the journal."""
        with self._lock:
            self._save_held()

    def _save_held(self) -> None:
        view = self._view
        if self.directory is None or not self.writable or view is None:
            return
        if view.state != self.store.state or view.state == self._saved_state:
            return
        save_view(view, self.directory)
        if self.journal is not None:
            self.journal.drop_before(view.state)
        self._saved_state = view.state
        self._unsaved = 0

    def close(self) -> None:
        saving = self._saving
        if saving is not None:
            saving.join()
        self.save()

    def _save_soon(self) -> None:
        """Save in the background (one save at a time)."""
        if self.directory is None or not self.writable:
            return
        if self._saving is not None and self._saving.is_alive():
            return
        self._saving = threading.Thread(
            target=self._save_quietly, name="save-read-model", daemon=True
        )
        self._saving.start()

    def _save_quietly(self) -> None:
        try:
            self.save()
        except OSError as exc:  # a full disk must not take the service down
            LOG.warning("could not save the read model: %s", exc)

    def _opened(self) -> View:
        """The first view: with a shared store, made by one process at a time, so that the
        others load what the first one built and saved."""
        shared = self.store.shared and self.directory is not None and self.writable
        with ProcessLock(self.directory / "build.lock" if shared and self.directory else None):
            view = self._view = self._start()
            if shared and self._saved_state is None:
                self._save_held()
        if self._unsaved >= SAVE_EVERY or self._saved_state is None:
            self._save_soon()
        return view

    def _catch_up(self) -> None:
        assert self._view is not None
        self._view = self._replayed(self._view) or self._start()

    def _start(self) -> View:
        """The saved view brought to the store's state, or a new build."""
        saved = load_view(self.directory) if self.directory is not None else None
        if saved is not None and saved.state == self.store.state:
            self._saved_state = saved.state
            return saved
        if saved is not None:
            replayed = self._replayed(saved)
            if replayed is not None:
                self._saved_state = saved.state
                return replayed
        self._saved_state = None
        return self._build()

    def _replayed(self, base: View) -> View | None:
        """``base`` brought to the store's state by re-reading what the journal names since
        it; None without an unbroken chain of record writes."""
        if self.journal is None:
            return None
        entries = self.journal.since(base.state)
        if (
            entries is None
            or any(e.rebuild for e in entries)
            or not all(_follows(g) for e in entries for g in e.graphs)
        ):
            return None
        graphs = {g for e in entries for g in e.graphs}
        subjects = {s for e in entries for s in e.subjects} | self.store.subjects(graphs)
        if reference_changed(base, subjects):
            return None
        self._unsaved = len(entries)
        return updated_view(base, self.store, subjects, graphs)[0]

    def _build(self) -> View:
        began = time.perf_counter()
        view = build_view(self.store)
        self.builds += 1
        LOG.info("read model built in %.1f s", time.perf_counter() - began)
        return view


def refresh(view: View, stale: list[Stale], budget: float = REFRESH_BUDGET) -> None:
    """Make the results readers asked for recently for ``view``, most recent first, while the
    time they took last stays within ``budget`` seconds (the rest is made on demand)."""
    spent = 0.0
    for result in stale:
        if spent + result.cost > budget:
            continue
        began = time.perf_counter()
        with contextlib.suppress(BildungsgraphError):  # a filter that names nothing now
            result.again(view)
        spent += time.perf_counter() - began


def _follows(graph: str) -> bool:
    return graph.startswith(_RECORD_GRAPH_PREFIXES)
