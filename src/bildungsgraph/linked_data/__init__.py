"""Linked Data: dereferencing the project's IRIs, the ontology documentation, VoID and dumps.

Everything here works on a ``GraphStore`` and returns rdflib graphs or plain dataclasses;
the web layer only chooses a representation (``negotiation``) and renders.
"""

from .documents import GraphDescription, describe_named_graph, document_graph, require_graph
from .dumps import DUMP_FILES, DumpCache, DumpFile, write_dump
from .negotiation import (
    HTML,
    RDF_REPRESENTATIONS,
    REPRESENTATIONS,
    Representation,
    choose_representation,
    representation_for_format,
)
from .ontology_doc import (
    OntologyDocumentation,
    SchemeDoc,
    ontology_documentation,
    scheme_documentation,
)
from .provenance import Provenance, SourceFile, record_provenance
from .resource import ResourceDescription, describe_resource, resource_graph
from .serialization import serialize
from .void import void_description

__all__ = [
    "DUMP_FILES",
    "HTML",
    "RDF_REPRESENTATIONS",
    "REPRESENTATIONS",
    "DumpCache",
    "DumpFile",
    "GraphDescription",
    "OntologyDocumentation",
    "Provenance",
    "Representation",
    "ResourceDescription",
    "SchemeDoc",
    "SourceFile",
    "choose_representation",
    "describe_named_graph",
    "describe_resource",
    "document_graph",
    "ontology_documentation",
    "record_provenance",
    "representation_for_format",
    "require_graph",
    "resource_graph",
    "scheme_documentation",
    "serialize",
    "void_description",
    "write_dump",
]
