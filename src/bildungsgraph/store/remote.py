"""GraphStore on a remote SPARQL 1.1 store (Virtuoso, Oxigraph server, …) over HTTP.

Queries go to the query endpoint (SPARQL 1.1 Protocol, POST form), writes to the update endpoint
(SPARQL 1.1 Update); whole graphs are read through the Graph Store Protocol endpoint when one
is named (``GET ?graph=``), else by a CONSTRUCT.

**A write lands whole or not at all.** On a server that runs one update request as one
transaction (the Oxigraph server), a small write is one request: ``DROP SILENT GRAPH`` and an
insert for each graph it replaces, and the change of the store's state token. Virtuoso keeps
the operations of a request before one that fails, and refuses more than about 1,500 triples in
one request (it compiles ``INSERT DATA`` into SQL): there, and for any write of more than
``max_request_triples``, the triples first go into reserved staging graphs, a chunk per request,
and one last request only moves them onto their targets and changes the token. Staging graphs a
crash left behind are dropped before the next staged write and are never read.

**What the server must do** (checked when the store is opened, or when the read model reads
the whole store):

- the default graph of a query is the union of all named graphs, as in the embedded store
  (Virtuoso does this; start Oxigraph server with ``--union-default-graph``);
- answer in full: Virtuoso silently cuts answers (also a graph read through the Graph Store
  Protocol) at ``ResultSetMaxRows``; a whole graph or the whole store read shorter than its
  count is an error naming the setting.

bildungsgraph owns the named graphs under its graph namespace; whatever else the server holds
(Virtuoso's own graphs, other applications) is not listed, dumped or counted. Its own bookkeeping
lives under ``graph/system/``: the state token (so that every process sharing the store sees
each write) and the staging graphs.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from ..errors import ConfigurationError, NotFoundError, QueryError, StoreError
from ..namespaces import GRAPH, PREFIXES
from .base import DumpFormat, QueryResult, QueryShortcuts, Row, Statement, Triple, next_state
from .connection import RemoteConnection
from .sparqltext import code_and_iris, query_form, with_prologue
from .terms import (
    OX_FORMATS,
    RDF_LANG_STRING,
    XSD_STRING,
    from_rdflib,
    named_node,
    ntriples_lines,
    set_value_request,
    to_rdflib,
    triple_terms,
)

GRAPH_PREFIX = str(GRAPH)
SYSTEM_GRAPH_PREFIX = GRAPH_PREFIX + "system/"
STATE_GRAPH = SYSTEM_GRAPH_PREFIX + "state"
STAGING_PREFIX = SYSTEM_GRAPH_PREFIX + "staging/"
_STATE = f"<{STATE_GRAPH}> <{STATE_GRAPH}#token>"

_SELECT_ACCEPT = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
_GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# Only our graphs, none of our bookkeeping: the filter every listing of graphs uses.
_OWN_GRAPHS = (
    f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}") && !STRSTARTS(STR(?g), "{SYSTEM_GRAPH_PREFIX}"))'
)
_CHUNK = 200  # IRIs per VALUES block: short requests, few round trips
_READ_ROWS = 100_000  # statements per answer when the whole store is read


class RemoteSparqlStore(QueryShortcuts):
    """A remote SPARQL 1.1 store; ``state`` is read from it at most every ``state_max_age``
    seconds (a write made here is seen at once)."""

    path: Path | None = None  # nothing on disk; the side files live where the settings say
    writable = True
    shared = True

    def __init__(
        self,
        connection: RemoteConnection,
        *,
        max_request_triples: int = 1_000,
        state_max_age: float = 1.0,
    ) -> None:
        self.connection = connection
        self.max_request_triples = max_request_triples
        self.state_max_age = state_max_age
        self._client = connection.client()
        self._state = ""
        self._state_read_at = -float("inf")
        self._server_software = ""
        try:
            self._check_union_default_graph()
        except BaseException:
            self._client.close()
            raise

    # -- state -----------------------------------------------------------------------------

    @property
    def state(self) -> str:
        if time.monotonic() - self._state_read_at > self.state_max_age:
            self._set_state(self._read_state())
        return self._state

    def _set_state(self, state: str) -> None:
        self._state, self._state_read_at = state, time.monotonic()

    def _read_state(self) -> str:
        rows = self.select(f"SELECT ?token WHERE {{ GRAPH <{STATE_GRAPH}> {{ {_STATE} ?token }} }}")
        if rows:
            return str(rows[0]["token"])
        self._write("")  # a store bildungsgraph never wrote: give it a token for good
        return self._state

    @property
    def atomic_requests(self) -> bool:
        """Whether the server undoes a whole update request when one of its operations fails.
        Virtuoso keeps the operations before the failing one: there every write is staged,
        and the request that lands it only moves graphs."""
        return "virtuoso" not in self._server_software.lower()

    def _check_union_default_graph(self) -> None:
        state = self.state  # kept in a named graph, so the union default graph must see it
        if not self.ask(f"ASK {{ {_STATE} {_literal(state)} }}"):
            raise ConfigurationError(
                f"Der entfernte Speicher {self.connection.query_url} fragt nicht die Vereinigung "
                "aller benannten Graphen ab. / The remote store does not query the union of "
                "all named graphs as its default graph (Oxigraph server: start it with "
                "--union-default-graph)."
            )

    # -- queries ---------------------------------------------------------------------------

    def query(
        self,
        query: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        text = with_prologue(with_bindings(query, bindings) if bindings else query)
        dataset: list[tuple[str, str]] = []
        if default_graphs is not None or named_graphs is not None:
            dataset += [
                ("default-graph-uri", named_node(iri).value) for iri in default_graphs or ()
            ]
            dataset += [("named-graph-uri", named_node(iri).value) for iri in named_graphs or ()]
        accept = _GRAPH_ACCEPT if query_form(text) in ("construct", "describe") else _SELECT_ACCEPT
        response = self._post(
            self.connection.query_url, [("query", text), *dataset], {"Accept": accept}
        )
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type in _GRAPH_FORMATS:
            return QueryResult(kind="graph", graph=_parse_graph(response.content, media_type))
        if "json" not in media_type:
            raise StoreError(f"the remote store answered {media_type!r}, not SPARQL results")
        return _parse_results(response.content)

    def describe_resources(self, iris: Iterable[str], predicates: Iterable[str]) -> Graph:
        graph = Graph()
        wanted = _values("p", predicates)
        for chunk in _chunks(list(iris), _CHUNK):
            for row in self.select(
                f"SELECT ?s ?p ?o WHERE {{ {_values('s', chunk)} {wanted} ?s ?p ?o }}"
            ):
                graph.add((row["s"], row["p"], row["o"]))
        return graph

    def subjects(self, graphs: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(graphs), _CHUNK):
            rows = self.select(
                f"SELECT DISTINCT ?s WHERE {{ {_values('g', chunk)} GRAPH ?g {{ ?s ?p ?o }} }}"
            )
            found.update(_key(row["s"]) for row in rows)
        return found

    def statements_about(self, subjects: Iterable[str]) -> Iterator[Statement]:
        # A blank node of the remote store cannot be named in a query: only IRIs are looked up.
        iris = [subject for subject in subjects if not subject.startswith("_:")]
        for chunk in _chunks(iris, _CHUNK):
            yield from self._statements(f"{_values('s', chunk)} GRAPH ?g {{ ?s ?p ?o }}")

    def statements(self, subjects: Container[str] | None = None) -> Iterator[Statement]:
        # Graph by graph, a few at a time: Virtuoso cuts any answer at 2**20 rows whatever its
        # ResultSetMaxRows, less than the 1M landscape holds
        sizes = self.graph_sizes()
        for batch in _batches(sizes, _READ_ROWS):
            found = 0
            for statement in self._statements(f"{_values('g', batch)} GRAPH ?g {{ ?s ?p ?o }}"):
                found += 1
                if subjects is None or statement[0] in subjects:
                    yield statement
            _require_whole(found, sum(sizes[name] for name in batch))

    def _statements(self, pattern: str) -> Iterator[Statement]:
        rows = self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {pattern} {_OWN_GRAPHS} }}")
        for row in rows:
            yield _key(row["s"]), str(row["p"]), row["o"], str(row["g"])

    # -- graphs ----------------------------------------------------------------------------

    def graph_names(self) -> list[str]:
        # GROUP BY, not DISTINCT: Virtuoso answers it two hundred times faster
        rows = self.select(
            f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }} GROUP BY ?g"
        )
        return sorted(str(row["g"]) for row in rows)

    def has_graph(self, name: str) -> bool:
        try:
            graph = named_node(name)
        except QueryError:
            return False  # no graph can have a name that is not an IRI
        return self.ask(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}")

    def graph_sizes(self, names: Iterable[str] | None = None) -> dict[str, int]:
        count = "SELECT ?g (COUNT(*) AS ?n) WHERE {{ {} GRAPH ?g {{ ?s ?p ?o }} {} }} GROUP BY ?g"
        if names is None:
            rows = self.select(count.format("", _OWN_GRAPHS))
        else:
            rows = [
                row
                for chunk in _chunks([name for name in names if _is_iri(name)], _CHUNK)
                for row in self.select(count.format(_values("g", chunk), ""))
            ]
        return {str(row["g"]): int(row["n"]) for row in rows}

    def get_graph(self, name: str) -> Graph:
        graph = self._read_graph(name)
        _require_whole(len(graph), self.graph_sizes([name]).get(name, 0))
        return graph

    def _read_graph(self, name: str) -> Graph:
        graph = named_node(name)
        if self.connection.gsp_url is None:
            if not self.has_graph(name):
                raise NotFoundError(f"no named graph {name}")
            return self.construct(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
            )
        response = self._request(
            "GET",
            self.connection.gsp_url,
            params={"graph": graph.value},
            headers={"Accept": _GRAPH_ACCEPT},
            missing_ok=True,
        )
        if response.status_code == 404:
            raise NotFoundError(f"no named graph {name}")
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type not in _GRAPH_FORMATS:
            raise StoreError(f"the remote store answered {media_type!r}, not a graph")
        return _parse_graph(response.content, media_type)

    def replace_graph_from_file(self, name: str, path: Path) -> int:
        return self.replace_graphs({name: _read_triples(path)})[name]

    def bulk_load(self, path: Path, graph: str | None = None) -> None:
        self._write("")  # the token changes before the load, which is not one transaction
        target = named_node(graph) if graph else None
        batch: dict[str, list[str]] = {}
        size = 0  # triples in the batch
        for quad in _read_quads(path):
            graph_name = quad.graph_name
            if isinstance(graph_name, ox.DefaultGraph):
                if target is None:
                    raise StoreError(f"{path}: triples outside a named graph need a graph name")
                graph_name = target
            line = f"{quad.subject} {quad.predicate} {quad.object} ."
            batch.setdefault(graph_name.value, []).append(line)
            size += 1
            if size >= self.max_request_triples:
                self._post_update(_insert(batch))
                batch, size = {}, 0
        if batch:
            self._post_update(_insert(batch))

    def replace_graph(self, name: str, triples: Iterable[Triple]) -> int:
        return self.replace_graphs({name: triples})[name]

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> dict[str, int]:
        contents = {
            named_node(name).value: list(ntriples_lines(triples))
            for name, triples in graphs.items()
        }
        small = sum(len(lines) for lines in contents.values()) <= self.max_request_triples
        if small and self.atomic_requests:
            self._write(" ;\n".join(_replace(name, lines) for name, lines in contents.items()))
        else:
            self._write_staged(contents)
        return {name: len(lines) for name, lines in contents.items()}

    def _write_staged(self, contents: Mapping[str, list[str]]) -> None:
        self._drop_staging()
        run = f"{STAGING_PREFIX}{secrets.token_hex(6)}/"
        moves = []
        for number, (name, lines) in enumerate(contents.items()):
            if not lines:
                moves.append(f"DROP SILENT GRAPH <{name}>")
                continue
            staging = f"{run}{number}"
            for chunk in _chunks_keeping_blank_nodes(lines, self.max_request_triples):
                self._post_update(_insert({staging: chunk}))
            moves.append(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{name}>")
        self._write(" ;\n".join(moves))

    def _drop_staging(self) -> None:
        rows = self.select(
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }} GROUP BY ?g'
        )
        if rows:
            self._post_update(" ;\n".join(f"DROP SILENT GRAPH <{row['g']}>" for row in rows))

    def set_value(self, graph: str, subject: Node, predicate: Node, value: Node) -> None:
        self._write(set_value_request(graph, subject, predicate, value))

    def drop_graph(self, name: str) -> None:
        if not self.has_graph(name):
            raise NotFoundError(f"no named graph {name}")
        # SILENT: Virtuoso refuses to drop a graph it did not see created by CREATE GRAPH
        self._write(f"DROP SILENT GRAPH {named_node(name)}")

    def _write(self, request: str) -> None:
        """Run ``request`` and move the state token on, in one Update request (one
        transaction): every process sharing the store sees the write by the token."""
        state = next_state(self._state or "0")
        change = (
            f"DELETE WHERE {{ GRAPH <{STATE_GRAPH}> {{ {_STATE} ?old }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{STATE_GRAPH}> {{ {_STATE} {_literal(state)} }} }}"
        )
        self._post_update(f"{request} ;\n{change}" if request else change)
        self._set_state(state)

    def _post_update(self, request: str) -> None:
        self._post(self.connection.update_url, [("update", request)], {}, update=True)

    # -- dumps -----------------------------------------------------------------------------

    def dump(self, output: BinaryIO, fmt: DumpFormat, graph: str | None = None) -> None:
        ox_format = OX_FORMATS[fmt]
        prefixes = PREFIXES if fmt in (DumpFormat.TURTLE, DumpFormat.TRIG) else None
        if graph is not None:
            triples = [ox.Triple(*triple_terms(*triple)) for triple in self.get_graph(graph)]
            ox.serialize(triples, output, ox_format, prefixes=prefixes)
        elif fmt.keeps_graphs:
            quads = [
                ox.Quad(*triple_terms(_term(s), URIRef(p), o), ox.NamedNode(g))
                for s, p, o, g in self.statements()
            ]
            ox.serialize(quads, output, ox_format, prefixes=prefixes)
        else:  # the union of the graphs: a triple in two graphs is written once
            union = {
                ox.Triple(*triple_terms(_term(s), URIRef(p), o)) for s, p, o, _ in self.statements()
            }
            ox.serialize(list(union), output, ox_format, prefixes=prefixes)

    def sync(self) -> None:
        self._state_read_at = -float("inf")

    def close(self) -> None:
        self._client.close()

    # -- HTTP ------------------------------------------------------------------------------

    def _post(
        self,
        url: str,
        form: list[tuple[str, str]],
        headers: dict[str, str],
        *,
        update: bool = False,
    ) -> httpx.Response:
        return self._request("POST", url, data=_form(form), headers=headers, update=update)

    def _request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        update: bool = False,
        missing_ok: bool = False,
        **content: Any,
    ) -> httpx.Response:
        """One request to the store; a failure raised as the domain error it means (a 404
        is an answer when ``missing_ok``)."""
        try:
            response = self._client.request(method, url, headers=headers, **content)
        except httpx.TimeoutException as exc:
            raise StoreError(
                f"Der entfernte Speicher {url} hat nicht rechtzeitig geantwortet. / The remote "
                f"store did not answer within {self.connection.timeout:g} s."
                + (" The write may or may not have landed." if update else "")
            ) from exc
        except httpx.HTTPError as exc:
            raise StoreError(
                f"Der entfernte Speicher {url} ist nicht erreichbar. / Cannot reach the remote "
                f"store: {exc}"
            ) from exc
        self._server_software = response.headers.get("server", "")
        if response.status_code < 400 or (missing_ok and response.status_code == 404):
            return response
        message = f"{response.status_code} {_excerpt(response.text)}"
        if response.status_code in (401, 403):
            raise ConfigurationError(
                "Der entfernte Speicher lehnt die Anmeldung ab (BILDUNGSGRAPH_STORE_USER, "
                f"_PASSWORD, _AUTH). / The remote store refused the credentials: {message}"
            )
        if update:
            raise StoreError(f"store write failed, nothing was changed: {message}")
        if response.status_code in (400, 422):
            raise QueryError(f"malformed SPARQL query (the remote store says: {message})")
        raise StoreError(f"the remote store failed: {message}")


def with_bindings(query: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with ``bindings`` as a ``VALUES`` block at the start of its WHERE clause:
    what the embedded store's substitutions do, in standard SPARQL (terms as N-Triples)."""
    names, values = [], []
    for name, value in bindings.items():
        if isinstance(value, BNode):
            raise QueryError(f"a blank node cannot be bound in a remote query (?{name})")
        names.append(f"?{name}")
        values.append(str(from_rdflib(value)))
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(values)}) }} "
    position = _where_clause_start(query)
    return query[:position] + block + query[position:]


