"""Loading: the ontology, shapes and vocabularies, the reference data, the example landscape,
and RDF files as they are — each a write through the GraphWriter."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from .. import config
from ..contribution import ContributionOutcome
from ..namespaces import EXAMPLE_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH, graph_iri, vocab_graph_iri
from ..reference import REFERENCE_GRAPHS
from ..store import GraphStore
from .contributions import Contributions
from .writes import GraphWriter

Progress = Callable[[str], None]
EXAMPLE_CONTRIBUTOR = "bildungsgraph-Beispieldaten (erfunden)"
EXAMPLE_TITLE = "Erfundene Beispiel-Bildungslandschaft Krefeld und Kreis Viersen"
EXAMPLE_DESCRIPTION = (
    "Erfundene Beispieldaten, keine echten Einrichtungen oder Angebote: erzeugt mit dem "
    "bildungsgraph-Generator (Saat 42) zum Ausprobieren und Testen. "
    "Invented example data, no real organisations or offers."
)


def schema_files() -> dict[str, Path]:
    """Named graph → file for the ontology, the shapes and every vocabulary."""
    files = {
        str(ONTOLOGY_GRAPH): config.require_file(config.ONTOLOGY_FILE),
        str(SHAPES_GRAPH): config.require_file(config.SHAPES_FILE),
    }
    for path in sorted(config.VOCAB_DIR.glob("*.ttl")):
        files[str(vocab_graph_iri(path.stem))] = path
    return files


def reference_files() -> dict[str, Path]:
    """Named graph → file for the official NRW reference data."""
    return {str(graph): config.require_file(path) for graph, path in REFERENCE_GRAPHS.items()}


class Loading:
    """Fills the store with the shipped data or with RDF files."""

    def __init__(self, store: GraphStore, writer: GraphWriter, contributions: Contributions
                 ) -> None:
        self.store = store
        self.writer = writer
        self.contributions = contributions

    def steps(self) -> list[str]:
        """The named graphs ``load_all`` writes, in order (for progress bars)."""
        return [*schema_files(), *reference_files(), str(EXAMPLE_GRAPH)]

    def load_files(
        self, files: Mapping[str, Path], progress: Progress | None = None
    ) -> dict[str, int]:
        """Replace each named graph by the content of its file, one transaction per graph."""
        def load() -> dict[str, int]:
            counts: dict[str, int] = {}
            for graph, path in files.items():
                if progress:
                    progress(graph)
                counts[graph] = self.store.replace_graph_from_file(graph, path)
            return counts

        return self.writer.write(files.keys(), load)

    def load_schema(self, progress: Progress | None = None) -> dict[str, int]:
        """Load the ontology, the shapes and the vocabularies."""
        return self.load_files(schema_files(), progress)

    def load_reference(self, progress: Progress | None = None) -> dict[str, int]:
        """Load the official NRW reference data (Kommunen, population, schools)."""
        return self.load_files(reference_files(), progress)

    def load_example(self, progress: Progress | None = None) -> ContributionOutcome:
        """Load the invented example landscape through the contribution pipeline."""
        if progress:
            progress(str(EXAMPLE_GRAPH))
        files = [
            (path.name, path.read_bytes()) for path in sorted(config.EXAMPLE_DIR.glob("*.csv"))
        ]
        return self.contributions.contribute(
            files, EXAMPLE_CONTRIBUTOR, title=EXAMPLE_TITLE, description=EXAMPLE_DESCRIPTION,
            graph=str(EXAMPLE_GRAPH),
        )

    def load_all(self, progress: Progress | None = None) -> ContributionOutcome:
        """Schema, reference data and example data; returns the example's outcome."""
        self.load_schema(progress)
        self.load_reference(progress)
        return self.load_example(progress)

    def is_empty(self) -> bool:
        return not self.store.graph_names()

    def import_rdf(self, path: Path, graph: str | None = None) -> str | None:
        """Load an RDF file as it is, without validation (for administrators and researchers).

        Quads (N-Quads, TriG) keep their graphs; the triples of a triple format replace the
        named graph ``graph`` (default ``graph/import/{file stem}``), which is returned.
        JSON-LD remote contexts are never fetched.
        """
        if path.suffix.lower() in (".nq", ".nquads", ".trig"):
            self.writer.write_anything(lambda: self.store.bulk_load(path))
            return None
        target = graph or str(graph_iri("import", _slug(path.stem)))

        def replace() -> None:
            if self.store.has_graph(target):
                self.store.drop_graph(target)
            self.store.bulk_load(path, target)

        self.writer.write([target], replace)
        return target


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "data"
