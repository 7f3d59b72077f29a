"""The SPARQL query editor page (what a browser gets for ``/sparql`` and ``/sparql/editor``).

The page is server-rendered (autoescaped) and works with the application's own assets only:
a small editor with syntax highlighting, the project's prefixes pre-filled, the example
queries in a menu (titles in the UI language), results as a paged table or, for CONSTRUCT and
DESCRIBE, as a small network; downloads as CSV/JSON and a shareable link
(``/sparql/editor?query=...``). The queries run against ``/sparql`` through the protocol, so
the editor shows exactly what any other client gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..namespaces import PREFIXES
from ..queries import NamedQuery, list_examples
from .i18n import choose_language, pick
from .templating import render

ENDPOINT_PATH = "/sparql"
EDITOR_PATH = "/sparql/editor"
# Prefixes shown at the top of a new query (all of PREFIXES are known to the editor).
STARTER_PREFIXES = ("bg", "voc", "kommune", "actor", "schema", "skos", "rdfs", "xsd")
MAX_SHARED_QUERY = 20_000


@dataclass(frozen=True)
class ExampleView:
    """One example query as the editor's menu shows it."""

    name: str
    title: str
    description: str
    text: str
    params: dict[str, str]

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "text": self.text,
            "params": self.params,
        }


def prefix_block(names: tuple[str, ...] = STARTER_PREFIXES) -> str:
    """``PREFIX`` lines for the given prefixes of the project's prefix map."""
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in names)


def starter_query() -> str:
    """The query a new editor shows: the prefixes and a small, fast question."""
    return (
        prefix_block()
        + "\nSELECT ?class (COUNT(?record) AS ?records)\nWHERE {\n  ?record a ?class .\n"
        + "  FILTER(STRSTARTS(STR(?class), STR(bg:)))\n}\nGROUP BY ?class\n"
        + "ORDER BY DESC(?records)\n"
    )


def example_views(lang: str) -> list[ExampleView]:
    """The example queries, titles and descriptions in ``lang``, sorted by title."""
    views = [_view(query, lang) for query in list_examples()]
    return sorted(views, key=lambda view: view.title.casefold())


def _view(query: NamedQuery, lang: str) -> ExampleView:
    return ExampleView(
        name=query.name,
        title=pick(query.title, lang) or query.name,
        description=pick(query.description, lang),
        text=query.with_values(),
        params=dict(query.params),
    )


def editor_response(request: Request, autorun: bool = False) -> Response:
    """The editor page; ``?query=`` (a shared link) or ``?example=`` preloads a query.

    The query runs on load with ``?run=1`` or ``autorun`` (a browser's ``GET /sparql?query=``).
    The page needs nothing from the store: its queries run through ``/sparql``.
    """
    lang = choose_language(request)
    examples = example_views(lang)
    shared = request.query_params.get("query", "")[:MAX_SHARED_QUERY]
    chosen = request.query_params.get("example", "")
    selected = next((view for view in examples if view.name == chosen), None)
    initial = shared or (selected.text if selected else starter_query())
    return render(
        request,
        "sparql/editor.html",
        initial_query=initial,
        selected_example=selected.name if selected else "",
        examples=examples,
        examples_json=[view.as_json() for view in examples],
        prefixes=PREFIXES,
        endpoint=ENDPOINT_PATH,
        editor_path=EDITOR_PATH,
        autorun=bool(shared) and (autorun or request.query_params.get("run") == "1"),
    )
