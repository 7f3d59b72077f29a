"""The dependency direction of the package, checked by import-linter with the project's contracts.

The contracts live in pyproject.toml (``[tool.importlinter]``, the README's "Architecture"
diagram). Besides the real package, copies with one planted upward import each show that the
contracts catch every form of import, including ``from .. import x`` and imports inside
functions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "bildungsgraph"
CONFIG = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

LAYERS = "Dependencies point one way (README: Architecture)"
STORE_FREE = "Reading, checking, analysing, exporting and the web never touch the store"
CONTACTS_PRIVATE = "Contact persons are never read by the public faces"
PYOXIGRAPH = "Only store and sparql import pyoxigraph"

Plant = Callable[[str, str], None]  # (module path in the package, its source)


def lint_imports(search_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``lint-imports`` on the package ``bildungsgraph`` found under ``search_path``.

    grimp finds the package by import path, so ``search_path`` alone is on it, and the
    working directory is elsewhere than the installed project.
    """
    env = {
        **os.environ,
        "PYTHONPATH": str(search_path),
        "COLUMNS": "300",  # one contract per line in the report
    }
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(CONFIG)],
        cwd=search_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_package_keeps_the_contracts() -> None:
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert f"{LAYERS} KEPT" in result.stdout


def _contracts() -> dict[str, dict]:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def _areas() -> set[str]:
    """The package's top-level modules and subpackages."""
    return {
        f"bildungsgraph.{path.name.removesuffix('.py')}"
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" or (path / "__init__.py").exists())
        and path.name not in {"__init__.py", "__main__.py"}
    }


def test_every_area_has_its_layer() -> None:
    """A new module or subpackage must be placed in the diagram before it is checked."""
    layers = _contracts()["layers"]["layers"]
    placed = [m.strip() for layer in layers for m in layer.replace(":", "|").split("|")]
    assert sorted(placed) == sorted(_areas())


@pytest.mark.parametrize(
    ("contract", "owners"),
    [("pyoxigraph", {"store", "sparql"}), ("web-libraries", {"web"}), ("pyvis", {"visualisation"})],
)
def test_a_library_contract_covers_every_other_area(contract: str, owners: set[str]) -> None:
    sources = set(_contracts()[contract]["source_modules"])
    assert sources == _areas() - {f"bildungsgraph.{owner}" for owner in owners}


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the package for all planted imports (each test removes its plant)."""
    search_path = tmp_path_factory.mktemp("layering")
    shutil.copytree(PACKAGE, search_path / "bildungsgraph", ignore=shutil.ignore_patterns("static"))
    return search_path


@pytest.fixture
def plant(package_copy: Path) -> Iterator[Plant]:
    planted: list[Path] = []

    def write(module: str, source: str) -> None:
        path = package_copy / "bildungsgraph" / module
        assert path.parent.is_dir() and not path.exists(), path
        path.write_text(source, encoding="utf-8")
        planted.append(path)

    yield write
    for path in planted:
        path.unlink()


PLANTED = {
    "store imports web": ("store/_planted.py", "from ..web import app\n", LAYERS),
    "records imports the service (from .. import x)": (
        "records/_planted.py",
        "from .. import service\n",
        LAYERS,
    ),
    "ingest imports validation inside a function": (
        "ingest/_planted.py",
        "def check() -> None:\n    from ..validation import shacl\n\n    del shacl\n",
        LAYERS,
    ),
    "analysis imports the cli (absolute)": (
        "analysis/_planted.py",
        "import bildungsgraph.cli\n",
        LAYERS,
    ),
    "records imports linked_data": (
        "records/_planted.py",
        "from ..linked_data import provenance\n",
        LAYERS,
    ),
    "analysis imports pyoxigraph": ("analysis/_planted.py", "import pyoxigraph\n", PYOXIGRAPH),
    "a router imports the store": (
        "web/routers/_planted.py",
        "from ...store import GraphStore\n",
        STORE_FREE,
    ),
    "the read model imports contact persons": (
        "readmodel/_planted.py",
        "from ..contacts import model\n",
        CONTACTS_PRIVATE,
    ),
}


@pytest.mark.parametrize(("module", "source", "contract"), PLANTED.values(), ids=PLANTED.keys())
def test_a_planted_upward_import_breaks_a_contract(
    package_copy: Path, plant: Plant, module: str, source: str, contract: str
) -> None:
    clean = lint_imports(package_copy)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    plant(module, source)
    result = lint_imports(package_copy)
    assert result.returncode != 0, result.stdout
    assert f"{contract} BROKEN" in result.stdout, result.stdout
    planted_module = "bildungsgraph." + module.removesuffix(".py").replace("/", ".")
    assert planted_module in result.stdout, result.stdout
