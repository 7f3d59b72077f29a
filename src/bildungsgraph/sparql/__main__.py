"""``python -m bildungsgraph.sparql FD SNAPSHOT``: the replica host, started by the engine."""

from __future__ import annotations

import socket
import sys

from .host import host_main

host_main(socket.socket(fileno=int(sys.argv[1])), sys.argv[2])
