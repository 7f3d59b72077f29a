"""BildungsGraph: the one service every face (CLI, REST, HTML, SPARQL) calls.

Its methods take and return plain values and dataclasses; none of them sees a request, a
template or a command-line context.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, TypeVar, cast

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from . import config, linked_data
from .accounts import Account, AccountStore, accounts_path
from .accounts.sessions import Session
from .analysis import (
    GapReport,
    NetworkFilter,
    NetworkResult,
    export_network,
    gap_analysis,
    network_analysis,
)
from .analysis.actor_measures import ActorMeasures, actor_measures
from .analysis.engine import generated_now, network_graph
from .analysis.measures import GraphMeasures
from .analysis.report import Report, markdown_report
from .analysis.report_html import html_report
from .analysis.results_rdf import ANALYSIS_GRAPH_PREFIX, analysis_triples
from .analysis.rows import load_network_data
from .contribution import (
    ContributionOutcome,
    Contributor,
    check_files,
    contribute,
    withdrawn_graph_iri,
)
from .contribution import restore as restore_graph
from .contribution import withdraw as withdraw_graph
from .errors import ConfigurationError, InvalidParameterError, NotFoundError
from .ingest import template_csv_bytes, template_model, templates_xlsx_bytes, write_templates
from .namespaces import (
    CONTRIBUTION_GRAPH_PREFIX,
    EXAMPLE_GRAPH,
    ONTOLOGY_GRAPH,
    SHAPES_GRAPH,
    contribution_graph_iri,
    graph_iri,
    vocab_graph_iri,
)
from .queries import get_query
from .records import RecordReader
from .records.actor_page import ActorDetails, Provenance, actor_details, record_provenance
from .records.overview import (
    kommune_counts,
    kommune_directory,
    kommune_name,
    kommune_population,
)
from .records.search import RecordSearch, SearchResult
from .records.text import fold
from .records.values import Item
from .reference import REFERENCE_GRAPHS
from .sparql import Limits as SparqlLimits
from .sparql import SparqlEndpoint
from .staging import FileProblems, StagedUpload, UploadStaging, problems_by_file
from .store import DumpFormat, GraphStore, OxigraphStore, QueryResult, open_store
from .validation import ValidationReport
from .visualisation.builder import ViewSettings
from .visualisation.explorer import ego_view_for, network_view_for
from .visualisation.filters import NetworkChoices, network_choices, parse_filter
from .visualisation.heatmap import HeatmapView, build_heatmap
from .visualisation.maps import (
    DEFAULT_INDICATOR,
    INDICATORS,
    AreaFigures,
    MapView,
    boundaries_from_rows,
    build_map,
)
from .visualisation.network_view import NetworkView
from .visualisation.source import NetworkCache, NetworkSource, load_source

Progress = Callable[[str], None]
WITHDRAWAL_RETENTION = timedelta(days=30)  # withdrawn contributions stay restorable this long
NRW_KEY = "05"
PAGE_CACHE_ENTRIES = 200  # query rows and gap reports kept per store state for the pages
Cached = TypeVar("Cached")

EXAMPLE_CONTRIBUTOR = "bildungsgraph-Beispieldaten (erfunden)"
EXAMPLE_TITLE = "Erfundene Beispiel-Bildungslandschaft Krefeld und Kreis Viersen"
EXAMPLE_DESCRIPTION = (
    "Erfundene Beispieldaten, keine echten Einrichtungen oder Angebote: erzeugt mit dem "
    "bildungsgraph-Generator (Saat 42) zum Ausprobieren und Testen. "
    "Invented example data, no real organisations or offers."
)


@dataclass
class ContributionInfo:
    """A stored contribution as listed to its owners."""

    id: str
    graph: str
    title: str | None
    contributor: str
    contributor_name: str | None
    generated: str
    files: list[dict[str, str | int | None]] = field(default_factory=list)
    triples: int | None = None


@dataclass
class OwnContribution:
    """A contribution as its account sees it on the contribute pages."""

    id: str
    status: str  # "stored" or "withdrawn"
    report: dict[str, object]
    title: str | None = None
    generated: str | None = None
    rows: int | None = None
    triples: int | None = None
    restorable: bool = False  # withdrawn and still within the retention period
    withdrawn_at: str | None = None
    files: list[dict[str, str | int | None]] = field(default_factory=list)

    @property
    def by_file(self) -> list[FileProblems]:
        """The report's problems per file (see ``staging.problems_by_file``)."""
        return problems_by_file(self.report, [str(f["name"]) for f in self.files])


