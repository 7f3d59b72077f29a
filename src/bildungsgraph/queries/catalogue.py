"""Named SPARQL queries: one ``.rq`` file per query, with a comment header.

A header looks like::

    # title@de: Datensätze nach Klasse
    # title@en: Records by class
    # description@de: ...
    # description@en: ...
    # params: kommune: IRI, year: int
    # category: example

``category: example`` marks the example queries shown in the SPARQL editor's menu (the
others are the service's own queries). A ``# default: name: <iri>`` line gives the value
the editor fills in for a parameter, so an example runs as it is.

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
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_HEADER = re.compile(r"^#\s*(?P<key>[a-z]+)(?:@(?P<lang>[a-z]{2}))?\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header."""

    name: str
    text: str
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    category: str = ""
    defaults: dict[str, str] = field(default_factory=dict)

    @property
    def is_example(self) -> bool:
        """Whether the query is one of the examples for researchers."""
        return self.category == "example"

    def with_values(self, values: dict[str, str] | None = None) -> str:
        """The text with a ``VALUES`` row for the parameters, ready to run as it is.

        The row (``values`` over the header's defaults, each an IRI or a SPARQL literal term) is
        put at the start of the first ``WHERE {`` group, so the editor can show a
        parametrised example that runs unchanged; parameters without a value are left open.
        """
        chosen = {**self.defaults, **(values or {})}
        terms = {name: chosen[name] for name in self.params if chosen.get(name)}
        if not terms:
            return self.text
        row = "VALUES (" + " ".join(f"?{name}" for name in terms) + ") { ("
        row += " ".join(terms.values()) + ") }"
        match = _WHERE.search(self.text)
        if match is None:
            return self.text
        return f"{self.text[: match.end()]}\n  {row}{self.text[match.end() :]}"


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    title: dict[str, str] = {}
    description: dict[str, str] = {}
    params: dict[str, str] = {}
    category = ""
    defaults: dict[str, str] = {}
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
        elif key == "category":
            category = value
        elif key == "default":
            pname, _, pvalue = value.partition(":")
            defaults[pname.strip()] = pvalue.strip()
    return NamedQuery(path.stem, text, title, description, params, category, defaults)


@cache
def list_queries() -> tuple[NamedQuery, ...]:
    """All named queries, sorted by name."""
    return tuple(_parse(path) for path in sorted(QUERY_DIR.glob("*.rq")))


def list_examples() -> tuple[NamedQuery, ...]:
    """The example queries (``# category: example``), sorted by name."""
    return tuple(query for query in list_queries() if query.is_example)


def get_query(name: str) -> NamedQuery:
    """One named query by its file name without ``.rq``."""
    for query in list_queries():
        if query.name == name:
            return query
    raise NotFoundError(f"no named query {name!r}")
