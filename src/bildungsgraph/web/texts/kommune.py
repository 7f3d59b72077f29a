"""UI strings of the kommune pages (see ``web.texts``)."""

STRINGS: dict[str, dict[str, str]] = {}
