"""Real SPARQL 1.1 servers for the remote-store tests: the Oxigraph server and Virtuoso 7.

Each server runs on loopback on free ports with its files in a directory of its own (a new
temporary one unless given), is ready once its query endpoint answers, and is stopped by its
PID: SIGTERM, then SIGKILL after a timeout, and in any case when the interpreter exits.

    with OxigraphServer() as server:
        httpx.post(server.update_url, data={"update": "INSERT DATA { ... }"})
        settings = Settings.from_env(tmp_path / "side", **server.settings_overrides())

Quirks
------
Oxigraph server 0.5.13 (O) and Virtuoso 7.2.5 (V), each checked by
``tests/remote/test_servers.py`` unless marked "seen".

- Default graph: the union of the named graphs on V and on O with ``--union-default-graph``
  (our default; without it, send ``union-default-graph`` or ``default-graph-uri``). V's union
  also holds its own graphs (~2,500 triples). With O's flag a query's ``FROM`` is ignored;
  ``default-graph-uri`` / ``named-graph-uri`` work on both. V: INSERT DATA needs ``GRAPH``.
- Terms: language tags come back lower-cased on both. O turns xsd:int into xsd:integer; V
  answers booleans as "1", 1e3 as "1000.0", datatyped literals as JSON "typed-literal", and
  keeps "x" and "x"^^xsd:string apart (write simple literals). V refuses blank nodes in
  INSERT DATA (INSERT ... WHERE {} works); its bnode labels are ``nodeID://...``.
- Updates: O answers 204, V 200 with a result set. One request of several operations is
  atomic on O, not on V (a failing later operation leaves the earlier ones done); a syntax
  error runs nothing on both. V: at most ~4,990 triples per INSERT DATA and < 10 MB per
  request (many INSERT DATA ops of 2,000 triples are fine); O took 22 MB. V's query cost
  estimate breaks INSERT DATA of 3,000 triples, so our ini turns it off. Never ``DROP ALL``
  on V (its own graphs).
- Graph Store Protocol (O /store, V /sparql-graph-crud-auth, ``?graph=``): 201 for a new
  graph on both; V answers 200 where O answers 204; 404 for a missing graph on both. V
  answers a write sent with ``Accept: text/turtle`` 406 after doing it.
- Auth: O none; V digest as dba/dba on /sparql-auth and the GSP (basic: 401).
- Formats: JSON, XML, CSV, TSV for SELECT; N-Triples, Turtle, RDF/XML, JSON-LD for CONSTRUCT
  on both; N-Quads only O. ``Accept: */*``: O JSON, V XML (ASK: text/html). V quotes CSV/TSV
  headers and strings.
- Errors: syntax errors 400 text/plain on both (V repeats the whole query); V's run-time
  errors 500 text/plain "Virtuoso <state> Error ...".
- Limits: O's ``--timeout-s`` cuts a 200 answer off mid-body; V's execution limit answers 500
  (SR171), but with the ``timeout`` parameter 200 with incomplete results (X-SQL-State
  S1TAT). V's ResultSetMaxRows truncates silently (ours: 1,000,000), and V cuts any answer
  at 2**20 rows even with a larger ResultSetMaxRows (seen loading the 1M landscape with
  10,000,000). Seen: V takes seconds
  for ``SELECT DISTINCT ?g {GRAPH ?g {?s ?p ?o}}``, the GROUP BY form milliseconds.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from serverprocess import free_port

STOP_TIMEOUT = 30.0  # seconds between SIGTERM and SIGKILL
START_TIMEOUT = 120.0  # a new Virtuoso database takes a few seconds, a slow CI machine longer


class RemoteServer:
    """A SPARQL server process: its endpoints, credentials and lifetime.

    Subclasses name the command, the endpoints and how to empty the store.
    """

    name = "server"
    query_url: str
    update_url: str
    gsp_url: str
    user: str | None = None
    password: str | None = None
    auth: str | None = None  # "basic", "digest" or None (no authentication)

    def __init__(self, directory: Path | None = None) -> None:
        self._own_directory = directory is None
        self.directory = directory or Path(tempfile.mkdtemp(prefix=f"bildungsgraph-{self.name}-"))
        self.directory.mkdir(parents=True, exist_ok=True)
        self.log_path = self.directory / f"{self.name}.log"
        self._process: subprocess.Popen[bytes] | None = None

    def _command(self) -> list[str]:
        raise NotImplementedError

    def clear(self) -> None:
        """Empty every graph the tests may have written (fast enough to run per test)."""
        raise NotImplementedError

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def httpx_auth(self) -> httpx.Auth | None:
        """The credentials as httpx sends them (``None`` without authentication)."""
        if self.user is None or self.password is None:
            return None
        if self.auth == "digest":
            return httpx.DigestAuth(self.user, self.password)
        return httpx.BasicAuth(self.user, self.password)

    def settings_overrides(self) -> dict[str, Any]:
        """The store settings of bildungsgraph's ``Settings`` for this server (``None``: unset)."""
        return {
            "store_url": self.query_url,
            "update_url": self.update_url,
            "gsp_url": self.gsp_url,
            "store_user": self.user,
            "store_password": self.password,
            "store_auth": self.auth,
        }

    def start(self) -> None:
        """Start the process and wait until its query endpoint answers."""
        if self._process is not None:
            raise RuntimeError(f"{self.name} is already running")
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                self._command(),
                cwd=self.directory,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in pytest does not reach it; stop() does
            )
        atexit.register(self.stop)
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the process by its PID: SIGTERM, then SIGKILL after ``STOP_TIMEOUT``."""
        process, self._process = self._process, None
        atexit.unregister(self.stop)
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGKILL)
                process.wait()
        if self._own_directory:
            shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> RemoteServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        assert self._process is not None
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self._process.returncode}: {self._log_tail()}"
                )
            try:
                answer = httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=10)
                if answer.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(
            f"{self.name} did not answer within {START_TIMEOUT} s: {self._log_tail()}"
        )

    def _log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no log)"

    def _update(self, update: str) -> None:
        answer = httpx.post(
            self.update_url, data={"update": update}, auth=self.httpx_auth(), timeout=120
        )
        answer.raise_for_status()

    def _select_column(self, query: str) -> list[str]:
        """The values of the first variable of a SELECT query, in order."""
        answer = httpx.post(
            self.query_url,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=120,
        )
        answer.raise_for_status()
        results = answer.json()
        variable = results["head"]["vars"][0]
        return [row[variable]["value"] for row in results["results"]["bindings"]]


class OxigraphServer(RemoteServer):
    """``oxigraph serve`` (PyPI ``oxigraph``) on a database in ``directory``.

    Args:
        union_default_graph: start with ``--union-default-graph``, so that a query's default
            graph is the union of all graphs, as in the embedded store and in Virtuoso. Without
            it the default graph is only the (unnamed) default graph; a client then asks for the
            union per request with ``union-default-graph`` (an Oxigraph parameter) or names
            the graphs with ``default-graph-uri``.
        timeout_seconds: ``--timeout-s``, the limit of one query (none by default).
    """

    name = "oxigraph"

    def __init__(
        self,
        directory: Path | None = None,
        *,
        union_default_graph: bool = True,
        timeout_seconds: int | None = None,
    ) -> None:
        super().__init__(directory)
        self.union_default_graph = union_default_graph
        self.timeout_seconds = timeout_seconds
        self.port = free_port()
        base = f"http://127.0.0.1:{self.port}"
        self.query_url = f"{base}/query"
        self.update_url = f"{base}/update"
        self.gsp_url = f"{base}/store"

    def _command(self) -> list[str]:
        command = [
            _executable("oxigraph"),
            "serve",
            "--location",
            str(self.directory / "db"),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        if self.union_default_graph:
            command.append("--union-default-graph")
        if self.timeout_seconds is not None:
            command += ["--timeout-s", str(self.timeout_seconds)]
        return command

    def clear(self) -> None:
        self._update("DROP ALL")


# Only what differs from Virtuoso's defaults for a private, small test instance; the
# {placeholders} are filled in by VirtuosoServer.
_VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {directory}/virtuoso.db
ErrorLogFile       = {directory}/virtuoso.log
LockFile           = {directory}/virtuoso.lck
TransactionFile    = {directory}/virtuoso.trx
xa_persistent_file = {directory}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {directory}/virtuoso-temp.db
TransactionFile    = {directory}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 60
CaseMode           = 2
DirsAllowed        = ., {directory}
; about 80 MB of buffers: enough for tests and benchmarks, fine on a small CI machine
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {dirty_buffers}
MaxQueryMem        = 1G

[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerRoot         = {directory}
ServerThreads      = 10
MaxClientConnections = 10
Charset            = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryCostEstimationTime = {cost_seconds}
MaxQueryExecutionTime      = {query_seconds}
"""