_CONSTRUCT_TEMPLATE = re.compile(r"(?i)(?<![\w:?$])CONSTRUCT\s*$")


def _where_clause_start(query: str) -> int:
    """The position just inside the opening brace of the query's WHERE clause (a CONSTRUCT
    template's braces come first)."""
    code, _ = code_and_iris(query)  # strings, IRIs and comments may hold braces
    depth, in_template = 0, False
    for position, char in enumerate(code):
        if char == "{":
            if depth == 0 and _CONSTRUCT_TEMPLATE.search(code[:position]):
                in_template = True
            elif depth == 0 and not in_template:
                return position + 1
            depth += 1
        elif char == "}":
            depth -= 1
            in_template = in_template and depth > 0
    raise QueryError("the query has no WHERE clause to bind values in")


def _values(variable: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(str(named_node(iri)) for iri in iris)} }}"


def _replace(name: str, lines: list[str]) -> str:
    drop = f"DROP SILENT GRAPH <{name}>"
    return f"{drop} ;\n{_insert({name: lines})}" if lines else drop


def _insert(graphs: Mapping[str, list[str]]) -> str:
    """An update adding N-Triples ``lines`` to their graphs. With blank nodes it is an ``INSERT
    … WHERE {}``: Virtuoso refuses blank nodes in ``INSERT DATA``."""
    blocks = "\n".join(
        f"GRAPH <{name}> {{\n" + "\n".join(lines) + "\n}" for name, lines in graphs.items()
    )
    if any(_BLANK_NODE.search(line) for lines in graphs.values() for line in lines):
        return f"INSERT {{\n{blocks}\n}} WHERE {{}}"
    return f"INSERT DATA {{\n{blocks}\n}}"


