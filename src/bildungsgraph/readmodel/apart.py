"""Running a long computation in a process of its own.

igraph holds Python's interpreter lock while it computes, so exact betweenness of the Land's
network (about 20 s for 20,000 actors) in the server process would stall every other request
for that long. Measures of large networks therefore run in one worker process, which the process
keeps for later calls.
"""

from __future__ import annotations

from ..workers import SpawnedWorkers

run_apart = SpawnedWorkers(1).run
