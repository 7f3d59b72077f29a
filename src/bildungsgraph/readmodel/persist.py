"""The read model on disk, beside the store: the last saved view and a journal of the writes
since, so that a restart — also after a crash, also after writes by another process — costs
reading a file and re-reading the records the journal names, not recomputing the Land.

``{store}-readmodel/view.pickle`` holds a view (plain Python values: a million of them load in
about a second) with the store state it shows. Before every write, the writer appends to
``journal`` the state the write starts from, the graphs it writes and the subjects those graphs
held. At start, the saved view is brought to the store's state by re-reading everything the
journal names since the view's state; without an unbroken chain of entries from it (a write
by a tool that bypassed the journal), the view is rebuilt from the store.

The files are trusted like the store itself: whoever may write them may write the store.
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..locks import ProcessLock
from .view import View

FORMAT = 2  # bump when the pickled classes change shape
VIEW_FILE = "view.pickle"
JOURNAL_FILE = "journal"
MAX_JOURNAL_SUBJECTS = 50_000  # more, and the entry asks for a rebuild instead


def directory_for(store_path: Path) -> Path:
    return store_path.parent / f"{store_path.name}-readmodel"


@dataclass(frozen=True)
class Entry:
    """A write as the journal records it, before it happens."""

    after: str  # the store state the write starts from
    graphs: tuple[str, ...]
    subjects: tuple[str, ...]
    rebuild: bool = False  # too many subjects to list: rebuild instead


class Journal:
    """Writes since the saved view, appended before each write (fsync), read at start; the
    processes sharing a remote store keep one journal (a file lock orders them)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / JOURNAL_FILE
        self._lock = ProcessLock(directory / f"{JOURNAL_FILE}.lock")

    def append(
        self, after: str, graphs: Iterable[str], subjects: Iterable[str], rebuild: bool = False
    ) -> None:
        listed = sorted(subjects)
        rebuild = rebuild or len(listed) > MAX_JOURNAL_SUBJECTS
        line = _line(Entry(after, tuple(sorted(graphs)), () if rebuild else tuple(listed), rebuild))
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
                handle.flush()
                os.fsync(handle.fileno())

    def since(self, state: str) -> list[Entry] | None:
        """The entries from the first write that started at ``state`` on; None when there is
        none (a full rebuild is needed unless the store is still at ``state``)."""
        entries = self._entries()
        start = next((i for i, e in enumerate(entries) if e.after == state), None)
        return None if start is None else entries[start:]

    def drop_before(self, state: str) -> None:
        """Forget the writes before ``state`` (the saved view shows them); a write that has
        just started from ``state`` stays."""
        with self._lock:
            kept = self.since(state) or []
            if not kept:
                self.path.unlink(missing_ok=True)
                return
            scratch = self.path.with_name(self.path.name + ".tmp")
            scratch.write_text("".join(_line(e) + "\n" for e in kept), encoding="utf-8")
            scratch.replace(self.path)

    def _entries(self) -> list[Entry]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        entries = []
        for line in lines:
            try:
                raw = json.loads(line)
                entries.append(
                    Entry(
                        str(raw["after"]),
                        tuple(raw["graphs"]),
                        tuple(raw["subjects"]),
                        bool(raw.get("rebuild")),
                    )
                )
            except (ValueError, KeyError, TypeError):
                break  # a line cut by a crash ends the journal
        return entries


def _line(entry: Entry) -> str:
    return json.dumps(
        {
            "after": entry.after,
            "graphs": list(entry.graphs),
            "subjects": list(entry.subjects),
            "rebuild": entry.rebuild,
        }
    )


def save_view(view: View, directory: Path) -> None:
    """Write the view (without its memo) atomically."""
    directory.mkdir(parents=True, exist_ok=True)
    scratch = directory / f".{VIEW_FILE}.partial"
    state = {
        "format": FORMAT,
        "state": view.state,
        "reference": view.reference,
        "snapshot": view.snapshot,
        "index": view.index,
        "search": view.search,
        "tallies": view.tallies,
        "versions": view.versions,
        "graph_sizes": view.graph_sizes,
        "graph_dates": view.graph_dates,
    }
    with scratch.open("wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        handle.flush()
        os.fsync(handle.fileno())
    scratch.replace(directory / VIEW_FILE)


def load_view(directory: Path) -> View | None:
    """The saved view, or None when there is none or it is of another format."""
    path = directory / VIEW_FILE
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)  # noqa: S301 - our own file beside the store
    except FileNotFoundError:
        return None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        return None
    return View(
        state=state["state"],
        reference=state["reference"],
        snapshot=state["snapshot"],
        index=state["index"],
        search=state["search"],
        tallies=state["tallies"],
        versions=state["versions"],
        graph_sizes=state["graph_sizes"],
        graph_dates=state["graph_dates"],
    )
