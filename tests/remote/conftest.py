"""Everything under tests/remote runs against real remote SPARQL stores (fixtures in
``tests/remotefixtures.py``) and is marked ``remote``."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.remote)