# A blank node label in an N-Triples line (one inside a literal only makes a chunk larger).
_BLANK_NODE = re.compile(r"(?:^|\s)_:([A-Za-z0-9_][A-Za-z0-9_.-]*)")


def _chunks_keeping_blank_nodes(lines: list[str], size: int) -> Iterator[list[str]]:
    """``lines`` in chunks of about ``size``, the lines that share a blank node in one chunk:
    a blank node label means one node only within one request."""
    parent: dict[str, str] = {}

    def root(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    labels_of = [_BLANK_NODE.findall(line) for line in lines]
    for labels in labels_of:
        for other in labels[1:]:
            parent[root(other)] = root(labels[0])
    groups: dict[str, list[str]] = {}
    for number, (line, labels) in enumerate(zip(lines, labels_of, strict=True)):
        groups.setdefault(root(labels[0]) if labels else f" {number}", []).append(line)
    chunk: list[str] = []
    for group in groups.values():
        if chunk and len(chunk) + len(group) > size:
            yield chunk
            chunk = []
        chunk.extend(group)
    if chunk:
        yield chunk


def _require_whole(found: int, expected: int) -> None:
    if found < expected:
        raise StoreError(
            "Der entfernte Speicher hat die Antwort gekürzt. / The remote store cut the "
            f"answer at {found} of {expected} triples (Virtuoso: raise ResultSetMaxRows in "
            "the [SPARQL] section of virtuoso.ini)."
        )


def _literal(value: str) -> str:
    return str(ox.Literal(value))


def _form(fields: list[tuple[str, str]]) -> dict[str, Any]:
    # httpx takes repeated form fields as a list per name (default-graph-uri may repeat)
    form: dict[str, Any] = {}
    for name, value in fields:
        form.setdefault(name, []).append(value)
    return form


def _excerpt(text: str, limit: int = 500) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + " …"


def _is_iri(name: str) -> bool:
    try:
        named_node(name)
    except QueryError:
        return False
    return True


def _batches(sizes: Mapping[str, int], rows: int) -> Iterator[list[str]]:
    """The graphs of ``sizes`` in batches of at most ``rows`` statements (a larger graph alone)
    and at most ``_CHUNK`` graphs."""
    batch: list[str] = []
    total = 0
    for name, size in sorted(sizes.items()):
        if batch and (total + size > rows or len(batch) == _CHUNK):
            yield batch
            batch, total = [], 0
        batch.append(name)
        total += size
    if batch:
        yield batch


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _read_quads(path: Path) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path))
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc


