"""UI strings of the contribute pages (see ``web.texts``)."""

STRINGS: dict[str, dict[str, str]] = {}
