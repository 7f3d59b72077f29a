"""Linked Data: descriptions of resources and named graphs, the ontology and vocabulary
documentation, VoID, and the dump files (generated once per store state)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from .. import linked_data
from ..errors import NotFoundError
from ..store import DumpFormat, GraphStore


class LinkedData:
    """What every minted IRI dereferences to, and the whole graph as files."""

    def __init__(self, store: GraphStore, dumps_directory: Path) -> None:
        self.store = store
        self.dumps = linked_data.DumpCache(store, dumps_directory)

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

    def provenance(self, iri: str) -> list[linked_data.Provenance]:
        """The named graphs describing a record or its sites, with contributor and files."""
        return linked_data.record_provenance(self.store, iri)

    def void_description(self) -> Graph:
        """The VoID description: sizes per graph and class, dumps, licences, attribution."""
        return linked_data.void_description(self.store)

    def dump_file(self, name: str) -> linked_data.DumpFile:
        """A dump file (``bildungsgraph.nq.gz``, ...), generated once per store state."""
        return self.dumps.get(name)

    def write_dump(self, name: str, path: Path) -> None:
        """Write a dump file (``bildungsgraph.nq.gz``, ..., ``void.ttl``) to ``path``."""
        linked_data.write_dump(self.store, name, path)

    def export(self, output: BinaryIO, fmt: DumpFormat) -> None:
        """The whole graph in one format (``nq``, ``trig`` and ``jsonld`` keep the graphs)."""
        self.store.dump(output, fmt)
