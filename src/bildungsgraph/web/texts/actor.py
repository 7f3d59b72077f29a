"""UI strings of the actor pages (see ``web.texts``)."""

STRINGS: dict[str, dict[str, str]] = {}
