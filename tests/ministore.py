"""A one-Kreis mini store: the shipped data cut to Kreis Viersen, loaded the usual way.

The schema (ontology, shapes, vocabularies) stays whole. The reference graphs keep NRW, the
Regierungsbezirk Düsseldorf, the Kreis and its Gemeinden with what lies in them (population,
schools, boundaries); the example landscape keeps the rows of the Kreis whose every reference
is kept. The cut is written to files and loaded by ``Loading`` exactly like the shipped data,
so tests on it run the real loading, validation and read model on a few thousand triples.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from bildungsgraph import config
from bildungsgraph.namespaces import KOMMUNEN_GRAPH, SCHOOLS_GRAPH, kommune_iri
from bildungsgraph.reference import REFERENCE_GRAPHS
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

MINI_KREIS = "05166"  # Kreis Viersen
MINI_BEZIRK = "051"  # Regierungsbezirk Düsseldorf
MINI_LAND = "05"
MINI_GEMEINDE = "05166032"  # Stadt Viersen, the Kreisstadt: the example rows kept lie there

# Every subject of a reference graph that is the graph's own description or lies in the kept
# units (itself, by bg:refArea, by its site's bg:municipality), with its blank nodes (geometry,
# time span) two levels deep. The IRIs are constants of this module, never user text.
_CUT = Template("""
PREFIX bg: <https://w3id.org/bildungsgraph/ontology#>
CONSTRUCT { ?s ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 }
WHERE {
  {
    { VALUES ?unit { <$land> <$bezirk> <$kreis> } }
    UNION
    { GRAPH <$kommunen> { ?unit bg:parentUnit <$kreis> } }
    GRAPH <$graph> { ?s (bg:refArea|bg:municipality|bg:hasSite/bg:municipality)? ?unit }
  }
  UNION
  { BIND(<$graph> AS ?s) }
  GRAPH <$graph> {
    ?s ?p ?o
    OPTIONAL { ?o ?p2 ?o2 FILTER(isBlank(?o)) OPTIONAL { ?o2 ?p3 ?o3 FILTER(isBlank(?o2)) } }
  }
}
""")

_SCHOOL = re.compile(r"school-\d+")
_KOMMUNE_KEY = re.compile(r"05\d{3}(\d{3})?")


def cut_reference(target: Path) -> dict[str, Path]:
    """The reference graphs cut to the Kreis, as N-Triples files in ``target``: graph → file."""
    target.mkdir(parents=True, exist_ok=True)
    whole = open_store(None)
    for graph, path in REFERENCE_GRAPHS.items():
        whole.bulk_load(path, str(graph))
    units = {
        "land": kommune_iri(MINI_LAND),
        "bezirk": kommune_iri(MINI_BEZIRK),
        "kreis": kommune_iri(MINI_KREIS),
        "kommunen": KOMMUNEN_GRAPH,
    }
    files: dict[str, Path] = {}
    for graph, path in REFERENCE_GRAPHS.items():
        cut = whole.construct(_CUT.substitute(graph=graph, **units))
        files[str(graph)] = target / f"{path.stem}.nt"
        cut.serialize(files[str(graph)], format="nt", encoding="utf-8")
    whole.close()
    return files


def cut_example(target: Path, schools: Path) -> Path:
    """The example landscape's CSV files cut to the Kreis, in ``target``.

    A row stays when its Kennung belongs to the Kreis and every Kennung, school and Kommune
    key it names stays too (repeated until nothing changes, so no row points at a cut one).
    """
    target.mkdir(parents=True, exist_ok=True)
    kept_schools = set(_SCHOOL.findall(schools.read_text(encoding="utf-8")))
    tables = {
        path.name: list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        for path in sorted(config.EXAMPLE_DIR.glob("*.csv"))
    }
    everything = {row[0] for rows in tables.values() for row in rows[1:]}
    kept = {kennung for kennung in everything if kennung.startswith(f"{MINI_KREIS}-")}

    def stays(token: str) -> bool:
        if token in everything:
            return token in kept
        if _SCHOOL.fullmatch(token):
            return token in kept_schools
        if _KOMMUNE_KEY.fullmatch(token):
            return token in (MINI_KREIS, MINI_GEMEINDE)
        return True

    changed = True
    while changed:
        changed = False
        for rows in tables.values():
            for row in rows[1:]:
                if row[0] in kept and not all(
                    stays(token.strip()) for cell in row[1:] for token in cell.split("|")
                ):
                    kept.discard(row[0])
                    changed = True
    for name, rows in tables.items():
        with (target / name).open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, lineterminator="\n").writerows(
                [rows[0], *(row for row in rows[1:] if row[0] in kept)]
            )
    return target


@dataclass(frozen=True)
class MiniCut:
    """The cut input files: reference graph → N-Triples file, and the example's directory."""

    reference: dict[str, Path]
    example: Path


def cut(work: Path) -> MiniCut:
    """The shipped data cut to the Kreis, written below ``work``."""
    reference = cut_reference(work / "reference")
    return MiniCut(reference, cut_example(work / "example", reference[str(SCHOOLS_GRAPH)]))


def build_mini_store(path: Path, files: MiniCut) -> Path:
    """A closed store at ``path`` with the schema and the cut reference data and example
    landscape, and its saved read model."""
    service = BildungsGraph(open_store(path))
    service.loading.load_schema()
    service.loading.load_files(files.reference)
    outcome = service.loading.load_example(directory=files.example)
    assert outcome.stored, outcome.report.to_text("en")
    service.readmodel.current()
    service.close()  # saves the read model beside the store
    return path
