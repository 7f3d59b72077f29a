"""Where a record's data comes from: the named graphs that describe it or its sites
(``page_actor_graphs.rq``) and what those graphs say about themselves (contribution,
contributor, time, licence, source files)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from ..queries import get_query
from ..store import GraphStore
from .resource import source_graphs
from .terms import Labels


@dataclass
class SourceFile:
    name: str
    rows: int | None
    sha256: str


@dataclass
class Provenance:
    """A named graph that describes the actor, with what it says about its origin."""

    graph: str
    href: str  # the graph's Linked Data page
    title: Labels
    contributor: str | None  # the contributor's name (or IRI)
    contributor_href: str | None
    generated: str | None
    license: str | None
    attribution: list[str]
    files: list[SourceFile] = field(default_factory=list)


def record_provenance(store: GraphStore, iri: str) -> list[Provenance]:
    """The named graphs describing the record or its sites, with contributor and files."""
    rows = store.select(get_query("page_actor_graphs").text, {"actor": URIRef(iri)})
    graphs = sorted({str(row["graph"]) for row in rows})
    result = []
    for source in source_graphs(store, graphs):
        contributor = source.contributor
        files = store.select(
            get_query("contribution_files").text, {"contribution": URIRef(source.iri)}
        )
        result.append(
            Provenance(
                graph=source.iri,
                href=source.href,
                title=source.title,
                contributor=contributor.label("de") if contributor else None,
                contributor_href=contributor.href if contributor else None,
                generated=source.generated,
                license=source.license,
                attribution=source.attribution,
                files=[
                    SourceFile(
                        str(row.get("name", "")),
                        int(row["rows"]) if "rows" in row else None,
                        str(row["sha256"]),
                    )
                    for row in files
                ],
            )
        )
    return result
