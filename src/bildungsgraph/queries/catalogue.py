"""Named SPARQL queries: one ``.rq`` file per query, with a comment header.

A header looks like::

    # title@de: Datensätze nach Klasse
    # title@en: Records by class
    # description@de: ...
    # description@en: ...
    # params: kommune: IRI, year: int

The same files are the example queries researchers read; parameters are bound by the store
(SPARQL substitution), never pasted into the text. A parameter of a SELECT query must be in its
projection (Oxigraph substitutes only projected variables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import NotFoundError

QUERY_DIR = Path(__file__).parent
_HEADER = re.compile(r"^#\s*(?P<key>[a-z]+)(?:@(?P<lang>[a-z]{2}))?\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header."""

    name: str
    text: str
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    title: dict[str, str] = {}
    description: dict[str, str] = {}
    params: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, lang, value = match["key"], match["lang"] or "en", match["value"].strip()
        if key == "title":
            title[lang] = value
        elif key == "description":
            description[lang] = (description.get(lang, "") + " " + value).strip()
        elif key == "params" and value:
            for part in value.split(","):
                pname, _, ptype = part.partition(":")
                params[pname.strip()] = ptype.strip() or "IRI"
    return NamedQuery(path.stem, text, title, description, params)


@cache
def list_queries() -> tuple[NamedQuery, ...]:
    """All named queries, sorted by name."""
    return tuple(_parse(path) for path in sorted(QUERY_DIR.glob("*.rq")))


def get_query(name: str) -> NamedQuery:
    """One named query by its file name without ``.rq``."""
    for query in list_queries():
        if query.name == name:
            return query
    raise NotFoundError(f"no named query {name!r}")
