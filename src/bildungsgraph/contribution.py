"""The contribution pipeline: read files, validate them, make them one named graph.

    files ──read_contribution──▶ records ──validate (shapes + vocabularies + the store's
    descriptions of what the records point to)──▶ report ──no Violation──▶ one named graph
    with the records and their provenance (``contribution_graph``), which the service writes
    in one transaction.

Validation looks only at the contribution and the resources it references, so its cost depends
on the size of the contribution, not on the size of the store.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
import weakref
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from .accounts import Account
from .errors import ValidationError
from .folding import slugify, transliterate
from .ingest import MappedContribution, read_contribution
from .ingest.values import SchoolList, checking_schools_against
from .namespaces import (
    BG,
    DCT,
    ID,
    PROV,
    SCHEMA,
    SCHOOLS_GRAPH,
    contribution_graph_iri,
    graph_iri,
)
from .ownership import claim_problems
from .queries import get_query
from .shapes import Problem, ValidationReport
from .store import GraphStore
from .validation import load_validation_context_static, referenced_iris, validate_contribution
from .workers import SpawnedWorkers

CONTEXT_PREDICATES = (str(RDF.type), str(SKOS.inScheme))
APART_FROM_TRIPLES = 2_000  # about 150 rows; smaller ones validate quicker than a trip costs
VALIDATION_WORKERS = 2
_validators = SpawnedWorkers(VALIDATION_WORKERS)
LOG = logging.getLogger(__name__)
WITHDRAWN_GRAPH_PREFIX = str(graph_iri("withdrawn")) + "/"


@dataclass(frozen=True)
class Contributor:
    """Who contributes: a Bildungsbüro, an account, an import job."""

    name: str
    slug: str

    @classmethod
    def named(cls, name: str) -> Contributor:
        """A contributor whose IRI slug is derived from the name. Letters without an ASCII
        spelling (Cyrillic, Greek, …) drop out of the slug, so a short hash of the name keeps
        two such names from sharing one IRI."""
        slug = slugify(name, limit=80, fallback="unbekannt")
        if any(ch.isalpha() and not ch.isascii() for ch in transliterate(name)):
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
            slug = f"{slug[:71].strip('-')}-{digest}"
        return cls(name=name, slug=slug)

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ID}contributor/{self.slug}")


@dataclass
class ContributionOutcome:
    """What happened to a contribution: its report and, if stored, where."""

    report: ValidationReport
    graph: str | None = None
    stored: bool = False
    duplicate_of: str | None = None
    verified_at: str | None = None  # the duplicate's bg:lastVerified, set by this submission
    triples: int = 0
    files: list[str] = field(default_factory=list)


_school_lists: weakref.WeakKeyDictionary[GraphStore, tuple[str, SchoolList]] = (
    weakref.WeakKeyDictionary()
)


def official_schools(store: GraphStore) -> SchoolList | None:
    """The school list of the store (an update may have changed it since the shipped one),
    read once per store state; None for a store without one (then the shipped list holds)."""
    if not store.has_graph(str(SCHOOLS_GRAPH)):
        return None
    state = store.state
    known = _school_lists.get(store)
    if known is None or known[0] != state:
        rows = store.select(get_query("official_school_numbers").text)
        known = (
            state,
            SchoolList(
                numbers=frozenset(str(r["number"]) for r in rows if "closed" not in r),
                closed={str(r["number"]): str(r["closed"]) for r in rows if "closed" in r},
            ),
        )
        _school_lists[store] = known
    return known[1]


def check_files(
    store: GraphStore, files: Sequence[tuple[str, bytes]], *, max_rows: int | None = None
) -> tuple[MappedContribution, ValidationReport]:
    """Read and validate files against the shapes and the store; nothing is written.

    SHACL of a contribution of ``APART_FROM_TRIPLES`` or more runs in a worker process: it
    holds the interpreter lock for seconds, which would slow down every other request of this
    process (another account's small dry run took 3x as long). Reading stays here, where its
    limits and its cancellation apply; pickling the records costs about a twentieth of SHACL.
    """
    with checking_schools_against(official_schools(store)):
        mapped = read_contribution(files, max_rows=max_rows)
    described = store.describe_resources(referenced_iris(mapped.graph), CONTEXT_PREDICATES)
    if len(mapped.graph) >= APART_FROM_TRIPLES:
        try:
            return mapped, _validators.run(validate_read, mapped, described)
        except BrokenProcessPool:  # a worker was killed: the next upload starts new ones
            LOG.warning("a validation worker died; validating in the server process")
    return mapped, validate_read(mapped, described)


def validate_read(mapped: MappedContribution, described: Graph) -> ValidationReport:
    """Validate read records against the shapes, the ontology, the vocabularies and
    ``described`` (the store's types of the resources the records point to)."""
    context = Graph()
    context += load_validation_context_static()
    context += described
    return validate_contribution(mapped, context)


def review(
    store: GraphStore,
    files: Sequence[tuple[str, bytes]],
    *,
    max_rows: int | None = None,
    scope: Account | None = None,
    contributor: Contributor | None = None,
    graph: str | None = None,
) -> tuple[MappedContribution, ValidationReport]:
    """Read and validate ``files``, then check what they claim (see ``ownership``): a record
    held by another graph is a Violation, and with a ``scope`` so is a record outside the
    account's Kommunen (one per record). ``graph``: the contribution being replaced, whose
    records are the upload's own. Nothing is written."""
    mapped, report = check_files(store, files, max_rows=max_rows)
    if mapped.graph:
        report.problems.extend(claims(store, mapped, scope, contributor, graph))
    return mapped, report


def claims(
    store: GraphStore,
    mapped: MappedContribution,
    scope: Account | None,
    contributor: Contributor | None,
    graph: str | None,
) -> list[Problem]:
    """The ownership and scope Violations of a read contribution: cheap (store look-ups per
    record, no SHACL), so it runs again right before the write. Files identical to a stored
    contribution's are that contribution again, not a claim on its records."""
    own = graph or find_duplicate(store, sorted(info.sha256 for info in mapped.files))
    return claim_problems(
        store,
        mapped,
        own=[own] if own else [],
        scope=scope,
        contributor=str(contributor.iri) if contributor else None,
    )


def target_graph(
    store: GraphStore, mapped: MappedContribution, graph: str | None
) -> tuple[str, str | None]:
    """(the graph to write, None) — or (the stored graph, the same) when files identical to
    those of a stored contribution arrive again. ``graph`` replaces that named graph (a new
    version of a contribution, or the example data); by default a graph is minted."""
    if graph is not None:
        return graph, None
    duplicate = find_duplicate(store, sorted(info.sha256 for info in mapped.files))
    if duplicate is not None:
        return duplicate, duplicate
    return str(contribution_graph_iri(uuid.uuid4().hex)), None


def contribution_graph(
    graph: str,
    mapped: MappedContribution,
    contributor: Contributor,
    title: str | None = None,
    description: str | None = None,
) -> Graph:
    """The triples of a contribution's named graph: its records and their provenance."""
    triples = Graph()
    triples += mapped.graph
    triples += provenance(URIRef(graph), mapped, contributor, title, description)
    return triples


def require_conforming(outcome: ContributionOutcome) -> ContributionOutcome:
    """Raise ValidationError when a contribution was refused."""
    if not outcome.report.conforms:
        raise ValidationError(
            f"{len(outcome.report.violations)} violation(s); nothing was stored", outcome.report
        )
    return outcome


def provenance(
    graph: URIRef,
    mapped: MappedContribution,
    contributor: Contributor,
    title: str | None,
    description: str | None,
) -> Graph:
    """The PROV-O description of a contribution, stored inside its own named graph."""
    now = Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=XSD.dateTime)
    activity = URIRef(f"{graph}#activity")
    prov = Graph()
    prov.add((graph, RDF.type, BG.Contribution))
    prov.add((graph, RDF.type, PROV.Entity))
    prov.add((graph, PROV.generatedAtTime, now))
    prov.add((graph, BG.lastVerified, now))  # moves on when the same files come again
    prov.add((graph, PROV.wasAttributedTo, contributor.iri))
    prov.add((graph, PROV.wasGeneratedBy, activity))
    if title:
        prov.add((graph, DCT.title, Literal(title)))
    if description:
        prov.add((graph, DCT.description, Literal(description)))
    prov.add((activity, RDF.type, BG.ContributionActivity))
    prov.add((activity, PROV.endedAtTime, now))
    prov.add((activity, PROV.wasAssociatedWith, contributor.iri))
    prov.add((contributor.iri, RDF.type, BG.Contributor))
    prov.add((contributor.iri, SCHEMA.name, Literal(contributor.name)))
    for info in mapped.files:
        file_iri = URIRef(f"{ID}file/{info.sha256}")
        prov.add((graph, PROV.wasDerivedFrom, file_iri))
        prov.add((activity, PROV.used, file_iri))
        prov.add((file_iri, RDF.type, BG.SourceFile))
        prov.add((file_iri, DCT.title, Literal(info.name)))
        prov.add((file_iri, BG.sha256, Literal(info.sha256)))
        prov.add((file_iri, DCT["format"], Literal(info.media_type)))
        if info.row_count is not None:
            prov.add((file_iri, BG.rowCount, Literal(info.row_count)))
    return prov


def withdrawn_graph_iri(graph: str) -> str:
    """Where the record of a withdrawal is kept: ``graph/withdrawn/{id}``."""
    return WITHDRAWN_GRAPH_PREFIX + graph.rsplit("/", 1)[-1]


def withdraw(store: GraphStore, graph: str, removed: Graph, by: Contributor | None = None) -> None:
    """Remove a contribution graph and record the withdrawal, in one transaction.

    ``removed`` is what the graph holds (read by the caller, who keeps it for undo). The
    record (in ``graph/withdrawn/{id}``) keeps the contribution's provenance and adds
    ``prov:invalidatedAtTime``, so an export of the history stays complete.
    """
    subject = URIRef(graph)
    now = Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=XSD.dateTime)
    activity = URIRef(f"{graph}#withdrawal")
    record = Graph()
    for triple in removed.triples((subject, None, None)):
        record.add(triple)
    for file_iri in removed.objects(subject, PROV.wasDerivedFrom):
        for triple in removed.triples((file_iri, None, None)):
            record.add(triple)
    record.add((subject, PROV.invalidatedAtTime, now))
    record.add((subject, PROV.wasInvalidatedBy, activity))
    record.add((activity, RDF.type, PROV.Activity))
    record.add((activity, PROV.endedAtTime, now))
    if by is not None:
        record.add((activity, PROV.wasAssociatedWith, by.iri))
        record.add((by.iri, SCHEMA.name, Literal(by.name)))
    store.replace_graphs({graph: [], withdrawn_graph_iri(graph): record})


def restore(store: GraphStore, graph: str, triples: Graph) -> int:
    """Undo a withdrawal: the triples return and the withdrawal record goes, atomically."""
    return store.replace_graphs({graph: triples, withdrawn_graph_iri(graph): []})[graph]


def find_duplicate(store: GraphStore, hashes: list[str]) -> str | None:
    """The contribution graph whose source files have exactly these hashes, if any."""
    rows = store.select(get_query("contribution_hashes").text)
    by_graph: dict[str, list[str]] = {}
    for row in rows:
        by_graph.setdefault(str(row["contribution"]), []).append(str(row["sha256"]))
    for name, graph_hashes in by_graph.items():
        if sorted(graph_hashes) == hashes:
            return name
    return None