@dataclass
class Stats:
    """What the graph holds."""

    graphs: dict[str, int]
    records: dict[str, int]
    population: dict[str, int]
    contributions: int

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


class BildungsGraph:
    """The service facade over a GraphStore."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.records = RecordReader(store)  # the REST API's cached read side
        self._write_lock = threading.RLock()  # contributions are written one at a time
        self._accounts: AccountStore | None = None

    @classmethod
    def open(cls, settings: config.Settings) -> BildungsGraph:
        """Open the embedded store named by the settings."""
        service = cls(open_store(settings.store_path))
        service.network_view_max_nodes = settings.network_view_max_nodes
        return service

    def warm_up(self, stop: threading.Event) -> None:
        """Build the read caches of the pages (records index, network data, gap analysis) so
        that the first visitors after a start do not wait for them; returns early on ``stop``."""
        for step in (self.records.index, self._network_source, self.gap_report):
            if stop.is_set():
                return
            step()

    def close(self) -> None:
        if self._accounts is not None:
            self._accounts.close()
        self.store.close()

    # -- loading ---------------------------------------------------------------------------

    def schema_files(self) -> dict[str, Path]:
        """Named graph → file for the ontology, the shapes and every vocabulary."""
        files = {
            str(ONTOLOGY_GRAPH): config.require_file(config.ONTOLOGY_FILE),
            str(SHAPES_GRAPH): config.require_file(config.SHAPES_FILE),
        }
        for path in sorted(config.VOCAB_DIR.glob("*.ttl")):
            files[str(vocab_graph_iri(path.stem))] = path
        return files

    def load_files(
        self, files: Mapping[str, Path], progress: Progress | None = None
    ) -> dict[str, int]:
        """Replace each named graph by the content of its file, one transaction per graph."""
        counts: dict[str, int] = {}
        for graph, path in files.items():
            if progress:
                progress(graph)
            counts[graph] = self.store.replace_graph_from_file(graph, path)
        self.records.invalidate()
        return counts

    def load_schema(self, progress: Progress | None = None) -> dict[str, int]:
        """Load the ontology, the shapes and the vocabularies."""
        return self.load_files(self.schema_files(), progress)

    def load_reference(self, progress: Progress | None = None) -> dict[str, int]:
        """Load the official NRW reference data (Kommunen, population, schools)."""
        files = {str(graph): config.require_file(path) for graph, path in REFERENCE_GRAPHS.items()}
        return self.load_files(files, progress)

    def load_example(self, progress: Progress | None = None) -> ContributionOutcome:
        """Load the invented example landscape through the contribution pipeline."""
        if progress:
            progress(str(EXAMPLE_GRAPH))
        files = [
            (path.name, path.read_bytes()) for path in sorted(config.EXAMPLE_DIR.glob("*.csv"))
        ]
        self.records.invalidate()
        return contribute(
            self.store,
            files,
            Contributor.named(EXAMPLE_CONTRIBUTOR),
            title=EXAMPLE_TITLE,
            description=EXAMPLE_DESCRIPTION,
            graph=str(EXAMPLE_GRAPH),
        )

    def load_all(self, progress: Progress | None = None) -> ContributionOutcome:
        """Schema, reference data and example data; returns the example's outcome."""
        self.load_schema(progress)
        self.load_reference(progress)
        return self.load_example(progress)

    def load_steps(self) -> list[str]:
        """The named graphs ``load_all`` writes, in order (for progress bars)."""
        return [*self.schema_files(), *(str(g) for g in REFERENCE_GRAPHS), str(EXAMPLE_GRAPH)]

    def is_empty(self) -> bool:
        return not self.store.graph_names()

    # -- contributions ---------------------------------------------------------------------

    def check(self, files: Sequence[tuple[str, bytes]]) -> ValidationReport:
        """Validate files without storing anything."""
        return check_files(self.store, files)[1]

    def contribute(
        self,
        files: Sequence[tuple[str, bytes]],
        contributor: str,
        *,
        title: str | None = None,
        dry_run: bool = False,
    ) -> ContributionOutcome:
        """Validate and, without violations, store files as one contribution."""
        with self._write_lock:
            outcome = contribute(
                self.store, files, Contributor.named(contributor), title=title, dry_run=dry_run
            )
            self.records.invalidate()
            return outcome

    def list_contributions(self) -> list[ContributionInfo]:
        rows = self.store.select(get_query("contributions").text)
        return [_contribution_info(row) for row in rows]

    def get_contribution(self, contribution_id: str) -> ContributionInfo:
        graph = self._contribution_graph(contribution_id)
        for info in self.list_contributions():
            if info.graph == graph:
                rows = self.store.select(
                    get_query("contribution_files").text, {"contribution": URIRef(graph)}
                )
                info.files = [
                    {
                        "name": str(row.get("name", "")),
                        "sha256": str(row["sha256"]),
                        "format": str(row.get("format", "")),
                        "rows": int(row["rows"]) if "rows" in row else None,
                    }
                    for row in rows
                ]
                info.triples = self.store.graph_sizes().get(graph)
                return info
        raise NotFoundError(f"no contribution {contribution_id}")

    def withdraw(self, contribution_id: str, account: Account | None = None) -> None:
        """Remove a contribution, exactly its triples; the withdrawal is recorded and, for
        a retention period, undoable (``restore_contribution``)."""
        with self._write_lock:
            graph = self._contribution_graph(contribution_id)
            if account is not None:
                self._require_owner(graph, account)
            by = Contributor(account.name, account.contributor_slug) if account else None
            removed = withdraw_graph(self.store, graph, by)
            self.accounts.keep_withdrawn(
                graph, removed.serialize(format="nt"), account.id if account else None
            )
            self.accounts.purge_withdrawn(WITHDRAWAL_RETENTION)
            self.records.invalidate()

    # -- accounts and the REST contribution workflow ---------------------------------------

    @property
    def accounts(self) -> AccountStore:
        """Accounts (and withdrawn graphs), in SQLite beside the store; in memory otherwise."""
        if self._accounts is None:
            path = getattr(self.store, "path", None)
            self._accounts = AccountStore(accounts_path(path) if path else None)
        return self._accounts

    def contribute_as(
        self,
        files: Sequence[tuple[str, bytes]],
        account: Account,
        *,
        title: str | None = None,
        dry_run: bool = False,
        max_rows: int | None = None,
        replace: str | None = None,
    ) -> ContributionOutcome:
        """Validate and store files for an account (scope checked; ``replace`` = id of the
        account's contribution that the new version replaces atomically)."""
        with self._write_lock:
            graph = None
            if replace is not None:
                graph = self._contribution_graph(replace)
                self._require_owner(graph, account)
            outcome = contribute(
                self.store, files, Contributor(account.name, account.contributor_slug),
                title=title, dry_run=dry_run, max_rows=max_rows, scope=account, graph=graph,
            )
            if outcome.stored and outcome.graph:
                self.accounts.keep_report(outcome.graph, outcome.report.to_json(), account.id)
                self.records.invalidate()
            return outcome

    def contribution_report(self, contribution_id: str) -> dict[str, object] | None:
        """The validation report kept when the contribution was stored through an account."""
        return self.accounts.report(str(contribution_graph_iri(contribution_id)))

    def contribution_status(self, contribution_id: str) -> str:
        """``stored``, ``withdrawn`` (undoable while its copy is kept) or NotFoundError."""
        graph = str(contribution_graph_iri(contribution_id))
        if self.store.has_graph(graph):
            return "stored"
        if self.store.has_graph(withdrawn_graph_iri(graph)):
            return "withdrawn"
        raise NotFoundError(f"no contribution {contribution_id}")

    def restore_contribution(self, contribution_id: str, account: Account) -> int:
        """Undo a withdrawal within the retention period; returns the triples restored."""
        graph = str(contribution_graph_iri(contribution_id))
        with self._write_lock:
            kept = self.accounts.withdrawn(graph)
            if kept is None or self.store.has_graph(graph):
                raise NotFoundError(f"no withdrawn contribution {contribution_id} to restore")
            if not account.admin and kept.account_id != account.id:
                raise PermissionError(f"contribution {contribution_id} belongs to another account")
            triples = Graph().parse(data=kept.ntriples, format="nt")
            count = restore_graph(self.store, graph, triples)
            self.accounts.forget_withdrawn(graph)
            self.records.invalidate()
            return count

    def _require_owner(self, graph: str, account: Account) -> None:
        rows = self.store.select(
            get_query("api_contribution_owner").text, {"contribution": URIRef(graph)}
        )
        mine = str(Contributor(account.name, account.contributor_slug).iri)
        if not account.admin and not any(str(row["contributor"]) == mine for row in rows):
            raise PermissionError(f"{graph} belongs to another account")

    def _contribution_graph(self, contribution_id: str) -> str:
        graph = (
            contribution_id
            if contribution_id.startswith("https://")
            else str(contribution_graph_iri(contribution_id))
        )
        if not self.store.has_graph(graph):
            raise NotFoundError(f"no contribution {contribution_id}")
        return graph

    # -- reading ---------------------------------------------------------------------------

    def run_query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        return self.store.query(text, bindings)

    def graph_names(self) -> list[str]:
        """The IRIs of all named graphs, sorted."""
        return self.store.graph_names()

    def sparql_endpoint(self, limits: SparqlLimits, workers: int = 2) -> SparqlEndpoint:
        """The read-only SPARQL endpoint over this store (close it when done)."""
        if not isinstance(self.store, OxigraphStore):
            raise ConfigurationError("the SPARQL endpoint needs the embedded Oxigraph store")
        return SparqlEndpoint(self.store, limits, workers)

    def import_rdf(self, path: Path, graph: str | None = None) -> str | None:
        """Load an RDF file as it is, without validation (for administrators and researchers).

        Quads (N-Quads, TriG, JSON-LD with graphs) keep their graphs; the triples of a triple
        format replace the named graph ``graph`` (default ``graph/import/{file stem}``), which
        is returned. JSON-LD remote contexts are never fetched.
        """
        if path.suffix.lower() in (".nq", ".nquads", ".trig"):
            self.store.bulk_load(path)
            return None
        target = graph or str(graph_iri("import", _slug(path.stem)))
        if self.store.has_graph(target):
            self.store.drop_graph(target)
        self.store.bulk_load(path, target)
        return target

    def export(self, output: BinaryIO, fmt: DumpFormat) -> None:
        self.store.dump(output, fmt)

    def stats(self) -> Stats:
        records = {
            _local_name(row["class"]): int(row["records"])
            for row in self.store.select(get_query("records_by_class").text)
        }
        population = {
            str(row["date"]): int(row["inhabitants"])
            for row in self.store.select(get_query("population_by_date").text)
        }
        graphs = self.store.graph_sizes()
        contributions = sum(1 for g in graphs if g.startswith(CONTRIBUTION_GRAPH_PREFIX))
        return Stats(
            graphs=graphs, records=records, population=population, contributions=contributions
        )

    # -- linked data -----------------------------------------------------------------------

    def describe_resource(self, iri: str) -> linked_data.ResourceDescription:
        """The page model of a resource (labels, links to it, source graphs); NotFoundError."""
        return linked_data.describe_resource(self.store, iri)

    def resource_rdf(self, iri: str) -> Graph:
        """The triples describing a resource, its blank nodes included; NotFoundError."""
        return linked_data.resource_graph(self.store, iri)

    def describe_named_graph(self, iri: str) -> linked_data.GraphDescription:
        """The page model of a named graph (size, classes, provenance); NotFoundError."""
        return linked_data.describe_named_graph(self.store, iri)

    def named_graph(self, iri: str) -> Graph:
        """A copy of one named graph; NotFoundError if there is none."""
        return self.store.get_graph(iri)

    def write_named_graph(self, iri: str, output: BinaryIO, extension: str) -> None:
        """Serialise one named graph to ``output`` in the format with that file extension
        (``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld``); NotFoundError if there is no graph."""
        graph = linked_data.require_graph(self.store, iri)
        self.store.dump(output, DumpFormat(extension), graph=graph)

    def ontology_documentation(self) -> linked_data.OntologyDocumentation:
        """Classes, properties and concept schemes with their labels and definitions."""
        return linked_data.ontology_documentation(self.store)

    def scheme_documentation(self, slug: str) -> linked_data.SchemeDoc:
        """One concept scheme with its concept hierarchy; NotFoundError if unknown."""
        schemes = linked_data.scheme_documentation(self.store, slug)
        if not schemes:
            raise NotFoundError(f"no concept scheme {slug}")
        return schemes[0]

    def void_description(self) -> Graph:
        """The VoID description: sizes per graph and class, dumps, licences, attribution."""
        return linked_data.void_description(self.store)

    def dump_file(self, name: str) -> linked_data.DumpFile:
        """A dump file (``bildungsgraph.nq.gz``, ...), generated once per store state."""
        return self._dump_cache.get(name)

    def write_dump(self, name: str, path: Path) -> None:
        """Write a dump file (``bildungsgraph.nq.gz``, ..., ``void.ttl``) to ``path``."""
        linked_data.write_dump(self.store, name, path)

    @cached_property
    def _dump_cache(self) -> linked_data.DumpCache:
        store_path = getattr(self.store, "path", None)
        if store_path is None:
            directory = Path(tempfile.mkdtemp(prefix="bildungsgraph-dumps-"))
            weakref.finalize(self, shutil.rmtree, directory, True)
        else:
            directory = store_path.parent / f"{store_path.name}-dumps"
        return linked_data.DumpCache(self.store, directory)

    def templates(self) -> list[dict[str, str]]:
        """The contribution templates generated from the shapes: name and labels."""
        return [
            {"name": spec.name, "label_de": spec.label_de, "label_en": spec.label_en,
             "description_de": spec.description_de, "description_en": spec.description_en}
            for spec in template_model()
        ]

    def template_csv(self, name: str) -> bytes:
        """One CSV template (UTF-8 with BOM); NotFoundError for unknown names."""
        return template_csv_bytes(name)

    def templates_xlsx(self) -> bytes:
        """The workbook with every template, explanations and value lists."""
        return templates_xlsx_bytes()

    def write_templates(self, directory: Path) -> list[Path]:
        """Write the contribution templates (CSV and .xlsx) generated from the shapes."""
        return write_templates(directory)

    # -- contribute pages ------------------------------------------------------------------

    @cached_property
    def staging(self) -> UploadStaging:
        """Uploads waiting for confirmation, in a directory beside the store."""
        store_path = getattr(self.store, "path", None)
        if store_path is None:
            directory = Path(tempfile.mkdtemp(prefix="bildungsgraph-staging-"))
            weakref.finalize(self, shutil.rmtree, directory, True)
        else:
            directory = store_path.parent / f"{store_path.name}-staging"
        return UploadStaging(directory)

    def open_session(self) -> tuple[str, Session]:
        """A new anonymous browser session: (its id, the session)."""
        return self.accounts.sessions.open()

    def sign_in(self, token: str) -> tuple[str, Session] | None:
        """A new session for the account of ``token``; None when the token is not valid."""
        account = self.accounts.authenticate(token)
        return self.accounts.sessions.open(account.id) if account else None

    def session(self, session_id: str) -> tuple[Session, Account | None] | None:
        """A live session and its account; None when unknown, expired or revoked."""
        session = self.accounts.sessions.get(session_id)
        if session is None or session.account_id is None:
            return (session, None) if session else None
        account = self.accounts.get(session.account_id)
        return (session, account) if account.active else None

    def close_session(self, session_id: str) -> None:
        self.accounts.sessions.close(session_id)

    def stage_upload(
        self, files: Sequence[tuple[str, bytes]], account: Account | None, *,
        title: str | None = None, max_rows: int | None = None,
    ) -> StagedUpload:
        """Check files (with the account's Kommune scope when signed in) and stage them
        for confirmation; nothing is stored in the graph."""
        if account is None:
            report = check_files(self.store, files, max_rows=max_rows)[1]
        else:
            report = self.contribute_as(
                files, account, title=title, dry_run=True, max_rows=max_rows
            ).report
        return self.staging.stage(files, report.to_json(), title, account.id if account else None)

    def staged_upload(self, upload_id: str, account: Account | None) -> StagedUpload:
        """A staged upload; NotFoundError when unknown, expired or staged by another account."""
        staged = self.staging.get(upload_id)
        if staged.account_id is not None and (account is None or account.id != staged.account_id):
            raise NotFoundError(f"no staged upload {upload_id}")
        return staged

    def confirm_upload(
        self, upload_id: str, account: Account, max_rows: int | None = None
    ) -> ContributionOutcome:
        """Contribute a staged upload as the account (validated again, scope checked); the
        staged files go once the contribution is stored (or found stored already), else the
        staged report is replaced by the new one."""
        staged = self.staged_upload(upload_id, account)
        outcome = self.contribute_as(
            self.staging.files(upload_id), account, title=staged.title, max_rows=max_rows
        )
        if outcome.graph:
            self.staging.discard(upload_id)
        else:
            self.staging.replace_report(upload_id, outcome.report.to_json())
        return outcome

    def account_contributions(self, account: Account) -> list[OwnContribution]:
        """The contributions an account stored, newest first, withdrawn ones included."""
        listed = {info.graph: info for info in self.list_contributions()}
        sizes = self.store.graph_sizes()
        own: list[OwnContribution] = []
        for graph, report in reversed(self.accounts.reports_of(account.id).items()):
            item = OwnContribution(graph.removeprefix(CONTRIBUTION_GRAPH_PREFIX), "stored", report)
            info = listed.get(graph)
            if info is not None:
                files = self._select_named("contribution_files", {"contribution": URIRef(graph)})
                item.title, item.generated, item.triples = info.title, info.generated, sizes[graph]
                item.rows = sum(int(row["rows"]) for row in files if "rows" in row)
            elif self.store.has_graph(withdrawn_graph_iri(graph)):
                kept = self.accounts.withdrawn(graph)
                item.status, item.restorable = "withdrawn", kept is not None
                item.withdrawn_at = kept.withdrawn_at if kept else None
            else:
                continue
            own.append(item)
        return own

    def own_contribution(self, contribution_id: str, account: Account) -> OwnContribution:
        """One of the account's contributions with its files; NotFoundError otherwise."""
        for item in self.account_contributions(account):
            if item.id == contribution_id:
                if item.status == "stored":
                    item.files = self.get_contribution(contribution_id).files
                return item
        raise NotFoundError(f"no contribution {contribution_id} of this account")

    # -- analysis --------------------------------------------------------------------------

    def _select_named(
        self, name: str, bindings: Mapping[str, Identifier] | None = None
    ) -> list[dict[str, Identifier]]:
        return self.store.select(get_query(name).text, bindings)

    def network(self, flt: NetworkFilter, seed: int = 42) -> NetworkResult:
        """Cooperation graph of a subset with all measures (see analysis.explanations)."""
        return network_analysis(self._network_source().data, flt, seed)

    def network_graph(self, flt: NetworkFilter, kind: str = "cooperation") -> nx.Graph:
        """The cooperation, actor–network (bipartite) or Kommune graph of a subset."""
        return network_graph(self._network_source().data, flt, kind)

    def export_network(self, flt: NetworkFilter, fmt: str, kind: str = "cooperation") -> bytes:
        """A network as GEXF, GraphML or a zip of CSV node and edge lists."""
        return export_network(self.network_graph(flt, kind), fmt)

    def gap_analysis(
        self, kommune: str | None = None, life_phase: str | None = None,
        reference_date: date | None = None,
    ) -> GapReport:
        """Gap matrix, gaps with candidate partners, data quality and school supply."""
        return gap_analysis(self._select_page_cached, kommune, life_phase, reference_date)

    def report(self, kommune: str, fmt: str = "md", reference_date: date | None = None) -> str:
        """The Bildungsbericht section for a Kommune as Markdown or HTML."""
        data = load_network_data(self._select_named)
        gaps = gap_analysis(self._select_named, kommune, None, reference_date, data)
        report = Report(gaps, network_analysis(data, NetworkFilter(kommune=kommune)))
        return html_report(report) if fmt == "html" else markdown_report(report)

    def write_analysis_graph(self, flt: NetworkFilter, seed: int = 42) -> str:
        """Store the measures as graph/analysis/{hash}, replacing a previous run."""
        result = self.network(flt, seed)
        used = [g for g in self.store.graph_names() if not g.startswith(ANALYSIS_GRAPH_PREFIX)
                and (g == str(EXAMPLE_GRAPH) or g.startswith(CONTRIBUTION_GRAPH_PREFIX))]
        graph, triples = analysis_triples(result.parameters, result.measures, used, generated_now())
        self.store.replace_graph(graph, triples)
        return graph


    # -- kommune pages ---------------------------------------------------------------------

    def kommune_directory(
        self, text: str | None = None, gemeinden: bool = False
    ) -> list[tuple[Item, list[Item]]]:
        """Regierungsbezirke with their Kreise and kreisfreie Städte (``text`` filters by name,
        Gemeinden included; ``gemeinden`` lists each Kreis's Gemeinden after it)."""
        return kommune_directory(self.records.index(), text, gemeinden)

    def kommune_map(
        self, key: str, indicator: str = DEFAULT_INDICATOR, lang: str = "de"
    ) -> MapView:
        """Choropleth map of a Kommune's Gemeinden (NRW ``05``: the 53 Kreise) for an indicator
        of ``maps.INDICATORS``; NotFoundError for an unknown key."""
        if indicator not in INDICATORS:
            raise InvalidParameterError(
                f"Indikator {indicator!r} ist unbekannt / unknown indicator; "
                f"erlaubt / allowed: {', '.join(INDICATORS)}"
            )
        index = self.records.index()
        name = kommune_name(index, key)
        population = kommune_population(index)
        figures = {
            area: AreaFigures(
                offers=c["offers"], actors=c["actors"], cooperations=c["cooperations"],
                digital_offers=c["digital_offers"], population=population.get(area),
            )
            for area, c in kommune_counts(index).items()
        }
        boundaries = self._page_cached(
            ("boundaries",),
            lambda: boundaries_from_rows(self._select_named("page_kommune_boundaries")),
        )
        return build_map(key, name, boundaries, figures, indicator, lang)

    def gap_report(self, kommune: str | None = None, life_phase: str | None = None) -> GapReport:
        """``gap_analysis`` as of today for the pages, kept per store state; its queries (which
        read every offer, actor and cooperation) are kept too, so another Kommune's report is
        computed in memory. NotFoundError / InvalidParameterError as ``gap_analysis``."""
        return self._page_cached(
            ("gap-report", date.today(), kommune, life_phase),
            lambda: gap_analysis(self._select_page_cached, kommune, life_phase),
        )

    def _select_page_cached(
        self, name: str, bindings: Mapping[str, Identifier] | None = None
    ) -> list[dict[str, Identifier]]:
        key = ("rows", name, tuple(sorted((bindings or {}).items())))
        return self._page_cached(key, lambda: self._select_named(name, bindings))

    def _page_cached(self, key: tuple[object, ...], compute: Callable[[], Cached]) -> Cached:
        """``compute()`` once per store state and key (no lock: at worst computed twice)."""
        state = getattr(self.store, "generation", None)
        if state is None:
            return compute()
        cache = self._page_cache
        if cache.get("state") != state or len(cache) > PAGE_CACHE_ENTRIES:
            cache.clear()
            cache["state"] = state
        if key not in cache:
            cache[key] = compute()
        return cast(Cached, cache[key])

    @cached_property
    def _page_cache(self) -> dict[object, object]:
        return {}

    def kommune_heatmap(self, key: str, lang: str = "de") -> HeatmapView:
        """Offers by life phase × topic in a Kommune (a Kreis with its Gemeinden; ``05``: NRW);
        NotFoundError for unknown keys and Regierungsbezirke (the analysis has no such level)."""
        name = kommune_name(self.records.index(), key)
        report = self.gap_report(None if key == NRW_KEY else key)
        choices = self.kommune_filter_choices(lang)
        return build_heatmap(
            key, name, report.heatmap, choices["life_phase"], choices["topic"], lang
        )

    def kommune_filter_choices(self, lang: str = "de") -> dict[str, list[tuple[str, str]]]:
        """(slug, label) of the actor types, life phases (in the order of the education chain)
        and topics, for the filters of the Kommune pages."""
        choices = {}
        for name, scheme in (
            ("actor_type", "actor-type"), ("life_phase", "life-phase"), ("topic", "topic")
        ):
            concepts = self.records.scheme(scheme, lang)["concepts"]
            if name == "life_phase":
                concepts.sort(key=lambda c: (c["notation"] or "", c["id"]))
            else:
                concepts.sort(key=lambda c: fold(c["label"]))
            choices[name] = [(c["id"], c["label"]) for c in concepts]
        return choices

    # -- network pages ---------------------------------------------------------------------

    network_view_max_nodes: int = config.Settings.network_view_max_nodes

    @cached_property
    def _network_cache(self) -> NetworkCache:
        return NetworkCache(lambda: load_source(self._select_named))

    def _network_source(self) -> NetworkSource:
        """Actors, ties and filter concepts, read once per store state."""
        return self._network_cache.source(getattr(self.store, "generation", None))

    def network_filter(
        self, kommune: str | None = None, actor_type: str | None = None,
        topic: str | None = None, life_phase: str | None = None,
        programme: str | None = None, as_of: str | None = None,
    ) -> NetworkFilter:
        """A filter from a page's query values (Kommune key, concept slugs, ISO date; empty
        = none; ``05`` = all of NRW); InvalidParameterError for unknown values."""
        return parse_filter(
            self._network_source(), kommune, actor_type, topic, life_phase, programme, as_of
        )

    def network_choices(self, lang: str = "de") -> NetworkChoices:
        """Kommunen, concepts and view options of the network filter form."""
        return network_choices(self._network_source(), lang)

    def network_view(
        self, flt: NetworkFilter, colour_by: str = "actor_type", size_by: str | None = "degree",
        group_by: str = "kommune", max_nodes: int | None = None, lang: str = "de",
        community: int | None = None,
    ) -> NetworkView:
        """The network view of a subset; above ``max_nodes`` (default
        ``Settings.network_view_max_nodes``) aggregated by Kommune, actor type or community.
        ``community`` keeps one community of an aggregated view (its expand parameter)."""
        settings = ViewSettings(
            colour_by, size_by, group_by, max_nodes or self.network_view_max_nodes, lang
        )
        return self._network_cache.view(
            getattr(self.store, "generation", None), ("network", flt, settings, community),
            lambda source: network_view_for(source, flt, settings, community),
        )

    def ego_view(
        self, kennung: str, radius: int = 1, lang: str = "de", max_nodes: int | None = None
    ) -> NetworkView:
        """An actor with its partners 1 or 2 steps away; NotFoundError for an unknown actor."""
        settings = ViewSettings(max_nodes=max_nodes or self.network_view_max_nodes, lang=lang)
        return self._network_cache.view(
            getattr(self.store, "generation", None), ("ego", kennung, radius, settings),
            lambda source: ego_view_for(source, kennung, radius, settings),
        )

    # -- actor pages -----------------------------------------------------------------------

    @cached_property
    def _record_search(self) -> RecordSearch:
        return RecordSearch(self.records)

    def search(
        self, query: str, kind: str | None = None, *, lang: str = "de", page: int = 1,
        page_size: int = 20,
    ) -> SearchResult:
        """Actors, offers and Kommunen matching ``query``, names first (records.search);
        InvalidParameterError for a text over 200 characters or an unknown ``kind``."""
        return self._record_search.search(query, kind, lang=lang, page=page, page_size=page_size)

    def actor_page(self, kennung: str, lang: str = "de") -> ActorPage:
        """An actor with its offers, cooperations and memberships, its network measures
        within its Kreis and the provenance of its data; NotFoundError for unknown actors."""
        details = actor_details(self.records.index(), kennung, lang)
        measures = None
        if details.kreis is not None:
            key = details.kreis["key"]
            measures = actor_measures(self._kreis_measures(key), details.iri, key, lang)
        return ActorPage(details, measures, record_provenance(self.store, details.iri))

    def _kreis_measures(self, key: str) -> GraphMeasures:
        """The measures of a Kreis's cooperation graph, kept per store state."""
        return self._page_cached(
            ("kreis-measures", key),
            lambda: network_analysis(
                self._network_source().data, NetworkFilter(kommune=key)
            ).measures,
        )


@dataclass
class ActorPage:
    """What the actor page shows (see ``BildungsGraph.actor_page``)."""

    details: ActorDetails
    measures: ActorMeasures | None
    provenance: list[Provenance]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "data"


def _local_name(iri: Identifier) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _contribution_info(row: Mapping[str, Identifier]) -> ContributionInfo:
    graph = str(row["contribution"])
    return ContributionInfo(
        id=graph.removeprefix(CONTRIBUTION_GRAPH_PREFIX),
        graph=graph,
        title=str(row["title"]) if "title" in row else None,
        contributor=str(row["contributor"]),
        contributor_name=str(row["contributor_name"]) if "contributor_name" in row else None,
        generated=str(row["generated"]),
    )