class VirtuosoServer(RemoteServer):
    """Virtuoso 7 (Debian ``virtuoso-opensource``): ``virtuoso-t -f -c INI`` with its own ini.

    Queries go to ``/sparql`` (anonymous), updates to ``/sparql-auth`` and the Graph Store
    Protocol to ``/sparql-graph-crud-auth``, both with digest authentication as ``dba``
    (a new database's password is ``dba``).

    Args:
        buffers, dirty_buffers: ``NumberOfBuffers`` and ``MaxDirtyBuffers`` (8 KB pages).
        query_seconds: ``MaxQueryExecutionTime``; a longer query fails (500, SR171).
        cost_seconds: ``MaxQueryCostEstimationTime``; a query estimated to take longer is
            refused before it runs (500). Off (0) by default: with it on (Debian: 400), an
            INSERT DATA of 3,000 triples fails ("generated SQL text has exceeded 10000 lines").
        max_rows: ``ResultSetMaxRows``; Virtuoso cuts longer results off without an error.
    """

    name = "virtuoso"
    user = "dba"
    password = "dba"
    auth = "digest"

    def __init__(
        self,
        directory: Path | None = None,
        *,
        buffers: int = 10_000,
        dirty_buffers: int = 6_000,
        query_seconds: int = 60,
        cost_seconds: int = 0,
        max_rows: int = 1_000_000,
    ) -> None:
        super().__init__(directory)
        self.sql_port = free_port()
        self.http_port = free_port()
        while self.http_port == self.sql_port:
            self.http_port = free_port()
        base = f"http://127.0.0.1:{self.http_port}"
        self.query_url = f"{base}/sparql"
        self.update_url = f"{base}/sparql-auth"
        self.gsp_url = f"{base}/sparql-graph-crud-auth"
        self.ini_path = self.directory / "virtuoso.ini"
        self.ini_path.write_text(
            _VIRTUOSO_INI.format(
                directory=self.directory,
                sql_port=self.sql_port,
                http_port=self.http_port,
                buffers=buffers,
                dirty_buffers=dirty_buffers,
                query_seconds=query_seconds,
                cost_seconds=cost_seconds,
                max_rows=max_rows,
            )
        )
        self._system_graphs: frozenset[str] = frozenset()

    def _command(self) -> list[str]:
        return [_executable("virtuoso-t"), "-f", "-c", str(self.ini_path)]

    def start(self) -> None:
        super().start()
        # A new database already holds Virtuoso's own graphs (virtrdf:, ...); clear() keeps them.
        self._system_graphs = frozenset(self._graphs())

    def _graphs(self) -> list[str]:
        # GROUP BY, not DISTINCT: Virtuoso takes seconds for DISTINCT ?g even on a few quads.
        return self._select_column("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")

    def clear(self) -> None:
        # Not DROP ALL: in Virtuoso that would drop its own graphs too.
        graphs = [graph for graph in self._graphs() if graph not in self._system_graphs]
        if graphs:
            self._update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in graphs))

    def isql(self, statements: str) -> str:
        """Run SQL statements (``;``-separated) as ``dba`` through ``isql-vt``; its output.

        Raises:
            RuntimeError: isql-vt failed or reported an error.
        """
        done = subprocess.run(
            [
                _executable("isql-vt"),
                f"127.0.0.1:{self.sql_port}",
                self.user or "",
                self.password or "",
                f"exec={statements}",
            ],
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
        output = done.stdout + done.stderr
        if done.returncode != 0 or "*** Error" in output:
            raise RuntimeError(f"isql-vt failed ({done.returncode}): {output[-2000:]}")
        return output

    def bulk_load(self, nq_path: Path, default_graph: str = "urn:bildungsgraph:bulk") -> None:
        """Load an N-Quads file with Virtuoso's bulk loader (``ld_dir``, ``rdf_loader_run``).

        The loader reads only from ``DirsAllowed``, so the file is linked (or copied) into the
        server's directory first. Triples without a graph go to ``default_graph``.

        Raises:
            RuntimeError: the loader reported an error for the file.
        """
        load_dir = self.directory / "load"
        load_dir.mkdir(exist_ok=True)
        target = load_dir / nq_path.name
        target.unlink(missing_ok=True)
        try:
            os.link(nq_path, target)
        except OSError:
            shutil.copyfile(nq_path, target)
        # load_list remembers files it loaded; forget them so a file loads again after clear().
        self.isql(
            "DELETE FROM DB.DBA.load_list;"
            f"ld_dir('{load_dir}', '{_sql_string(nq_path.name)}', '{_sql_string(default_graph)}');"
            "rdf_loader_run();"
            "checkpoint;"
        )
        errors = self.isql(
            "SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;"
        )
        if str(target) in errors:
            raise RuntimeError(f"bulk load of {nq_path} failed: {errors[-2000:]}")
        target.unlink()


def _sql_string(text: str) -> str:
    return text.replace("'", "''")


def _executable(command: str) -> str:
    """The command next to this Python (the venv's ``oxigraph``), else on the PATH."""
    beside = Path(sys.executable).parent / command
    if beside.exists():
        return str(beside)
    found = shutil.which(command)
    if found is None:
        raise FileNotFoundError(f"{command} is not installed")
    return found
