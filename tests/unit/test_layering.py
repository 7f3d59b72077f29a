"""The dependency direction of the package: faces → service → store, nothing upward."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "bildungsgraph"

# module area → areas it must never import
FORBIDDEN: dict[str, set[str]] = {
    "errors": {"*"},
    "namespaces": {"*"},
    "workers": {"*"},
    "sqlite": {"*"},
    "config": {"store", "ingest", "validation", "queries", "service", "cli", "web", "contribution"},
    "store": {"ingest", "validation", "queries", "service", "cli", "web", "contribution"},
    "ingest": {"exports", "store", "service", "cli", "web", "contribution"},
    "validation": {"store", "service", "cli", "web", "contribution"},
    "queries": {"store", "service", "cli", "web", "contribution"},
    "reference": {"store", "service", "cli", "web", "contribution"},
    "generator": {"store", "service", "cli", "web", "contribution"},
    "sparql": {
        "ingest",
        "validation",
        "service",
        "cli",
        "web",
        "contribution",
        "analysis",
        "contacts",
    },
    "analysis": {
        "exports",
        "service",
        "cli",
        "web",
        "contribution",
        "ingest",
        "validation",
        "readmodel",
        "store",
    },
    "records": {
        "exports",
        "service",
        "cli",
        "web",
        "contribution",
        "analysis",
        "readmodel",
        "store",
        "contacts",
    },
    "accounts": {"service", "cli", "web", "ingest", "validation", "analysis"},
    # contact persons (personal data) sit beside the accounts; what the public faces are built
    # from (records, read model, Linked Data, SPARQL, exports) never imports them
    "contacts": {
        "service",
        "cli",
        "web",
        "contribution",
        "readmodel",
        "analysis",
        "store",
        "linked_data",
        "sparql",
        "exports",
        "records",
    },
    "linked_data": {"service", "cli", "web", "contribution", "analysis", "contacts"},
    "visualisation": {
        "exports",
        "store",
        "service",
        "cli",
        "web",
        "contribution",
        "ingest",
        "validation",
        "readmodel",
    },
    "readmodel": {
        "exports",
        "service",
        "cli",
        "web",
        "contribution",
        "ingest",
        "validation",
        "accounts",
        "linked_data",
        "sparql",
        "staging",
        "contacts",
    },
    "contribution": {"service", "cli", "web", "readmodel"},
    "ownership": {"service", "cli", "web", "readmodel", "contribution"},
    "staging": {"store", "service", "cli", "web", "contribution", "analysis", "records"},
    "exports": {"service", "cli", "web", "store", "contribution", "contacts"},
    "service": {"cli", "web"},
    "cli": {"web"},
    "web": {"cli", "store"},
}
# third-party libraries that only one area may import
OWNED_LIBRARIES = {
    "pyoxigraph": ("store", "sparql"),
    "fastapi": ("web",),
    "starlette": ("web",),
    "jinja2": ("web",),
    "pyvis": ("visualisation",),
}


def _area(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package_parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_upward_imports(path: Path) -> None:
    area = _area(path)
    forbidden = FORBIDDEN.get(area, set())
    for module in _imports(path):
        parts = module.split(".")
        if parts[0] == "bildungsgraph" and len(parts) > 1:
            target = parts[1]
            if target == area or target == "__init__":
                continue
            assert "*" not in forbidden or target in {"errors"}, f"{area} imports {module}"
            assert target not in forbidden, f"{area} must not import {module}"
        owners = OWNED_LIBRARIES.get(parts[0])
        assert owners is None or area in owners, f"only {owners} may import {parts[0]} ({path})"
