"""What the live tests share: the server handle, the W3C test data, the time limit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROTOCOL_DIR = PROJECT_ROOT.parent / "shared" / "conformance" / "sparql11-protocol"
KASEI = "http://kasei.us/2009/09/sparql/data/"
TIMEOUT = 2.0


@dataclass
class LiveServer:
    url: str
    store_path: Path

    @property
    def endpoint(self) -> str:
        return self.url + "/sparql"
