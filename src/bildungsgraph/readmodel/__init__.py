"""The read model: every figure the faces show, derived once per store state, kept current by
delta on every write, saved beside the store.

- ``sources``: what is read from the store (named queries and statements about records)
- ``facts``: which records count towards which figure of a Kommune (the one definition)
- ``tally``: the counts per Kommune, updated by delta; ``figures``: reading them
- ``view``: one state, never changed; ``update``: the next state after a write
- ``memo``: results per state, single flight, carried over while their Kommunen are unchanged
- ``gaps``, ``network``, ``pages``: the gap matrix, the networks and the pages of one view
  (``apart``: large networks are measured in a worker process)
- ``changes``, ``compare``: a Kommune as of two days with what started and ended between
  them; Kommunen side by side
- ``freshness``: since when each record is verified; per Kommune what is outdated
- ``model``: ``ReadModel``, the current view; ``persist``: the saved view and the journal
"""

from __future__ import annotations

from .model import ReadModel
from .view import View

__all__ = ["ReadModel", "View"]
