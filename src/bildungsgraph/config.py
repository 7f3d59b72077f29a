"""Where bildungsgraph finds its files and keeps its store.

The ontology, shapes and shipped data live at the top of the repository (``ontology/``,
``shapes/``, ``data/``). ``BILDUNGSGRAPH_HOME`` points elsewhere when the package is installed
without a checkout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
    """Run-time settings, read once from options and the environment."""

    store_path: Path

    @classmethod
    def from_env(cls, store: str | os.PathLike[str] | None = None) -> Settings:
        """Settings from an explicit store path, else ``$BILDUNGSGRAPH_STORE``, else the default."""
        raw = store or os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR
        return cls(store_path=Path(raw).expanduser().resolve())


def require_file(path: Path) -> Path:
    """Return ``path`` if it exists, else raise a ConfigurationError naming it."""
    if not path.exists():
        raise ConfigurationError(
            f"{path} not found; set {HOME_ENV} to the bildungsgraph project directory"
        )
    return path
