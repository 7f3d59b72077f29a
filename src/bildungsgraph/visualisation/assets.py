"""The vis-network files the network views draw with: pyvis's own bundled copy.

The web layer serves this directory at ``/static/vis-network/`` (``vis-network.min.js`` and
``vis-network.css``), so no page loads anything from a CDN.
"""

from __future__ import annotations

from pathlib import Path

import pyvis

VIS_NETWORK_VERSION = "9.1.2"
VIS_NETWORK_DIR = Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_NETWORK_VERSION}"
