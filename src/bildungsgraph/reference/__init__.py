"""Official reference data for NRW as RDF: Kommunen, population, schools.

The committed Turtle files in ``data/reference/rdf/`` are loaded into the named graphs of
:data:`REFERENCE_GRAPHS`. Rebuild them with ``python -m bildungsgraph.reference``
(see :func:`build_reference` and ``data/README.md``).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from .build import RDF_DIR, build_reference
from .errors import ReferenceDataError
from .load import load_sources
from .metadata import DATASETS

__all__ = [
    "RDF_DIR",
    "REFERENCE_GRAPHS",
    "ReferenceDataError",
    "build_reference",
    "load_sources",
]

#: Named graph IRI → committed Turtle file.
REFERENCE_GRAPHS: dict[URIRef, Path] = {info.iri: RDF_DIR / info.file_name for info in DATASETS}
