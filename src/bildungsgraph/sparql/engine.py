"""The query engine: sandboxed worker processes over an in-memory replica that follows writes.

pyoxigraph 0.5 cannot cancel a query, so queries run in worker processes that can be killed.
The workers are forks of one replica host (``host.py``) that loaded an in-memory copy of the
durable store from a snapshot (a RocksDB checkpoint: hard links) taken by ``start``.

After every store write the service calls ``apply`` with the new content of the changed
graphs; the host applies it to its memory store, the engine forks fresh workers from it and
retires the idle ones (``pool.py``), so every query that starts after ``apply`` returned sees
the write, while queries in flight finish on the content they started with. Applies are
ordered; an apply that arrives while a host is still loading is queued and applied before
the first query runs. A host that dies is replaced from a fresh snapshot, which holds every
write that finished before it.

``execute`` blocks (call it from a thread); ``execute_async`` runs in the event loop and needs
no thread when a worker is idle. The time limit counts from the call: both first ask the
client's budget (``budget.py``: TooManyRequestsError at once), wait for a free worker until
the limit (then EndpointBusy, or ReplicaLoading while the host loads), hand it the job and
wait for the answer until the limit (then the worker is killed, a fresh fork takes its place
and QueryTimeout is raised at the limit; a worker that dies before the limit is EndpointFault).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from ..errors import StoreError
from .budget import ClientBudget
from .errors import EndpointBusy, EndpointFault, ReplicaLoading, timed_out
from .host import HostProcess
from .loading import image_path, image_state
from .pool import WARM_UP, NoWorker, Worker, WorkerPool, warm_up
from .replica import QueryAnswer, QueryJob

_WAIT_READY = 3600.0
# A worker gone this long before the limit died of something else than its alarm (the event
# loop's timer may fire a hair early, so a death just before the limit counts as a timeout).
_EARLY = 0.05
_QUICK = 0.02  # seconds: a query this quick may warm up new workers (``pool.warm_up``)


class Replicable(Protocol):
    """What the engine needs from the durable store."""

    path: Path | None
    writable: bool  # False for a read-only checkpoint: no replica image is saved beside it

    @property
    def state(self) -> str: ...

    def snapshot(self, directory: Path) -> Path: ...


class QueryEngine:
    """Answers QueryJobs on the replica, within the time limit; follows writes by ``apply``.

    ``workers`` is how many queries one client may run at once; the pool holds one worker more,
    kept for clients with no query running. ``budget`` limits each client's queries in flight
    and query time (none: no limit).
    """

    def __init__(
        self, store: Replicable, *, workers: int = 2, budget: ClientBudget | None = None
    ) -> None:
        self._store = store
        keep_image = store.path is not None and store.writable
        self._image = image_path(store.path) if keep_image and store.path is not None else None
        self._pool = WorkerPool(max(1, workers) + 1)
        self._budget = budget
        self._lock = threading.Lock()  # guards the fields below
        self._apply_lock = threading.Lock()  # orders applies (and the switch to a new host)
        self._host: HostProcess | None = None  # the host answering queries
        self._loading: HostProcess | None = None  # a host still loading
        self._pending: dict[str, bytes | None] = {}  # changes for the loading host
        self._pending_state: str | None = None
        self._state: str | None = None  # the state the next query will see
        self._failure: BaseException | None = None
        self._started = False
        self._closed = False
        self._recent: QueryJob | None = None  # a recent quick query: warms up new workers

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Take a snapshot now and load the replica host from it in the background.

        Call it while no write runs (the service holds its write lock): the snapshot then
        shows exactly the state it is labelled with.
        """
        self._start(exact=True)

    def _start(self, exact: bool) -> None:
        with self._lock:
            if self._closed:
                raise StoreError("the SPARQL engine is closed")
            if self._started:
                return
            self._started = True
            threading.Thread(target=self._restock, name="sparql-restock", daemon=True).start()
            self._begin_host(exact)

    def wait_ready(self, timeout: float = _WAIT_READY) -> int:
        """Start if needed and wait until queries can run; the number of quads in the replica."""
        worker = self._take(time.monotonic() + timeout, None)
        size = self._host.size if self._host is not None else 0
        self._pool.put(worker)
        return size

    @property
    def state(self) -> str:
        """The store state the replica answers with (the one the next query will see)."""
        return self._state if self._state is not None else self._store.state

    @property
    def host_pid(self) -> int | None:
        """The process id of the replica host answering queries (None while loading)."""
        host = self._host
        return host.pid if host is not None else None

    def close(self) -> None:
        """End the host and the workers; first save the replica as the image for the next
        start, if its content is known to be exactly the store's at its state: loaded by
        ``start``/``reload`` or brought there by an ``apply`` (a snapshot taken after a crash,
        while a write may have been under way, is not)."""
        with self._lock:
            self._closed = True
            host, loading = self._host, self._loading
            self._host = self._loading = None
        self._pool.close(StoreError("the SPARQL engine is closed"))
        if loading is not None:
            loading.close()
        if host is None:
            return
        image = self._image
        if host.exact and image is not None and image_state(image) != host.state:
            with contextlib.suppress(StoreError):  # the next start loads a snapshot instead
                host.save(image)
        host.close()

    # -- writes ---------------------------------------------------------------------------

    def apply(self, changes: Mapping[str, bytes | None], state: str) -> None:
        """Bring the replica to ``state``: ``changes`` maps a graph IRI to its new N-Triples
        (None: dropped). Returns when every query that starts from now on sees it."""
        with self._apply_lock:
            with self._lock:
                if self._closed or not self._started:
                    return  # a snapshot taken later holds the write
                host = self._host
                if host is None:
                    self._state = state
                    if self._loading is not None:  # queued for the loading host
                        self._pending.update(changes)
                        self._pending_state = state
                    return  # else the next host starts from a fresh snapshot
            try:
                host.apply(changes, state)
                workers = self._fork_all(host)
            except StoreError:
                self._replace(host, exact=True)  # its fresh snapshot holds the write
                return
            with self._lock:
                current = host is self._host
                if current:
                    self._state = state
                    self._pool.swap(workers)
            if not current:
                for worker in workers:
                    worker.close()

    def reload(self, state: str) -> None:
        """Load the whole store again (after a write of unknown extent, such as a bulk import).

        The current host answers until its successor, loaded from a fresh snapshot, is ready;
        returns once queries see the new content (``state``: the store's token after it).
        """
        with self._apply_lock:
            with self._lock:
                if self._closed or not self._started:
                    return
                old = self._host
                if old is None:  # still loading, or failed: start over from a fresh snapshot
                    loading, self._loading = self._loading, None
                    if loading is not None:
                        loading.close()
                    self._begin_host(exact=True)
                    return
                host, directory = self._spawn(exact=True)
            try:
                host.wait_ready()
                workers = self._fork_all(host)
            except StoreError:
                host.close()
                self._replace(old)  # queries wait for a host loaded the usual way
                return
            finally:
                _remove(directory)
            with self._lock:
                current = old is self._host and not self._closed
                if current:
                    self._host, self._state = host, host.state
                    self._pool.swap(workers)
        if not current:  # the old host died meanwhile; its successor is loading already
            for worker in workers:
                worker.close()
            host.close()
            return
        self._watch_in_background(host)
        old.close()

    # -- queries --------------------------------------------------------------------------

    def execute(self, job: QueryJob, client: str | None = None) -> QueryAnswer:
        deadline = time.monotonic() + job.timeout
        started = 0.0
        self._admit(client)
        try:
            worker = self._take(deadline, client)
            started = self._start_on(worker, deadline)
            return self._finish(worker, worker.ask(job, deadline), job, started, deadline)
        finally:
            self._release(client, started)

    async def execute_async(self, job: QueryJob, client: str | None = None) -> QueryAnswer:
        deadline = time.monotonic() + job.timeout
        started = 0.0
        self._admit(client)
        try:
            worker = self._pool.take_nowait(client)
            if worker is None:
                self._ensure_host()
                try:
                    worker = await self._pool.take_async(deadline - time.monotonic(), client)
                except NoWorker:
                    raise self._no_worker() from None
            started = self._start_on(worker, deadline)
            try:
                answer = await worker.ask_async(job, deadline)
            except BaseException:  # cancelled: the worker may still be busy with the job
                worker.kill()
                self._pool.discard(worker)
                raise
            return self._finish(worker, answer, job, started, deadline)
        finally:
            self._release(client, started)

    def _admit(self, client: str | None) -> None:
        if self._budget is not None:
            self._budget.admit(client)

    def _release(self, client: str | None, started: float) -> None:
        if self._budget is not None:
            self._budget.release(client, time.monotonic() - started if started else 0.0)

    def _start_on(self, worker: Worker, deadline: float) -> float:
        """The time the query starts on ``worker``; a worker that came at the limit goes back
        unused (EndpointBusy) instead of being killed for a query with no time left."""
        now = time.monotonic()
        if now >= deadline:
            self._pool.put(worker)
            raise self._no_worker()
        return now

    def _take(self, deadline: float, client: str | None) -> Worker:
        worker = self._pool.take_nowait(client)
        if worker is not None:
            return worker
        self._ensure_host()
        try:
            return self._pool.take(deadline - time.monotonic(), client)
        except NoWorker:
            raise self._no_worker() from None

    def _finish(
        self,
        worker: Worker,
        answer: QueryAnswer | None,
        job: QueryJob,
        started: float,
        deadline: float,
    ) -> QueryAnswer:
        if answer is None:
            self._pool.discard(worker)
            if time.monotonic() < deadline - _EARLY:  # its alarm never ends it early: it died
                raise EndpointFault(
                    "Der Abfrage-Prozess ist unerwartet beendet worden; bitte erneut versuchen. "
                    "/ The query worker ended unexpectedly; please try again."
                )
            raise timed_out(job.timeout)
        self._pool.put(worker)
        if answer.error is None and time.monotonic() - started < _QUICK:
            self._recent = job
        return answer

    def _no_worker(self) -> StoreError:
        if self._host is None:
            if self._failure is not None and self._loading is None:
                return StoreError(str(self._failure))
            return ReplicaLoading(
                "Der SPARQL-Endpunkt lädt noch die Daten; bitte gleich erneut versuchen. / "
                "The SPARQL endpoint is still loading the data; please try again shortly."
            )
        return EndpointBusy(
            "Alle Abfrage-Prozesse sind belegt; bitte später erneut versuchen. / "
            "All query workers are busy; please try again later."
        )

    # -- hosts ----------------------------------------------------------------------------

    def _ensure_host(self) -> None:
        """Start (lazily) or retry after a failed load."""
        if self._host is not None or self._loading is not None:
            return
        if not self._started:
            self._start(exact=False)  # not known to run between writes
            return
        with self._lock:
            if not self._closed and self._host is None and self._loading is None:
                self._begin_host(exact=False)

    def _begin_host(self, exact: bool) -> None:
        """(Lock held.) Retire the workers, snapshot the store, load a host in the background."""
        self._pool.retire()
        self._pending, self._pending_state = {}, None  # the snapshot holds every finished write
        host, directory = self._spawn(exact)
        self._loading, self._state, self._failure = host, host.state, None
        threading.Thread(
            target=self._load, args=(host, directory), name="sparql-host-load", daemon=True
        ).start()

    def _spawn(self, exact: bool) -> tuple[HostProcess, Path | None]:
        """A host process loading the store as it is now: from the image saved at the last
        shutdown when the store is still in that state, else from a fresh snapshot (and the
        directory holding it, to remove once loaded)."""
        state = self._store.state
        if self._image is not None and image_state(self._image) == state:
            return HostProcess(self._image, state, exact=True), None
        parent = self._store.path.parent if self._store.path is not None else None
        directory = Path(tempfile.mkdtemp(prefix=".bildungsgraph-snapshot-", dir=parent))
        try:
            return HostProcess(self._store.snapshot(directory), state, exact), directory
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise

    def _load(self, host: HostProcess, directory: Path | None) -> None:
        try:
            host.wait_ready()
        except StoreError as exc:
            self._loading_failed(host, exc)
            return
        finally:
            _remove(directory)
        with self._apply_lock:
            with self._lock:
                if host is not self._loading:
                    host.close()
                    return
                changes, state = self._pending, self._pending_state
                self._pending, self._pending_state = {}, None
            try:
                if changes and state is not None:
                    host.apply(changes, state)
                workers = self._fork_all(host)
            except StoreError as exc:
                self._loading_failed(host, exc)
                return
            with self._lock:
                current = host is self._loading
                if current:
                    self._host, self._loading = host, None
                    self._pool.swap(workers)
        if not current:
            for worker in workers:
                worker.close()
            host.close()
            return
        self._watch_in_background(host)

    def _loading_failed(self, host: HostProcess, error: StoreError) -> None:
        with self._lock:
            current = host is self._loading
            if current:
                self._loading, self._failure = None, error
        host.close()
        if current:
            self._pool.fail_waiting(error)

    def _fork_all(self, host: HostProcess) -> list[Worker]:
        workers: list[Worker] = []
        try:
            for _ in range(self._pool.size):
                workers.append(host.fork())
        except StoreError:
            for worker in workers:
                worker.close()
            raise
        # A worker that fails a warm-up query is missing; the restocker forks another.
        recent = self._recent
        # Three runs of a recent query bring a point lookup to within 1.5x of a warm worker.
        return warm_up(workers, [WARM_UP] if recent is None else [WARM_UP, *[recent] * 3])

    def _watch_in_background(self, host: HostProcess) -> None:
        threading.Thread(
            target=self._watch, args=(host,), name="sparql-host-watch", daemon=True
        ).start()

    def _watch(self, host: HostProcess) -> None:
        host.wait()
        if not host.closing:
            self._replace(host)

    def _replace(self, host: HostProcess, exact: bool = False) -> None:
        """The host died or failed: start its successor from a fresh snapshot (``exact``:
        no write is under way, as during an apply)."""
        with self._lock:
            if self._closed or host is not self._host:
                return
            self._host = None
            try:
                self._begin_host(exact)
            except (OSError, StoreError) as exc:
                self._failure = exc
        host.close()

    def _restock(self) -> None:
        """Fork workers whenever the pool has fewer than its size (after a timeout)."""
        while True:
            self._pool.wanted.wait()
            self._pool.wanted.clear()
            if self._closed:
                return
            while True:
                with self._lock:  # the host and the pool's epoch change together
                    host = self._host
                    epoch = self._pool.reserve() if host is not None else None
                if host is None or epoch is None:
                    break
                try:
                    worker = host.fork()
                except StoreError:
                    self._pool.unreserve(epoch)
                    self._replace(host)
                    break
                worker.epoch = epoch
                self._pool.put(worker)


def _remove(directory: Path | None) -> None:
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)
