"""GraphWriter: every write to the store goes through here, one at a time.

A write names the graphs it writes. Before it, the writer notes what those graphs hold (their
subjects) in the read model's journal; after it, the SPARQL replicas get the new content of
those graphs and the read model re-reads the touched records — both before ``write`` returns,
so whoever wrote sees the write on every face (read your writes), and readers see either the
state before or the state after, never a mix of both.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Protocol, TypeVar

from ..locks import ProcessLock
from ..readmodel import ReadModel
from ..store import DumpFormat, GraphStore

T = TypeVar("T")
LOG = logging.getLogger(__name__)


class Replica(Protocol):
    """A copy of the store that follows its writes (the SPARQL endpoint's replica)."""

    def apply(self, changes: Mapping[str, bytes | None], state: str) -> None:
        """Replace (bytes: N-Triples) or drop (None) graphs; return once queries see it."""
        ...

    def reload(self, state: str) -> None:
        """Load the whole store again; return once queries see it."""
        ...


class GraphWriter:
    """Writes graphs and brings the read model and the replicas up to the new state.

    ``lock_path``: a file that orders the writes of all processes sharing the store (a
    remote one); each write first brings the read model up to the others' writes.
    """

    def __init__(
        self, store: GraphStore, readmodel: ReadModel, lock_path: Path | None = None
    ) -> None:
        self.store = store
        self.readmodel = readmodel
        # one write at a time (of any process with lock_path); held by a whole contribution
        self.lock = ProcessLock(lock_path)
        self._replicas: list[Replica] = []
        self._watchers: list[Callable[[float], None]] = []

    def follow(self, replica: Replica) -> None:
        """Let ``replica`` follow every write from now on."""
        with self.lock:
            self._replicas.append(replica)

    def unfollow(self, replica: Replica) -> None:
        with self.lock:
            if replica in self._replicas:
                self._replicas.remove(replica)

    def watch(self, watcher: Callable[[float], None]) -> None:
        """Call ``watcher`` after every write with the seconds the read model and the replicas
        took to follow it: how long readers lagged behind the store."""
        with self.lock:
            self._watchers.append(watcher)

    def unwatch(self, watcher: Callable[[float], None]) -> None:
        with self.lock:
            if watcher in self._watchers:
                self._watchers.remove(watcher)

    def write(
        self,
        graphs: Collection[str],
        action: Callable[[], T],
        subjects: Collection[str] | None = None,
    ) -> T:
        """Run ``action`` (which writes exactly ``graphs``) and publish its result.
        ``subjects``: all subjects whose statements the write changes, when the caller knows
        them exactly (a new school list rewrites 87,000 triples to change a few schools);
        by default every subject of ``graphs`` before and after."""
        graphs = sorted(set(graphs))
        with self.lock:
            self._follow_others()
            before = self.store.subjects(graphs) if subjects is None else set(subjects)
            self.readmodel.before_write(graphs, before)
            try:
                return action()
            finally:  # also after a failed write: the store's state token has moved on
                after = self.store.subjects(graphs) if subjects is None else before
                self._publish(graphs, before | after)

    def write_anything(self, action: Callable[[], T]) -> T:
        """Run ``action``, which may write any graph (a bulk import of quads), and rebuild."""
        with self.lock:
            self._follow_others()
            self.readmodel.before_write(self.store.graph_names(), (), rebuild=True)
            try:
                return action()
            finally:
                state = self.store.state
                self._alongside(lambda replica: replica.reload(state), self.readmodel.rebuild)

    def _follow_others(self) -> None:
        if self.store.shared:
            self.store.sync()
            self.readmodel.follow_others()

    def _publish(self, graphs: list[str], subjects: set[str]) -> None:
        changes = {graph: self._content(graph) for graph in graphs} if self._replicas else {}
        state = self.store.state
        self._alongside(
            lambda replica: replica.apply(changes, state),
            lambda: self.readmodel.written(subjects, graphs),
        )

    def _alongside(self, follow: Callable[[Replica], None], update: Callable[[], object]) -> None:
        """``follow`` every replica (in threads: the replica host works in its own process)
        while ``update`` brings the read model up; returns when all are done."""
        started = time.monotonic()
        failures: list[BaseException] = []

        def run(replica: Replica) -> None:
            try:
                follow(replica)
            except Exception as exc:  # reported below, after the read model is current
                failures.append(exc)

        threads = [
            threading.Thread(target=run, args=(r,), name="replica-follow") for r in self._replicas
        ]
        for thread in threads:
            thread.start()
        try:
            update()
        finally:
            for thread in threads:
                thread.join()
        for failure in failures:
            LOG.error("a SPARQL replica did not follow the write: %s", failure)
        lag = time.monotonic() - started
        for watcher in self._watchers:
            watcher(lag)

    def _content(self, graph: str) -> bytes | None:
        if not self.store.has_graph(graph):
            return None
        buffer = io.BytesIO()
        self.store.dump(buffer, DumpFormat.NTRIPLES, graph=graph)
        return buffer.getvalue()
