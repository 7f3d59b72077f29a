"""BildungsGraph: the one service every face (CLI, REST, HTML, SPARQL) calls.

Its methods take and return plain values and dataclasses; none of them sees a request, a
template or a command-line context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rdflib import URIRef
from rdflib.term import Identifier

from . import config
from .contribution import ContributionOutcome, Contributor, check_files, contribute
from .errors import NotFoundError
from .ingest import write_templates
from .namespaces import (
    CONTRIBUTION_GRAPH_PREFIX,
    EXAMPLE_GRAPH,
    ONTOLOGY_GRAPH,
    SHAPES_GRAPH,
    contribution_graph_iri,
    vocab_graph_iri,
)
from .queries import get_query
from .reference import REFERENCE_GRAPHS
from .store import DumpFormat, GraphStore, QueryResult, open_store
from .validation import ValidationReport

Progress = Callable[[str], None]

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

    @classmethod
    def open(cls, settings: config.Settings) -> BildungsGraph:
        """Open the embedded store named by the settings."""
        return cls(open_store(settings.store_path))

    def close(self) -> None:
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
        return contribute(
            self.store, files, Contributor.named(contributor), title=title, dry_run=dry_run
        )

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

    def withdraw(self, contribution_id: str) -> None:
        """Remove a contribution, exactly its triples."""
        self.store.drop_graph(self._contribution_graph(contribution_id))

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

    def write_templates(self, directory: Path) -> list[Path]:
        """Write the contribution templates (CSV and .xlsx) generated from the shapes."""
        return write_templates(directory)


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
