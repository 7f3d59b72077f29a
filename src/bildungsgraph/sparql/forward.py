"""The SPARQL endpoint over a remote store: the checks of ``SparqlEndpoint``, then the query
goes on to the store's query endpoint and its answer streams back.

The remote store is the truth, so there is no replica to follow writes (``apply`` and
``reload`` do nothing). What the embedded endpoint promises holds here too:

- **Read-only, no federation.** The query is checked before it leaves: it must be a query
  (SELECT, ASK, CONSTRUCT or DESCRIBE after its prologue; any update is refused, as the query
  endpoint of some stores, e.g. Virtuoso's ``/sparql``, runs updates too), must not name
  ``SERVICE``, and may name neither a store's own pragmas (Virtuoso's ``define get:soft``
  fetches from the web) nor its built-in functions (``bif:``, ``sql:``). Everything else,
  syntax errors too, is the store's to judge: its 400 is a MalformedQuery with its message.
- **The same query text.** The predeclared prefixes the query does not declare itself and
  the endpoint's URL as base IRI are put before it on its first line (line numbers in the
  store's messages stay right).
- **The time limit.** httpx waits at most the limit for every read, and the answer must have
  arrived by then; the limit also goes to the store as Virtuoso's ``timeout`` (milliseconds;
  the Oxigraph server ignores it, its operator sets ``--timeout-s``). An answer Virtuoso cut
  at its own limit (``X-SQL-State: S1TAT``, a partial result) is a QueryTimeout too.
- **The row limit.** Rows are counted in the streamed format (``rows.py``), never by adding a
  LIMIT to the query (a query's own LIMIT, ORDER BY in subqueries and CONSTRUCT templates make
  that unsafe). The first ``hold_back`` bytes are held: an answer that ends within them is
  sent whole, with Content-Length, and one over the limit is a ResultTooLarge like on the
  embedded store. A longer answer streams; if it passes the row limit after that, the stream
  is cut off without its end (chunked transfer without the last chunk), which every HTTP
  client reports as an incomplete answer, never as a shorter complete one. Graph results
  (CONSTRUCT, DESCRIBE) are fetched as N-Triples and TSV as SPARQL JSON (Virtuoso's TSV is
  CSV with tabs, line breaks in values unescaped), at most ``max_rows`` rows, and written by
  Oxigraph in the negotiated format as the embedded endpoint writes them (not streamed).
- **The same formats and errors.** Content negotiation is the embedded endpoint's; the store
  is asked for exactly the negotiated media type. A store that fails (5xx), cannot be
  reached or answers in another format is RemoteStoreFailed (503, its message to the log),
  one past the limit QueryTimeout, every connection to the store taken EndpointBusy.
- **The client budget** of ``budget.py``, counted until the answer has been sent.

``Bildungsgraph-State`` names the state the ``state`` callable gives when the query is sent
(the answer shows that state or a later one).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Protocol

import anyio
import httpx
import pyoxigraph as ox

from ..namespaces import PREFIXES
from ..store.connection import RemoteConnection
from ..store.sparqltext import query_form, with_prologue
from .budget import ClientBudget
from .endpoint import (
    Limits,
    RefusalCounter,
    Uncounted,
    counted_refusals,
    not_acceptable_message,
)
from .errors import (
    EndpointBusy,
    MalformedQuery,
    NotAcceptable,
    ProtocolError,
    RemoteStoreFailed,
    ResultTooLarge,
    SparqlError,
    UpdateRefused,
    timed_out,
)
from .negotiation import choose_all
from .protocol import READ_ONLY, SparqlRequest
from .replica import BOOLEAN, GRAPH, RESULT_FORMATS, SOLUTIONS, QueryAnswer, too_many_rows
from .rows import RowCounter, row_counter
from .safety import looks_like_update, mentions_schemes, refuse_federation

LOG = logging.getLogger(__name__)

HOLD_BACK = 1 << 20  # bytes of an answer held until it is known to be complete or to stream
N_TRIPLES = "application/n-triples"
# What to ask the store for where its own answer cannot be counted or passed on as it is
# (graphs: N-Triples; TSV: Virtuoso's is CSV with tabs, line breaks in values unescaped).
_FETCHED_AS = {
    (kind, "text/tab-separated-values"): "application/sparql-results+json"
    for kind in (SOLUTIONS, BOOLEAN)
}
_KINDS = {"select": SOLUTIONS, "ask": BOOLEAN, "construct": GRAPH, "describe": GRAPH}
_VENDOR_SCHEMES = ("bif:", "sql:")  # Virtuoso's built-in and SQL functions
_PARTIAL = "S1TAT"  # Virtuoso's SQL state of an answer cut at its time limit
_TIMEOUT_WORDS = re.compile(r"time ?out|timed out|S1T00", re.IGNORECASE)
_MESSAGE_CHARS = 2000  # of a store's error message passed on to the client
_MALFORMED = "Fehlerhafte SPARQL-Anfrage / malformed SPARQL query"
_FAILED = (
    "Der Speicher hat die Anfrage nicht beantwortet; bitte später erneut versuchen. / "
    "The store did not answer the query; please try again later."
)


class Endpoint(Protocol):
    """What the web layer uses of an endpoint (``SparqlEndpoint`` or ``ForwardingEndpoint``)."""

    refusals: RefusalCounter  # feeds /metrics

    @property
    def state(self) -> str: ...

    @property
    def ready(self) -> bool: ...

    async def answer_async(
        self,
        request: SparqlRequest,
        accept: str | None,
        base_iri: str | None = None,
        client: str | None = None,
    ) -> QueryAnswer | StreamedAnswer: ...

    async def aclose(self) -> None: ...


class StreamedAnswer:
    """An answer too long to hold: its bytes as they arrive (``async for``). Iterating raises
    ResultTooLarge, QueryTimeout or RemoteStoreFailed when the rest cannot be sent; call
    ``aclose`` in any case."""

    def __init__(self, media_type: str, state: str, held: bytes, forwarded: _Forwarded) -> None:
        self.media_type = media_type
        self.state = state
        self._held = held
        self._forwarded = forwarded

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._held
        async for chunk in self._forwarded.rest():
            yield chunk

    async def aclose(self) -> None:
        await self._forwarded.aclose()


class ForwardingEndpoint:
    """Answers protocol requests read-only, within the limits, from the remote store that
    ``connection`` names; ``state`` gives the store's state token. Answers longer than
    ``hold_back`` bytes stream."""

    def __init__(
        self,
        connection: RemoteConnection,
        limits: Limits,
        state: Callable[[], str],
        hold_back: int = HOLD_BACK,
    ) -> None:
        self.limits = limits
        self.hold_back = hold_back
        self._connection = connection
        self._state = state
        self._budget = ClientBudget(limits.client_queries, limits.client_seconds)
        self._http: httpx.AsyncClient | None = None  # made in the event loop that uses it
        self.refusals: RefusalCounter = Uncounted()

    @property
    def state(self) -> str:
        return self._state()

    @property
    def ready(self) -> bool:
        """Always: there is no replica to load, the store answers."""
        return True

    def start(self) -> None:
        """Nothing to load: the store answers."""

    def apply(self, changes: Mapping[str, bytes | None], state: str) -> None:
        """Nothing to follow: the remote store is the one written."""

    def reload(self, state: str) -> None:
        """Nothing to reload: the remote store is the one written."""

    async def answer_async(
        self,
        request: SparqlRequest,
        accept: str | None,
        base_iri: str | None = None,
        client: str | None = None,
    ) -> QueryAnswer | StreamedAnswer:
        """The answer, whole or streamed; raises a SparqlError (``errors.py``) or
        TooManyRequestsError. ``base_iri`` (the endpoint's URL) resolves relative IRIs."""
        with counted_refusals(self.refusals):
            return await self._answer(request, accept, base_iri, client)

    async def _answer(
        self, request: SparqlRequest, accept: str | None, base_iri: str | None, client: str | None
    ) -> QueryAnswer | StreamedAnswer:
        assert request.query is not None
        kind = _checked_kind(request.query)
        media_type = choose_all(accept, request.format)[kind]
        if media_type is None:
            raise NotAcceptable(
                f"{not_acceptable_message(accept, request.format)} "
                f"Available / verfügbar: {', '.join(RESULT_FORMATS[kind])}"
            )
        state = self._state()
        self._budget.admit(client)
        forwarded = _Forwarded(self.limits, self._budget, client)
        fetched = _FETCHED_AS.get((kind, media_type), N_TRIPLES if kind == GRAPH else media_type)
        try:
            await forwarded.send(
                self._client(), self._connection.query_url, self._form(request, base_iri), fetched
            )
            if fetched != media_type:
                body, rows = await forwarded.rewritten(kind, fetched, media_type)
            elif kind == SOLUTIONS:
                counter = row_counter(media_type)
                body = await forwarded.read(counter, self.hold_back)
                if not forwarded.complete:
                    return StreamedAnswer(media_type, state, body, forwarded)
                rows = counter.rows
            else:  # a boolean, or N-Triples as the store wrote them
                counter = row_counter(media_type)
                body = await forwarded.read(counter)
                rows = 1 if kind == BOOLEAN else counter.rows
        except BaseException:
            await forwarded.aclose()
            raise
        await forwarded.aclose()
        return QueryAnswer(kind=kind, media_type=media_type, body=body, rows=rows, state=state)

    def _form(self, request: SparqlRequest, base_iri: str | None) -> dict[str, list[str]]:
        """The protocol form (httpx sends a list as repeated fields)."""
        assert request.query is not None
        return {
            "query": [with_prologue(request.query, base_iri)],
            "timeout": [str(int(self.limits.timeout * 1000))],
            "default-graph-uri": list(request.default_graphs or ()),
            "named-graph-uri": list(request.named_graphs or ()),
        }

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = self._connection.async_client()
        return self._http

    async def aclose(self) -> None:
        """Close the connections to the store (in the event loop that used them)."""
        http, self._http = self._http, None
        if http is not None:
            await http.aclose()


class _Forwarded:
    """One query on its way through the remote store: its response, read within the limits;
    the client's budget is charged until ``aclose``."""

    def __init__(self, limits: Limits, budget: ClientBudget, client: str | None) -> None:
        self._limits = limits
        self._budget = budget
        self._client = client
        self._started = time.monotonic()
        self._deadline = self._started + limits.timeout
        self._response: httpx.Response | None = None
        self._stream: AsyncIterator[bytes] | None = None
        self._counter: RowCounter | None = None
        self._closed = False
        self.complete = False  # the whole answer has been read

    async def send(
        self, http: httpx.AsyncClient, url: str, form: dict[str, list[str]], media_type: str
    ) -> None:
        """Send the query, asking for ``media_type``; raise what the store's refusal means."""
        request = http.build_request(
            "POST",
            url,
            data=form,
            headers={"Accept": media_type},
            timeout=httpx.Timeout(self._limits.timeout),
        )
        try:
            self._response = response = await http.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise self._failure(exc) from exc
        if response.status_code != 200:
            await self._refuse(response)
        if response.headers.get("x-sql-state") == _PARTIAL:
            raise timed_out(self._limits.timeout)
        answered = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if answered != media_type:
            LOG.error("the remote store answered in %r, not %s", answered, media_type)
            raise RemoteStoreFailed(_FAILED)
        self._stream = response.aiter_bytes()

    async def read(self, counter: RowCounter | None, size: int | None = None) -> bytes:
        """The answer's next ``size`` bytes or a little more (None: all of it), counted by
        ``counter`` from now on."""
        self._counter = counter
        chunks: list[bytes] = []
        held = 0
        while size is None or held < size:
            chunk = await self._next()
            if chunk is None:
                break
            chunks.append(chunk)
            held += len(chunk)
        return b"".join(chunks)

    async def rest(self) -> AsyncIterator[bytes]:
        """The answer's further bytes as they arrive."""
        while (chunk := await self._next()) is not None:
            yield chunk

    async def rewritten(self, kind: str, fetched: str, media_type: str) -> tuple[bytes, int]:
        """The whole answer, fetched in ``fetched`` and counted, written in ``media_type`` as
        the embedded endpoint writes it; its size."""
        counter = row_counter(fetched)
        body = await self.read(counter)
        written = await anyio.to_thread.run_sync(_rewritten, kind, body, fetched, media_type)
        return written, counter.rows if kind != BOOLEAN else 1

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if self._response is not None:
                await self._response.aclose()
        finally:
            self._budget.release(self._client, time.monotonic() - self._started)

    async def _next(self) -> bytes | None:
        """The next chunk, checked against the limits; None at the end."""
        assert self._stream is not None
        try:
            chunk = await anext(self._stream)
        except StopAsyncIteration:
            self.complete = True
            return None
        except httpx.HTTPError as exc:
            raise self._failure(exc) from exc
        if time.monotonic() > self._deadline:
            raise timed_out(self._limits.timeout)
        counter = self._counter
        if counter is not None:
            counter.feed(chunk)
            if counter.rows > self._limits.max_rows:
                raise ResultTooLarge(too_many_rows(self._limits.max_rows))
        return chunk

    async def _refuse(self, response: httpx.Response) -> None:
        try:
            message = (await response.aread()).decode("utf-8", "replace").strip()
        except httpx.HTTPError as exc:
            raise self._failure(exc) from exc
        status = response.status_code
        if status == 400:
            raise MalformedQuery(f"{_MALFORMED}: {message[:_MESSAGE_CHARS]}")
        if status >= 500 and _TIMEOUT_WORDS.search(message):
            raise timed_out(self._limits.timeout)
        LOG.error("the remote store answered %s: %s", status, message[:_MESSAGE_CHARS])
        raise RemoteStoreFailed(_FAILED)

    def _failure(self, error: httpx.HTTPError) -> SparqlError:
        if isinstance(error, httpx.PoolTimeout):
            return EndpointBusy(
                "Alle Verbindungen zum Speicher sind belegt; bitte später erneut versuchen. / "
                "All connections to the store are busy; please try again later."
            )
        if isinstance(error, httpx.ReadTimeout | httpx.WriteTimeout):
            return timed_out(self._limits.timeout)
        LOG.error("the remote store did not answer: %r", error)
        return RemoteStoreFailed(_FAILED)


def _rewritten(kind: str, body: bytes, fetched: str, media_type: str) -> bytes:
    """``body`` (in ``fetched``) written in ``media_type`` as the embedded endpoint writes it."""
    fmt = RESULT_FORMATS[kind][media_type]
    try:
        if isinstance(fmt, ox.RdfFormat):
            prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
            triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            written = ox.serialize(triples, format=fmt, prefixes=prefixes)
        else:
            source = RESULT_FORMATS[kind][fetched]
            assert isinstance(source, ox.QueryResultsFormat)
            written = ox.parse_query_results(body, format=source).serialize(format=fmt)
    except SyntaxError as exc:
        LOG.error("the remote store's %s does not parse: %s", fetched, exc)
        raise RemoteStoreFailed(_FAILED) from exc
    assert written is not None
    return written


def _checked_kind(query: str) -> str:
    """The result kind of ``query`` (solutions, boolean, graph), or the refusal it earns."""
    refuse_federation(query)
    if mentions_schemes(query, _VENDOR_SCHEMES):
        raise ProtocolError(
            "Eingebaute Funktionen des Speichers (bif:, sql:) werden nicht unterstützt. / "
            "The store's built-in functions (bif:, sql:) are not supported."
        )
    kind = _KINDS.get(query_form(query))
    if kind is not None:
        return kind
    if looks_like_update(query):
        raise UpdateRefused(READ_ONLY)
    raise MalformedQuery(
        f"{_MALFORMED}: nach PREFIX und BASE muss SELECT, ASK, CONSTRUCT oder DESCRIBE "
        "folgen / SELECT, ASK, CONSTRUCT or DESCRIBE must follow PREFIX and BASE"
    )
