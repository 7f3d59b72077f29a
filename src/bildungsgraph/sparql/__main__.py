"""``python -m bildungsgraph.sparql FD SNAPSHOT STATE DECODERS``: the replica host (see host.py)."""

from __future__ import annotations

import socket
import sys

from .host import host_main

host_main(socket.socket(fileno=int(sys.argv[1])), sys.argv[2], sys.argv[3], int(sys.argv[4]))
