"""UI strings of the embed pages (see ``web.texts``)."""

STRINGS: dict[str, dict[str, str]] = {}
