"""Building the in-memory replica from a snapshot, with the decoding spread over processes.

Reading a RocksDB checkpoint back is dominated by decoding: on the 1.15M-quad landscape
Oxigraph spends about 9 s of CPU turning the stored ids back into terms (``dump`` and
``quads_for_pattern`` alike; ``bulk_extend`` from the iterator is no faster) and about 3 s
parsing the N-Quads into the memory store. So the host forks decoder processes that open the
checkpoint read-only and each write the quads of one predicate at a time as N-Quads (largest
predicates first), while the host parses what arrives. With two decoders on two cores this
takes about 9 s instead of 15 s (``bench/bench_sparql.py`` prints it).

Faster still is an *image*: at shutdown the host writes its memory store as N-Quads beside
the store (``{store}-replica.nq``, headed by the state token it shows); the next start loads
it instead of the checkpoint when the store's state token is still the same (parsing alone:
about 4 s at 1.15M quads). The token changes before every write and is random per store, so
an image is only ever used for exactly the content it was written from.

Blank node labels are kept: Oxigraph's loader renames blank nodes per document, which would
split a blank node whose triples arrive in different chunks, so a chunk with blank nodes is
parsed into quads instead (a little slower, and rare in this data).
"""

from __future__ import annotations

import os
import selectors
import socket
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .wire import recv_frame, send_frame

_DATA, _ERROR = b"D", b"E"
IMAGE_HEADER = b"# bildungsgraph SPARQL replica image, store state "
_GRAPH_LINE = b"# graph "
_PREDICATES = (
    "SELECT ?p (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?p"
)


def load_snapshot(
    snapshot: Path, decoders: int, inherited: Iterable[socket.socket] = ()
) -> ox.Store:
    """A memory store with the content of ``snapshot`` (a checkpoint or an N-Quads file).

    ``inherited``: sockets the decoder processes must close (they are forks of the caller).
    """
    store = ox.Store()
    if snapshot.is_file():
        data = snapshot.read_bytes()
        if data.startswith(IMAGE_HEADER):
            _load_image(store, data)
        else:
            _add(store, data)
        return store
    if decoders < 1:
        source = ox.Store.read_only(str(snapshot))
        dump = source.dump(format=ox.RdfFormat.N_QUADS)
        assert dump is not None  # without an output, dump returns the bytes
        _add(store, dump)
        return store
    channels = [_fork_decoder(snapshot, list(inherited)) for _ in range(decoders)]
    try:
        _decode(store, channels)
    finally:
        for channel in channels:
            channel.close()  # the decoders exit
    return store


def image_path(store_path: Path) -> Path:
    """Where the replica image of the store at ``store_path`` is kept."""
    return store_path.parent / f"{store_path.name}-replica.nq"


def image_state(path: Path) -> str | None:
    """The store state an image shows (None: there is no image)."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(200)
    except OSError:
        return None
    if not first.startswith(IMAGE_HEADER) or not first.endswith(b"\n"):
        return None
    return first[len(IMAGE_HEADER) :].strip().decode("ascii", errors="replace")


def save_image(store: ox.Store, path: Path, state: str) -> None:
    """Write ``store`` as the image of ``state``: whole (written aside, then renamed) or not.

    Graph by graph, as N-Triples after a ``# graph <name>`` line: a graph without blank nodes
    (the landscape's largest) then loads with Oxigraph's fast loader.
    """
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with scratch.open("wb") as handle:
            handle.write(IMAGE_HEADER + state.encode("ascii") + b"\n")
            for graph in [ox.DefaultGraph(), *store.named_graphs()]:
                data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
                name = b"" if isinstance(graph, ox.DefaultGraph) else str(graph).encode()
                handle.write(_GRAPH_LINE + name + b"\n")
                handle.write(data)  # type: ignore[arg-type]
            handle.flush()
            os.fsync(handle.fileno())
        scratch.replace(path)
    finally:
        scratch.unlink(missing_ok=True)


def _decode(store: ox.Store, channels: list[socket.socket]) -> None:
    send_frame(channels[0], b"")  # an empty request asks for the predicates
    listing = sorted(
        (line.split(b" ", 1) for line in _reply(channels[0]).splitlines()),
        key=lambda item: -int(item[0]),
    )
    todo = [iri for _, iri in listing]
    selector = selectors.DefaultSelector()
    busy = 0
    for channel in channels:
        selector.register(channel, selectors.EVENT_READ)
        if todo:
            send_frame(channel, todo.pop(0))
            busy += 1
    while busy:
        for key, _ in selector.select():
            assert isinstance(key.fileobj, socket.socket)
            channel = key.fileobj
            chunk = _reply(channel)
            busy -= 1
            if todo:  # keep the decoder busy while this chunk is parsed
                send_frame(channel, todo.pop(0))
                busy += 1
            _add(store, chunk)
    selector.close()


def _load_image(store: ox.Store, data: bytes) -> None:
    for part in data.split(b"\n" + _GRAPH_LINE)[1:]:  # no N-Triples line starts with "#"
        name, _, triples = part.partition(b"\n")
        graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
        if not name:
            graph = ox.DefaultGraph()
        elif name.startswith(b"_:"):
            graph = ox.BlankNode(name[2:].decode())
        else:
            graph = ox.NamedNode(name[1:-1].decode())
        if b"_:" in triples:
            store.extend(
                ox.Quad(t.subject, t.predicate, t.object, graph)
                for t in ox.parse(triples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
            )
        elif triples:
            store.load(triples, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)


def _reply(channel: socket.socket) -> bytearray:
    reply = recv_frame(channel)
    if reply[:1] != _DATA:
        raise OSError(f"decoding the snapshot failed: {bytes(reply[1:]).decode(errors='replace')}")
    del reply[:1]
    return reply


def _add(store: ox.Store, data: bytes | bytearray) -> None:
    if b"_:" in data:
        store.extend(ox.parse(bytes(data), format=ox.RdfFormat.N_QUADS, lenient=True))
    else:
        store.load(bytes(data), format=ox.RdfFormat.N_QUADS, lenient=True)


def _fork_decoder(snapshot: Path, inherited: list[socket.socket]) -> socket.socket:
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # the decoder
        try:
            ours.close()
            for sock in inherited:
                sock.close()
            _serve_decoder(theirs, snapshot)
        finally:
            os._exit(0)
    theirs.close()
    return ours


def _serve_decoder(channel: socket.socket, snapshot: Path) -> None:
    try:
        source = ox.Store.read_only(str(snapshot))
    except OSError as exc:
        send_frame(channel, _ERROR + str(exc).encode())
        return
    while True:
        try:
            request = recv_frame(channel)
        except (EOFError, OSError):
            return
        try:
            if not request:
                rows = source.query(_PREDICATES, use_default_graph_as_union=False)
                assert isinstance(rows, ox.QuerySolutions)
                listing = "\n".join(f"{row[1].value} {row[0].value}" for row in rows)
                send_frame(channel, _DATA + listing.encode())
            else:
                predicate = ox.NamedNode(request.decode())
                quads = source.quads_for_pattern(None, predicate, None, None)
                send_frame(channel, _DATA + ox.serialize(quads, format=ox.RdfFormat.N_QUADS))  # type: ignore[operator]
        except (OSError, RuntimeError, ValueError) as exc:
            send_frame(channel, _ERROR + str(exc).encode())
