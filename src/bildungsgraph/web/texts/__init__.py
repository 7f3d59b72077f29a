"""UI strings per page area, one module each (``STRINGS: dict[key, {lang: text}]``).

``i18n`` merges every module of this package into its table, so the strings of a page area
live beside each other and areas can grow independently; a key defined twice is an error.
"""

from __future__ import annotations

import importlib
import pkgutil


def area_strings() -> dict[str, dict[str, str]]:
    """The strings of every area module, merged; ValueError when two areas define a key."""
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        strings: dict[str, dict[str, str]] = module.STRINGS
        twice = merged.keys() & strings.keys()
        if twice:
            raise ValueError(f"UI strings defined twice ({info.name}): {sorted(twice)}")
        merged.update(strings)
    return merged
