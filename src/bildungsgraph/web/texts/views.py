"""UI strings of the views pages (see ``web.texts``)."""

STRINGS: dict[str, dict[str, str]] = {}