def _read_triples(path: Path) -> list[Triple]:
    return [
        (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
        for quad in _read_quads(path)
    ]


def _parse_graph(payload: bytes, media_type: str) -> Graph:
    graph = Graph()
    try:
        for quad in ox.parse(payload, _GRAPH_FORMATS[media_type]):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"the remote store sent a graph that cannot be read: {exc}") from exc
    return graph


def _parse_results(payload: bytes) -> QueryResult:
    try:
        document = json.loads(payload)
        if "boolean" in document:
            return QueryResult(kind="ask", boolean=bool(document["boolean"]))
        variables = list(document["head"].get("vars", []))
        rows: list[Row] = [
            {name: _json_term(value) for name, value in binding.items()}
            for binding in document["results"]["bindings"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"the remote store sent results that cannot be read: {exc}") from exc
    return QueryResult(kind="select", variables=variables, rows=rows)


def _json_term(value: Mapping[str, str]) -> Identifier:
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        # Virtuoso names blank nodes ``nodeID://b10001``: made a valid label, the same each time
        return BNode(_BNODE_UNSAFE.sub("_", text))
    return _literal_term(text, value.get("xml:lang"), value.get("datatype"))


_BNODE_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def _literal_term(text: str, language: str | None, datatype: str | None) -> Literal:
    if language:
        return Literal(text, lang=language)
    if datatype and datatype not in (XSD_STRING, RDF_LANG_STRING):
        return Literal(text, datatype=URIRef(datatype))
    return Literal(text)


def _key(term: Identifier) -> str:
    """A subject as the read side keys it: the IRI, or ``_:id`` for a blank node."""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _term(key: str) -> Identifier:
    return BNode(key[2:]) if key.startswith("_:") else URIRef(key)
