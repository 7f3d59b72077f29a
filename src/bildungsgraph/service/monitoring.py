"""What a load balancer and a monitoring system ask of a running service: can it reach its
store, is the read model made and current, is the SPARQL replica loaded and current; and the
state tokens a response's validator (``ETag``) is made from."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..errors import BildungsgraphError
from ..sparql import Endpoint
from . import BildungsGraph

_REACHABLE = "ASK { }"  # answered without reading a triple: only the store's answering counts


@dataclass(frozen=True)
class Health:
    """The service's state as ``/healthz`` reports it; a state is None where it is unknown
    (the store unreachable, no view made yet, no replica in this process)."""

    store_reachable: bool
    store_state: str | None
    readmodel_ready: bool
    readmodel_state: str | None
    replica_ready: bool | None  # None: this process runs no SPARQL replica
    replica_state: str | None

    @property
    def serving(self) -> bool:
        """Whether requests can be answered: the store answers (the read model and the
        replica catch up by themselves; until then readers wait or get 503 from /sparql)."""
        return self.store_reachable

    @property
    def readmodel_current(self) -> bool:
        return self.readmodel_state is not None and self.readmodel_state == self.store_state

    @property
    def replica_current(self) -> bool:
        return self.replica_state is not None and self.replica_state == self.store_state

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {
            "serving": self.serving,
            "readmodel_current": self.readmodel_current,
            "replica_current": self.replica_current,
        }


def check_health(service: BildungsGraph, replica: Endpoint | None) -> Health:
    """Ask the store a trivial question and read the states; never raises for an unreachable
    store (that is what the answer reports)."""
    try:
        service.store.ask(_REACHABLE)
        store_state: str | None = service.store.state
    except Exception:  # whatever keeps the store from answering, it does not answer
        store_state = None
    readmodel_ready = service.readmodel.is_current()
    return Health(
        store_reachable=store_state is not None,
        store_state=store_state,
        readmodel_ready=readmodel_ready,
        readmodel_state=service.readmodel.current().state if readmodel_ready else None,
        replica_ready=replica.ready if replica is not None else None,
        replica_state=replica.state if replica is not None else None,
    )


def validator_states(service: BildungsGraph) -> tuple[str, str] | None:
    """The state of the view readers see and the store's state, from which a response's
    validator is made; None while no view is made (readers would wait for it) or the store
    cannot tell its state.

    Both count: pages answer from the view, Linked Data and provenance from the store, and
    a view can lag the store (during a write, or in a web process that follows another's).
    """
    if not service.readmodel.is_current():
        return None
    view_state = service.readmodel.current().state
    try:
        return view_state, service.store.state
    except BildungsgraphError:
        return None
