"""Where bildungsgraph finds its files and keeps its store.

The ontology, shapes and shipped data live at the top of the repository (``ontology/``,
``shapes/``, ``data/``). ``BILDUNGSGRAPH_HOME`` points elsewhere when the package is installed
without a checkout.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigurationError

STORE_ENV = "BILDUNGSGRAPH_STORE"
HOME_ENV = "BILDUNGSGRAPH_HOME"
DEFAULT_STORE_DIR = "bildungsgraph-store"


def _find_project_root() -> Path:
    explicit = os.environ.get(HOME_ENV)
    if explicit:
        return Path(explicit).resolve()
    here = Path(__file__).resolve()
    for candidate in here.parents:
        if (candidate / "ontology").is_dir() and (candidate / "shapes").is_dir():
            return candidate
    return Path.cwd()


PROJECT_ROOT = _find_project_root()
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "bildungsgraph.ttl"
VOCAB_DIR = ONTOLOGY_DIR / "vocab"
SHAPES_DIR = PROJECT_ROOT / "shapes"
SHAPES_FILE = SHAPES_DIR / "bildungsgraph-shapes.ttl"
DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
EXAMPLE_DIR = DATA_DIR / "example"


@dataclass(frozen=True)
class Settings:
    """Run-time settings, read once from options and the environment.

    Every field can be set by an environment variable ``BILDUNGSGRAPH_<FIELD>`` (upper case),
    e.g. ``BILDUNGSGRAPH_QUERY_TIMEOUT=10``; command-line options override the environment.
    """

    store_path: Path
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str = "http://127.0.0.1:8000"
    query_timeout: float = 30.0
    max_query_length: int = 100_000
    max_result_rows: int = 100_000
    query_workers: int = 2  # queries one client may run at once (one worker more is kept)
    sparql_client_queries: int = 5  # SPARQL queries in flight (running or waiting) per client
    sparql_client_seconds: float = 60.0  # SPARQL query time per client in any minute
    # proxies whose X-Forwarded-For names the client (IPs; none: the peer is the client)
    trusted_proxies: tuple[str, ...] = ()
    max_upload_bytes: int = 20_000_000
    max_rows_per_contribution: int = 50_000
    writes_per_minute: int = 30
    # fair use of anonymous checks and sign-in, per client address
    anonymous_checks_per_minute: int = 10
    staged_bytes_per_client: int = 60_000_000  # per account too; three full uploads
    staged_bytes_anonymous: int = 300_000_000  # all anonymous checks together
    failed_sign_ins_per_client: int = 10  # then each further failure doubles the wait
    partner_origins: tuple[str, ...] = ()
    network_view_max_nodes: int = 300  # larger network views are aggregated
    contact_retention_days: int = 730  # contact persons go this long after their consent date
    freshness_months: int = 12  # records not verified for longer are listed as outdated
    # A remote SPARQL 1.1 store instead of the embedded one (``store/remote.py``): the query
    # endpoint, the update endpoint (default: the query endpoint) and the Graph Store Protocol
    # endpoint (optional). ``store_path`` then names where the side files live (read model,
    # accounts, contacts), shared by the web processes of one machine.
    store_url: str | None = None
    update_url: str | None = None
    gsp_url: str | None = None
    store_user: str | None = None
    store_password: str | None = None
    store_auth: str = "basic"  # or "digest" (Virtuoso's /sparql-auth)
    store_timeout: float = 60.0  # seconds for one request to the remote store
    web_processes: int = 1  # web server processes (several only with a remote store)

    def __post_init__(self) -> None:
        if self.store_auth not in ("basic", "digest"):
            raise ConfigurationError(
                f"BILDUNGSGRAPH_STORE_AUTH={self.store_auth!r}: basic or digest"
            )
        for origin in self.partner_origins:
            if not _ORIGIN.fullmatch(origin):
                raise ConfigurationError(
                    f"partner origin {origin!r} is not scheme://host[:port] "
                    "(http or https, no path, no wildcard)"
                )

    @classmethod
    def from_env(cls, store: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
        """Settings from explicit values, else ``$BILDUNGSGRAPH_<FIELD>``, else the defaults."""
        raw = store or os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR
        values: dict[str, Any] = {"store_path": Path(raw).expanduser().resolve()}
        for item in fields(cls):
            if item.name == "store_path":
                continue
            env = os.environ.get(f"BILDUNGSGRAPH_{item.name.upper()}")
            if overrides.get(item.name) is not None:
                values[item.name] = overrides[item.name]
            elif env is not None:
                values[item.name] = _parse_setting(item.name, env, item.default)
        return cls(**values)


# A web origin as CSP frame-ancestors takes it: http(s)://host[:port], nothing else.
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_ORIGIN = re.compile(rf"https?://(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9a-f:.]+\])(?::[0-9]{{1,5}})?")


def _parse_setting(name: str, raw: str, default: object) -> object:
    try:
        if isinstance(default, tuple):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if isinstance(default, bool):
            return raw.lower() in ("1", "true", "yes", "ja")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError as exc:
        raise ConfigurationError(f"BILDUNGSGRAPH_{name.upper()}={raw!r} is not valid") from exc
    return raw


def require_file(path: Path) -> Path:
    """Return ``path`` if it exists, else raise a ConfigurationError naming it."""
    if not path.exists():
        raise ConfigurationError(
            f"{path} not found; set {HOME_ENV} to the bildungsgraph project directory"
        )
    return path
