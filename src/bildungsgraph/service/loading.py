"""Loading: the ontology, shapes and vocabularies, the reference data, the example landscape,
and RDF files as they are — each a write through the GraphWriter."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from .. import config
from ..contacts.model import PERSONAL_PREDICATES
from ..contribution import ContributionOutcome
from ..errors import IngestError
from ..folding import slugify
from ..namespaces import BG, EXAMPLE_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH, graph_iri, vocab_graph_iri
from ..queries import get_query
from ..reference import REFERENCE_GRAPHS
from ..reference.metadata import ISSUED as SHIPPED_ISSUED
from ..store import GraphStore
from ..store.files import states_terms
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

    def __init__(
        self, store: GraphStore, writer: GraphWriter, contributions: Contributions
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
        """Load the official NRW reference data (Kommunen, population, schools); a list that
        ``reference update`` replaced by one issued after the shipped data is kept."""
        kept = self.updated_reference()
        files = {g: p for g, p in reference_files().items() if g not in kept}
        return self.load_files(files, progress)

    def updated_reference(self) -> dict[str, str]:
        """Reference graph → its issue date, for the graphs issued after the shipped data."""
        rows = self.store.select(get_query("reference_issued").text)
        return {
            str(row["graph"]): str(row["latest"])
            for row in rows
            if str(row["latest"]) > SHIPPED_ISSUED.isoformat()
        }

    def load_example(
        self, progress: Progress | None = None, directory: Path | None = None
    ) -> ContributionOutcome:
        """Load the invented example landscape (the CSV files of ``directory``, default the
        shipped ones; tests pass a cut of them) through the contribution pipeline."""
        if progress:
            progress(str(EXAMPLE_GRAPH))
        source = directory or config.EXAMPLE_DIR
        files = [(path.name, path.read_bytes()) for path in sorted(source.glob("*.csv"))]
        return self.contributions.contribute(
            files,
            EXAMPLE_CONTRIBUTOR,
            title=EXAMPLE_TITLE,
            description=EXAMPLE_DESCRIPTION,
            graph=str(EXAMPLE_GRAPH),
        )

    def load_all(self, progress: Progress | None = None) -> ContributionOutcome:
        """Schema, reference data and example data; returns the example's outcome."""
        self.load_schema(progress)
        self.load_reference(progress)
        return self.load_example(progress)

    def fill_if_empty(self) -> bool:
        """Load everything (``load_all``) into an empty store; whether it did. The check and
        the load hold the write lock, so of several web processes starting on one new remote
        store only the first loads."""
        with self.writer.lock:
            if self.store.graph_names():
                return False
            self.load_all()
            return True

    def import_rdf(self, path: Path, graph: str | None = None) -> str | None:
        """Load an RDF file as it is, without validation (for administrators and researchers).

        Quads (N-Quads, TriG) keep their graphs; the triples of a triple format replace the
        named graph ``graph`` (default ``graph/import/{file stem}``), which is returned.
        JSON-LD remote contexts are never fetched. Files that describe contact persons are
        refused: those are personal data, kept only in the protected contacts store.
        """
        refuse_personal_data(path)
        if path.suffix.lower() in (".nq", ".nquads", ".trig"):
            self.writer.write_anything(lambda: self.store.bulk_load(path))
            return None
        target = graph or str(graph_iri("import", _file_slug(path.stem)))

        def replace() -> None:
            if self.store.has_graph(target):
                self.store.drop_graph(target)
            self.store.bulk_load(path, target)

        self.writer.write([target], replace)
        return target


def refuse_personal_data(path: Path) -> None:
    """Raise IngestError when the file describes contact persons: personal data is kept in
    the protected contacts store only, never in the public graph."""
    if states_terms(path, [str(BG.ContactPerson)], [str(p) for p in PERSONAL_PREDICATES]):
        raise IngestError(
            f"{path.name}: Die Datei beschreibt Ansprechpersonen (bg:ContactPerson). Das sind "
            "personenbezogene Daten; sie werden nie in den öffentlichen Graphen geladen, sondern "
            "nur mit der Vorlage „ansprechpartner“ eines Beitrags angenommen. Nichts wurde "
            "geladen. / The file describes contact persons (bg:ContactPerson): personal data "
            "is never loaded into the public graph, only accepted through the template "
            "'ansprechpartner' of a contribution. Nothing was loaded."
        )


def _file_slug(stem: str) -> str:
    """The IRI segment for a file: as written (case, ``._-`` kept), umlauts spelled out."""
    return slugify(stem, keep="._-", lowercase=False, fallback="data")
